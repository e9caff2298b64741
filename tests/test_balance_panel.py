"""The balance panel of a plan, on the patient's chart and the plan page."""

import json
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from plans.models import StageStatus
from reference.models import Discipline
from tests.factories import AllocationFactory, SessionFactory, StageFactory, TherapistFactory
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 25, 11, 0, tzinfo=timezone.get_current_timezone())  # a Wednesday
MONDAY = TODAY.date() - timedelta(days=2)


@pytest.fixture(autouse=True)
def clinic_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def shifting_plan(plan):
    """PT-heavy for three weeks, then OT-central from last Monday."""
    early = StageFactory(
        plan=plan, order=1, name="Early subacute", status=StageStatus.DONE,
        planned_start=MONDAY - timedelta(weeks=3), actual_start=MONDAY - timedelta(weeks=3),
        actual_end=MONDAY - timedelta(days=8),
    )  # fmt: skip
    late = StageFactory(
        plan=plan, order=2, name="Late subacute", phase="late_subacute",
        status=StageStatus.CURRENT, planned_start=MONDAY - timedelta(days=7),
        actual_start=MONDAY - timedelta(days=7),
    )  # fmt: skip
    allocate(early, PT=(5, 60), OT=(2, 30))
    allocate(late, PT=(2, 30), OT=(4, 60))
    return plan


def allocate(stage, **rows):
    for code, (sessions, minutes) in rows.items():
        AllocationFactory(stage=stage, discipline=Discipline.objects.get(code=code),
                          sessions_per_week=sessions, minutes_per_session=minutes)  # fmt: skip


def session(plan, day, minutes, code="PT", attendance="attended", reason="", absence=None):
    return SessionFactory(
        plan=plan, minutes=minutes, attendance=attendance, absence_reason=reason,
        absence_code=absence,
        start=timezone.make_aware(datetime.combine(day, time(10))),
        discipline=Discipline.objects.get(code=code),
        therapist=TherapistFactory(discipline=Discipline.objects.get(code=code)),
    )  # fmt: skip


def panel(response):
    return response.context["chart"]["balance"]


def test_the_chart_shows_the_planned_shift_and_what_was_delivered(login, physician, shifting_plan):
    session(shifting_plan, MONDAY - timedelta(weeks=3), 60)
    session(shifting_plan, MONDAY - timedelta(days=6), 60, "OT")
    session(shifting_plan, MONDAY - timedelta(days=5), 60, "OT", "no_show", "Transport")
    response = login(physician).get(reverse("patient_detail", args=[shifting_plan.patient_id]))
    balance = panel(response)
    weeks = {w["monday"]: w for w in balance["weeks"]}
    codes = [d.code for d in balance["disciplines"]]
    first, last_week = weeks[MONDAY - timedelta(weeks=3)], weeks[MONDAY - timedelta(weeks=1)]
    assert dict(zip(codes, first["cells"], strict=True)) == {"PT": (300, 60), "OT": (60, 0)}
    assert dict(zip(codes, last_week["cells"], strict=True)) == {"PT": (60, 0), "OT": (240, 60)}
    assert last_week["starts_stage"] and last_week["stages"] == ("Late subacute",)
    chart = balance["chart"]
    assert [b["name"] for b in chart["boundaries"]] == ["Early subacute", "Late subacute"]
    # The same figures travel to Chart.js, from a json_script block (no inline script).
    page = response.content.decode()
    data = json.loads(page.split('id="balance-data" type="application/json">')[1].split("<")[0])
    assert data == json.loads(json.dumps(chart))


def test_adherence_lists_missed_sessions_with_reasons(login, physician, shifting_plan):
    session(shifting_plan, MONDAY - timedelta(days=6), 60, "OT")
    session(shifting_plan, MONDAY - timedelta(days=5), 60, "OT", "no_show", "Transport")
    response = login(physician).get(reverse("plan_detail", args=[shifting_plan.pk]))
    balance = response.context["balance"]
    ot = next(row for row in balance["adherence"] if row["discipline"].code == "OT")
    last_week = ot["cells"][-2]
    assert (last_week["planned"], last_week["delivered"], last_week["percent"]) == (240, 60, 25)
    assert (last_week["missed"], last_week["reasons"]) == (1, ["Transport"])
    assert "1 missed: Transport" in response.content.decode()


def test_adherence_tells_who_could_not_make_it(login, physician, shifting_plan):
    """Cancelled and no-show were one bucket; now the clinic's and the patient's absences
    are told apart."""
    last_monday = MONDAY - timedelta(days=7)
    session(shifting_plan, last_monday, 60, "OT", "cancelled", "Therapist ill",
            "clinic_cancelled")  # fmt: skip
    session(shifting_plan, last_monday + timedelta(days=1), 60, "OT", "no_show", "Transport",
            "transport")  # fmt: skip
    session(shifting_plan, last_monday + timedelta(days=2), 60, "OT", "no_show", "Fever",
            "patient_unwell")  # fmt: skip
    session(shifting_plan, last_monday + timedelta(days=3), 60, "OT", "cancelled",
            "Hospital review clash", "other")  # fmt: skip
    response = login(physician).get(reverse("plan_detail", args=[shifting_plan.pk]))
    ot = next(r for r in response.context["balance"]["adherence"] if r["discipline"].code == "OT")
    cell = ot["cells"][-2]
    assert (cell["missed"], cell["clinic_missed"], cell["patient_missed"]) == (4, 1, 2)
    page = response.content.decode()
    assert "clinic did not deliver 1" in page and "patient could not attend 2" in page
    # "Other" is on neither side, and is said so the split adds up to the missed sessions.
    assert cell["other_missed"] == 1 and "other or not coded 1" in page


