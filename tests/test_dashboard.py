"""The physician's caseload dashboard and the clinic overview."""

import html
import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from desk.caseload import ATTENTION_ITEMS
from plans.models import StageStatus
from reference.models import Condition, Discipline, PlanTemplate, TemplateStage
from tests.factories import (
    ActivePlanFactory,
    AllocationFactory,
    AssessmentFactory,
    DiagnosisFactory,
    GoalFactory,
    SessionFactory,
    StageFactory,
    TherapistFactory,
)
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

STROKE = "Stroke and intracerebral haemorrhage"
BRAIN = "Acquired brain injury"
KNEE = "Orthopaedic — lower limb"

# A Wednesday: the completed weeks before it are those of 9 and 16 November.
TODAY = datetime(2026, 11, 25, 11, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture(autouse=True)
def clinic_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def caseload_plan(physician, *, review_in=30, condition="Ischaemic stroke", phase=None, **stage):
    diagnosis = DiagnosisFactory(condition=Condition.objects.get(name=condition))
    plan = ActivePlanFactory(
        patient=diagnosis.patient, diagnosis=diagnosis, lead_physician=physician,
        review_date=timezone.localdate() + timedelta(days=review_in),
        start_date=timezone.localdate() - timedelta(days=60),
    )  # fmt: skip
    current = StageFactory(
        plan=plan, order=1, status=StageStatus.CURRENT,
        planned_start=timezone.localdate() - timedelta(days=60),
        actual_start=timezone.localdate() - timedelta(days=60),
        phase=phase or "early_subacute", **stage,
    )  # fmt: skip
    return plan, current


def attended(plan, day, minutes, discipline="PT", attendance="attended", reason=""):
    start = timezone.make_aware(datetime.combine(day, time(10)))
    return SessionFactory(
        plan=plan, start=start, minutes=minutes, attendance=attendance, absence_reason=reason,
        stage=plan.stages.filter(status=StageStatus.CURRENT).first(),
        discipline=Discipline.objects.get(code=discipline),
        therapist=TherapistFactory(discipline=Discipline.objects.get(code=discipline)),
    )  # fmt: skip


def lines(client, **params):
    return list(client.get(reverse("home"), params).context["page"].object_list)


def test_only_plans_the_physician_leads_in_progress(login, physician):
    mine, _ = caseload_plan(physician)
    caseload_plan(TherapistFactory())  # led by someone else (never mind the role here)
    finished, _ = caseload_plan(physician)
    finished.status = "completed"
    finished.save()
    response = login(physician).get(reverse("home"))
    assert [line.plan for line in response.context["page"].object_list] == [mine]
    assert reverse("patient_detail", args=[mine.patient_id]) in response.content.decode()


def test_review_due_within_seven_days(login, physician):
    due, _ = caseload_plan(physician, review_in=7)
    later, _ = caseload_plan(physician, review_in=8)
    flags = {line.plan: line.review_due for line in lines(login(physician))}
    assert flags == {due: True, later: False}


def test_a_stage_advance_suggestion_with_its_reason(login, physician):
    plan, _ = caseload_plan(physician, planned_end=timezone.localdate() - timedelta(days=1))
    StageFactory(plan=plan, order=2)
    (line,) = lines(login(physician))
    assert line.suggestion and "planned window ended" in " ".join(line.suggestion)


def test_a_result_from_before_the_stage_started_suggests_nothing(login, physician):
    """A Berg of 52 recorded before the stage began suggested moving on (a stale result)."""
    plan, _ = caseload_plan(physician, exit_measure_id="BERG", exit_value="45")
    StageFactory(plan=plan, order=2)
    berg_52 = {f"item{i}": 4 for i in range(1, 15)} | {"item14": 0}
    before = timezone.now() - timedelta(days=61)
    AssessmentFactory(patient=plan.patient, measure_id="BERG", items=berg_52, assessed_at=before)
    client = login(physician)
    (line,) = lines(client)
    assert line.suggestion == []
    since = timezone.now() - timedelta(days=2)
    AssessmentFactory(patient=plan.patient, measure_id="BERG", items=berg_52, assessed_at=since)
    (line,) = lines(client)
    assert line.suggestion == [
        f"Berg Balance Scale 52 on {since:%-d %b %Y} meets the exit criterion (≥ 45)."
    ]


def test_each_plan_on_the_dashboard_judges_results_from_its_own_stage_start(login, physician):
    """The dashboard reads everyone's results in one query from the earliest stage start;
    a plan whose stage began later still ignores the results before its own start."""
    early, _ = caseload_plan(physician, exit_measure_id="NPRS", exit_value="3")
    late, late_stage = caseload_plan(physician, exit_measure_id="NPRS", exit_value="3")
    late_stage.actual_start = timezone.localdate() - timedelta(days=5)
    late_stage.save()
    for plan in (early, late):
        StageFactory(plan=plan, order=2)
        AssessmentFactory(patient=plan.patient, measure_id="NPRS", value="2",
                          assessed_at=timezone.now() - timedelta(days=10))  # fmt: skip
    suggested = {line.plan: bool(line.suggestion) for line in lines(login(physician))}
    assert suggested == {early: True, late: False}


def test_adherence_below_threshold_two_completed_weeks_running_alerts(login, physician):
    plan, stage = caseload_plan(physician)
    AllocationFactory(stage=stage, sessions_per_week=5, minutes_per_session=60)  # PT 300
    AllocationFactory(stage=stage, discipline=Discipline.objects.get(code="OT"),
                      sessions_per_week=1, minutes_per_session=60)  # fmt: skip
    for monday in (
        timezone.localdate() - timedelta(days=16),
        timezone.localdate() - timedelta(days=9),
    ):
        attended(plan, monday, 60)  # PT 20 %
        attended(plan, monday, 60, "OT")  # OT 100 %
        attended(plan, monday + timedelta(days=1), 60, attendance="no_show", reason="Fever")
    (line,) = lines(login(physician))
    assert line.adherence_alerts == {"PT": [pytest.approx(0.2), pytest.approx(0.2)]}


def test_weeks_in_hospital_raise_no_adherence_alert(login, physician):
    """A patient admitted to hospital for two weeks was shown as a failing plan."""
    from tests.factories import PlanHoldFactory

    plan, stage = caseload_plan(physician)
    AllocationFactory(stage=stage, sessions_per_week=5, minutes_per_session=60)
    assert list(lines(login(physician))[0].adherence_alerts) == ["PT"]
    PlanHoldFactory(plan=plan, starts_on=timezone.localdate() - timedelta(days=20), ends_on=None)
    (line,) = lines(login(physician))
    assert line.adherence_alerts == {}


def test_the_caseload_shows_minutes_per_active_day_against_the_target(login, physician):
    from reference.models import PlanTemplate

    plan, stage = caseload_plan(physician)
    plan.template = PlanTemplate.objects.get(phase_rule="stroke")
    plan.save()
    AllocationFactory(stage=stage, sessions_per_week=6, minutes_per_session=150)  # 150 a day
    yesterday = timezone.localdate() - timedelta(days=1)
    attended(plan, yesterday, 150)
    client = login(physician)
    (line,) = lines(client)
    assert (line.intensity["planned"], line.intensity["target"]) == (150, 150)
    assert line.intensity["planned_meets"] is True
    assert line.intensity["delivered"] < 150 and line.intensity["delivered_meets"] is False
    assert "planned / delivered / target" in client.get(reverse("home")).content.decode()


def test_one_bad_week_is_not_yet_an_alert(login, physician, settings):
    plan, stage = caseload_plan(physician)
    AllocationFactory(stage=stage, sessions_per_week=5, minutes_per_session=60)
    attended(plan, timezone.localdate() - timedelta(days=16), 300)
    attended(plan, timezone.localdate() - timedelta(days=9), 60)
    (line,) = lines(login(physician))
    assert line.adherence_alerts == {}
    settings.ADHERENCE_ALERT_WEEKS = 1  # the rule follows the settings
    (line,) = lines(login(physician))
    assert list(line.adherence_alerts) == ["PT"]


def test_unsigned_notes_older_than_a_day_and_goals_due(login, physician):
    plan, _ = caseload_plan(physician)
    attended(plan, timezone.localdate() - timedelta(days=3), 45)
    attended(plan, timezone.localdate(), 45)  # today's: not overdue yet
    GoalFactory(plan=plan, target_date=timezone.localdate() + timedelta(days=5))
    GoalFactory(plan=plan, target_date=timezone.localdate() - timedelta(days=2))
    GoalFactory(plan=plan, target_date=timezone.localdate() + timedelta(days=30))
    GoalFactory(plan=plan, target_date=timezone.localdate(), status="achieved")
    response = login(physician).get(reverse("home"))
    (line,) = response.context["page"].object_list
    assert line.unsigned_notes == 1
    assert len(line.goals_due) == 2
    page = response.content.decode()
    assert "overdue since" in page and "1 note unsigned for over 24 h" in page
    # The cards count plans (the list each opens), and the goals and notes in them.
    counts = response.context["counts"]
    assert (counts["goals_due"], counts["goals"]) == (1, 2)
    assert (counts["unsigned"], counts["notes"]) == (1, 1)
    assert ">plan · 2 goals<" in page


def test_plans_needing_attention_come_first_and_can_be_the_only_ones(login, physician):
    calm, _ = caseload_plan(physician, review_in=20)
    due, _ = caseload_plan(physician, review_in=40)
    GoalFactory(plan=due, target_date=timezone.localdate())
    client = login(physician)
    assert [line.plan for line in lines(client)] == [due, calm]
    assert [line.plan for line in lines(client, attention="on")] == [due]


def on_template(plan, name):
    plan.template = PlanTemplate.objects.get(name=name)
    plan.save()
    return plan


def template_stage(template, phase):
    return TemplateStage.objects.get(template__name=template, phase=phase)


def test_filter_by_condition_and_current_stage(login, physician):
    stroke = on_template(caseload_plan(physician)[0], STROKE)
    knee = on_template(
        caseload_plan(physician, condition="Knee osteoarthritis", phase="mobility")[0], KNEE
    )
    client = login(physician)
    condition = Condition.objects.get(name="Knee osteoarthritis")
    assert [line.plan for line in lines(client, condition=condition.pk)] == [knee]
    early = template_stage(STROKE, "early_subacute")
    assert [line.plan for line in lines(client, stage=early.pk)] == [stroke]
    page = client.get(reverse("home"), {"stage": early.pk}).content.decode()
    assert f'<option value="{early.pk}" selected>Early subacute</option>' in page
    assert lines(client, stage=template_stage(STROKE, "chronic").pk) == []


def test_a_stage_of_one_template_leaves_out_the_same_phase_of_another(login, physician):
    """ "Acute" is a stage of the stroke template and of the brain injury one: each option
    is one template's stage."""
    stroke = on_template(caseload_plan(physician, phase="acute")[0], STROKE)
    brain = on_template(caseload_plan(physician, condition="Traumatic brain injury",
                                      phase="acute")[0], BRAIN)  # fmt: skip
    client = login(physician)
    assert [line.plan for line in lines(client, stage=template_stage(STROKE, "acute").pk)] == [
        stroke
    ]
    assert [line.plan for line in lines(client, stage=template_stage(BRAIN, "acute").pk)] == [brain]


def test_the_stage_choices_are_grouped_by_template_in_stage_order(login, physician):
    page = login(physician).get(reverse("home")).content.decode()
    start = page.index('<select name="stage"')
    select = page[start : page.index("</select>", start)]
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    expected = [
        (template.name, [stage.name for stage in template.stages.order_by("order")])
        for template in PlanTemplate.objects.order_by("name")
        if template.stages.exists()
    ]
    assert [(html.unescape(label), re.findall(r">([^<]*)</option>", options))
            for label, options in groups] == expected  # fmt: skip
    assert len(expected) > 1 and re.search(r'<option value="" selected>All stages</option>', select)
    acute = re.findall(r'<option value="(\d+)">Acute</option>', select)
    assert len(acute) == len(set(acute)) > 1  # one option per template, each its own value


def test_bad_filters_are_form_errors_and_show_everything(login, physician):
    caseload_plan(physician)
    for stage in ("nope", "999999"):
        response = login(physician).get(reverse("home"), {"condition": "99999", "stage": stage})
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"condition", "stage"}
        assert len(response.context["page"].object_list) == 1


