"""The audit pages and the lockout, as people see them in a real browser (CSP on)."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser import screenshot, sign_in
from tests.factories import PASSWORD, CareTeamMemberFactory, PatientFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_physician_reads_who_changed_and_who_opened_a_chart(live_server, page, browser):
    physician = UserFactory(username="dr.audit", role="physician", first_name="Kavita",
                            last_name="Rao")  # fmt: skip
    UserFactory(username="front.audit", role="reception", first_name="Leela", last_name="Nair")
    patient = PatientFactory(given_name="Sunita", family_name="Deshmukh", address="4 Old Lane")
    CareTeamMemberFactory(patient=patient, staff=physician, team_role="lead_physician")

    # Reception corrects the address.
    sign_in(page, live_server, "front.audit", PASSWORD)
    page.goto(f"{live_server.url}/patients/{patient.pk}/edit/")
    page.get_by_label("Address").fill("12 New Road, Pune")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Saved Sunita Deshmukh")

    # The physician, in their own browser session, reads the history and the access log.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    doctor = context.new_page()
    errors = []
    doctor.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(doctor, live_server, "dr.audit", PASSWORD)
    doctor.goto(f"{live_server.url}/patients/{patient.pk}/")
    doctor.get_by_role("link", name="Change history").click()
    newest = doctor.locator(".history-change").first
    expect(newest).to_contain_text("Address")
    expect(newest).to_contain_text("4 Old Lane")
    expect(newest).to_contain_text("12 New Road, Pune")
    expect(newest).to_contain_text("Leela Nair")
    screenshot(doctor, "audit-history")
    doctor.get_by_role("link", name="Who opened this chart").click()
    rows = doctor.locator("tbody tr")
    expect(rows.first).to_contain_text("Access log")
    expect(doctor.locator("tbody")).to_contain_text("Leela Nair")
    expect(doctor.locator("tbody")).to_contain_text("Patient chart")
    screenshot(doctor, "audit-access-log")
    context.close()
    assert errors == []


def test_repeated_wrong_passwords_lock_the_account(live_server, page):
    UserFactory(username="dr.locked", role="physician")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill("dr.locked")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Account locked")).to_be_visible()
    expect(page.locator("body")).to_contain_text("ask a clinic administrator")
    screenshot(page, "login-locked")
    # The lockout answers 429 Too Many Requests, which the console reports; nothing else.
    too_many = "the server responded with a status of 429"
    assert any(too_many in line for line in page.console_errors)
    page.console_errors[:] = [line for line in page.console_errors if too_many not in line]
