"""In a real browser: the idle-timeout warning with "Stay signed in", the note kept as a
server-side draft across an expiry, and the confirmations before what cannot be undone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from delivery.models import TherapySession
from plans.models import PlanStatus, StageStatus
from tests.browser import screenshot, sign_in
from tests.factories import (
    PASSWORD,
    ActivePlanFactory,
    AllocationFactory,
    DiagnosisFactory,
    PlanFactory,
    SessionFactory,
    StageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stage_plan(patient, physician):
    """An active plan in its first stage, a second one to come."""
    plan = ActivePlanFactory(
        patient=patient, diagnosis=DiagnosisFactory(patient=patient), lead_physician=physician
    )
    first = StageFactory(
        plan=plan, order=1, name="Early subacute", status=StageStatus.CURRENT,
        actual_start=timezone.localdate() - timedelta(days=10),
    )  # fmt: skip
    second = StageFactory(plan=plan, order=2, name="Late subacute", phase="late_subacute")
    for stage in (first, second):
        AllocationFactory(stage=stage)
    return plan


@pytest.fixture
def session(stage_plan, therapist):
    return SessionFactory(
        plan=stage_plan, therapist=therapist, start=timezone.now() - timedelta(hours=1)
    )


def test_the_expiry_warning_stay_signed_in_and_the_draft_kept(
    settings, live_server, page, therapist, session
):
    # A short idle timeout for the test: 8 seconds, the warning 5 seconds before.
    settings.SESSION_COOKIE_AGE = 8
    settings.SESSION_WARNING_SECONDS = 5
    sign_in(page, live_server, therapist.username, PASSWORD)
    log_url = f"{live_server.url}/sessions/{session.pk}/log/"
    page.goto(log_url)
    warning = page.locator("#session-warning")
    expect(warning).to_be_hidden()

    page.get_by_label("Subjective").fill("Knee less stiff; slept well.")
    expect(page.locator("#draft-status")).to_contain_text("Draft saved", timeout=6000)
    session.refresh_from_db()
    assert session.subjective == "Knee less stiff; slept well." and not session.is_signed

    # No request for 3 s: the warning, and "Stay signed in" restarts the timeout.
    expect(warning).to_be_visible(timeout=6000)
    expect(warning).to_contain_text("You will be signed out in")
    screenshot(page, "session-expiry-warning")
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    expect(page).to_have_url(log_url)

    # Left alone, the session expires: the login page says so and brings the user back.
    page.wait_for_url(f"{live_server.url}/login/**", timeout=15000)
    expect(page.get_by_text("Your session expired; sign in again.")).to_be_visible()
    page.get_by_label("Username").fill(therapist.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(log_url)
    expect(page.get_by_label("Subjective")).to_have_value("Knee less stiff; slept well.")


def test_signing_a_note_asks_first(live_server, page, therapist, session):
    session.attendance = "attended"
    session.assessment = session.plan_note = "Steady."
    session.save()
    sign_in(page, live_server, therapist.username, PASSWORD)
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    modal = page.locator("#confirm-modal")

    page.get_by_role("button", name="Sign note").click()
    expect(modal).to_be_visible()
    expect(modal).to_contain_text("can no longer be edited")
    screenshot(page, "confirm-sign-note")
    modal.get_by_role("button", name="Go back").click()
    expect(modal).to_be_hidden()
    assert not TherapySession.objects.get(pk=session.pk).is_signed

    page.get_by_role("button", name="Sign note").click()
    modal.get_by_role("button", name="Yes, sign the note").click()
    page.wait_for_selector("text=Note signed")
    assert TherapySession.objects.get(pk=session.pk).is_signed


def test_activating_a_plan_asks_first(live_server, page, physician, patient):
    plan = PlanFactory(
        patient=patient, diagnosis=DiagnosisFactory(patient=patient), lead_physician=physician
    )
    AllocationFactory(stage=StageFactory(plan=plan, order=1))
    sign_in(page, live_server, physician.username, PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    modal = page.locator("#confirm-modal")

    page.get_by_role("button", name="Activate (sign) plan").click()
    expect(modal).to_contain_text("It cannot go back to a draft.")
    modal.get_by_role("button", name="Close").click()
    expect(modal).to_be_hidden()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    page.get_by_role("button", name="Activate (sign) plan").click()
    modal.get_by_role("button", name="Yes, activate the plan").click()
    page.wait_for_selector("text=Plan activated")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


def test_advancing_a_stage_asks_first(live_server, page, physician, stage_plan):
    sign_in(page, live_server, physician.username, PASSWORD)
    page.goto(f"{live_server.url}/plans/{stage_plan.pk}/advance/")
    page.get_by_label("Reason").fill("Walking independently indoors.")
    modal = page.locator("#confirm-modal")

    page.get_by_role("button", name="Advance to Late subacute").click()
    expect(modal).to_contain_text("Early subacute ends and Late subacute becomes the current")
    modal.get_by_role("button", name="Go back").click()
    expect(modal).to_be_hidden()
    assert stage_plan.stages.get(order=1).status == StageStatus.CURRENT

    page.get_by_role("button", name="Advance to Late subacute").click()
    modal.get_by_role("button", name="Yes, advance").click()
    page.wait_for_selector("text=Advanced to Late subacute")
    assert stage_plan.stages.get(order=2).status == StageStatus.CURRENT


def test_saving_the_note_while_a_draft_is_on_its_way_is_no_conflict(
    live_server, page, therapist, session
):
    """Ticking a technique autosaves at once; a click on Save before that draft's answer
    is back must wait for it, not post the version the draft has just moved on."""
    held = []  # the draft's request, sent to the server, its answer kept back

    def hold_the_answer(route):
        if "techniques=" not in (route.request.post_data or ""):
            route.continue_()  # the drafts of the text typed before the tick
        else:
            held.append((route, route.fetch()))

    sign_in(page, live_server, therapist.username, PASSWORD)
    page.goto(f"{live_server.url}/sessions/{session.pk}/log/")
    page.route("**/draft/", hold_the_answer)
    page.get_by_label("Minutes delivered").fill("40")
    page.get_by_label("Assessment").fill("Strength improving.")
    page.get_by_label("Plan").fill("Add step-ups.")
    page.locator("input[name=techniques]").first.check()
    while not held:
        page.wait_for_timeout(50)
    session.refresh_from_db()
    assert session.plan_note == "Add step-ups."  # the draft is saved: a new version

    page.get_by_role("button", name="Save session").click()
    page.wait_for_timeout(300)
    expect(page.get_by_text("Session logged")).to_have_count(0)  # held for the draft
    route, answer = held.pop()
    route.fulfill(response=answer)
    expect(page.get_by_text("Session logged. Sign the note when it is complete.")).to_be_visible()
    session.refresh_from_db()
    assert session.minutes == 40 and session.assessment == "Strength improving."
