"""Reception cancels and moves a booking on the patient's week, in place (htmx)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from delivery.models import TherapySession
from tests.browser import screenshot, sign_in
from tests.factories import (
    PASSWORD,
    ActivePlanFactory,
    CareTeamMemberFactory,
    SessionFactory,
    TherapistFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reception_cancels_and_moves_bookings_in_place(live_server, page):
    UserFactory(username="reception.browser", role="reception")
    therapist = TherapistFactory(username="pt.browser")
    plan = ActivePlanFactory()
    CareTeamMemberFactory(patient=plan.patient, staff=therapist)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    ten = timezone.make_aware(datetime.combine(monday, datetime.min.time())).replace(hour=10)
    cancel = SessionFactory(plan=plan, therapist=therapist, start=ten)
    move = SessionFactory(plan=plan, therapist=therapist, start=ten + timedelta(days=1))

    sign_in(page, live_server, "reception.browser", PASSWORD)
    page.goto(f"{live_server.url}/patients/{plan.patient.pk}/schedule/?week={monday:%Y-%m-%d}")
    page.evaluate("window.stayed = true")  # gone if the page reloads

    line = page.locator(f"#booking-{cancel.pk}")
    line.get_by_text("Cancel", exact=True).click()
    line.get_by_label("Why").select_option("clinic_cancelled")
    line.get_by_role("button", name="Cancel the session").click()
    cancelled = page.locator(f"#booking-{cancel.pk}")
    expect(cancelled).to_contain_text("Cancelled: Clinic or therapist cancelled")

    line = page.locator(f"#booking-{move.pk}")
    line.get_by_text("Move", exact=True).click()
    # The start as the clinic writes it, whatever the browser's locale (issue 14).
    new_start = line.get_by_label("New start")
    expect(new_start).to_have_value(f"{monday + timedelta(days=1):%d/%m/%Y} 10:00")
    line.screenshot(path=str(screenshot(page, "booking-move").with_name("booking-move-line.png")))
    new_start.fill(f"{monday + timedelta(days=1):%d/%m/%Y} 15:30")
    line.get_by_role("button", name="Move the session").click()
    expect(page.locator(f"#booking-{move.pk}")).to_contain_text("15:30")

    assert page.evaluate("window.stayed") is True
    assert TherapySession.objects.get(pk=cancel.pk).attendance == "cancelled"
    assert timezone.localtime(TherapySession.objects.get(pk=move.pk).start).hour == 15
