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
