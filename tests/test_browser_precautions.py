"""A new precaution in a real browser: the therapist's day shows its icon, the session log
asks for one click of acknowledgement before the session is saved, and the physician
finds the acknowledgement in the patient's change history."""

import re
from datetime import datetime, time

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from delivery.models import Attendance, TherapySession
from patients.precautions import Precaution, PrecautionAcknowledgement, set_precaution
from rehabana.timeutil import local_day_range
from tests.browser import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lunchtime():
    """Half past noon in the clinic today: the morning's sessions have happened."""
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12, 30)))
    with time_machine.travel(noon, tick=True):
        yield


def test_a_therapist_acknowledges_a_new_precaution_then_logs(lunchtime, live_server, page,
                                                             browser):  # fmt: skip
    from demo.clinic import DEMO_PASSWORD, DemoClinic

    DemoClinic().build()
    start, _ = local_day_range(timezone.localdate())
    session = (
        TherapySession.objects.filter(
            therapist__username="physio.kumar",
            attendance=Attendance.SCHEDULED,
            start__gte=start,
            start__lt=timezone.now(),
        )
        .select_related("patient", "plan__lead_physician")
        .order_by("start")
        .first()
    )
    assert session is not None
    patient, physician = session.patient, session.plan.lead_physician
    # The physician sets a new precaution this morning: the therapist has not seen it.
    new = set_precaution(
        Precaution(
            patient=patient, kind="weight_bearing", limb="left_leg", weight_bearing="partial",
            weight_bearing_percent=50, details="Until the fracture clinic review.",
            set_by=physician,
        ),
        by=physician,
    )  # fmt: skip

    sign_in(page, live_server, "physio.kumar", DEMO_PASSWORD)
    row = page.locator("#today tr", has_text=patient.full_name).first
    icon = row.locator(".precaution-icon")
    expect(icon).to_have_attribute("title", re.compile(r"^Precautions: .*Weight bearing"))
    expect(icon).to_contain_text("Weight bearing")  # the hidden text a screen reader reads
    screenshot(page, "precautions-therapist-day")

    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    expect(page.locator("#precautions-banner")).to_contain_text(
        "Left leg: Partial weight bearing 50%"
    )
    page.get_by_role("link", name="Log session").click()
    expect(page.locator("#acknowledge-form")).to_contain_text("Weight bearing")
    expect(page.locator("#precautions-banner")).to_contain_text("not yet acknowledged by you")
    screenshot(page, "precautions-session-log")

    page.get_by_role("button", name="I have read").click()
    page.wait_for_selector("text=Acknowledged")
    expect(page.locator("#acknowledge-form")).to_have_count(0)
    page.get_by_label("Minutes delivered").fill("40")
    page.get_by_label("Assessment").fill("Partial weight bearing kept at 50% with a frame.")
    page.get_by_label("Plan").fill("Gait re-education within the limit.")
    page.locator("input[name=techniques]").first.check()
    page.get_by_role("button", name="Save session").click()
    page.wait_for_selector("text=Session logged")
    session.refresh_from_db()
    assert session.attendance == Attendance.ATTENDED
    assert PrecautionAcknowledgement.objects.filter(
        precaution=new, user__username="physio.kumar"
    ).exists()

    # The physician reads the acknowledgement in the change history, and the chart.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    doctor = context.new_page()
    sign_in(doctor, live_server, physician.username, DEMO_PASSWORD)
    doctor.goto(f"{live_server.url}/patients/{patient.pk}/history/")
    acknowledged = doctor.locator(".history-change", has_text="precaution acknowledgement")
    expect(acknowledged.first).to_contain_text("Kumar")
    doctor.goto(f"{live_server.url}/patients/{patient.pk}/")
    expect(doctor.locator("#precautions-banner")).to_contain_text("Weight bearing")
    expect(doctor.locator("#precautions-card")).to_contain_text("set by")
    screenshot(doctor, "precautions-chart")
    doctor.screenshot(path=str(ARTIFACTS / "precautions-chart-top.png"))  # the first screen
    context.close()


def test_a_stale_precaution_form_is_refused_not_saved_over(live_server, page, browser, physician,
                                                           patient):  # fmt: skip
    """Two tabs on the same precaution: the second save would undo the first; it is refused
    with a message, and the first change stands."""
    from tests.factories import PASSWORD, PrecautionFactory

    p = PrecautionFactory(patient=patient)
    url = live_server.url + reverse("precaution_edit", args=[patient.pk, p.pk])
    sign_in(page, live_server, physician.username, PASSWORD)
    other = page.context.new_page()
    page.goto(url)
    other.goto(url)
    other.get_by_label("Details").fill("Two falls at home this month")
    other.get_by_role("button", name="Save precaution").click()
    other.wait_for_selector("text=precaution changed")
    page.get_by_label("Details").fill("Steady with a frame")
    page.get_by_role("button", name="Save precaution").click()
    expect(page.locator(".alert-danger, .alert-block").first).to_contain_text(
        "Someone else changed this precaution"
    )
    # The summary above the form is the saved precaution: the colleague's change.
    expect(page.locator("#precaution-summary")).to_contain_text("Two falls at home this month")
    screenshot(page, "precautions-stale-edit")
    p.refresh_from_db()
    assert p.details == "Two falls at home this month"
    other.close()


def test_the_front_desk_row_shows_a_physician_the_precautions(live_server, page, physician, plan,
                                                              therapist):  # fmt: skip
    """A physician at the front desk sees the badge on the day's row, and again on the row
    a check-in answers with (reception, who reads no precautions, sees it on neither)."""
    from tests.factories import PASSWORD, PrecautionFactory, SessionFactory

    PrecautionFactory(patient=plan.patient)
    # Later today (an hour from now may be tomorrow): check-in is for today's sessions.
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 30)))
    session = SessionFactory(plan=plan, therapist=therapist, start=start)
    sign_in(page, live_server, physician.username, PASSWORD)
    page.goto(live_server.url + reverse("reception_day"))
    row = page.locator(f"#booking-{session.pk}")
    expect(row.locator(".precaution-icon")).to_contain_text("Falls risk")
    row.get_by_role("button", name="Arrived").click()
    expect(row).to_contain_text("arrived")
    expect(row.locator(".precaution-icon")).to_contain_text("Falls risk")
    screenshot(page, "precautions-front-desk-row")
