"""The holes found by the second security round (issue 12), one test each; each fails on
the code before its fix."""

import pytest
from django.urls import reverse

from staff.url_matrix import GET, ROLES
from tests.test_permission_matrix import urls  # noqa: F401 (a fixture: every URL, with args)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_signed_in_pages_are_never_cached(login, people, urls, role):  # noqa: F811
    """A shared clinic computer's browser must not keep a chart in its cache."""
    client = login(people[role])
    shown = 0
    for name, statuses in GET.items():
        if statuses[ROLES.index(role)] != 200:
            continue
        response = client.get(urls[name])
        cache_control = response.headers.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, name
        shown += 1
    assert shown >= 4  # the home page, the registry, the password pages at least


@pytest.mark.parametrize("error", ["OperationalError", "InterfaceError"])
def test_a_database_outage_is_a_friendly_503(monkeypatch, login, physician, patient, error):
    """During a restart the first read (the session) fails: the page says nothing was saved
    and to try again, never the generic 500."""
    import django.db
    from django.contrib.sessions.backends.db import SessionStore

    client = login(physician)
    client.raise_request_exception = False

    def database_down(self):
        raise getattr(django.db, error)("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", database_down)
    response = client.get(reverse("patient_detail", args=[patient.pk]))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "15"
    page = response.content.decode()
    assert "briefly unavailable" in page and "Nothing was saved" in page


def test_other_errors_keep_the_generic_500(monkeypatch, login, physician):
    from desk import home

    client = login(physician)
    client.raise_request_exception = False
    monkeypatch.setattr(home, "caseload", lambda *args, **kwargs: 1 / 0)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "briefly unavailable" not in response.content.decode()


def test_broken_persistent_connections_are_replaced(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