def test_the_caseload_is_paginated_and_keeps_its_filters(login, physician):
    for _ in range(27):
        on_template(caseload_plan(physician)[0], STROKE)
    early = template_stage(STROKE, "early_subacute").pk
    response = login(physician).get(reverse("home"), {"stage": early})
    assert len(response.context["page"].object_list) == 25
    assert f"?stage={early}&amp;page=2" in response.content.decode()


def results(patient, code, *values, site=""):
    """Results of ``code`` a week apart, the last one today."""
    for weeks_ago, value in enumerate(reversed(values)):
        AssessmentFactory(patient=patient, measure_id=code, value=value, body_site=site,
                          assessed_at=timezone.now() - timedelta(weeks=weeks_ago))  # fmt: skip


def test_a_deterioration_beyond_the_mdc_is_flagged_once_per_patient(login, physician):
    worse, _ = caseload_plan(physician)
    results(worse.patient, "TUG", "12", "16")  # 4 s slower: beyond the 2.9 s MDC
    results(worse.patient, "MAS", "1", "2", site="Elbow flexors, left")
    noise, _ = caseload_plan(physician)
    results(noise.patient, "TUG", "30", "31")  # inside the MDC: no real change
    results(noise.patient, "MAS", "3", site="Elbow flexors, left")
    results(noise.patient, "MAS", "1", site="Ankle plantarflexors, right")  # another site
    response = login(physician).get(reverse("home"))
    lines = {line.plan: line for line in response.context["page"].object_list}
    assert [t.code for t in lines[worse].deteriorations] == ["MAS", "TUG"]
    assert lines[noise].deteriorations == []
    assert response.context["counts"]["deteriorations"] == 1
    page = response.content.decode()
    assert page.count("data-deterioration") == 1
    assert "Timed Up and Go 12 → 16" in page
    assert "Modified Ashworth Scale (Elbow flexors, left) 1 → 2" in page


