"""The physician workflow: triage, draft from template, stages, goals, activation, advance."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from patients.models import CareTeamMember
from plans.models import (
    Allocation,
    PlanRevision,
    PlanStatus,
    RehabPlan,
    StageStatus,
    StageTransition,
)
from plans.services import activate_plan, start_plan_from_triage
from reference.models import Condition, Discipline
from tests.factories import (
    AllocationFactory,
    AssessmentFactory,
    DiagnosisFactory,
    GoalFactory,
    Phq9Factory,
    StageFactory,
    TherapistFactory,
    UserFactory,
    staff_every_discipline,
)
from tests.queries import page_queries

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def diagnosis(patient):
    return DiagnosisFactory(patient=patient, onset_date=TODAY - timedelta(days=2))


@pytest.fixture
def draft(patient, diagnosis, physician):
    return start_plan_from_triage(
        patient=patient,
        diagnosis=diagnosis,
        physician=physician,
        approach="team",
        start_date=TODAY,
        problems={"neuro_weakness", "mobility", "speech"},
    )


@pytest.fixture
def active(draft, physician):
    staff_every_discipline(draft)
    return activate_plan(plan=draft, by=physician, expected_version=draft.version)


def stage_data(stage, plan, **changes):
    data = {
        "version": plan.version,
        "name": stage.name,
        "planned_start": stage.planned_start.isoformat(),
        "planned_end": stage.planned_end.isoformat() if stage.planned_end else "",
        "exit_measure": stage.exit_measure_id or "",
        "exit_value": stage.exit_value,
        "reason": "",
    }
    for allocation in stage.allocations.filter(is_active=True):
        data[f"{allocation.discipline_id}_sessions"] = allocation.sessions_per_week
        data[f"{allocation.discipline_id}_minutes"] = allocation.minutes_per_session
    data.update(changes)
    return data


# --- triage ------------------------------------------------------------------------------


def test_triage_suggests_with_reasons_and_the_disclaimer(login, physician, patient, diagnosis):
    client = login(physician)
    url = reverse("plan_triage", args=[patient.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "diagnosis": diagnosis.pk,
            "main_problem": "neuro_weakness",
            "also_affected": ["speech", "balance"],
        },
    )
    page = response.content.decode()
    assert response.context["result"].approach == "team"
    assert "Full team" in page
    assert "Speech affected: speech and language therapy" in page
    assert "does not replace it" in page
    # Issue 14: the disclaimer is shown once per page.
    assert page.count("does not replace it") == 1


def test_triage_refuses_bad_answers_with_a_form_error(login, physician, patient, diagnosis):
    response = login(physician).post(
        reverse("plan_triage", args=[patient.pk]),
        {"diagnosis": diagnosis.pk, "main_problem": "headache"},
    )
    assert response.status_code == 200
    assert "result" not in response.context
    assert "valid choice" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("therapist", 403), ("reception", 403), ("outsider", 404)]
)
def test_triage_is_for_physicians_and_admins(login, people, patient, role, status):
    assert login(people[role]).get(reverse("plan_triage", args=[patient.pk])).status_code == status


def test_starting_a_plan_keeps_what_triage_said_and_what_was_chosen(
    login, physician, patient, diagnosis
):
    response = login(physician).post(
        reverse("plan_start", args=[patient.pk]),
        {
            "diagnosis": diagnosis.pk,
            "problems": ["neuro_weakness", "speech"],
            "approach": "neuro",
            "start_date": TODAY.isoformat(),
        },
    )
    plan = RehabPlan.objects.get(patient=patient)
    assert response.status_code == 302 and response.url == reverse("plan_detail", args=[plan.pk])
    assert plan.status == PlanStatus.DRAFT
    assert plan.triage_problems == ["neuro_weakness", "speech"]
    assert plan.suggested_approach == "team" and plan.approach == "neuro"
    assert set(plan.suggested_reasons) == {"NEURO", "SLT", "PSY"}
    assert [s.phase for s in plan.stages.all()] == [
        "acute", "early_subacute", "late_subacute", "chronic"
    ]  # fmt: skip


def test_a_plan_cannot_start_before_the_onset(login, physician, patient, diagnosis):
    response = login(physician).post(
        reverse("plan_start", args=[patient.pk]),
        {
            "diagnosis": diagnosis.pk,
            "problems": ["mobility"],
            "approach": "physio",
            "start_date": (TODAY - timedelta(days=30)).isoformat(),
        },
        follow=True,
    )
    assert "cannot start before the onset" in response.content.decode()
    assert not RehabPlan.objects.exists()


def test_start_plan_is_post_only(login, physician, patient):
    assert login(physician).get(reverse("plan_start", args=[patient.pk])).status_code == 405


# --- the plan page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("physician", 200),
        ("admin", 200),
        ("therapist", 200),
        ("ot_therapist", 200),
        ("outsider", 404),
        ("reception", 404),
    ],
)
def test_who_sees_the_plan(login, people, draft, role, status):
    assert login(people[role]).get(reverse("plan_detail", args=[draft.pk])).status_code == status


def test_therapists_read_the_plan_without_edit_controls(login, therapist, active):
    page = login(therapist).get(reverse("plan_detail", args=[active.pk])).content.decode()
    assert "Edit stage" not in page and "Add goal" not in page and "Advance stage" not in page


def test_plan_page_shows_departures_from_triage_and_unstaffed_disciplines(login, physician, draft):
    page = login(physician).get(reverse("plan_detail", args=[draft.pk])).content.decode()
    # The stroke template plans OT and PSY too; triage asked for neuro, physio and speech.
    assert "Planned beyond triage" in page
    # The fixture's team has PT and OT therapists only. Issue 14: names, not codes.
    assert (
        "No care-team member for: Neuro-physiotherapy and task-oriented retraining, "
        "Speech and swallowing therapy, Psychology." in page
    )
    assert "Planned beyond triage's suggestion: Occupational therapy</div>" in page


def test_plan_page_refuses_post(login, physician, draft):
    assert login(physician).post(reverse("plan_detail", args=[draft.pk])).status_code == 405


def test_plan_page_query_count_is_constant(login, physician, active, django_assert_max_num_queries):
    """Stages, goals, results, and the balance over hundreds of sessions: same cost."""

    client = login(physician)
    url = reverse("plan_detail", args=[active.pk])

    small = page_queries(client, url)
    stage = active.stages.first()
    for _ in range(12):
        GoalFactory(plan=active, stage=stage)
        AssessmentFactory(patient=active.patient, measure_id="NPRS", value="3")
    for order in range(10, 20):
        extra = StageFactory(plan=active, order=order)
        AllocationFactory(stage=extra)
    add_sessions(active, 200)
    assert page_queries(client, url) == small
    # Session, user, plan, stages + allocations, goals, results, team, revisions, the
    # balance (disciplines, sessions summed, missed reasons), the access log, savepoint,
    # and the disciplines' names for the triage and team messages; 24: the goals' GAS
    # reviews and the patient's priorities (with the goals they map to), one query each;
    # 25: the precautions' banner (one query).
    with django_assert_max_num_queries(25):
        client.get(url)


def add_sessions(plan, count: int) -> None:
    """``count`` sessions over the plan's weeks, attended, cancelled and no-show."""
    from tests.factories import SessionFactory, TherapistFactory

    therapist = TherapistFactory()
    start = timezone.now() - timedelta(days=count // 3)
    for n in range(count):
        attendance = ("attended", "attended", "cancelled", "no_show")[n % 4]
        SessionFactory(
            plan=plan, therapist=therapist, start=start + timedelta(hours=8 * n),
            attendance=attendance, minutes=45,
            absence_reason="" if attendance == "attended" else "Unwell",
        )  # fmt: skip


# --- stages ------------------------------------------------------------------------------------


def test_editing_a_draft_stage_changes_its_mix(login, physician, draft):
    stage = draft.stages.get(phase="early_subacute")
    data = stage_data(stage, draft, OT_sessions=5, OT_minutes=60, PSY_sessions="", PSY_minutes="")
    response = login(physician).post(reverse("plan_stage_edit", args=[draft.pk, stage.pk]), data)
    assert response.status_code == 302
    ot = stage.allocations.get(discipline="OT")
    assert (ot.sessions_per_week, ot.minutes_per_session) == (5, 60)
    psy = stage.allocations.get(discipline="PSY")
    assert psy.is_active is False  # switched off, never deleted
    assert not PlanRevision.objects.exists()  # drafts change freely


def test_adding_a_discipline_triage_did_not_suggest(login, physician, draft):
    stage = draft.stages.get(phase="acute")
    data = stage_data(stage, draft, PSY_sessions=1, PSY_minutes=30)
    login(physician).post(reverse("plan_stage_edit", args=[draft.pk, stage.pk]), data)
    assert stage.allocations.get(discipline="PSY").weekly_minutes == 30


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"PT_minutes": "-10"}, "greater than or equal to 0"),
        ({"PT_sessions": "0", "PT_minutes": "45"}, "give both sessions a week and minutes"),
        ({"PT_sessions": "3", "PT_minutes": ""}, "give both sessions a week and minutes"),
        ({"PT_sessions": "15"}, "less than or equal to 14"),
        ({"PT_minutes": "3"}, "at least 5 minutes"),
        ({"planned_end": "2000-01-01"}, "cannot end before it starts"),
        ({"exit_measure": "BERG", "exit_value": "60"}, "out of range"),
        ({"exit_measure": "BERG", "exit_value": ""}, "needs both a measure and a threshold"),
    ],
)
def test_bad_stage_input_is_a_form_error_and_changes_nothing(
    login, physician, draft, changes, message
):
    stage = draft.stages.get(phase="acute")
    before = list(
        stage.allocations.values_list("discipline", "sessions_per_week", "minutes_per_session")
    )
    response = login(physician).post(
        reverse("plan_stage_edit", args=[draft.pk, stage.pk]), stage_data(stage, draft, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    after = list(
        stage.allocations.values_list("discipline", "sessions_per_week", "minutes_per_session")
    )
    assert after == before


def test_a_stage_with_no_discipline_is_refused(login, physician, draft):
    stage = draft.stages.get(phase="acute")
    data = stage_data(stage, draft)
    for key in list(data):
        if key.endswith(("_sessions", "_minutes")):
            data[key] = ""
    response = login(physician).post(reverse("plan_stage_edit", args=[draft.pk, stage.pk]), data)
    assert "at least one discipline" in response.content.decode()


def test_an_active_plan_changes_only_with_a_reason_in_its_revisions(login, physician, active):
    stage = active.stages.get(status=StageStatus.CURRENT)
    url = reverse("plan_stage_edit", args=[active.pk, stage.pk])
    client = login(physician)
    response = client.post(url, stage_data(stage, active, PT_sessions=4))
    assert "say why it changes" in response.content.decode()
    response = client.post(
        url, stage_data(stage, active, PT_sessions=4, reason="Fatigue after 5 sessions a week")
    )
    assert response.status_code == 302
    revision = active.revisions.order_by("-number").first()
    assert revision.reason == "Fatigue after 5 sessions a week"
    assert "PT 4 × 30 min a week" in revision.changes
    assert revision.author == physician


def test_a_stale_stage_edit_gets_a_conflict_and_overwrites_nothing(login, physician, draft):
    stage = draft.stages.get(phase="acute")
    stale = stage_data(stage, draft)
    client = login(physician)
    client.post(reverse("plan_stage_edit", args=[draft.pk, stage.pk]), {**stale, "PT_sessions": 4})
    response = client.post(
        reverse("plan_stage_edit", args=[draft.pk, stage.pk]), {**stale, "PT_sessions": 2}
    )
    assert response.status_code == 200
    assert "Someone else changed this plan" in response.content.decode()
    assert stage.allocations.get(discipline="PT").sessions_per_week == 4


def test_a_completed_plan_is_not_edited(login, physician, active):
    RehabPlan.objects.filter(pk=active.pk)
    active.status = PlanStatus.COMPLETED
    active.save()
    stage = active.stages.first()
    response = login(physician).get(reverse("plan_stage_edit", args=[active.pk, stage.pk]))
    assert response.status_code == 200
    response = login(physician).post(
        reverse("plan_stage_edit", args=[active.pk, stage.pk]),
        stage_data(stage, active, PT_sessions=2, reason="x"),
    )
    assert "closed; it is not edited" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("therapist", 403), ("reception", 404), ("outsider", 404)]
)
def test_only_physicians_and_admins_edit_stages(login, people, draft, role, status):
    stage = draft.stages.first()
    url = reverse("plan_stage_edit", args=[draft.pk, stage.pk])
    assert login(people[role]).get(url).status_code == status
    assert login(people[role]).post(url, stage_data(stage, draft)).status_code == status


