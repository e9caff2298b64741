"""The balance over time, as a physician sees it: chart panel, dashboard, clinic overview."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import StageStatus
from reference.models import Discipline, PlanTemplate
from tests.browser import screenshot, sign_in
from tests.factories import (
    PASSWORD,
    ActivePlanFactory,
    AllocationFactory,
    CareTeamMemberFactory,
    SessionFactory,
    StageFactory,
    TherapistFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def stroke_plan_with_a_shift(physician):
    """Early subacute (PT-heavy) for four weeks, then late subacute (OT-central); PT
    sessions delivered at half the plan in the last two weeks."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    plan = ActivePlanFactory(lead_physician=physician, start_date=monday - timedelta(weeks=6),
                             template=PlanTemplate.objects.get(phase_rule="stroke"))  # fmt: skip
    CareTeamMemberFactory(patient=plan.patient, staff=physician, team_role="lead_physician")
    early = StageFactory(
        plan=plan, order=1, name="Early subacute", status=StageStatus.DONE,
        planned_start=monday - timedelta(weeks=6), actual_start=monday - timedelta(weeks=6),
        actual_end=monday - timedelta(weeks=2, days=1),
    )  # fmt: skip
    late = StageFactory(
        plan=plan, order=2, name="Late subacute", phase="late_subacute",
        status=StageStatus.CURRENT, planned_start=monday - timedelta(weeks=2),
        actual_start=monday - timedelta(weeks=2),
    )  # fmt: skip
    pt, ot = Discipline.objects.get(code="PT"), Discipline.objects.get(code="OT")
    for stage, pt_sessions, ot_sessions in ((early, 5, 2), (late, 2, 5)):
        AllocationFactory(stage=stage, discipline=pt, sessions_per_week=pt_sessions,
                          minutes_per_session=60)  # fmt: skip
        AllocationFactory(stage=stage, discipline=ot, sessions_per_week=ot_sessions,
                          minutes_per_session=60)  # fmt: skip
    physio, occupational = TherapistFactory(discipline=pt), TherapistFactory(discipline=ot)
    for week in range(6, 0, -1):
        first_day = monday - timedelta(weeks=week)
        stage = early if week > 2 else late
        pt_done = 5 if week > 2 else 1  # the late stage's physio falls behind
        for day in range(5):
            start = timezone.make_aware(datetime.combine(first_day + timedelta(days=day),
                                                         time(9)))  # fmt: skip
            if day < pt_done:
                SessionFactory(plan=plan, stage=stage, discipline=pt, therapist=physio,
                               start=start, minutes=60, attendance="attended")  # fmt: skip
            elif week <= 2 and day == 1:
                SessionFactory(plan=plan, stage=stage, discipline=pt, therapist=physio,
                               start=start, minutes=60, attendance="no_show",
                               absence_reason="No transport")  # fmt: skip
            if day < (2 if week > 2 else 5):
                SessionFactory(plan=plan, stage=stage, discipline=ot, therapist=occupational,
                               start=start + timedelta(hours=2), minutes=60,
                               attendance="attended")  # fmt: skip
    return plan


def test_a_physician_sees_the_shift_and_the_alerts(live_server, page):
    physician = UserFactory(username="dr.balance", role="physician", first_name="Meera",
                            last_name="Kulkarni")  # fmt: skip
    plan = stroke_plan_with_a_shift(physician)
    sign_in(page, live_server, "dr.balance", PASSWORD)

    # The dashboard lists the adherence alert and links to the chart.
    caseload = page.locator("#caseload")
    expect(caseload).to_contain_text("PT adherence 50%, 50% in the last 2 weeks")
    screenshot(page, "balance-dashboard")
    caseload.get_by_role("link", name=plan.patient.full_name).click()

    panel = page.locator("#balance-panel")
    expect(panel).to_be_visible()
    expect(page.locator("#adherence-alerts")).to_contain_text("Physio below 70%")
    expect(page.locator("#adherence-table")).to_contain_text("No transport")
    canvas = panel.locator("canvas[data-balance-chart]")
    expect(canvas).to_be_visible()
    assert canvas.bounding_box()["height"] > 200  # Chart.js drew into the box
    panel.get_by_text("Every week of the plan, as a table").click()
    expect(page.locator("#balance-table")).to_contain_text("Late subacute")
    panel.screenshot(
        path=str(screenshot(page, "balance-chart-page").with_name("balance-panel.png"))
    )

    page.goto(f"{live_server.url}/clinic/")
    expect(page.locator("#phase-mix")).to_contain_text("Late subacute")
    expect(page.locator("#phase-mix")).to_contain_text("OT 71%")  # 5 of 7 sessions
    screenshot(page, "clinic-overview")
