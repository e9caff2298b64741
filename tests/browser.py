"""Headless Chromium (Debian's package) driven by Playwright, for tests that look at pages.

The fixtures live in ``conftest.py`` (one session-wide browser); these are the helpers.
"""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def fill_registration(page, *, given, family, born, sex, phone, abha="") -> None:
    """Open the registration form from the navigation and fill it (not submitted)."""
    page.get_by_role("link", name="Register patient").first.click()
    page.get_by_label("Given name").fill(given)
    page.get_by_label("Family name").fill(family)
    page.get_by_label("Date of birth").fill(born)
    page.get_by_label("Sex").select_option(sex)
    page.get_by_label("Phone").first.fill(phone)
    if abha:
        page.get_by_label("ABHA number").fill(abha)
    page.get_by_label("Consent to assessment and treatment recorded").check()
