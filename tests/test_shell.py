"""The app's shell: error pages, the favicon, the admin without deletes, the idle session."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NAV = 'class="navbar'


# --- error pages and the favicon ---------------------------------------------------------------


def test_a_404_for_a_signed_in_user_has_the_navigation(login, therapist):
    response = login(therapist).get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert NAV in page and "Back to your home page" in page
    assert 'id="error-page"' in page


def test_a_404_for_nobody_signed_in_is_a_plain_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert NAV not in page and 'id="error-page"' in page
    assert reverse("login") in page


def test_a_404_says_nothing_about_what_exists(login, outsider, plan):
    # The plan exists but is not the outsider's to see: the page says nothing of it.
    response = login(outsider).get(reverse("plan_detail", args=[plan.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert plan.patient.full_name not in page and "plan" not in page.lower().split("<main")[1]


def test_a_403_has_the_navigation(login, reception, patient):
    response = login(reception).get(reverse("plan_triage", args=[patient.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert NAV in page and 'id="error-page"' in page and "Not open to your role" in page


def _icon_href(page: str) -> str:
    found = re.search(r'<link rel="icon" href="([^"]+)"', page)
    assert found, "no favicon link"
    return found.group(1)


def test_the_admin_links_a_favicon_that_resolves(login, admin_user):
    client = login(admin_user)
    page = client.get(reverse("admin:index")).content.decode()
    href = _icon_href(page)
    response = client.get(href)
    assert response.status_code == 200
    assert b"<svg" in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


def test_the_app_links_the_same_favicon(login, therapist):
    page = login(therapist).get(reverse("home")).content.decode()
    assert _icon_href(page).endswith("favicon.svg")