def test_held_days_plan_nothing_on_the_panel(login, physician, shifting_plan):
    from tests.factories import PlanHoldFactory

    last_monday = MONDAY - timedelta(days=7)
    PlanHoldFactory(plan=shifting_plan, starts_on=last_monday, ends_on=last_monday + timedelta(6),
                    created_by=physician)  # fmt: skip
    response = login(physician).get(reverse("plan_detail", args=[shifting_plan.pk]))
    weeks = {w["monday"]: w for w in response.context["balance"]["weeks"]}
    assert weeks[last_monday]["planned_total"] == 0
    assert response.context["balance"]["alerts"] == {}


def test_intensity_per_active_day_against_the_templates_target(login, physician, shifting_plan):
    """The balance panel shows planned and delivered minutes per active day of the current
    stage against the template's target (stroke: 180 min on 5 days, NICE NG236)."""
    from reference.models import PlanTemplate

    shifting_plan.template = PlanTemplate.objects.get(phase_rule="stroke")
    shifting_plan.save()
    # Late subacute since last Monday: PT 2 x 30 + OT 4 x 60 = 300 a week, 50 a working day.
    session(shifting_plan, MONDAY - timedelta(days=7), 120, "OT")
    session(shifting_plan, MONDAY, 60)
    response = login(physician).get(reverse("plan_detail", args=[shifting_plan.pk]))
    intensity = response.context["balance"]["intensity"]
    # Last Monday to yesterday (Tuesday): Mon-Sat and Mon, Tue are 8 active days.
    assert intensity["active_days"] == 8
    assert (intensity["planned"], intensity["delivered"], intensity["target"]) == (50, 22, 150)
    assert intensity["planned_meets"] is False
    page = response.content.decode()
    assert 'id="intensity"' in page and "NG236" in page


def test_a_plan_without_a_target_shows_its_intensity_without_one(login, physician, shifting_plan):
    response = login(physician).get(reverse("plan_detail", args=[shifting_plan.pk]))
    intensity = response.context["balance"]["intensity"]
    assert intensity["target"] is None and intensity["planned"] == 50
    assert "none published for this template" in response.content.decode()


def test_two_weeks_below_the_threshold_raise_the_alert(login, physician, shifting_plan, settings):
    # Two completed weeks: PT 60 of 300 (early stage), then 30 of 60 (late stage);
    # OT 60 of 60, then 240 of 240.
    session(shifting_plan, MONDAY - timedelta(weeks=2), 60)
    session(shifting_plan, MONDAY - timedelta(weeks=2), 60, "OT")
    session(shifting_plan, MONDAY - timedelta(weeks=1), 30)
    session(shifting_plan, MONDAY - timedelta(weeks=1), 240, "OT")
    balance = panel(login(physician).get(reverse("patient_detail",
                                                 args=[shifting_plan.patient_id])))  # fmt: skip
    assert balance["alerts"] == {"PT": [pytest.approx(0.2), pytest.approx(0.5)]}
    settings.ADHERENCE_ALERT_PERCENT = 20
    balance = panel(login(physician).get(reverse("patient_detail",
                                                 args=[shifting_plan.patient_id])))  # fmt: skip
    assert balance["alerts"] == {}


def test_a_therapist_of_the_team_sees_the_panel_reception_does_not(
    login, therapist, reception, shifting_plan
):
    url = reverse("patient_detail", args=[shifting_plan.patient_id])
    assert panel(login(therapist).get(url))["weeks"]
    response = login(reception).get(url)
    assert response.context.get("chart") is None
    assert "balance-data" not in response.content.decode()


def test_a_plan_without_stages_has_no_panel(login, physician, plan):
    response = login(physician).get(reverse("plan_detail", args=[plan.pk]))
    assert response.context["balance"] == {}
    assert "balance-panel" not in response.content.decode()


def test_the_chart_page_costs_the_same_with_hundreds_of_sessions(login, physician, shifting_plan):
    client = login(physician)
    url = reverse("patient_detail", args=[shifting_plan.patient_id])

    session(shifting_plan, MONDAY, 30)
    small = page_queries(client, url)
    therapist = TherapistFactory()
    for n in range(300):
        day = MONDAY - timedelta(days=n % 21)
        SessionFactory(
            plan=shifting_plan, therapist=therapist, minutes=30,
            start=timezone.make_aware(datetime.combine(day, time(8))) + timedelta(minutes=n),
            attendance=("attended", "cancelled", "no_show")[n % 3],
            absence_reason="" if n % 3 == 0 else f"Reason {n}",
        )  # fmt: skip
    assert page_queries(client, url) == small


def test_no_week_before_the_plan_existed_and_a_today_line(login, physician, shifting_plan):
    """Issue 14: a plan that began 10 days ago shows neither chart weeks nor adherence
    weeks before its start; the chart knows where today is."""
    shifting_plan.start_date = MONDAY - timedelta(days=10)
    shifting_plan.save()
    response = login(physician).get(reverse("plan_detail", args=[shifting_plan.pk]))
    balance = response.context["balance"]
    plan_week = MONDAY - timedelta(weeks=2)
    assert balance["weeks"][0]["monday"] == plan_week
    assert all(w["monday"] >= plan_week for w in balance["weeks"])
    assert balance["adherence_weeks"] == [plan_week, MONDAY - timedelta(weeks=1), MONDAY]
    chart = balance["chart"]
    assert chart["labels"][0] == f"{plan_week:%-d %b}"
    assert chart["labels"][chart["today"]] == f"{MONDAY:%-d %b}"
    assert chart["today_fraction"] == round(2 / 7, 3)  # a Wednesday
    assert chart["today_label"] == "Today, 25 Nov"
