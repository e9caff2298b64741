from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from patients.records import ClinicalQuerySet, NoHardDeleteMixin, VersionedMixin
from plans import measures
from reference.models import AllocationFields, ExitCriterionMixin, Phase
from staff.permissions import Action, Scope


class Approach(models.TextChoices):
    PHYSIO = "physio", "Physio-led"
    OT = "ot", "OT-led"
    NEURO = "neuro", "Neuro-rehab"
    TEAM = "team", "Full team"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    COMPLETED = "completed", "Completed"
    DISCONTINUED = "discontinued", "Discontinued"


OPEN_PLAN_STATUSES = (PlanStatus.ACTIVE, PlanStatus.ON_HOLD)


class PlanQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)

    def open(self):
        return self.filter(status__in=OPEN_PLAN_STATUSES)


class RehabPlan(VersionedMixin, NoHardDeleteMixin, models.Model):
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="plans")
    diagnosis = models.ForeignKey(
        "patients.Diagnosis", on_delete=models.PROTECT, related_name="plans"
    )
    template = models.ForeignKey(
        "reference.PlanTemplate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text="The condition template the plan started from.",
    )
    lead_physician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_plans"
    )
    approach = models.CharField(max_length=10, choices=Approach.choices)
    status = models.CharField(max_length=14, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    start_date = models.DateField()
    review_date = models.DateField()
    activated_at = models.DateTimeField(null=True, blank=True, editable=False)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # What triage was told and what it suggested; ``approach`` is what the physician chose.
    triage_problems = models.JSONField(default=list, blank=True, editable=False)
    suggested_approach = models.CharField(
        max_length=10, choices=Approach.choices, blank=True, editable=False
    )
    suggested_reasons = models.JSONField(default=dict, blank=True, editable=False)
    # Optimistic locking: a save that started from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["lead_physician", "status"], name="plan_physician_status_idx"),
            models.Index(fields=["status", "review_date"], name="plan_status_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values), name="plan_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(approach__in=Approach.values), name="plan_approach_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(review_date__gte=models.F("start_date")),
                name="plan_review_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status=PlanStatus.DRAFT)
                | models.Q(activated_at__isnull=False, activated_by__isnull=False),
                name="plan_activated_unless_draft",
            ),
            models.UniqueConstraint(
                fields=["diagnosis"],
                condition=models.Q(status__in=OPEN_PLAN_STATUSES),
                name="plan_one_open_per_diagnosis",
                violation_error_message="This diagnosis already has an active or paused plan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_approach_display()} plan for {self.patient.full_name} ({self.status})"

    def clean(self) -> None:
        super().clean()
        if self.diagnosis_id and self.patient_id and self.diagnosis.patient_id != self.patient_id:
            raise ValidationError({"diagnosis": "That diagnosis belongs to another patient."})


class StageStatus(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    CURRENT = "current", "Current"
    DONE = "done", "Done"


class StageQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "plan__patient"

    def with_active_allocations(self):
        """Stages in order, each with its ``active_allocations`` (and their disciplines)."""
        return self.prefetch_related(
            models.Prefetch(
                "allocations",
                queryset=Allocation.objects.active().select_related("discipline"),
                to_attr="active_allocations",
            )
        ).order_by("order")


class Stage(NoHardDeleteMixin, ExitCriterionMixin, models.Model):
    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="stages")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    planned_start = models.DateField()
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=StageStatus.choices, default=StageStatus.UPCOMING
    )
    focus = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="stage_order_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(status=StageStatus.CURRENT),
                name="stage_one_current_per_plan",
                violation_error_message="A plan has one current stage at a time.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=StageStatus.values), name="stage_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(phase__in=Phase.values), name="stage_phase_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="stage_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_end__gte=models.F("actual_start")),
                name="stage_actual_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status=StageStatus.UPCOMING)
                | models.Q(status=StageStatus.CURRENT, actual_start__isnull=False)
                | models.Q(
                    status=StageStatus.DONE, actual_start__isnull=False, actual_end__isnull=False
                ),
                name="stage_dates_match_status",
            ),
            ExitCriterionMixin.exit_criterion_constraint("stage"),
        ]

    def __str__(self) -> str:
        return f"Stage {self.order}: {self.name}"


class AllocationQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "stage__plan__patient"

    def active(self):
        return self.filter(is_active=True)


class Allocation(NoHardDeleteMixin, AllocationFields):
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="allocations")
    # A discipline taken out of a stage is switched off, not deleted: the history keeps
    # what was planned, and putting it back switches the same row on again.
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "discipline__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "discipline"],
                name="allocation_one_per_discipline",
                violation_error_message="This stage already has an allocation for that discipline.",
            ),
            *AllocationFields.allocation_constraints("allocation"),
        ]

    def __str__(self) -> str:
        return f"{self.discipline_id} {self.sessions_per_week} × {self.minutes_per_session} min"


class IcfDomain(models.TextChoices):
    BODY_FUNCTION = "body_function", "Body function"
    ACTIVITY = "activity", "Activity"
    PARTICIPATION = "participation", "Participation"


class GoalStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    NOT_ACHIEVED = "not_achieved", "Not achieved"
    DISCONTINUED = "discontinued", "Discontinued"


class GoalQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "plan__patient"


class Goal(NoHardDeleteMixin, models.Model):
    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="goals")
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="goals"
    )
    discipline = models.ForeignKey(
        "reference.Discipline", on_delete=models.PROTECT, related_name="+"
    )
    icf_domain = models.CharField("ICF domain", max_length=14, choices=IcfDomain.choices)
    text = models.TextField("SMART goal")
    measure = models.ForeignKey(
        "reference.OutcomeMeasure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    baseline = models.CharField(max_length=10, blank=True)
    target = models.CharField(max_length=10, blank=True)
    target_date = models.DateField()
    status = models.CharField(max_length=14, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    history = HistoricalRecords()

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "target_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=GoalStatus.values), name="goal_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(icf_domain__in=IcfDomain.values), name="goal_icf_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(measure__isnull=False) | models.Q(baseline="", target=""),
                name="goal_values_need_measure",
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="goal_text_required"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args, **kwargs):
        self.normalise_values()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.stage_id and self.plan_id and self.stage.plan_id != self.plan_id:
            raise ValidationError({"stage": "That stage belongs to another plan."})
        self.normalise_values()

    def normalise_values(self) -> None:
        """Baseline and target must be legal results of the goal's measure."""
        if not self.measure_id:
            return
        errors = {}
        for field in ("baseline", "target"):
            value = getattr(self, field)
            if value:
                try:
                    setattr(self, field, measures.validate(self.measure_id, value))
                except ValidationError as error:
                    errors[field] = error.messages
        if errors:
            raise ValidationError(errors)

    def progress(self, current: str | None) -> float | None:
        """Share of the way from baseline to target reached by ``current`` (direction-aware)."""
        if not (self.measure_id and self.baseline and self.target and current):
            return None
        return measures.INSTRUMENTS[self.measure_id].progress(self.baseline, self.target, current)


class Attendance(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    ATTENDED = "attended", "Attended"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "No-show"


class SignedRecordError(Exception):
    """A signed note is immutable; corrections are addenda."""


# A note not signed this long after its session is overdue (therapist's list, dashboard).
UNSIGNED_NOTE_AFTER = timedelta(hours=24)


class SessionQuerySet(ClinicalQuerySet):
    # Reception schedules sessions without reading notes: the rows are visible to the
    # wider of the two scopes, the notes only to NOTES_READ (see ``can_read_notes``).
    read_actions = (Action.SESSION_SCHEDULE, Action.NOTES_READ)

    def narrow_to(self, user, reach: Scope):
        if reach is Scope.OWN_DISCIPLINE:
            return self.filter(discipline_id=user.discipline_id)
        if reach is Scope.OWN:
            return self.filter(therapist=user)
        return super().narrow_to(user, reach)

    def attended(self):
        return self.filter(attendance=Attendance.ATTENDED)

    def unsigned_overdue(self):
        """Logged sessions whose note is still unsigned a day after the session."""
        return self.filter(
            signed_at__isnull=True, start__lt=timezone.now() - UNSIGNED_NOTE_AFTER
        ).exclude(attendance=Attendance.SCHEDULED)


class TherapySession(VersionedMixin, NoHardDeleteMixin, models.Model):
    MAX_MINUTES = 480

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="sessions"
    )
    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="sessions")
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        help_text="The stage current when the session started.",
    )
    discipline = models.ForeignKey(
        "reference.Discipline", on_delete=models.PROTECT, related_name="+"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="therapy_sessions"
    )
    start = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField()
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.SCHEDULED
    )
    absence_reason = models.CharField(max_length=200, blank=True)
    techniques = models.ManyToManyField("reference.Technique", blank=True, related_name="+")
    goals_addressed = models.ManyToManyField(Goal, blank=True, related_name="sessions")
    subjective = models.TextField(blank=True)
    objective = models.TextField(blank=True)
    assessment = models.TextField(blank=True)
    plan_note = models.TextField("plan", blank=True)
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[techniques, goals_addressed])

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        indexes = [
            models.Index(fields=["therapist", "start"], name="session_therapist_start_idx"),
            models.Index(fields=["patient", "start"], name="session_patient_start_idx"),
            models.Index(fields=["plan", "start"], name="session_plan_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attendance__in=Attendance.values),
                name="session_attendance_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__lte=480), name="session_minutes_max"
            ),
            models.CheckConstraint(
                condition=~models.Q(attendance=Attendance.ATTENDED) | models.Q(minutes__gte=1),
                name="session_attended_has_minutes",
            ),
            models.CheckConstraint(
                condition=~models.Q(attendance__in=[Attendance.CANCELLED, Attendance.NO_SHOW])
                | ~models.Q(absence_reason=""),
                name="session_absence_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(pain_before__isnull=True) | models.Q(pain_before__lte=10),
                name="session_pain_before_range",
            ),
            models.CheckConstraint(
                condition=models.Q(pain_after__isnull=True) | models.Q(pain_after__lte=10),
                name="session_pain_after_range",
            ),
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True, signed_by__isnull=True)
                | models.Q(signed_at__isnull=False, signed_by__isnull=False),
                name="session_signature_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(signed_by__isnull=True)
                | models.Q(signed_by=models.F("therapist")),
                name="session_signed_by_its_therapist",
                violation_error_message="A note is signed by the therapist who gave the session.",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return (
            f"{self.discipline_id} session {local:%d %b %Y %H:%M} ({self.get_attendance_display()})"
        )

    def save(self, *args, **kwargs):
        if self.pk and TherapySession.objects.filter(pk=self.pk, signed_at__isnull=False).exists():
            raise SignedRecordError("This note is signed; add an addendum instead of editing it.")
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.plan_id and self.patient_id and self.plan.patient_id != self.patient_id:
            errors["plan"] = "That plan belongs to another patient."
        if self.stage_id and self.plan_id and self.stage.plan_id != self.plan_id:
            errors["stage"] = "That stage belongs to another plan."
        if self.therapist_id:
            if not self.therapist.is_therapist:
                errors["therapist"] = "Sessions are given by therapists."
            elif self.discipline_id and self.therapist.discipline_id != self.discipline_id:
                errors["therapist"] = (
                    f"{self.therapist} works in {self.therapist.discipline_id}, "
                    f"not {self.discipline_id}."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


@receiver(m2m_changed, sender=TherapySession.techniques.through)
@receiver(m2m_changed, sender=TherapySession.goals_addressed.through)
def refuse_technique_changes_on_signed_sessions(sender, instance, action, **kwargs):
    """Techniques and goals addressed are part of the signed note: changing one is an edit.

    Only the session side has a manager (the relation has no reverse accessor), so the
    instance is always a session.
    """
    if action in {"pre_add", "pre_remove", "pre_clear"} and (
        TherapySession.objects.filter(pk=instance.pk, signed_at__isnull=False).exists()
    ):
        raise SignedRecordError("A signed note's techniques cannot change; add an addendum.")


class AddendumQuerySet(ClinicalQuerySet):
    read_actions = (Action.NOTES_READ,)
    patient_lookup = "session__patient"


class Addendum(NoHardDeleteMixin, models.Model):
    session = models.ForeignKey(TherapySession, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    text = models.TextField()
    history = HistoricalRecords()

    objects = AddendumQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "addenda"
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="addendum_text_required"),
        ]

    def __str__(self) -> str:
        return f"Addendum by {self.author} on {timezone.localtime(self.created_at):%d %b %Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise SignedRecordError("An addendum is final once written; add another one.")
        super().save(*args, **kwargs)


