"""Every database constraint refuses a bad row by itself, with no form or model check.

The bad rows are written with ``QuerySet.update()`` or ``bulk_create()``, which skip
``save()`` and validation, so only the database stands in the way. A constraint added to
a model without a case here fails ``test_every_constraint_has_a_case``.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from delivery.models import Addendum, Assessment, TherapySession
from patients.models import CareTeamMember, Diagnosis, Patient
from patients.records import maintenance
from plans.models import Allocation, Goal, RehabPlan, Stage, StageStatus
from reference.models import (
    ClinicHours,
    Condition,
    Discipline,
    Holiday,
    OutcomeMeasure,
    PlanTemplate,
    Technique,
    TemplateAllocation,
    TemplateStage,
)
from staff.models import User
from tests.factories import (
    AddendumFactory,
    AllocationFactory,
    AssessmentFactory,
    CareTeamMemberFactory,
    DiagnosisFactory,
    DiagnosisSeverityFactory,
    GasRatingFactory,
    GoalFactory,
    LeaveFactory,
    PatientFactory,
    PatientPriorityFactory,
    PlanFactory,
    PlanHoldFactory,
    PlanRevisionFactory,
    PrecautionFactory,
    SelfHarmReviewFactory,
    SessionFactory,
    StageFactory,
    StageTransitionFactory,
    TherapistFactory,
    UserFactory,
)

TODAY = timezone.localdate()


def update(obj, **values):
    """A write past all Python validation (the maintenance road), for the database to judge."""
    with maintenance():
        type(obj)._base_manager.filter(pk=obj.pk).update(**values)


def first_template_stage():
    return TemplateStage.objects.order_by("pk").first()


def copy_of(obj, **changes):
    """Insert a copy of ``obj`` with ``changes``, skipping save() and validation."""
    model = type(obj)
    fields = {
        f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key
    }
    fields.update(changes)
    model._base_manager.bulk_create([model(**fields)])


def _two_lead_physicians():
    lead = CareTeamMemberFactory(staff=UserFactory(role="physician"), team_role="lead_physician")
    CareTeamMember.objects.bulk_create(
        [CareTeamMember(patient=lead.patient, staff=UserFactory(role="physician"),
                        team_role="lead_physician", start_date=TODAY)]
    )  # fmt: skip


CASES = {
    # reference
    "technique_unique_name": lambda: copy_of(Technique.objects.first()),
    "outcomemeasure_known_instrument": lambda: OutcomeMeasure.objects.bulk_create(
        [OutcomeMeasure(code="MMSE")]
    ),
    "plantemplate_phase_rule_valid": lambda: update(PlanTemplate.objects.first(), phase_rule="x"),
    "templatestage_order": lambda: copy_of(first_template_stage(), name="again"),
    "templatestage_window_order": lambda: update(
        first_template_stage(), starts_after_days=5, ends_after_days=5
    ),
    "templatestage_phase_valid": lambda: update(first_template_stage(), phase="someday"),
    "templatestage_exit_complete": lambda: update(
        first_template_stage(), exit_measure_id="BERG", exit_value=""
    ),
    "templateallocation_one_per_discipline": lambda: copy_of(TemplateAllocation.objects.first()),
    "templateallocation_sessions_range": lambda: update(
        TemplateAllocation.objects.first(), sessions_per_week=0
    ),
    "templateallocation_minutes_range": lambda: update(
        TemplateAllocation.objects.first(), minutes_per_session=241
    ),
    "condition_category_valid": lambda: update(Condition.objects.first(), category="cardiac"),
    "clinichours_weekday": lambda: update(ClinicHours.objects.get(weekday=6), weekday=7),
    "clinichours_open_has_hours": lambda: update(
        ClinicHours.objects.get(weekday=6), is_open=True, opens=None
    ),
    "holiday_has_name": lambda: Holiday.objects.bulk_create([Holiday(date=TODAY, name="")]),
    # staff
    "user_role_valid": lambda: update(UserFactory(), role="surgeon"),
    "user_discipline_iff_therapist": lambda: update(UserFactory(), discipline_id="PT"),
    "user_admin_flags_follow_role": lambda: update(UserFactory(role="admin"), role="physician"),
    "leave_ends_after_it_starts": lambda: update(
        LeaveFactory(), ends_on=timezone.localdate() - timedelta(days=30)
    ),
    "leave_reason_valid": lambda: update(LeaveFactory(), reason="holiday"),
    # patients
    "patient_abha_unique": lambda: (
        PatientFactory(abha_number="12345678901234"),
        update(PatientFactory(), abha_number="12345678901234"),
    ),
    "patient_abha_length": lambda: update(PatientFactory(), abha_number="1234"),
    "patient_sex_valid": lambda: update(PatientFactory(), sex="x"),
    "patient_name_required": lambda: update(PatientFactory(), family_name=""),
    "diagnosis_one_primary_per_patient": lambda: copy_of(DiagnosisFactory()),
    "diagnosis_status_valid": lambda: update(DiagnosisFactory(), status="maybe"),
    "careteam_end_after_start": lambda: update(
        CareTeamMemberFactory(), end_date=TODAY - timedelta(days=365)
    ),
    "careteam_one_open_membership": lambda: copy_of(CareTeamMemberFactory()),
    "careteam_role_valid": lambda: update(CareTeamMemberFactory(), team_role="friend"),
    "careteam_one_lead_physician": lambda: _two_lead_physicians(),
    # plans
    "plan_status_valid": lambda: update(PlanFactory(), status="paused"),
    "plan_approach_valid": lambda: update(PlanFactory(), approach="magic"),
    "plan_review_after_start": lambda: update(
        PlanFactory(), review_date=TODAY - timedelta(days=365)
    ),
    "plan_activated_unless_draft": lambda: update(PlanFactory(), status="active"),
    "plan_one_open_per_diagnosis": lambda: _two_open_plans(),
    "hold_ends_after_start": lambda: update(PlanHoldFactory(), ends_on=TODAY - timedelta(days=30)),
    "hold_reason_valid": lambda: update(PlanHoldFactory(), reason="bored"),
    "gas_rating_level_valid": lambda: update(GasRatingFactory(), level=3),
    "selfharmreview_note": lambda: update(SelfHarmReviewFactory(), note=""),
    "priority_text_required": lambda: update(PatientPriorityFactory(), text=""),
    "priority_rank_positive": lambda: update(PatientPriorityFactory(), rank=0),
    "priority_retired_with_who": lambda: update(PatientPriorityFactory(), retired_on=TODAY),
    "precaution_kind_valid": lambda: update(PrecautionFactory(), kind="curse"),
    "precaution_until_after_start": lambda: update(
        PrecautionFactory(), until=TODAY - timedelta(days=30)
    ),
    "precaution_iddsi_food_range": lambda: update(PrecautionFactory(), iddsi_food=8),
    "precaution_iddsi_drink_range": lambda: update(PrecautionFactory(), iddsi_drink=5),
    "precaution_wb_percent_range": lambda: update(
        PrecautionFactory(weight_bearing="partial", weight_bearing_percent=50),
        weight_bearing_percent=100,
    ),
    "precaution_partial_has_percent": lambda: update(PrecautionFactory(), weight_bearing="partial"),
    "precaution_end_has_reason": lambda: update(PrecautionFactory(), ended_at=timezone.now()),
    "stage_order_unique": lambda: copy_of(StageFactory()),
    "stage_one_current_per_plan": lambda: _two_current_stages(),
    "stage_status_valid": lambda: update(StageFactory(), status="later"),
    "stage_phase_valid": lambda: update(StageFactory(), phase="someday"),
    "stage_planned_end_after_start": lambda: update(
        StageFactory(), planned_end=TODAY - timedelta(days=365)
    ),
    "stage_actual_end_after_start": lambda: update(
        StageFactory(),
        status=StageStatus.DONE,
        actual_start=TODAY,
        actual_end=TODAY - timedelta(days=1),
    ),
    "stage_dates_match_status": lambda: update(StageFactory(), status=StageStatus.CURRENT),
    "stage_exit_complete": lambda: update(StageFactory(), exit_value="45"),
    "allocation_one_per_discipline": lambda: copy_of(AllocationFactory()),
    "allocation_sessions_range": lambda: update(AllocationFactory(), sessions_per_week=0),
    "allocation_minutes_range": lambda: update(AllocationFactory(), minutes_per_session=4),
    "goal_status_valid": lambda: update(GoalFactory(), status="hoped"),
    "goal_icf_valid": lambda: update(GoalFactory(), icf_domain="mood"),
    "goal_values_need_measure": lambda: update(GoalFactory(), measure_id=None),
    "goal_text_required": lambda: update(GoalFactory(), text=""),
    "session_attendance_valid": lambda: update(SessionFactory(), attendance="late"),
    "session_minutes_max": lambda: update(SessionFactory(), minutes=481),
    "session_attended_has_minutes": lambda: update(
        SessionFactory(), attendance="attended", minutes=0
    ),
    "session_absence_has_reason": lambda: update(SessionFactory(), attendance="no_show"),
    "session_pain_before_range": lambda: update(SessionFactory(), pain_before=11),
    "session_pain_after_range": lambda: update(SessionFactory(), pain_after=11),
    "session_signature_complete": lambda: update(SessionFactory(), signed_at=timezone.now()),
    "session_signed_by_its_therapist": lambda: update(
        SessionFactory(), signed_at=timezone.now(), signed_by_id=UserFactory().pk
    ),
    "addendum_text_required": lambda: update(AddendumFactory(), text=""),
    "assessment_has_value": lambda: update(AssessmentFactory(), value=""),
    "assessment_unable_has_no_score": lambda: update(
        AssessmentFactory(measure_id="TUG", value="20"), value="UNABLE"
    ),
    "revision_number_unique": lambda: copy_of(PlanRevisionFactory()),
    "revision_has_reason": lambda: update(PlanRevisionFactory(), reason=""),
    "transition_has_reason": lambda: update(StageTransitionFactory(), reason=""),
    "transition_changes_stage": lambda: _transition_to_the_same_stage(),
}
# Baseline severity (issue 15): ranges and codes as domain/severity.py, each group's fields.
CASES.update({
    "severity_group_valid": lambda: update(DiagnosisSeverityFactory(), group="ortho"),
    "severity_nihss_range": lambda: update(DiagnosisSeverityFactory(), nihss=43),
    "severity_prestroke_mrs_range": lambda: update(DiagnosisSeverityFactory(), prestroke_mrs=6),
    "severity_gcs_range": lambda: update(_brain_injury_severity(), gcs=2),
    "severity_pta_range": lambda: update(_brain_injury_severity(), pta_days=366),
    "severity_stroke_type_valid": lambda: update(DiagnosisSeverityFactory(), stroke_type="tia"),
    "severity_side_valid": lambda: update(DiagnosisSeverityFactory(), side="up"),
    "severity_ocsp_valid": lambda: update(DiagnosisSeverityFactory(), ocsp="taci"),
    "severity_level_valid": lambda: update(
        DiagnosisSeverityFactory(group="sci", stroke_type=None, nihss=None, aphasia=None),
        neurological_level="T13",
    ),
    "severity_ais_valid": lambda: update(
        DiagnosisSeverityFactory(group="sci", stroke_type=None, nihss=None, aphasia=None),
        ais_grade="F",
    ),
    "severity_stroke_fields_only": lambda: update(_brain_injury_severity(), nihss=4),
    "severity_sci_fields_only": lambda: update(DiagnosisSeverityFactory(), ais_grade="A"),
    "severity_tbi_fields_only": lambda: update(DiagnosisSeverityFactory(), gcs=9),
})  # fmt: skip


def _brain_injury_severity():
    return DiagnosisSeverityFactory(
        diagnosis=DiagnosisFactory(condition=Condition.objects.get(icd10="S06.9")),
        group="tbi", stroke_type=None, nihss=None, aphasia=None, gcs=12,
    )  # fmt: skip


# Unique fields (not named constraints) that hold invariants too.
UNIQUE_FIELDS = {
    "patient MRN": lambda: update(PatientFactory(), mrn=PatientFactory().mrn),
    "condition ICD-10 code": lambda: (
        update(Condition.objects.first(), icd10="M54.5")
        if Condition.objects.first().icd10 != "M54.5"
        else update(Condition.objects.last(), icd10="M54.5")
    ),
    "discipline name": lambda: update(Discipline.objects.get(code="OT"), name="Physiotherapy"),
    "template name": lambda: update(
        PlanTemplate.objects.order_by("pk").last(), name=PlanTemplate.objects.first().name
    ),
    "username": lambda: update(UserFactory(), username=TherapistFactory().username),
    "one baseline severity per diagnosis": lambda: copy_of(DiagnosisSeverityFactory()),
}


def _two_open_plans():
    plan = PlanFactory()
    PlanFactory(
        diagnosis=plan.diagnosis,
        status="active",
        activated_at=timezone.now(),
        activated_by=plan.lead_physician,
    )
    update(plan, status="on_hold", activated_at=timezone.now(), activated_by=plan.lead_physician)


def _transition_to_the_same_stage():
    transition = StageTransitionFactory()
    update(transition, to_stage_id=transition.from_stage_id)


def _two_current_stages():
    stage = StageFactory(status=StageStatus.CURRENT, actual_start=TODAY)
    StageFactory(plan=stage.plan, status=StageStatus.CURRENT, actual_start=TODAY)


OUR_APPS = ("reference", "staff", "patients", "plans", "delivery")


def test_every_constraint_has_a_case():
    names = {
        constraint.name
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        for constraint in model._meta.constraints
    }
    assert names - set(CASES) == set(), "constraints without a test case"
    assert set(CASES) - names == set(), "cases for constraints that no longer exist"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_database_refuses(name):
    with pytest.raises(IntegrityError), transaction.atomic():
        CASES[name]()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(UNIQUE_FIELDS))
def test_database_refuses_duplicate(name):
    with pytest.raises(IntegrityError), transaction.atomic():
        UNIQUE_FIELDS[name]()


@pytest.mark.django_db
def test_valid_rows_pass_the_same_constraints():
    """The factories' rows are valid, so each failure above is the change it makes."""
    for factory in (
        AddendumFactory,
        AllocationFactory,
        AssessmentFactory,
        CareTeamMemberFactory,
        GoalFactory,
        SessionFactory,
    ):
        factory()
    assert Patient.objects.exists() and Diagnosis.objects.exists()
    assert RehabPlan.objects.exists() and Stage.objects.exists()
    assert Allocation.objects.exists() and Goal.objects.exists()
    assert TherapySession.objects.exists() and Addendum.objects.exists()
    assert Assessment.objects.exists() and CareTeamMember.objects.exists()
    assert User.objects.exists()