def test_becoming_unable_to_perform_is_a_deterioration(login, physician):
    plan, _ = caseload_plan(physician)
    results(plan.patient, "10MWT", "0.6", "UNABLE")
    page = login(physician).get(reverse("home")).content.decode()
    assert "10-metre walk test 0.6 → Unable to perform" in page


def mixed_caseload(physician):
    """Plans with each thing that needs attention, some with several, and one with none."""
    due, due_stage = caseload_plan(physician, review_in=3)
    GoalFactory(plan=due, target_date=timezone.localdate())
    GoalFactory(plan=due, target_date=timezone.localdate() - timedelta(days=3))
    AllocationFactory(stage=due_stage, sessions_per_week=5, minutes_per_session=60)  # none given
    notes, _ = caseload_plan(physician)
    for days in (3, 4):
        attended(notes, timezone.localdate() - timedelta(days=days), 45)  # unsigned since
    results(notes.patient, "TUG", "12", "16")
    moving, _ = caseload_plan(physician, planned_end=timezone.localdate() - timedelta(days=1))
    StageFactory(plan=moving, order=2)
    GoalFactory(plan=moving, target_date=timezone.localdate() + timedelta(days=2))
    caseload_plan(physician)  # nothing pending
    # Another condition's plan with a goal due: outside the list once filtered by condition.
    other, _ = caseload_plan(physician, condition="Knee osteoarthritis", review_in=2)
    GoalFactory(plan=other, target_date=timezone.localdate())


