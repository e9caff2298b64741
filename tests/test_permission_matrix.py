"""Every URL of the project, for every role, answers as the permission table says.

The URL list comes from the resolver, so a new URL without a row here fails
``test_every_url_has_a_row``. Statuses: 200 allowed, 302 to the login page (anonymous),
403 a role that may see the object but not do this, 404 out of scope, 405 wrong method.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from staff.url_matrix import GET, GET_ONLY, ROLES
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    LeaveFactory,
    PatientPriorityFactory,
    Phq9Factory,
    PlanHoldFactory,
    PrecautionFactory,
    ScaledGoalFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def url_names(patterns=None, namespace=None) -> set[str]:
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin site has its own tests (administrators only)
            names |= url_names(entry.url_patterns, entry.namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_every_url_has_a_row():
    assert url_names() == set(GET)


@pytest.fixture
def urls(plan, therapist):
    from plans.models import StageStatus
    from tests.factories import StageFactory

    stage = StageFactory(plan=plan, order=1, status=StageStatus.CURRENT,
                         actual_start=plan.start_date)  # fmt: skip
    goal = GoalFactory(plan=plan)
    hold = PlanHoldFactory(plan=plan, created_by=plan.lead_physician)
    scaled = ScaledGoalFactory(plan=plan)  # a PT goal: the PT therapist reviews it, the OT not
    priority = PatientPriorityFactory(plan=plan, serves=[goal])
    session = SessionFactory(plan=plan, therapist=therapist)
    patient = plan.patient
    assessment = AssessmentFactory(patient=patient, assessed_by=therapist)
    phq9 = Phq9Factory(patient=patient, assessed_by=therapist)  # item 9 answered 1
    member = patient.care_team.first()
    precaution = PrecautionFactory(patient=patient, set_by=plan.lead_physician)
    args = {
        "patient_detail": [patient.pk], "patient_edit": [patient.pk],
        "patient_archive": [patient.pk], "patient_restore": [patient.pk],
        "patient_diagnosis_new": [patient.pk], "patient_care_team": [patient.pk],
        "patient_care_team_setup": [patient.pk],
        "patient_diagnosis_edit": [patient.pk, plan.diagnosis_id],
        "patient_diagnosis_resolve": [patient.pk, plan.diagnosis_id],
        "patient_diagnosis_error": [patient.pk, plan.diagnosis_id],
        "patient_diagnosis_primary": [patient.pk, plan.diagnosis_id],
        "patient_diagnosis_severity": [patient.pk, plan.diagnosis_id],
        "patient_care_team_end": [patient.pk, member.pk], "plan_triage": [patient.pk],
        "plan_start": [patient.pk], "assessment_new": [patient.pk, "NPRS"],
        "patient_week": [patient.pk], "patient_history": [patient.pk],
        "patient_access_log": [patient.pk], "plan_detail": [plan.pk],
        "plan_stage_edit": [plan.pk, stage.pk], "plan_goal_new": [plan.pk],
        "plan_goal_baseline": [plan.pk], "plan_goal_edit": [plan.pk, goal.pk],
        "plan_activate": [plan.pk], "plan_advance": [plan.pk], "plan_hold_new": [plan.pk],
        "plan_hold_end": [plan.pk, hold.pk], "plan_goal_achieved": [plan.pk, goal.pk],
        "plan_goal_rate": [plan.pk, scaled.pk], "plan_priority_new": [plan.pk],
        "plan_priority_edit": [plan.pk, priority.pk],
        "plan_priority_retire": [plan.pk, priority.pk],
        "session_detail": [session.pk], "session_log": [session.pk],
        "session_sign": [session.pk], "session_addendum": [session.pk],
        "session_draft": [session.pk],
        "session_cancel": [session.pk], "session_reschedule": [session.pk],
        "session_check_in": [session.pk],
        "therapist_week": [therapist.pk],
        "precaution_new": [patient.pk], "session_acknowledge": [session.pk],
        "precaution_edit": [patient.pk, precaution.pk],
        "precaution_end": [patient.pk, precaution.pk],
        "assessment_detail": [assessment.pk], "assessment_correct": [assessment.pk],
        "assessment_self_harm_review": [phq9.pk],
        "therapist_leave_detail": [LeaveFactory(therapist=therapist).pk],
    }  # fmt: skip
    return {name: reverse(name, args=args.get(name, [])) for name in GET}


@pytest.mark.parametrize("role", ROLES)
def test_get_for_every_url_and_role(client, login, people, urls, role):
    browser = client if role == "anonymous" else login(people[role])
    for name, statuses in GET.items():
        expected = statuses[ROLES.index(role)]
        response = browser.get(urls[name])
        assert response.status_code == expected, (name, role, response.status_code)
        if expected == 302 and role == "anonymous":
            assert response.url.startswith(reverse("login")), name


@pytest.mark.parametrize("role", ROLES)
def test_post_for_every_url_and_role(client, login, people, urls, role):
    """Refusals are the same for POST; allowed POSTs with nothing in them never fail."""
    browser = client if role == "anonymous" else login(people[role])
    # Signing out last: it ends the session the other requests run in.
    for name in sorted(GET, key=lambda name: name == "logout"):
        get_status = GET[name][ROLES.index(role)]
        response = browser.post(urls[name], {})
        if role == "anonymous":
            assert response.status_code in (200, 302), name  # login page, or to login
        elif name in GET_ONLY:
            assert response.status_code == 405, (name, role)
        elif get_status in (403, 404):
            assert response.status_code == get_status, (name, role, response.status_code)
        else:
            assert response.status_code in (200, 302, 403, 404), (name, role, response.status_code)


def test_the_matrix_size():
    """The figure the closing note reports: URLs × roles × methods."""
    assert len(GET) * len(ROLES) * 2 == 868
