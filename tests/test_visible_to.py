"""``visible_to(user)`` on every clinical model implements the permission table per role."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from delivery.models import Addendum, Assessment, TherapySession
from patients.models import CareTeamMember, Diagnosis, Patient
from plans.models import Allocation, Goal, RehabPlan, Stage
from staff.permissions import Action, Scope, scope
from tests.factories import (
    ActivePlanFactory,
    AddendumFactory,
    AllocationFactory,
    AssessmentFactory,
    DiagnosisFactory,
    GoalFactory,
    SessionFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


def clinical_records(patient, plan, therapist):
    """The records of every clinical model for ``patient``, as sets."""
    stage = StageFactory(plan=plan)
    session = SessionFactory(plan=plan, therapist=therapist)
    return {
        Patient: {patient},
        Diagnosis: {plan.diagnosis},
        CareTeamMember: set(patient.care_team.all()),
        RehabPlan: {plan},
        Stage: {stage},
        Allocation: {AllocationFactory(stage=stage)},
        Goal: {GoalFactory(plan=plan)},
        TherapySession: {session},
        Addendum: {AddendumFactory(session=session)},
        Assessment: {AssessmentFactory(patient=patient)},
    }


@pytest.fixture
def records(patient, plan, therapist):
    return clinical_records(patient, plan, therapist)


@pytest.fixture
def outside_records(other_patient, outsider):
    diagnosis = DiagnosisFactory(patient=other_patient)
    plan = ActivePlanFactory(patient=other_patient, diagnosis=diagnosis)
    return clinical_records(other_patient, plan, outsider)


CLINICAL = [Patient, Diagnosis, CareTeamMember, RehabPlan, Stage, Allocation, Goal,
            TherapySession, Addendum, Assessment]  # fmt: skip

# What each role reads of a patient they are not on the care team of, by model.
READS = {
    "physician": set(CLINICAL),
    "admin": set(CLINICAL),
    # Reception registers and schedules: demographics, care team and the session
    # rows (not their notes); nothing of plans, diagnoses, goals or assessments.
    "reception": {Patient, CareTeamMember, TherapySession},
}


@pytest.mark.parametrize("role", ["physician", "admin", "reception"])
def test_clinic_wide_roles(role, people, records, outside_records):
    user = people[role]
    for model in CLINICAL:
        visible = set(model.objects.visible_to(user))
        expected = records[model] | outside_records[model] if model in READS[role] else set()
        assert visible == expected, model.__name__


@pytest.mark.parametrize("role", ["therapist", "ot_therapist"])
def test_therapists_read_their_care_team_only(role, people, records, outside_records):
    user = people[role]
    for model in CLINICAL:
        assert set(model.objects.visible_to(user)) == records[model], model.__name__


def test_outsider_therapist_reads_only_their_own_patients(outsider, records, outside_records):
    for model in CLINICAL:
        assert set(model.objects.visible_to(outsider)) == outside_records[model], model.__name__


def test_ended_care_team_membership_ends_access(therapist, patient, records):
    membership = patient.care_team.get(staff=therapist)
    membership.end_date = timezone.localdate() - timedelta(days=1)
    membership.save()
    for model in CLINICAL:
        rows = model.objects.visible_to(therapist)
        if model is TherapySession:
            # Issue 14: the sessions they gave stay theirs (to read, log and sign), the
            # rest of the chart does not.
            rows = rows.exclude(therapist=therapist)
        assert not rows.exists(), model.__name__
    assert TherapySession.objects.visible_to(therapist).exists()  # the records hold one of theirs


def test_future_membership_gives_no_access_yet(outsider, patient, records):
    patient.care_team.create(
        staff=outsider, team_role="therapist", start_date=timezone.localdate() + timedelta(days=3)
    )
    assert not Patient.objects.visible_to(outsider).filter(pk=patient.pk).exists()


def test_anonymous_and_inactive_users_see_nothing(therapist, physician, records):
    physician.is_active = False
    physician.save()
    for user in (AnonymousUser(), physician):
        for model in CLINICAL:
            assert not model.objects.visible_to(user).exists(), model.__name__


def test_session_scopes_for_therapist_actions(therapist, ot_therapist, plan, records):
    """Scheduling reaches the own discipline; logging only the therapist's own sessions."""
    ot_session = SessionFactory(plan=plan, therapist=ot_therapist, discipline_id="OT")
    (own,) = records[TherapySession]
    schedulable = set(TherapySession.objects.scoped(therapist, Action.SESSION_SCHEDULE))
    assert schedulable == {own}
    assert set(TherapySession.objects.scoped(ot_therapist, Action.SESSION_SCHEDULE)) == {ot_session}
    assert set(TherapySession.objects.scoped(ot_therapist, Action.SESSION_LOG)) == {ot_session}
    assert set(TherapySession.objects.scoped(therapist, Action.NOTES_READ)) == {own, ot_session}


def test_a_scope_a_model_cannot_apply_fails_loudly(therapist):
    with pytest.raises(NotImplementedError):
        Patient.objects.scoped(therapist, Action.SESSION_LOG)


def test_scope_takes_the_widest_of_several_actions(therapist, reception):
    assert scope(therapist, Action.SESSION_SCHEDULE, Action.NOTES_READ) is Scope.CARE_TEAM
    assert scope(reception, Action.SESSION_SCHEDULE, Action.NOTES_READ) is Scope.ALL
    assert scope(reception, Action.NOTES_READ) is Scope.NONE


def test_visible_to_runs_one_query(django_assert_num_queries, therapist, records):
    with django_assert_num_queries(1):
        list(TherapySession.objects.visible_to(therapist))