def test_each_count_links_to_the_caseload_narrowed_to_exactly_its_plans(login, physician):
    mixed_caseload(physician)
    client = login(physician)
    stroke = Condition.objects.get(name="Ischaemic stroke")
    for query in ({}, {"condition": stroke.pk}):
        response = client.get(reverse("home"), query)
        cards = response.context["cards"]
        assert [card["item"] for card in cards] == list(ATTENTION_ITEMS)
        page = response.content.decode()
        for card in cards:
            assert card["plans"], card["item"]  # the data shows every card at work
            assert f'href="{html.escape(card["url"])}" data-attention="{card["item"]}"' in page
            listed = client.get(reverse("home") + card["url"])
            assert listed.context["form"].is_valid()
            shown = listed.context["page"]
            assert shown.paginator.count == card["plans"], card["item"]
            assert all(line.needs(card["item"]) for line in shown.object_list)
            if query:  # the other filters are kept
                assert {line.plan.diagnosis.condition for line in shown.object_list} == {stroke}
            text = listed.content.decode()
            assert f'id="caseload-count">{card["plans"]}</span>' in text
            assert 'aria-current="true"' in text and 'id="caseload-all"' in text
    cards = {card["item"]: card for card in client.get(reverse("home")).context["cards"]}
    assert (cards["goals_due"]["plans"], cards["goals_due"]["detail"]) == (3, "4 goals")
    assert (cards["unsigned"]["plans"], cards["unsigned"]["detail"]) == (1, "2 notes")
    assert cards["review_due"]["plans"] == 2


def test_a_counts_list_costs_the_queries_of_the_dashboard_whatever_the_caseload(login, physician):
    client = login(physician)
    mixed_caseload(physician)
    urls = [reverse("home")] + [
        reverse("home") + card["url"] for card in client.get(reverse("home")).context["cards"]
    ]
    dashboard = page_queries(client, reverse("home"))
    assert {page_queries(client, url) for url in urls} == {dashboard}
    mixed_caseload(physician)
    mixed_caseload(physician)
    assert {page_queries(client, url) for url in urls} == {dashboard}


def test_a_bad_attention_value_is_a_form_error_and_shows_everything(login, physician):
    caseload_plan(physician)
    response = login(physician).get(reverse("home"), {"attention": "everything!"})
    assert response.status_code == 200 and "attention" in response.context["form"].errors
    assert len(response.context["page"].object_list) == 1


