"""Rules held by the models: no hard deletes, signed notes, assessments, MRNs, versions."""

from datetime import time, timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.utils import timezone

from delivery.models import Addendum, Assessment, TherapySession
from domain.measures import BERG_ITEMS
from patients.access_log import AccessRecord
from patients.models import Patient
from patients.records import (
    HardDeleteForbidden,
    SignedRecordError,
    StaleVersion,
    UnauditedChange,
    carry_forward,
    save_if_current,
)
from reference.models import Technique
from tests.factories import (
    AddendumFactory,
    AllocationFactory,
    AssessmentFactory,
    CareTeamMemberFactory,
    DiagnosisFactory,
    DiagnosisSeverityFactory,
    GasRatingFactory,
    GoalFactory,
    PatientFactory,
    PatientPriorityFactory,
    PlanFactory,
    PlanHoldFactory,
    PlanRevisionFactory,
    PrecautionAcknowledgementFactory,
    PrecautionFactory,
    SelfHarmReviewFactory,
    SessionFactory,
    StageFactory,
    StageTransitionFactory,
)

pytestmark = pytest.mark.django_db

CLINICAL_FACTORIES = [
    PatientFactory,
    PlanHoldFactory,
    DiagnosisFactory,
    DiagnosisSeverityFactory,
    DiagnosisSeverityFactory,
    CareTeamMemberFactory,
    PlanFactory,
    StageFactory,
    AllocationFactory,
    GoalFactory,
    SessionFactory,
    AddendumFactory,
    AssessmentFactory,
    PlanRevisionFactory,
    StageTransitionFactory,
    PlanHoldFactory,
    GasRatingFactory,
    PatientPriorityFactory,
    PrecautionFactory,
    PrecautionAcknowledgementFactory,
    SelfHarmReviewFactory,
]