class AssessmentQuerySet(ClinicalQuerySet):
    read_actions = (Action.NOTES_READ,)

    def latest_per_measure(self):
        return self.order_by("measure_id", "-assessed_at")


class Assessment(NoHardDeleteMixin, models.Model):
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="assessments"
    )
    measure = models.ForeignKey(
        "reference.OutcomeMeasure", on_delete=models.PROTECT, related_name="assessments"
    )
    value = models.CharField(max_length=10, help_text="Canonical text: 45, 12.3, 1+, C.")
    score = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        editable=False,
        help_text="The value as a number that orders results (grades by position).",
    )
    items = models.JSONField(default=dict, blank=True)
    body_site = models.CharField(
        max_length=80, blank=True, help_text="Muscle group and side, for the Ashworth scale."
    )
    assessed_at = models.DateTimeField(default=timezone.now)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        TherapySession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_at"]
        indexes = [
            models.Index(
                fields=["patient", "measure", "assessed_at"], name="assessment_patient_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(value=""), name="assessment_has_value"),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.value} on {timezone.localtime(self.assessed_at):%d %b %Y}"

    def save(self, *args, **kwargs):
        self.apply_measure()
        super().save(*args, **kwargs)

    def apply_measure(self) -> None:
        """Validate the result; item-scored instruments take their total from the items."""
        tool = measures.instrument(self.measure_id)
        if tool.is_item_scored:
            self.value = str(measures.score(self.measure_id, self.items))
        else:
            if self.items:
                raise ValidationError(f"{tool.name} is not scored from items.")
            self.value = measures.validate(self.measure_id, self.value)
        if tool.per_body_site and not self.body_site.strip():
            raise ValidationError({"body_site": f"{tool.name} is recorded per muscle group."})
        self.score = Decimal(tool.rank(self.value))

    def clean(self) -> None:
        super().clean()
        if self.measure_id:
            self.apply_measure()


class FinalRecordMixin:
    """A record that is final once written (revisions, transitions)."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise SignedRecordError(f"A {self._meta.verbose_name} is final once written.")
        super().save(*args, **kwargs)


class PlanRecordQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "plan__patient"


class PlanRevision(FinalRecordMixin, NoHardDeleteMixin, models.Model):
    """One deliberate change to a plan, with its reason: activation, edits, advances."""

    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    changes = models.TextField(help_text="What changed, in words.")
    history = HistoricalRecords()

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="revision_number_unique"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="revision_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of plan {self.plan_id}: {self.changes[:60]}"


class StageTransition(FinalRecordMixin, NoHardDeleteMixin, models.Model):
    """A stage advance: who moved the plan on, when, from which stage, and why."""

    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="transitions")
    from_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    to_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    effective_date = models.DateField(help_text="The new stage's allocations apply from here.")
    reason = models.TextField()
    suggestion = models.TextField(blank=True, help_text="What the system suggested, if anything.")
    history = HistoricalRecords()

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="transition_has_reason"),
            models.CheckConstraint(
                condition=~models.Q(from_stage=models.F("to_stage")),
                name="transition_changes_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"Plan {self.plan_id}: stage {self.from_stage_id} → {self.to_stage_id}"
