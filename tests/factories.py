from datetime import date, timedelta

import factory
from django.utils import timezone

from delivery.models import Addendum, Assessment, SelfHarmReview, TherapySession
from patients.models import (
    CareTeamMember,
    CareTeamRole,
    Diagnosis,
    DiagnosisSeverity,
    Patient,
    Sex,
)
from patients.precautions import (
    FallsBasis,
    Precaution,
    PrecautionAcknowledgement,
    PrecautionKind,
)
from plans.models import (
    Allocation,
    Approach,
    GasRating,
    Goal,
    HoldReason,
    IcfDomain,
    PatientPriority,
    PlanHold,
    PlanRevision,
    PlanStatus,
    RehabPlan,
    Stage,
    StageStatus,
    StageTransition,
)
from reference.models import Condition, Discipline, OutcomeMeasure
from staff.models import Leave, LeaveReason, User
from staff.roles import Role

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.PHYSICIAN
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TherapistFactory(UserFactory):
    role = Role.THERAPIST
    discipline = factory.LazyFunction(lambda: Discipline.objects.get(code="PT"))


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = date(1960, 5, 17)
    sex = Sex.FEMALE
    phone = factory.Sequence(lambda n: f"+91 98{n:08d}")


class DiagnosisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Diagnosis

    patient = factory.SubFactory(PatientFactory)
    condition = factory.LazyFunction(lambda: Condition.objects.get(icd10="I63.9"))
    onset_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    is_primary = True


class DiagnosisSeverityFactory(factory.django.DjangoModelFactory):
    """A stroke's baseline severity (the diagnosis factory's condition is a stroke)."""

    class Meta:
        model = DiagnosisSeverity

    diagnosis = factory.SubFactory(DiagnosisFactory)
    group = "stroke"
    assessed_on = factory.LazyAttribute(lambda o: o.diagnosis.onset_date)
    stroke_type = "ischaemic"
    nihss = 8
    aphasia = True


class CareTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareTeamMember

    patient = factory.SubFactory(PatientFactory)
    staff = factory.SubFactory(TherapistFactory)
    team_role = CareTeamRole.THERAPIST
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


def staff_every_discipline(plan) -> list[CareTeamMember]:
    """A therapist on the care team for each discipline the plan has and the team lacks,
    so that the plan may be activated (issue 14: an unstaffed discipline needs a reason)."""
    from plans.models import Allocation

    on_team = set(
        CareTeamMember.objects.active()
        .filter(patient=plan.patient, staff__discipline__isnull=False)
        .values_list("staff__discipline", flat=True)
    )
    planned = set(
        Allocation.objects.active().filter(stage__plan=plan).values_list("discipline", flat=True)
    )
    return [
        CareTeamMemberFactory(
            patient=plan.patient,
            staff=TherapistFactory(discipline_id=code, username=f"t.{plan.pk}.{code}"),
        )
        for code in sorted(planned - on_team)
    ]


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RehabPlan

    diagnosis = factory.SubFactory(DiagnosisFactory)
    patient = factory.SelfAttribute("diagnosis.patient")
    lead_physician = factory.SubFactory(UserFactory, role=Role.PHYSICIAN)
    approach = Approach.TEAM
    status = PlanStatus.DRAFT
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=28))
    review_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class ActivePlanFactory(PlanFactory):
    status = PlanStatus.ACTIVE
    activated_at = factory.LazyFunction(timezone.now)
    activated_by = factory.SelfAttribute("lead_physician")


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "Early subacute"
    phase = "early_subacute"
    planned_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=21))
    status = StageStatus.UPCOMING


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    stage = factory.SubFactory(StageFactory)
    discipline = factory.LazyFunction(lambda: Discipline.objects.get(code="PT"))
    sessions_per_week = 3
    minutes_per_session = 45


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    discipline = factory.LazyFunction(lambda: Discipline.objects.get(code="PT"))
    icf_domain = IcfDomain.ACTIVITY
    text = "Walk 50 m indoors without help."
    measure = factory.LazyFunction(lambda: OutcomeMeasure.objects.get(code="BERG"))
    baseline = "20"
    target = "45"
    target_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))


class ScaledGoalFactory(GoalFactory):
    """A goal with its five GAS levels written and a baseline level."""

    gas_much_less = "Walks 10 m with one person's help."
    gas_less = "Walks 30 m with a frame and supervision."
    gas_expected = "Walks 50 m indoors with a stick, no help."
    gas_more = "Walks 50 m indoors without an aid."
    gas_much_more = "Walks 100 m outdoors without an aid."
    gas_baseline = -1


class GasRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GasRating

    goal = factory.SubFactory(ScaledGoalFactory, plan=factory.SubFactory(ActivePlanFactory))
    level = 0
    reviewed_on = factory.LazyFunction(timezone.localdate)
    by = factory.SelfAttribute("goal.plan.lead_physician")


class PatientPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PatientPriority

    plan = factory.SubFactory(ActivePlanFactory)
    text = "To walk to the temple."
    rank = 1
    recorded_by = factory.SelfAttribute("plan.lead_physician")
    recorded_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def serves(self, create, extracted, **kwargs):
        """The goals it maps to: one goal of its plan unless given (``serves=[...]``)."""
        if create:
            self.goals.set(extracted if extracted is not None else [GoalFactory(plan=self.plan)])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TherapySession
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActivePlanFactory)
    patient = factory.SelfAttribute("plan.patient")
    discipline = factory.LazyFunction(lambda: Discipline.objects.get(code="PT"))
    therapist = factory.SubFactory(TherapistFactory)
    start = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    minutes = 45
    attendance = "scheduled"
    # An attended session comes with the clinic's minimum note (settings.REHABANA_NOTE_MINIMUM)
    # so that it can be signed; a booking has no note.
    assessment = factory.LazyAttribute(
        lambda o: "Standing balance improving." if o.attendance == "attended" else ""
    )
    plan_note = factory.LazyAttribute(
        lambda o: "Progress to step-ups." if o.attendance == "attended" else ""
    )


class AddendumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Addendum

    session = factory.SubFactory(SessionFactory)
    author = factory.SelfAttribute("session.therapist")
    text = "Pain score after was 3, not 2."


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    patient = factory.SubFactory(PatientFactory)
    measure = factory.LazyFunction(lambda: OutcomeMeasure.objects.get(code="NPRS"))
    value = "4"
    assessed_by = factory.SubFactory(TherapistFactory)


class Phq9Factory(AssessmentFactory):
    """A PHQ-9 (total from its items); ``items__item9`` above 0 raises the self-harm alert."""

    measure = factory.LazyFunction(lambda: OutcomeMeasure.objects.get(code="PHQ9"))
    value = ""
    items = factory.LazyFunction(lambda: {f"item{n}": 1 for n in range(1, 10)})


class SelfHarmReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfHarmReview

    assessment = factory.SubFactory(Phq9Factory)
    reviewed_by = factory.SubFactory(UserFactory)  # a physician by default
    note = "Risk assessed with the patient: passive thoughts, no plan. Safety plan agreed."


class PlanRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanRevision

    plan = factory.SubFactory(ActivePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    author = factory.SelfAttribute("plan.lead_physician")
    reason = "Review"
    changes = "Early subacute: OT 3 × 45 min a week"


class StageTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageTransition

    plan = factory.SubFactory(ActivePlanFactory)
    from_stage = factory.SubFactory(StageFactory, plan=factory.SelfAttribute("..plan"))
    to_stage = factory.SubFactory(StageFactory, plan=factory.SelfAttribute("..plan"))
    by = factory.SelfAttribute("plan.lead_physician")
    effective_date = factory.LazyFunction(timezone.localdate)
    reason = "Berg 46: ready for community mobility"


class PlanHoldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanHold

    plan = factory.SubFactory(ActivePlanFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    reason = HoldReason.HOSPITAL_ADMISSION
    created_by = factory.SelfAttribute("plan.lead_physician")


class LeaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leave

    therapist = factory.SubFactory(TherapistFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=2))
    reason = LeaveReason.ANNUAL
    recorded_by = factory.SubFactory(UserFactory, role=Role.RECEPTION)


class PrecautionFactory(factory.django.DjangoModelFactory):
    """A falls risk set from a Berg of 38 (a kind PT, NEURO and OT therapists set too)."""

    class Meta:
        model = Precaution

    patient = factory.SubFactory(PatientFactory)
    kind = PrecautionKind.FALLS
    falls_basis = FallsBasis.BERG
    falls_value = 38
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    set_by = factory.SubFactory(UserFactory)


class PrecautionAcknowledgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrecautionAcknowledgement

    precaution = factory.SubFactory(PrecautionFactory)
    user = factory.SubFactory(TherapistFactory)
