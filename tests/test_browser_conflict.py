"""The edit-conflict screen in a real browser: a stale save keeps the other person's change."""

import pytest
from playwright.sync_api import expect

from patients.models import Patient
from tests.browser import screenshot, sign_in
from tests.factories import PASSWORD, PatientFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_conflict_screen_keeps_their_phone_and_my_address(live_server, page):
    UserFactory(username="reception.conflict", role="reception")
    patient = PatientFactory(given_name="Asha", family_name="Patil", phone="+91 98311 22334")
    sign_in(page, live_server, "reception.conflict", PASSWORD)
    page.goto(f"{live_server.url}/patients/{patient.pk}/edit/")

    # Someone else changes the phone while this form is open.
    theirs = Patient.objects.get(pk=patient.pk)
    theirs.phone = "+91 98765 43210"
    theirs.save()

    page.get_by_label("Address").fill("14 MG Road, Pune")
    page.get_by_role("button", name="Save changes").click()

    conflict = page.locator("#edit-conflict")
    expect(conflict).to_contain_text("Someone else saved this record")
    phone_row = conflict.get_by_role("row", name="Phone")
    expect(phone_row).to_contain_text("+919876543210")
    expect(phone_row).to_contain_text("not changed by you")
    expect(conflict.get_by_role("row", name="Address")).to_contain_text("14 MG Road, Pune")
    # The form holds their phone and my address.
    expect(page.get_by_label("Phone").first).to_have_value("+919876543210")
    expect(page.get_by_label("Address")).to_have_value("14 MG Road, Pune")
    screenshot(page, "edit-conflict")

    page.get_by_role("button", name="Save changes").click()
    page.wait_for_selector("text=Saved Asha Patil's details")
    patient.refresh_from_db()
    assert (patient.phone, patient.address) == ("+919876543210", "14 MG Road, Pune")
