"""Reception's day in a real browser: the day view at desk and phone widths, and a
reminder copied to the clipboard by its button (our own script, no CDN, under the CSP)."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from delivery.models import Attendance
from patients.models import Language
from staff.roles import Role
from tests.browser import screenshot, sign_in
from tests.factories import (
    PASSWORD,
    ActivePlanFactory,
    CareTeamMemberFactory,
    DiagnosisFactory,
    PatientFactory,
    SessionFactory,
    TherapistFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def at(day, hour):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(hour=hour)


def test_reception_reads_the_day_and_copies_a_reminder(live_server, page):
    UserFactory(username="front.desk", role=Role.RECEPTION)
    therapist = TherapistFactory(username="pt.day", first_name="Kiran", last_name="Iyer")
    today = timezone.localdate()
    for n, (given, language) in enumerate(
        [("Asha", Language.ENGLISH), ("Ravi", Language.HINDI), ("Mitali", Language.BENGALI)]
    ):
        patient = PatientFactory(given_name=given, family_name="Demo", preferred_language=language)
        CareTeamMemberFactory(patient=patient, staff=therapist)
        plan = ActivePlanFactory(patient=patient, diagnosis=DiagnosisFactory(patient=patient))
        SessionFactory(plan=plan, therapist=therapist, start=at(today, 9 + n))
        SessionFactory(plan=plan, therapist=therapist, start=at(today + timedelta(1), 9 + n))
    SessionFactory(
        plan=plan, therapist=therapist, start=at(today, 14), attendance=Attendance.NO_SHOW,
        absence_code="other", absence_reason="Did not come",
    )  # fmt: skip
    sign_in(page, live_server, "front.desk", PASSWORD)
    page.get_by_role("link", name="Day view").click()
    expect(page.locator("#day-bookings tbody tr")).to_have_count(4)
    expect(page.locator("#no-shows")).to_contain_text("Mitali Demo")
    screenshot(page, "reception-day-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "reception-day-390")
    # A phone shows the day without sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("link", name="Tomorrow's reminders").first.click()
    button = page.get_by_role("button", name="Copy the message for Ravi Demo")
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("नमस्ते Ravi Demo जी")
    screenshot(page, "reception-reminders")


def test_reception_checks_in_and_cancels_from_the_day_view(live_server, page):
    """The week's booking buttons on each row of the day: a check-in and a cancellation
    with its reason update their rows in place (no reload), at desk and phone widths."""
    UserFactory(username="front.desk", role=Role.RECEPTION)
    therapist = TherapistFactory(username="pt.day", first_name="Kiran", last_name="Iyer")
    today = timezone.localdate()
    sessions = []
    for n, given in enumerate(["Asha", "Ravi", "Mitali"]):
        patient = PatientFactory(given_name=given, family_name="Demo")
        CareTeamMemberFactory(patient=patient, staff=therapist)
        plan = ActivePlanFactory(patient=patient, diagnosis=DiagnosisFactory(patient=patient))
        sessions.append(SessionFactory(plan=plan, therapist=therapist, start=at(today, 9 + n)))
    arriving, cancelling, waiting = sessions
    sign_in(page, live_server, "front.desk", PASSWORD)
    page.get_by_role("link", name="Day view").click()
    page.evaluate("window.stayed = true")  # gone if the page reloads

    row = page.locator(f"#booking-{arriving.pk}")
    row.get_by_role("button", name="Arrived").click()
    expect(row.locator(".status-arrived")).to_contain_text("arrived")
    expect(row.get_by_role("button", name="Arrived")).to_have_count(0)
    expect(row.get_by_text("Move", exact=True)).to_have_count(0)  # refused once here

    row = page.locator(f"#booking-{cancelling.pk}")
    row.get_by_text("Cancel", exact=True).click()
    row.get_by_label("Why").select_option("other")
    row.get_by_label("Details").fill("Family wedding")
    row.get_by_role("button", name="Cancel the session").click()
    expect(row.locator(".booking-status")).to_contain_text("Cancelled")
    expect(row.locator(".booking-status")).to_contain_text("Family wedding")
    expect(row.locator("form")).to_have_count(0)

    assert page.evaluate("window.stayed") is True
    arriving.refresh_from_db()
    cancelling.refresh_from_db()
    assert arriving.arrived_at is not None and arriving.attendance == Attendance.SCHEDULED
    assert (cancelling.attendance, cancelling.absence_code, cancelling.absence_reason) == (
        Attendance.CANCELLED, "other", "Family wedding",
    )  # fmt: skip
    # The last row with its cancel form open: the widest a row gets.
    page.locator(f"#booking-{waiting.pk}").get_by_text("Cancel", exact=True).click()
    screenshot(page, "reception-day-actions-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "reception-day-actions-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(f"#booking-{waiting.pk}").get_by_text("Move", exact=True).click()
    screenshot(page, "reception-day-move-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_us_browser_picks_the_day_in_the_clinics_format(live_server, browser, reference_data):
    """A native date input would show mm/dd/yyyy in an en-US browser (issue 14): the day
    filter is text in DD/MM/YYYY whatever the browser's locale."""
    UserFactory(username="front.us", role=Role.RECEPTION)
    therapist = TherapistFactory(username="pt.us", first_name="Kiran", last_name="Iyer")
    patient = PatientFactory(given_name="Asha", family_name="Later")
    CareTeamMemberFactory(patient=patient, staff=therapist)
    plan = ActivePlanFactory(patient=patient, diagnosis=DiagnosisFactory(patient=patient))
    # The 3rd of next month: a day whose day and month a US browser would swap.
    first = timezone.localdate().replace(day=1) + timedelta(days=32)
    day = first.replace(day=3)
    SessionFactory(plan=plan, therapist=therapist, start=at(day, 11))
    us = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = us.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        sign_in(page, live_server, "front.us", PASSWORD)
        page.goto(f"{live_server.url}{reverse('reception_day')}")
        date_input = page.get_by_label("Date")
        expect(date_input).to_have_attribute("type", "text")
        expect(date_input).to_have_attribute("placeholder", "DD/MM/YYYY")
        date_input.fill(f"{day:%d/%m/%Y}")
        page.get_by_role("button", name="Show").click()
        expect(page.locator("h1")).to_have_text(f"{day:%A} {day.day} {day:%b %Y}")
        expect(page.locator("#day-bookings")).to_contain_text("Asha Later")
        expect(page.get_by_label("Date")).to_have_value(f"{day:%d/%m/%Y}")
        screenshot(page, "reception-day-us-locale")
    finally:
        us.close()
    assert errors == []