@pytest.mark.parametrize("factory", CLINICAL_FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_clinical_records_are_never_hard_deleted(factory, admin_user):
    record = factory()
    model = type(record)
    with pytest.raises(HardDeleteForbidden):
        record.delete()
    with pytest.raises(HardDeleteForbidden):
        model.objects.filter(pk=record.pk).delete()
    with pytest.raises(HardDeleteForbidden):
        model.objects.all().delete()
    assert model.objects.filter(pk=record.pk).exists()
    request = RequestFactory().get("/")
    request.user = admin_user
    model_admin = admin.site._registry[model]
    assert not model_admin.has_delete_permission(request, record)
    assert "delete_selected" not in model_admin.get_actions(request)


def test_every_clinical_model_is_covered_above():
    covered = {factory._meta.model for factory in CLINICAL_FACTORIES}
    clinical = {
        model
        for app in ("patients", "plans", "delivery")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model._meta.auto_created is False
    } - {AccessRecord}  # the access log, not a clinical record: test_audit.py covers it
    assert clinical == covered


def test_every_clinical_model_keeps_history():
    for factory in CLINICAL_FACTORIES:
        model = factory._meta.model
        assert hasattr(model, "history"), model.__name__


def test_changes_are_recorded_with_their_author(physician):
    patient = PatientFactory()
    patient._history_user = physician
    patient.phone = "+91 98200 99999"
    patient.save()
    latest = patient.history.first()
    assert latest.history_type == "~" and latest.history_user == physician
    assert latest.phone == "+919820099999"
    assert patient.history.count() == 2


@pytest.fixture
def signed_session():
    session = SessionFactory(attendance="attended", subjective="Feels steadier.")
    session.signed_at = timezone.now()
    session.signed_by = session.therapist
    session.save()
    return session


def test_a_signed_session_cannot_be_saved_again(signed_session):
    signed_session.subjective = "Rewritten"
    with pytest.raises(SignedRecordError):
        signed_session.save()
    assert TherapySession.objects.get(pk=signed_session.pk).subjective == "Feels steadier."


def test_a_signed_session_cannot_be_changed_by_queryset_update(signed_session):
    with pytest.raises(UnauditedChange):
        TherapySession.objects.filter(pk=signed_session.pk).update(subjective="Rewritten")
    signed_session.subjective = "Rewritten"
    with pytest.raises(UnauditedChange):
        TherapySession.objects.bulk_update([signed_session], ["subjective"])
    assert TherapySession.objects.get(pk=signed_session.pk).subjective == "Feels steadier."


@pytest.mark.parametrize("factory", CLINICAL_FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_clinical_rows_never_change_without_history(factory):
    """QuerySet.update() and bulk_update() write no audit history, so they are refused."""
    record = factory()
    model = type(record)
    with pytest.raises(UnauditedChange):
        model.objects.filter(pk=record.pk).update(pk=record.pk)
    with pytest.raises(UnauditedChange):
        model.objects.bulk_update([record], [_a_plain_field(model)])


def _a_plain_field(model) -> str:
    plain = [f for f in model._meta.concrete_fields if not f.primary_key and not f.is_relation]
    # An acknowledgement has no editable field of its own: its time will do.
    return next((f.name for f in plain if f.editable), plain[0].name)


def test_a_signed_sessions_techniques_cannot_change(signed_session):
    technique = Technique.objects.filter(discipline_id="PT").first()
    # The manager writes inside the caller's transaction; a savepoint keeps the test's.
    with pytest.raises(SignedRecordError), transaction.atomic():
        signed_session.techniques.add(technique)
    with pytest.raises(SignedRecordError), transaction.atomic():
        signed_session.techniques.clear()
    unsigned = SessionFactory()
    unsigned.techniques.add(technique)
    assert list(unsigned.techniques.all()) == [technique]
    assert not signed_session.techniques.exists()


def test_a_technique_is_retired_never_deleted():
    technique = Technique.objects.filter(discipline_id="PT").first()
    session = SessionFactory(attendance="attended")
    session.techniques.add(technique)
    session.signed_at, session.signed_by = timezone.now(), session.therapist
    session.save()
    with pytest.raises(ProtectedError):
        technique.delete()
    with pytest.raises(ProtectedError):
        Technique.objects.filter(pk=technique.pk).delete()
    assert session.techniques.filter(pk=technique.pk).exists()


def test_an_addendum_is_final(signed_session):
    addendum = AddendumFactory(session=signed_session)
    addendum.text = "Changed my mind"
    with pytest.raises(SignedRecordError):
        addendum.save()
    assert Addendum.objects.get(pk=addendum.pk).text != "Changed my mind"


def test_item_scored_assessment_stores_items_and_their_total():
    items = dict.fromkeys(BERG_ITEMS, 3)
    assessment = AssessmentFactory(measure_id="BERG", items=items, value="56")
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.value == "42"  # 14 × 3, never the total typed by hand
    assert stored.items == items
    assert stored.score == 42


def test_item_scored_assessment_refuses_illegal_items():
    with pytest.raises(ValidationError):
        AssessmentFactory(measure_id="BERG", items={**dict.fromkeys(BERG_ITEMS, 3), "item5": 5})
    assert not Assessment.objects.exists()


def test_single_value_assessment_is_validated_and_normalised():
    assert AssessmentFactory(measure_id="TUG", value="12.50").value == "12.5"
    with pytest.raises(ValidationError):
        AssessmentFactory(measure_id="NPRS", value="11")
    with pytest.raises(ValidationError):
        AssessmentFactory(measure_id="NPRS", value="4", items={"x": 1})


def test_graded_assessment_has_a_rank():
    assert (
        AssessmentFactory(measure_id="MAS", value="1+", body_site="Elbow flexors, left").score == 2
    )


def test_ashworth_needs_a_muscle_group():
    with pytest.raises(ValidationError):
        AssessmentFactory(measure_id="MAS", value="2", body_site="")


def test_mrn_is_generated_in_sequence():
    first, second = PatientFactory(), PatientFactory()
    assert first.mrn.startswith("RH") and len(first.mrn) == 8
    assert int(second.mrn[2:]) == int(first.mrn[2:]) + 1


def test_mrn_generation_retries_after_a_collision(monkeypatch):
    taken = PatientFactory()
    calls = iter([taken.mrn, "RH900000"])
    monkeypatch.setattr(Patient, "_next_mrn", classmethod(lambda cls: next(calls)))
    assert PatientFactory().mrn == "RH900000"


def test_other_integrity_errors_are_not_swallowed_by_mrn_retry():
    PatientFactory(abha_number="12345678901234")
    with pytest.raises(IntegrityError):
        PatientFactory(abha_number="1234-5678-9012-34")


def test_phone_and_abha_are_normalised():
    patient = PatientFactory(phone="+91 98200-12345", abha_number="12-3456-7890-1234")
    assert patient.phone == "+919820012345"
    assert patient.abha_number == "12345678901234"


def test_patient_clean_refuses_future_birth_date():
    patient = PatientFactory.build(date_of_birth=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError, match="future"):
        patient.full_clean()


def test_save_if_current_refuses_a_stale_version():
    patient = PatientFactory()
    mine, theirs = Patient.objects.get(pk=patient.pk), Patient.objects.get(pk=patient.pk)
    theirs.address = "New address"
    save_if_current(theirs, expected_version=1)
    mine.address = "My address"
    with pytest.raises(StaleVersion) as stale:
        save_if_current(mine, expected_version=1)
    assert stale.value.current.address == "New address"
    assert Patient.objects.get(pk=patient.pk).address == "New address"


def test_diagnosis_onset_is_aware_in_clinic_time():
    """An unknown time reads as the end of the onset day (23:59), never midnight."""
    diagnosis = DiagnosisFactory(onset_time=None)
    assert timezone.is_aware(diagnosis.onset)
    assert timezone.localtime(diagnosis.onset).time() == time(23, 59)
    assert diagnosis.onset_time_known is False and not diagnosis.onset_time_is_known


def test_goal_values_are_validated_against_the_measure():
    goal = GoalFactory.build(plan=PlanFactory(), measure_id="BERG", baseline="20", target="60")
    with pytest.raises(ValidationError) as error:
        goal.full_clean()
    assert "target" in error.value.message_dict


def test_plan_diagnosis_must_belong_to_the_patient():
    plan = PlanFactory.build(diagnosis=DiagnosisFactory(), patient=PatientFactory())
    plan.lead_physician.save()
    with pytest.raises(ValidationError, match="another patient"):
        plan.clean()


def test_goal_values_are_validated_on_save_too():
    with pytest.raises(ValidationError):
        GoalFactory(measure_id="BERG", baseline="20", target="60")
    assert GoalFactory(measure_id="TUG", baseline="30.0", target="12.50").target == "12.5"


def test_a_goal_stage_must_belong_to_the_goal_plan():
    goal = GoalFactory.build(plan=PlanFactory(), stage=StageFactory())
    with pytest.raises(ValidationError, match="another plan"):
        goal.full_clean()


def test_a_session_must_match_its_plan_stage_and_therapist(plan, ot_therapist):
    other_plan = PlanFactory()
    session = SessionFactory.build(
        plan=plan,
        patient=other_plan.patient,
        stage=StageFactory(plan=other_plan),
        therapist=ot_therapist,
        discipline_id="PT",
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert set(error.value.message_dict) == {"plan", "stage", "therapist"}
    assert "works in OT, not PT" in error.value.message_dict["therapist"][0]


def test_a_physician_does_not_give_sessions(plan, physician):
    session = SessionFactory.build(plan=plan, patient=plan.patient, therapist=physician)
    with pytest.raises(ValidationError, match="given by therapists"):
        session.clean()


def test_every_save_bumps_the_version_so_stale_edits_are_caught():
    patient = PatientFactory()
    assert patient.version == 1
    patient.archive(reason="Discharged")
    patient.refresh_from_db()
    assert patient.version == 2
    patient.restore()
    patient.refresh_from_db()
    assert patient.version == 3
    stale = Patient.objects.get(pk=patient.pk)
    patient.save()  # e.g. an admin edit
    with pytest.raises(StaleVersion):
        save_if_current(stale, expected_version=3)


def test_a_diagnosis_entered_in_error_frees_the_primary_slot():
    wrong = DiagnosisFactory(is_primary=True)
    wrong.status = "entered_in_error"
    wrong.save()
    assert DiagnosisFactory(patient=wrong.patient, is_primary=True).is_primary


def test_exit_thresholds_are_validated_on_save():
    with pytest.raises(ValidationError):
        StageFactory(exit_measure_id="BERG", exit_value="60")
    assert StageFactory(exit_measure_id="MAS", exit_value="1+").exit_criterion_label == (
        "Modified Ashworth Scale ≤ 1+"
    )


def test_a_stroke_template_stage_must_be_a_stroke_phase():
    from reference.models import TemplateStage

    stage = TemplateStage.objects.filter(template__phase_rule="stroke").first()
    stage.phase = "maintenance"
    with pytest.raises(ValidationError, match="five stroke recovery phases"):
        stage.full_clean()


def test_the_database_itself_refuses_to_change_a_signed_session(signed_session):
    """Beneath the model layer: a raw UPDATE is refused by a trigger (SQLite and PostgreSQL)."""
    from django.db import DatabaseError, connection

    table = TherapySession._meta.db_table
    with (
        pytest.raises(DatabaseError, match="signed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE {table} SET subjective = %s WHERE id = %s",
            ["Rewritten", signed_session.pk],
        )
    assert TherapySession.objects.get(pk=signed_session.pk).subjective == "Feels steadier."
    link = TherapySession.techniques.through
    technique = Technique.objects.filter(discipline_id="PT").first()
    with pytest.raises(DatabaseError, match="signed"), transaction.atomic():
        link.objects.bulk_create([link(therapysession_id=signed_session.pk, technique=technique)])
    unsigned = SessionFactory()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET minutes = 30 WHERE id = %s", [unsigned.pk])
    assert TherapySession.objects.get(pk=unsigned.pk).minutes == 30


def test_a_stale_edit_carries_only_the_fields_this_user_changed():
    opened = {"phone": "+919831122334", "address": "Old", "name": "Asha"}
    saved = {"phone": "+919876543210", "address": "Old", "name": "Asha K"}
    entered = {"phone": "+919831122334", "address": "New", "name": "Asha M"}
    merge = carry_forward(opened=opened, saved=saved, entered=entered)
    assert merge.values == {"phone": "+919876543210", "address": "New", "name": "Asha M"}
    assert merge.mine == {"address", "name"} and merge.theirs == {"phone", "name"}
    assert merge.both == {"name"}