def test_a_stage_of_another_plan_is_404(login, physician, draft):
    other = StageFactory()
    url = reverse("plan_stage_edit", args=[draft.pk, other.pk])
    assert login(physician).get(url).status_code == 404


# --- goals --------------------------------------------------------------------------------------


def goal_data(plan, **changes):
    return {
        "version": plan.version,
        "discipline": "PT",
        "icf_domain": "activity",
        "text": "Walk 50 m indoors with a stick within 6 weeks.",
        "measure": "BERG",
        "baseline": "22",
        "target": "45",
        "target_date": (TODAY + timedelta(days=42)).isoformat(),
        "reason": "",
        **changes,
    }


def test_add_a_smart_goal(login, physician, draft):
    response = login(physician).post(reverse("plan_goal_new", args=[draft.pk]), goal_data(draft))
    assert response.status_code == 302
    goal = draft.goals.get()
    assert (goal.measure_id, goal.baseline, goal.target) == ("BERG", "22", "45")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target": "60"}, "out of range"),
        ({"target": "15"}, "higher is better: the target should be above the baseline"),
        ({"measure": "TUG", "baseline": "20", "target": "25"}, "lower is better"),
        ({"target": "22"}, "equals the baseline"),
        ({"target": ""}, "Give the target"),
        ({"target_date": "2001-01-01"}, "in the future"),
        ({"measure": "", "target": "40"}, "need an outcome measure"),
        ({"text": "x" * 10_001}, "at most 10000 characters"),
    ],
)
def test_bad_goal_input_is_a_form_error(login, physician, draft, changes, message):
    response = login(physician).post(
        reverse("plan_goal_new", args=[draft.pk]), goal_data(draft, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not draft.goals.exists()


@pytest.mark.parametrize(
    ("measure", "baseline", "target"),
    [("BERG", "40", "40"), ("BERG", "40", "36"), ("TUG", "14", "14"), ("MRS", "2", "2")],
)
def test_a_maintenance_goal_may_keep_the_baseline(
    login, physician, draft, measure, baseline, target
):
    data = goal_data(draft, kind="maintain", measure=measure, baseline=baseline, target=target)
    response = login(physician).post(reverse("plan_goal_new", args=[draft.pk]), data)
    assert response.status_code == 302
    goal = draft.goals.get()
    assert (goal.kind, goal.baseline, goal.target) == ("maintain", baseline, target)


def test_a_maintenance_goal_aiming_higher_is_a_goal_to_improve(login, physician, draft):
    data = goal_data(draft, kind="maintain", baseline="40", target="45")
    response = login(physician).post(reverse("plan_goal_new", args=[draft.pk]), data)
    assert "is a goal to improve" in response.content.decode()
    assert not draft.goals.exists()


def test_a_goal_without_a_kind_is_a_goal_to_improve(login, physician, draft):
    login(physician).post(reverse("plan_goal_new", args=[draft.pk]), goal_data(draft))
    assert draft.goals.get().kind == "improve"
    form = login(physician).get(reverse("plan_goal_new", args=[draft.pk])).content.decode()
    assert 'name="kind"' in form and "Maintain" in form


def test_a_goal_from_unable_to_perform(login, physician, draft):
    data = goal_data(draft, measure="TUG", baseline="UNABLE", target="30")
    assert login(physician).post(reverse("plan_goal_new", args=[draft.pk]), data).status_code == 302
    assert draft.goals.get().baseline == "UNABLE"
    page = login(physician).get(reverse("plan_detail", args=[draft.pk])).content.decode()
    assert "Unable to perform → 30" in page


def test_lower_is_better_targets_are_accepted(login, physician, draft):
    data = goal_data(draft, measure="TUG", baseline="24.5", target="12")
    assert login(physician).post(reverse("plan_goal_new", args=[draft.pk]), data).status_code == 302


def test_baseline_is_prefilled_from_the_latest_assessment(login, physician, draft):
    AssessmentFactory(patient=draft.patient, measure_id="TUG", value="31",
                      assessed_at=timezone.now() - timedelta(days=9))  # fmt: skip
    AssessmentFactory(patient=draft.patient, measure_id="TUG", value="24.5")
    response = login(physician).get(
        reverse("plan_goal_baseline", args=[draft.pk]), {"measure": "TUG"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert 'value="24.5"' in response.content.decode()


def test_goal_on_an_active_plan_needs_a_reason(login, physician, active):
    client = login(physician)
    url = reverse("plan_goal_new", args=[active.pk])
    assert "say why it changes" in client.post(url, goal_data(active)).content.decode()
    assert client.post(url, goal_data(active, reason="Family goal")).status_code == 302
    assert "Goal added" in active.revisions.order_by("-number").first().changes


def test_edit_a_goal_status(login, physician, draft):
    goal = GoalFactory(plan=draft)
    data = goal_data(draft, status="achieved")
    response = login(physician).post(reverse("plan_goal_edit", args=[draft.pk, goal.pk]), data)
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == "achieved"


def goal_rows(client, plan):
    return {
        row.goal: row for row in client.get(reverse("plan_detail", args=[plan.pk])).context["goals"]
    }


def test_goal_progress_reads_only_results_since_the_goal_was_set(login, physician, draft):
    goal = GoalFactory(plan=draft, measure_id="TUG", baseline="30", target="15")
    assert goal.set_on == TODAY
    AssessmentFactory(patient=draft.patient, measure_id="TUG", value="15",
                      assessed_at=timezone.now() - timedelta(days=1))  # fmt: skip
    client = login(physician)
    row = goal_rows(client, draft)[goal]
    assert (row.latest, row.progress_percent) == (None, None)
    AssessmentFactory(patient=draft.patient, measure_id="TUG", value="20")
    row = goal_rows(client, draft)[goal]
    assert (row.latest.value, row.latest.on, row.progress_percent) == ("20", TODAY, 67)


def test_a_right_ankle_ashworth_result_does_not_move_a_left_elbow_goal(login, physician, draft):
    """A goal "left elbow flexors 3 → 1" showed 100 % when a right-ankle 0 was recorded."""
    goal = GoalFactory(plan=draft, measure_id="MAS", baseline="3", target="1",
                       body_site="Elbow flexors, left")  # fmt: skip
    AssessmentFactory(patient=draft.patient, measure_id="MAS", value="0",
                      body_site="Ankle plantarflexors, right")  # fmt: skip
    client = login(physician)
    assert goal_rows(client, draft)[goal].progress_percent is None
    AssessmentFactory(patient=draft.patient, measure_id="MAS", value="1+",
                      body_site="left elbow flexors ")  # fmt: skip
    row = goal_rows(client, draft)[goal]
    assert (row.latest.value, row.progress_percent) == ("1+", 67)  # grades by position
    chart = client.get(reverse("patient_detail", args=[draft.patient.pk])).context
    names = [series["name"] for series in chart["measure_series"]]
    assert names == [
        "Modified Ashworth Scale · Ankle plantarflexors, right",
        "Modified Ashworth Scale · left elbow flexors ",
    ]


def test_an_ashworth_goal_names_its_muscle_group_and_side(login, physician, draft):
    client = login(physician)
    url = reverse("plan_goal_new", args=[draft.pk])
    data = goal_data(draft, measure="MAS", baseline="3", target="1")
    response = client.post(url, data)
    assert "goals name the muscle group and side" in response.content.decode()
    assert client.post(url, data | {"body_site": "Elbow flexors, left"}).status_code == 302
    goal = draft.goals.get()
    assert (goal.body_site, goal.set_on) == ("Elbow flexors, left", TODAY)
    draft.refresh_from_db()
    client.post(url, goal_data(draft, body_site="Elbow flexors, left"))  # a Berg goal
    assert draft.goals.get(measure="BERG").body_site is None


def test_the_baseline_prefill_keeps_to_the_episode_and_the_site(login, physician, draft):
    """Before the stroke (onset two days ago) a TUG of 12 s is no baseline for this plan."""
    AssessmentFactory(patient=draft.patient, measure_id="TUG", value="12",
                      assessed_at=timezone.now() - timedelta(days=9))  # fmt: skip
    AssessmentFactory(patient=draft.patient, measure_id="MAS", value="3",
                      body_site="Elbow flexors, left")  # fmt: skip
    AssessmentFactory(patient=draft.patient, measure_id="MAS", value="0",
                      body_site="Ankle plantarflexors, right")  # fmt: skip
    client = login(physician)
    url = reverse("plan_goal_baseline", args=[draft.pk])
    assert 'value=""' in client.get(url, {"measure": "TUG"}).content.decode()
    left_elbow = client.get(url, {"measure": "MAS", "body_site": "Elbow flexors, left"})
    assert 'value="3"' in left_elbow.content.decode()
    assert 'value=""' in client.get(url, {"measure": "MAS"}).content.decode()


def test_a_stage_exit_needs_its_window_from_the_stage_form(login, physician, draft):
    stage = draft.stages.get(phase="early_subacute")
    url = reverse("plan_stage_edit", args=[draft.pk, stage.pk])
    client = login(physician)
    data = stage_data(stage, draft, exit_measure="BERG", exit_value="45", exit_needs_window="on")
    assert client.post(url, data).status_code == 302
    stage.refresh_from_db()
    assert stage.exit_needs_window is True
    draft.refresh_from_db()
    refused = client.post(url, stage_data(stage, draft, exit_measure="MAS", exit_value="1"))
    assert "valid choice" in refused.content.decode()


def test_the_ashworth_scale_is_no_exit_criterion_in_the_model(draft):
    from django.core.exceptions import ValidationError

    stage = draft.stages.first()
    stage.exit_measure_id, stage.exit_value = "MAS", "1"
    with pytest.raises(ValidationError, match="per muscle group and side"):
        stage.full_clean()


# --- activation and advance ------------------------------------------------------------------


def test_a_physician_activates_a_draft(login, physician, draft):
    staff_every_discipline(draft)
    response = login(physician).post(
        reverse("plan_activate", args=[draft.pk]), {"version": draft.version}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PlanStatus.ACTIVE and draft.activated_by == physician
    first = draft.stages.order_by("order").first()
    assert first.status == StageStatus.CURRENT and first.actual_start == TODAY
    assert draft.revisions.get().reason == "Activated"


def test_an_unstaffed_discipline_refuses_activation_without_a_reason(login, physician, draft):
    """Issue 14, bug 6: the fixture's team has PT and OT therapists only."""
    client = login(physician)
    page = client.get(reverse("plan_detail", args=[draft.pk])).content.decode()
    assert 'name="unstaffed_reason"' in page and "Activate without them" in page
    response = client.post(
        reverse("plan_activate", args=[draft.pk]), {"version": draft.version}, follow=True
    )
    assert "No therapist on the care team for Neuro" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT and not draft.revisions.exists()


def test_activation_without_a_therapist_keeps_the_reason(login, physician, draft):
    response = login(physician).post(
        reverse("plan_activate", args=[draft.pk]),
        {"version": draft.version, "unstaffed_reason": "Speech therapist joins next week"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PlanStatus.ACTIVE
    revision = draft.revisions.get()
    assert revision.reason.startswith("Activated without a therapist for")
    assert revision.reason.endswith(": Speech therapist joins next week")
    assert "No therapist on the care team for" in revision.changes


def test_a_staffed_plan_activates_without_the_override_field(login, physician, draft):
    staff_every_discipline(draft)
    page = login(physician).get(reverse("plan_detail", args=[draft.pk])).content.decode()
    assert 'name="unstaffed_reason"' not in page and "Activate (sign) plan" in page


def test_an_administrator_does_not_sign_a_plan(login, admin_user, draft):
    response = login(admin_user).post(
        reverse("plan_activate", args=[draft.pk]), {"version": draft.version}, follow=True
    )
    assert "Only a physician activates" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_activation_with_a_stale_version_is_refused(login, physician, draft):
    response = login(physician).post(
        reverse("plan_activate", args=[draft.pk]), {"version": draft.version - 1 or 99}, follow=True
    )
    assert "Someone else changed this plan" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_activating_twice_is_refused(login, physician, active):
    response = login(physician).post(
        reverse("plan_activate", args=[active.pk]), {"version": active.version}, follow=True
    )
    assert "Only a draft is activated" in response.content.decode()


def test_activate_is_post_only_and_for_plan_editors(login, people, draft):
    assert (
        login(people["physician"]).get(reverse("plan_activate", args=[draft.pk])).status_code == 405
    )
    assert (
        login(people["therapist"])
        .post(reverse("plan_activate", args=[draft.pk]), {"version": draft.version})
        .status_code
        == 403
    )


def test_advance_moves_to_the_next_stage_and_records_why(login, physician, active):
    client = login(physician)
    url = reverse("plan_advance", args=[active.pk])
    assert client.get(url).status_code == 200
    active.refresh_from_db()
    response = client.post(
        url,
        {"version": active.version, "reason": "Sitting balance achieved",
         "effective_date": TODAY.isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    stages = list(active.stages.order_by("order"))
    assert stages[0].status == StageStatus.DONE and stages[1].status == StageStatus.CURRENT
    assert stages[1].actual_start == TODAY
    transition = StageTransition.objects.get(plan=active)
    assert transition.by == physician and transition.reason == "Sitting balance achieved"
    assert (
        "Advanced from Acute to Early subacute"
        in active.revisions.order_by("-number").first().changes
    )


def test_advance_needs_a_reason_and_an_active_plan(login, physician, draft, active):
    client = login(physician)
    response = client.post(
        reverse("plan_advance", args=[active.pk]),
        {"version": active.version, "reason": "", "effective_date": TODAY.isoformat()},
    )
    assert "This field is required" in response.content.decode()
    active.status = PlanStatus.COMPLETED
    active.save()
    response = client.post(
        reverse("plan_advance", args=[active.pk]),
        {"version": active.version, "reason": "x", "effective_date": TODAY.isoformat()},
    )
    assert "Only an active plan advances" in response.content.decode()
    assert not StageTransition.objects.exists()


def test_the_last_stage_does_not_advance(login, physician, active):
    stages = list(active.stages.order_by("order"))
    for stage in stages[:-1]:
        stage.status, stage.actual_start, stage.actual_end = "done", TODAY, TODAY
        stage.save()
    last = stages[-1]
    last.status, last.actual_start = "current", TODAY
    last.save()
    active.refresh_from_db()
    response = login(physician).post(
        reverse("plan_advance", args=[active.pk]),
        {"version": active.version, "reason": "x", "effective_date": TODAY.isoformat()},
    )
    assert "last stage" in response.content.decode()


def test_a_stale_advance_is_refused(login, physician, active):
    response = login(physician).post(
        reverse("plan_advance", args=[active.pk]),
        {"version": active.version + 5, "reason": "x", "effective_date": TODAY.isoformat()},
    )
    assert "Someone else changed this plan" in response.content.decode()
    assert not StageTransition.objects.exists()


def test_time_suggestion_shows_on_the_plan_and_the_dashboard(login, physician, active):
    """Eight days after onset the acute stroke stage is over: the system suggests moving on."""
    diagnosis = active.diagnosis
    diagnosis.onset_date = TODAY - timedelta(days=8)
    diagnosis.onset_time = time(0, 0)  # known: a date-only onset reads as 23:59 (below)
    diagnosis.save()
    client = login(physician)
    page = client.get(reverse("plan_detail", args=[active.pk])).content.decode()
    assert "Stage advance suggested" in page and "Day 8 since onset" in page
    assert "onset time unknown" not in page
    home = client.get(reverse("home")).content.decode()
    assert "Day 8 since onset" in home


def test_a_date_only_onset_says_so_and_reads_the_end_of_the_day(login, physician, active):
    """Onset yesterday, time unknown: at 10:00 today the stroke may be only 10 h old, so it
    is still hyperacute (midnight, the old reading, made it 34 h old and acute); eight days
    on, the suggestion says which reading it used."""
    from reference.models import PhaseRule, PlanTemplate

    active.template = PlanTemplate.objects.get(phase_rule=PhaseRule.STROKE)
    active.save()
    current = active.stages.get(status=StageStatus.CURRENT)
    current.phase = "hyperacute"
    current.save()
    diagnosis = active.diagnosis
    diagnosis.onset_date = TODAY - timedelta(days=1)
    diagnosis.onset_time = None
    diagnosis.save()
    assert diagnosis.onset_time_known is False
    client = login(physician)
    ten_am = timezone.make_aware(datetime.combine(TODAY, time(10, 0)))
    with time_machine.travel(ten_am, tick=False):
        page = client.get(reverse("plan_detail", args=[active.pk])).content.decode()
    assert "Stage advance suggested" not in page
    assert "onset time unknown: phases from the end of" in page
    with time_machine.travel(ten_am + timedelta(days=2), tick=False):
        client = login(physician)  # a new day's sign-in
        page = client.get(reverse("plan_detail", args=[active.pk])).content.decode()
        home = client.get(reverse("home")).content.decode()
    note = f"onset time unknown: phase from the end of {diagnosis.onset_date:%-d %b %Y}"
    assert "Stage advance suggested" in page and note in page and note in home


def test_the_diagnosis_form_records_an_unknown_onset_time(login, physician, patient):
    stroke = Condition.objects.get(icd10="I63.9")
    url = reverse("patient_diagnosis_new", args=[patient.pk])
    client = login(physician)
    assert "Time unknown" in client.get(url).content.decode()
    data = {"condition": stroke.pk, "onset_date": TODAY.isoformat(), "is_primary": "on"}
    both = client.post(url, data | {"onset_time": "06:30", "onset_time_unknown": "on"})
    assert "Leave the time empty when it is unknown" in both.content.decode()
    assert client.post(url, data | {"onset_time_unknown": "on"}).status_code == 302
    diagnosis = patient.diagnoses.get()
    assert diagnosis.onset_time is None and diagnosis.onset_time_known is False
    assert timezone.localtime(diagnosis.onset).time() == time(23, 59)


def test_criterion_suggestion_from_the_latest_assessment(login, physician, active):
    current = active.stages.get(status=StageStatus.CURRENT)
    current.exit_measure_id, current.exit_value = "BERG", "45"
    current.save()
    AssessmentFactory(
        patient=active.patient,
        measure_id="BERG",
        items={f"item{i}": 4 for i in range(1, 15)} | {"item14": 0},
    )
    page = login(physician).get(reverse("plan_detail", args=[active.pk])).content.decode()
    assert "Berg Balance Scale 52" in page and "meets the exit criterion" in page


def test_a_berg_from_before_the_stage_started_does_not_suggest_advancing(login, physician, active):
    current = active.stages.get(status=StageStatus.CURRENT)
    current.exit_measure_id, current.exit_value = "BERG", "45"
    current.save()
    AssessmentFactory(
        patient=active.patient,
        measure_id="BERG",
        items={f"item{i}": 4 for i in range(1, 15)} | {"item14": 0},
        assessed_at=timezone.now() - timedelta(days=3),  # before the stroke, even
    )
    client = login(physician)
    page = client.get(reverse("plan_detail", args=[active.pk])).content.decode()
    assert "meets the exit criterion" not in page
    advance = client.get(reverse("plan_advance", args=[active.pk])).content.decode()
    assert "no suggestion to advance now" in advance


def orthopaedic_plan(patient, physician, onset):
    diagnosis = DiagnosisFactory(
        patient=patient, condition=Condition.objects.get(name="Low back pain"), onset_date=onset
    )
    plan = start_plan_from_triage(
        patient=patient, diagnosis=diagnosis, physician=physician, approach="physio",
        start_date=onset, problems={"pain_stiffness"},
    )  # fmt: skip
    staff_every_discipline(plan)
    return activate_plan(plan=plan, by=physician, expected_version=plan.version)


def test_pain_alone_does_not_end_the_orthopaedic_protection_stage(login, physician, patient):
    """NPRS ≤ 3 on day 2 suggested mobilisation against the healing time of the tissue."""
    onset = TODAY - timedelta(days=2)
    plan = orthopaedic_plan(patient, physician, onset)
    protection = plan.stages.get(status=StageStatus.CURRENT)
    assert (protection.name, protection.exit_needs_window) == ("Protection", True)
    assert protection.planned_end == onset + timedelta(days=13)
    AssessmentFactory(patient=patient, measure_id="NPRS", value="2")
    client = login(physician)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "Stage advance suggested" not in page
    assert (
        f"Numeric Pain Rating Scale 2 on {TODAY:%-d %b %Y} meets the exit criterion (≤ 3), "
        f"but the stage&#x27;s window runs until {protection.planned_end:%-d %b %Y}"
    ) in page
    assert not client.get(reverse("home")).context["page"].object_list[0].suggestion

    day_15 = timezone.make_aware(datetime.combine(onset + timedelta(days=15), time(10)))
    with time_machine.travel(day_15, tick=False):
        AssessmentFactory(patient=patient, measure_id="NPRS", value="2")
        page = login(physician).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "Stage advance suggested" in page
    assert f"Numeric Pain Rating Scale 2 on {day_15:%-d %b %Y} meets the exit criterion" in page


# --- care team ----------------------------------------------------------------------------------


def test_physician_adds_and_ends_care_team_members(login, physician, patient, outsider):
    client = login(physician)
    url = reverse("patient_care_team", args=[patient.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"staff": outsider.pk, "team_role": "therapist", "start_date": TODAY.isoformat()}
    )
    assert response.status_code == 302
    member = CareTeamMember.objects.get(patient=patient, staff=outsider)
    response = client.post(
        url, {"staff": outsider.pk, "team_role": "therapist", "start_date": TODAY.isoformat()}
    )
    assert "already on the patient" in response.content.decode()
    client.post(reverse("patient_care_team_end", args=[patient.pk, member.pk]))
    member.refresh_from_db()
    assert member.end_date == TODAY


def test_a_therapist_cannot_be_the_lead_physician(login, physician, patient, outsider):
    response = login(physician).post(
        reverse("patient_care_team", args=[patient.pk]),
        {"staff": outsider.pk, "team_role": "lead_physician", "start_date": TODAY.isoformat()},
    )
    assert "cannot be the lead physician" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("therapist", 403), ("reception", 403), ("outsider", 404)]
)
def test_care_team_management_is_for_physicians_and_admins(login, people, patient, role, status):
    assert (
        login(people[role]).get(reverse("patient_care_team", args=[patient.pk])).status_code
        == status
    )


def test_ending_is_post_only(login, physician, patient):
    member = patient.care_team.first()
    url = reverse("patient_care_team_end", args=[patient.pk, member.pk])
    assert login(physician).get(url).status_code == 405


def test_reception_cannot_reach_any_plan_url(login, reception, draft):
    stage = draft.stages.first()
    client = login(reception)
    for url in [
        reverse("plan_detail", args=[draft.pk]),
        reverse("plan_stage_edit", args=[draft.pk, stage.pk]),
        reverse("plan_goal_new", args=[draft.pk]),
        reverse("plan_goal_baseline", args=[draft.pk]),
        reverse("plan_advance", args=[draft.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("plan_activate", args=[draft.pk])).status_code == 404
    assert Allocation.objects.filter(stage__plan=draft).exists()
    assert Condition.objects.exists()


# --- diagnoses ----------------------------------------------------------------------------------


def test_physician_records_a_diagnosis(login, physician, patient):
    stroke = Condition.objects.get(icd10="I63.9")
    response = login(physician).post(
        reverse("patient_diagnosis_new", args=[patient.pk]),
        {"condition": stroke.pk, "onset_date": TODAY.isoformat(), "onset_time": "06:30",
         "is_primary": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    diagnosis = patient.diagnoses.get()
    assert diagnosis.is_primary and diagnosis.onset_time.hour == 6


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"onset_date": "2999-01-01"}, "between 1900 and 2100"),
        ({"onset_date": (TODAY + timedelta(days=3)).isoformat()}, "in the future"),
        ({"onset_date": "1900-01-01"}, "before the patient&#x27;s birth"),
        ({"notes": "x" * 10_001}, "at most 10000 characters"),
        ({"onset_time": "25:99"}, "Enter a valid time"),
        ({"condition": "999999"}, "valid choice"),
    ],
)
def test_bad_diagnosis_input_is_a_form_error(login, physician, patient, changes, message):
    stroke = Condition.objects.get(icd10="I63.9")
    data = {"condition": stroke.pk, "onset_date": TODAY.isoformat(), **changes}
    response = login(physician).post(reverse("patient_diagnosis_new", args=[patient.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not patient.diagnoses.exists()


def test_an_onset_time_later_today_is_a_form_error(login, physician, patient):
    stroke = Condition.objects.get(icd10="I63.9")
    ten_am = timezone.make_aware(datetime.combine(TODAY, time(10, 0)))
    data = {"condition": stroke.pk, "onset_date": TODAY.isoformat(), "onset_time": "12:30"}
    client = login(physician)
    with time_machine.travel(ten_am, tick=False):
        response = client.post(reverse("patient_diagnosis_new", args=[patient.pk]), data)
    assert response.status_code == 200
    assert "later than now" in response.content.decode()
    assert not patient.diagnoses.exists()


def test_pages_stay_up_with_an_onset_stored_later_than_now(login, physician, plan):
    """Whatever is stored (an older record, a raw write), the dashboard and the plan page
    answer; they suggested by asking the phase of a moment before the onset (a 500)."""
    from patients.records import maintenance
    from reference.models import PhaseRule, PlanTemplate

    plan.template = PlanTemplate.objects.filter(phase_rule=PhaseRule.STROKE).first()
    plan.save()
    StageFactory(plan=plan, order=1, phase="hyperacute", status=StageStatus.CURRENT,
                 actual_start=plan.start_date)  # fmt: skip
    StageFactory(plan=plan, order=2, phase="acute")  # a next stage: a suggestion is asked
    with maintenance():
        type(plan.diagnosis).objects.filter(pk=plan.diagnosis_id).update(
            onset_date=TODAY, onset_time=(timezone.localtime() + timedelta(hours=1)).time()
        )
    client = login(physician)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("patient_detail", args=[plan.patient.pk])).status_code == 200


def test_a_second_primary_diagnosis_is_a_form_error(login, physician, patient, diagnosis):
    data = {
        "condition": Condition.objects.get(icd10="M54.5").pk,
        "onset_date": TODAY.isoformat(),
        "is_primary": "on",
    }
    response = login(physician).post(reverse("patient_diagnosis_new", args=[patient.pk]), data)
    assert "already has a primary diagnosis" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("therapist", 403), ("reception", 403), ("outsider", 404)]
)
def test_only_plan_editors_record_diagnoses(login, people, patient, role, status):
    url = reverse("patient_diagnosis_new", args=[patient.pk])
    assert login(people[role]).get(url).status_code == status


def test_the_chart_shows_the_open_plan_in_full(login, physician, therapist, active):
    for user in (physician, therapist):
        page = login(user).get(reverse("patient_detail", args=[active.patient.pk]))
        content = page.content.decode()
        assert "Stages" in content and "Revision history" in content
        assert "Physio" in content  # the mix bars


def test_the_physician_starting_a_plan_joins_the_care_team(patient, diagnosis):
    """As a physician of the team when it has its lead already (one lead per patient)."""
    from tests.factories import UserFactory

    newcomer = UserFactory(role="physician")
    start_plan_from_triage(
        patient=patient, diagnosis=diagnosis, physician=newcomer, approach="physio",
        start_date=TODAY, problems={"mobility"},
    )  # fmt: skip
    assert patient.care_team.active().filter(staff=newcomer, team_role="physician").exists()
    assert patient.care_team.active().filter(team_role="lead_physician").count() == 1


def test_the_physician_starting_a_plan_leads_a_team_without_a_lead():
    from tests.factories import PatientFactory, UserFactory

    newcomer = UserFactory(role="physician")
    diagnosis = DiagnosisFactory(patient=PatientFactory())
    start_plan_from_triage(
        patient=diagnosis.patient, diagnosis=diagnosis, physician=newcomer, approach="physio",
        start_date=TODAY, problems={"mobility"},
    )  # fmt: skip
    team = diagnosis.patient.care_team.active()
    assert team.filter(staff=newcomer, team_role="lead_physician").exists()


# --- query counts ------------------------------------------------------------------------------


def _grow(plan):
    """Ten more of everything a plan page could iterate over."""
    for order in range(20, 30):
        stage = StageFactory(plan=plan, order=order)
        AllocationFactory(stage=stage)
        GoalFactory(plan=plan)
        AssessmentFactory(patient=plan.patient, measure_id="NPRS", value="4")
        Phq9Factory(patient=plan.patient)  # a self-harm alert on the chart and the desk
        DiagnosisFactory(patient=plan.patient, is_primary=False)


@pytest.mark.parametrize(
    "page",
    ["triage", "detail", "stage", "goal", "advance", "care_team", "chart", "home"],
)
def test_every_physician_page_costs_the_same_whatever_the_volume(
    login, physician, active, page, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stage = active.stages.order_by("order").first()
    url = {
        "triage": reverse("plan_triage", args=[active.patient.pk]),
        "detail": reverse("plan_detail", args=[active.pk]),
        "stage": reverse("plan_stage_edit", args=[active.pk, stage.pk]),
        "goal": reverse("plan_goal_new", args=[active.pk]),
        "advance": reverse("plan_advance", args=[active.pk]),
        "care_team": reverse("patient_care_team", args=[active.patient.pk]),
        "chart": reverse("patient_detail", args=[active.patient.pk]),
        "home": reverse("home"),
    }[page]
    client = login(physician)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    _grow(active)
    assert count() == before
    # 28: the chart reads which outcome measures are retired (its "Record an assessment" menu);
    # 29: the plan panel reads the disciplines' names for its messages (issue 14);
    # 31: the plan panel's GAS reviews and the patient's priorities (issue 15); 32: the
    # precautions' banner; 33: the PHQ-9 self-harm answers to review (one query each).
    with django_assert_max_num_queries(33):
        client.get(url)


# --- the review's edge cases ----------------------------------------------------------------


def test_a_finished_stage_is_not_edited(login, physician, active):
    client = login(physician)
    client.post(
        reverse("plan_advance", args=[active.pk]),
        {"version": active.version, "reason": "Ready", "effective_date": TODAY.isoformat()},
    )
    done = active.stages.get(status=StageStatus.DONE)
    active.refresh_from_db()
    response = client.post(
        reverse("plan_stage_edit", args=[active.pk, done.pk]),
        stage_data(done, active, PT_sessions=1, reason="Rewrite history"),
    )
    assert "finished stage is history" in response.content.decode()


def test_absurd_plan_dates_are_form_errors(login, physician, patient, diagnosis):
    response = login(physician).post(
        reverse("plan_start", args=[patient.pk]),
        {"diagnosis": diagnosis.pk, "problems": ["mobility"], "approach": "physio",
         "start_date": "9999-12-31"},
        follow=True,
    )  # fmt: skip
    assert "between 1900 and 2100" in response.content.decode()
    assert not RehabPlan.objects.exists()


def test_time_suggestions_use_the_clinic_date(login, physician, patient):
    """At 00:30 in Pune it is still yesterday in UTC; the window ended yesterday here."""
    from zoneinfo import ZoneInfo

    import time_machine

    low_back = Condition.objects.get(icd10="M54.5")
    diagnosis = DiagnosisFactory(patient=patient, condition=low_back,
                                 onset_date=TODAY - timedelta(days=20))  # fmt: skip
    plan = start_plan_from_triage(
        patient=patient, diagnosis=diagnosis, physician=physician, approach="physio",
        start_date=diagnosis.onset_date, problems={"pain_stiffness"},
    )  # fmt: skip
    staff_every_discipline(plan)
    plan = activate_plan(plan=plan, by=physician, expected_version=plan.version)
    first = plan.stages.get(status=StageStatus.CURRENT)
    first.planned_end = TODAY - timedelta(days=1)
    first.save()
    from datetime import datetime, time

    just_after_midnight = datetime.combine(TODAY, time(0, 30), tzinfo=ZoneInfo("Asia/Kolkata"))
    with time_machine.travel(just_after_midnight, tick=False):
        page = login(physician).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "planned window ended on" in page


def test_ending_a_membership_ends_access_at_once(login, physician, therapist, patient):
    member = patient.care_team.get(staff=therapist)
    login(physician).post(reverse("patient_care_team_end", args=[patient.pk, member.pk]))
    assert login(therapist).get(reverse("patient_detail", args=[patient.pk])).status_code == 404


def test_the_migration_back_fills_when_goals_were_set_and_which_stages_need_their_window(
    physician, patient
):
    """Goals older than ``set_on`` get the day of their first history record (or their
    plan's start without one); stages copy ``exit_needs_window`` from their template."""
    import importlib

    from django.apps import apps

    from patients.records import maintenance
    from plans.models import Goal, Stage

    backfill = importlib.import_module(
        "plans.migrations.0010_backfill_goal_set_on_exit_window"
    ).backfill
    plan = orthopaedic_plan(patient, physician, TODAY - timedelta(days=20))
    ten_days_ago = timezone.now() - timedelta(days=10)
    with time_machine.travel(ten_days_ago, tick=False):
        recorded = GoalFactory(plan=plan)
    with maintenance():
        (unrecorded,) = Goal.objects.bulk_create(
            [GoalFactory.build(plan=plan, set_on=TODAY)]  # no history record
        )
        Goal.objects.filter(plan=plan).update(set_on=None)
        Stage.objects.filter(plan=plan).update(exit_needs_window=None)
    backfill(apps, None)
    recorded.refresh_from_db()
    unrecorded.refresh_from_db()
    assert recorded.set_on == timezone.localtime(ten_days_ago).date()
    assert unrecorded.set_on == plan.start_date
    assert dict(plan.stages.values_list("name", "exit_needs_window")) == {
        "Protection": True,
        "Mobility": False,
        "Strengthening": False,
        "Return to function": False,
    }


# --- holds -----------------------------------------------------------------------------------


def hold_data(plan, **changes):
    return {"version": plan.version, "reason": "hospital_admission",
            "starts_on": TODAY.isoformat(), "ends_on": "", "note": "", **changes}  # fmt: skip


def test_a_physician_holds_the_plan_then_the_patient_is_back(login, physician, active):
    """Hospital admission: dated, with its reason, beside the plan's on-hold status."""
    client = login(physician)
    url = reverse("plan_hold_new", args=[active.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, hold_data(active, note="Admitted with pneumonia"))
    assert response.status_code == 302
    active.refresh_from_db()
    (hold,) = active.holds.all()
    assert (hold.starts_on, hold.ends_on, hold.reason) == (TODAY, None, "hospital_admission")
    assert hold.created_by == physician and hold.history.count() == 1
    assert active.status == PlanStatus.ON_HOLD
    assert "Admitted with pneumonia" in active.revisions.first().reason
    page = client.get(reverse("plan_detail", args=[active.pk])).content.decode()
    assert "Hospital admission" in page and "End hold" in page

    back = TODAY + timedelta(days=1)
    end = reverse("plan_hold_end", args=[active.pk, hold.pk])
    assert (
        client.post(end, {"version": active.version, "back_on": back.isoformat()}).status_code
        == 302
    )
    hold.refresh_from_db()
    active.refresh_from_db()
    assert hold.ends_on == TODAY and active.status == PlanStatus.ON_HOLD  # held today still
    noon = timezone.make_aware(datetime.combine(back, time(12)))
    with time_machine.travel(noon):
        # The next day, no hold covers today: ending it (again) makes the plan active.
        from plans.services import end_hold

        end_hold(hold=hold, by=physician, expected_version=active.version, back_on=back)
    active.refresh_from_db()
    assert active.status == PlanStatus.ACTIVE


def test_a_future_hold_leaves_the_plan_active(login, physician, active):
    client = login(physician)
    start = TODAY + timedelta(days=7)
    client.post(
        reverse("plan_hold_new", args=[active.pk]),
        hold_data(active, reason="away", starts_on=start.isoformat(),
                  ends_on=(start + timedelta(days=6)).isoformat()),
    )  # fmt: skip
    active.refresh_from_db()
    assert active.status == PlanStatus.ACTIVE and active.holds.get().ends_on == start + timedelta(6)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts_on": ""}, "This field is required"),
        ({"ends_on": (TODAY - timedelta(days=1)).isoformat()}, "on or after the day it begins"),
        ({"reason": "other"}, "Say why the plan is held"),
        ({"reason": "bored"}, "valid choice"),
        ({"version": "1"}, "Someone else changed this plan"),
    ],
)
def test_bad_hold_input_is_a_form_error(login, physician, active, changes, message):
    response = login(physician).post(
        reverse("plan_hold_new", args=[active.pk]), hold_data(active, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not active.holds.exists()


def test_overlapping_holds_are_refused(login, physician, active):
    client = login(physician)
    url = reverse("plan_hold_new", args=[active.pk])
    client.post(url, hold_data(active))
    active.refresh_from_db()
    response = client.post(url, hold_data(active, reason="away"))
    assert "overlap another hold" in response.content.decode()
    assert active.holds.count() == 1


def test_a_draft_is_not_held(login, physician, draft):
    response = login(physician).post(reverse("plan_hold_new", args=[draft.pk]), hold_data(draft))
    assert "Only an active or paused plan is held" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("physician", 200), ("admin", 200), ("therapist", 403), ("outsider", 404),
     ("reception", 404)],
)  # fmt: skip
def test_who_holds_a_plan(login, people, active, role, status):
    from tests.factories import PlanHoldFactory

    hold = PlanHoldFactory(plan=active, created_by=active.lead_physician)
    client = login(people[role])
    assert client.get(reverse("plan_hold_new", args=[active.pk])).status_code == status
    end = reverse("plan_hold_end", args=[active.pk, hold.pk])
    assert client.get(end).status_code == 405
    ended = client.post(end, {"version": active.version, "back_on": TODAY.isoformat()})
    assert ended.status_code == (302 if status == 200 else status)


def test_the_hold_page_costs_the_same_whatever_the_holds(login, physician, active):
    from tests.factories import PlanHoldFactory

    client = login(physician)
    url = reverse("plan_hold_new", args=[active.pk])
    PlanHoldFactory(plan=active, created_by=physician)
    small = page_queries(client, url)
    for weeks in range(2, 12):
        day = TODAY - timedelta(weeks=weeks)
        PlanHoldFactory(plan=active, starts_on=day, ends_on=day + timedelta(days=2),
                        created_by=physician)  # fmt: skip
    assert page_queries(client, url) == small


def test_a_stage_shorter_than_a_week_counts_its_sessions_in_the_stage(login, physician, plan):
    """The one-day hyperacute stage said "3 sessions a week"."""
    short = StageFactory(plan=plan, order=1, name="Hyperacute", phase="hyperacute",
                         planned_start=TODAY, planned_end=TODAY)  # fmt: skip
    AllocationFactory(stage=short, sessions_per_week=3, minutes_per_session=15)
    week = StageFactory(plan=plan, order=2, planned_start=TODAY + timedelta(days=1))
    AllocationFactory(stage=week)
    client = login(physician)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "45 minutes in the stage" in page and "sessions in the stage" in page
    assert "135 minutes a week" in page
    form = client.get(reverse("plan_stage_edit", args=[plan.pk, short.pk])).content.decode()
    assert "Sessions in the stage" in form


# --- the care team in one form (issue 14) ------------------------------------------------------


def setup_data(form_response, **changes) -> dict:
    form = form_response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return data


def test_care_team_setup_has_a_row_per_discipline_from_its_staff(
    login, physician, therapist, ot_therapist, outsider, patient
):
    response = login(physician).get(reverse("patient_care_team_setup", args=[patient.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert [d.code for d, _ in form.rows()] == ["PT", "OT", "NEURO", "SLT", "PSY"]
    # Each row offers the therapists of its discipline only, and shows the current one.
    assert {pk for pk, _ in form.fields["therapist_PT"].choices if pk} == {
        therapist.pk,
        outsider.pk,
    }
    assert {pk for pk, _ in form.fields["therapist_OT"].choices if pk} == {ot_therapist.pk}
    assert form["therapist_PT"].value() == therapist.pk
    assert form["lead_physician"].value() == physician.pk
    page = response.content.decode()
    assert "Physiotherapy" in page and "Speech and swallowing therapy" in page


def test_care_team_setup_replaces_a_discipline_therapist_with_history(
    login, physician, therapist, outsider, patient
):
    client = login(physician)
    url = reverse("patient_care_team_setup", args=[patient.pk])
    neuro = TherapistFactory(discipline=Discipline.objects.get(code="NEURO"))
    data = setup_data(client.get(url), therapist_PT=outsider.pk, therapist_NEURO=neuro.pk)
    response = client.post(url, data)
    assert response.status_code == 302
    old = CareTeamMember.objects.get(patient=patient, staff=therapist)
    assert old.end_date == TODAY
    assert CareTeamMember.objects.get(patient=patient, staff=outsider, end_date=None)
    assert CareTeamMember.objects.get(patient=patient, staff=neuro, end_date=None)
    # History keeps the change: the old membership's end is a new historical row.
    assert old.history.count() == 2
    message = str(next(iter(response.wsgi_request._messages)))
    assert "joined the team (Neuro-physiotherapy" in message and " PT" not in message


def test_care_team_setup_changes_the_lead_physician(login, physician, patient):
    other = UserFactory()
    client = login(physician)
    url = reverse("patient_care_team_setup", args=[patient.pk])
    client.post(url, setup_data(client.get(url), lead_physician=other.pk))
    lead = patient.care_team.active().get(team_role="lead_physician")
    assert lead.staff == other
    assert CareTeamMember.objects.get(patient=patient, staff=physician).end_date == TODAY


def test_care_team_setup_refuses_someone_of_another_discipline(
    login, physician, ot_therapist, patient
):
    client = login(physician)
    url = reverse("patient_care_team_setup", args=[patient.pk])
    response = client.post(url, setup_data(client.get(url), therapist_PT=ot_therapist.pk))
    assert response.status_code == 200
    assert "therapist_PT" in response.context["form"].errors


def test_care_team_setup_access(login, people, patient):
    url = reverse("patient_care_team_setup", args=[patient.pk])
    assert login(people["outsider"]).get(url).status_code == 404
    assert login(people["therapist"]).get(url).status_code == 403
    assert login(people["physician"]).put(url).status_code == 405


def test_care_team_setup_queries_are_constant(
    login, physician, patient, django_assert_max_num_queries
):
    client = login(physician)
    url = reverse("patient_care_team_setup", args=[patient.pk])
    small = page_queries(client, url)
    for discipline in Discipline.objects.all():
        for _ in range(5):
            TherapistFactory(discipline=discipline)
    UserFactory.create_batch(5)
    assert page_queries(client, url) == small
    with django_assert_max_num_queries(12):
        client.get(url)


def test_a_dated_hold_changes_the_status_on_its_days_with_no_one_writing(physician, active):
    """The daily step: on the hold's first day the plan goes on hold, the day after its
    last it is active again; each change has a revision by the hold's author."""
    from django.core.management import call_command

    from plans.services import follow_holds, hold_plan

    start = TODAY + timedelta(days=3)
    hold_plan(plan=active, by=physician, expected_version=active.version, starts_on=start,
              ends_on=start + timedelta(days=1), reason="away")  # fmt: skip
    active.refresh_from_db()
    assert active.status == PlanStatus.ACTIVE
    assert follow_holds(today=start - timedelta(days=1)) == []

    with time_machine.travel(timezone.make_aware(datetime.combine(start, time(0, 30)))):
        out = StringIO()
        call_command("follow_plan_holds", stdout=out)
    active.refresh_from_db()
    assert active.status == PlanStatus.ON_HOLD and "1 plan(s) changed status" in out.getvalue()
    began = active.revisions.order_by("-number").first()
    assert (began.reason, began.author) == ("Hold began", physician)
    assert follow_holds(today=start) == []  # once a day is enough: nothing left to change

    assert follow_holds(today=start + timedelta(days=2)) == [active]
    active.refresh_from_db()
    assert active.status == PlanStatus.ACTIVE
    ended = active.revisions.order_by("-number").first()
    assert ended.reason == "Hold ended"
    assert active.history.order_by("-history_id").first().status == PlanStatus.ACTIVE


def test_a_plan_on_hold_without_dated_holds_stays_on_hold(active):
    from plans.services import follow_holds

    active.status = PlanStatus.ON_HOLD
    active.save()
    assert follow_holds(today=TODAY) == []
    active.refresh_from_db()
    assert active.status == PlanStatus.ON_HOLD