def test_dashboard_query_count_is_constant(login, physician):
    def build(count):
        for _ in range(count):
            plan, stage = caseload_plan(physician, review_in=3)
            plan.template = PlanTemplate.objects.get(phase_rule="stroke")  # read by the rules
            plan.save()
            AllocationFactory(stage=stage, sessions_per_week=5, minutes_per_session=60)
            StageFactory(plan=plan, order=2)
            GoalFactory(plan=plan, target_date=timezone.localdate())
            AssessmentFactory(patient=plan.patient, measure_id="NPRS", value="3",
                              assessed_at=timezone.now() - timedelta(days=7))  # fmt: skip
            AssessmentFactory(patient=plan.patient, measure_id="NPRS", value="7")
            for days in (3, 10, 17):
                attended(plan, timezone.localdate() - timedelta(days=days), 45)

    client = login(physician)

    build(1)
    small = page_queries(client, reverse("home"))
    build(12)
    assert page_queries(client, reverse("home")) == small


# --- the clinic overview -------------------------------------------------------------------


def stroke_plan_in(phase, physician, **minutes):
    plan, stage = caseload_plan(physician, phase=phase)
    plan.template = PlanTemplate.objects.get(phase_rule="stroke")
    plan.save()
    for code, weekly in minutes.items():  # in sessions of 50 minutes
        AllocationFactory(stage=stage, discipline=Discipline.objects.get(code=code),
                          sessions_per_week=weekly // 50, minutes_per_session=50)  # fmt: skip
    return plan, stage


def test_overview_shows_the_stroke_mix_shift_by_phase(login, physician):
    early, early_stage = stroke_plan_in("early_subacute", physician, PT=300, OT=100)
    stroke_plan_in("early_subacute", physician, PT=200, OT=200)
    stroke_plan_in("late_subacute", physician, PT=100, OT=400)
    _, knee_stage = caseload_plan(physician, condition="Knee osteoarthritis", phase="acute")
    AllocationFactory(stage=knee_stage, sessions_per_week=5, minutes_per_session=60)
    session = attended(early, timezone.localdate() - timedelta(days=2), 45)
    assert session.stage == early_stage
    attended(
        early, timezone.localdate() - timedelta(days=1), 45, attendance="cancelled", reason="Ill"
    )

    response = login(physician).get(reverse("clinic_overview"))
    phases = {p["code"]: p for p in response.context["phases"]}
    planned = {s["code"]: s["percent"] for s in phases["early_subacute"]["planned"]}
    # Mean of 75/25 and 50/50: each plan one vote.
    assert planned == {"PT": 62, "OT": 38}
    assert {s["code"]: s["percent"] for s in phases["late_subacute"]["planned"]} == {
        "PT": 20, "OT": 80}  # fmt: skip
    assert {s["code"]: s["percent"] for s in phases["early_subacute"]["delivered"]} == {"PT": 100}
    assert phases["acute"]["planned"] == []  # the knee plan is not a stroke plan
    assert phases["early_subacute"]["planned_plans"] == 2


def test_overview_sums_attended_minutes_per_discipline_per_week(login, admin_user, physician):
    plan, _ = caseload_plan(physician)
    attended(plan, timezone.localdate(), 30)
    attended(plan, timezone.localdate() - timedelta(days=7), 45)
    attended(plan, timezone.localdate() - timedelta(days=8), 20, "OT")
    attended(plan, timezone.localdate() - timedelta(days=7), 60, attendance="no_show", reason="x")
    attended(plan, timezone.localdate() - timedelta(days=200), 60)  # before the 12 weeks
    response = login(admin_user).get(reverse("clinic_overview"))
    rows = {row["discipline"].code: row["minutes"] for row in response.context["rows"]}
    assert rows["PT"][-2:] == [45, 30] and sum(rows["PT"]) == 75
    assert rows["OT"][-2:] == [20, 0]
    assert response.context["week_totals"][-2:] == [65, 30]


def test_overview_query_count_is_constant(login, physician):
    client = login(physician)

    stroke_plan_in("early_subacute", physician, PT=300)
    small = page_queries(client, reverse("clinic_overview"))
    for _ in range(8):
        plan, _ = stroke_plan_in("late_subacute", physician, PT=100, OT=400)
        for days in (1, 8, 15):
            attended(plan, timezone.localdate() - timedelta(days=days), 45, "OT")
    assert page_queries(client, reverse("clinic_overview")) == small
