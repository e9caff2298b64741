"""Reception registers a patient and finds them again, in a real browser."""

import pytest
from playwright.sync_api import expect

from patients.models import Patient
from tests.browser import fill_registration, screenshot, sign_in
from tests.factories import PASSWORD, PatientFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_reception_registers_and_finds_a_patient(live_server, page):
    UserFactory(username="reception.browser", role="reception", first_name="Leela")
    PatientFactory(given_name="Ramesh", family_name="Kulkarni", phone="+91 98111 22222")
    sign_in(page, live_server, "reception.browser", PASSWORD)
    screenshot(page, "reception-home")

    fill_registration(
        page, given="Sunita", family="Deshmukh", born="1958-03-14", sex="female",
        phone="+91 98220 11111", abha="12-3456-7890-1234",
    )  # fmt: skip
    screenshot(page, "register-form")
    page.get_by_role("button", name="Register").click()

    page.wait_for_selector("text=Registered Sunita Deshmukh")
    patient = Patient.objects.get(family_name="Deshmukh")
    assert patient.abha_number == "12345678901234"
    assert patient.mrn in page.content()
    screenshot(page, "patient-detail")

    page.get_by_role("link", name="Patients").first.click()
    page.get_by_placeholder("MRN, name or phone").fill("kulk")
    # htmx swaps the results in place as the user types.
    results = page.locator("#patient-results")
    expect(results).not_to_contain_text("Sunita")
    expect(results).to_contain_text("Ramesh")
    screenshot(page, "registry-search")


def test_a_bad_registration_shows_errors_in_place(live_server, page):
    UserFactory(username="reception.errors", role="reception")
    sign_in(page, live_server, "reception.errors", PASSWORD)
    page.goto(f"{live_server.url}/patients/new/")
    page.get_by_label("Given name").fill("Nobody")
    page.get_by_label("Phone").first.fill("12ab")
    page.get_by_role("button", name="Register").click()
    page.wait_for_selector(".invalid-feedback")
    text = page.inner_text("main form")
    assert "This field is required" in text and "phone number" in text
    screenshot(page, "register-errors")
    assert not Patient.objects.exists()
