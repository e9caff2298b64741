import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from rehabana.env import env_bool, env_choice, env_int, env_list, env_str


def test_env_bool(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("FLAG", False)
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_int(monkeypatch):
    monkeypatch.setenv("N", "15")
    assert env_int("N", 1, minimum=1) == 15
    monkeypatch.setenv("N", "fifteen")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("N", 1)
    monkeypatch.setenv("N", "0")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("N", 1, minimum=1)


def test_env_str_list_and_choice(monkeypatch):
    monkeypatch.delenv("MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="must be set"):
        env_str("MISSING")
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("MODE", "staging")
    with pytest.raises(ImproperlyConfigured, match="not one of"):
        env_choice("MODE", "development", {"development", "production"})


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check({"DJANGO_ENV": "production", "DJANGO_ALLOWED_HOSTS": "rehabana.example"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_check(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "x7#kq2-" + "a9Zp4LmN8vB3cXr6tY1wQe5uI0oP" * 2,
            "DJANGO_ALLOWED_HOSTS": "rehabana.example",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    from django.urls import reverse

    policy = client.get(reverse("login")).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"


PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "x7#kq2-" + "a9Zp4LmN8vB3cXr6tY1wQe5uI0oP" * 2,
    "DJANGO_ALLOWED_HOSTS": "rehabana.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://rehabana.example,https://clinic.example",
}


def production_settings(**extra: str) -> dict:
    """The transport-security settings as production computes them, in a fresh process."""
    names = [
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "CSRF_TRUSTED_ORIGINS", "DEBUG",
        "X_FRAME_OPTIONS", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SESSION_COOKIE_AGE",
    ]  # fmt: skip
    code = (
        "import json; from rehabana import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SESSION_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **PRODUCTION_ENV, **extra},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    import json

    return json.loads(result.stdout)


def test_production_turns_on_transport_security():
    values = production_settings()
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_SSL_REDIRECT"] and not values["DEBUG"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://rehabana.example", "https://clinic.example"]


def test_the_idle_timeout_is_a_setting_from_the_environment():
    values = production_settings(SESSION_IDLE_MINUTES="5")
    assert values["SESSION_COOKIE_AGE"] == 300 and values["SESSION_EXPIRE_AT_BROWSER_CLOSE"]


@pytest.mark.django_db
def test_pages_refuse_to_be_framed(client):
    from django.urls import reverse

    assert client.get(reverse("login")).headers["X-Frame-Options"] == "DENY"


def test_no_url_carries_anything_but_ids_and_codes():
    """Names, phone numbers and notes never reach a URL (and so the server's logs): every
    URL parameter is a numeric id, or a measure code from the catalogue."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def converters(patterns):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    yield from converters(entry.url_patterns)
            elif isinstance(entry, URLPattern):
                for name, converter in entry.pattern.converters.items():
                    yield entry.name, name, type(converter).__name__

    for url_name, parameter, converter in converters(get_resolver().url_patterns):
        assert converter == "IntConverter" or (url_name, parameter) == ("assessment_new", "code")


def test_forms_with_free_text_post_so_their_fields_stay_out_of_urls():
    """A form may GET only when it offers choices from the catalogue or the staff list (the
    dashboard's and reception's day filters) or a day; anything a person types (names,
    phones, notes) is POSTed."""
    from pathlib import Path

    from django import forms

    from desk.forms import CaseloadFilterForm, DayFilterForm

    get_forms = {"home_physician.html": CaseloadFilterForm, "reception_day.html": DayFilterForm}
    for form_class in get_forms.values():
        for name, field in form_class.base_fields.items():
            assert isinstance(
                field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField
            ) or (isinstance(field, forms.DateField) and name == "date"), name
    templates = Path(__file__).resolve().parent.parent / "templates"
    for template in templates.rglob("*.html"):
        for form in template.read_text().split("<form")[1:]:
            tag = form.split(">", 1)[0]
            if 'method="post"' not in tag:
                assert 'method="get"' in tag and template.name in get_forms, (
                    f"{template.name}: <form{tag}>"
                )
