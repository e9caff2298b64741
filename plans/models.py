from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from domain import balance, gas, measures, triage
from domain.advance import Result, goal_result
from patients.records import (
    ClinicalQuerySet,
    FinalRecordMixin,
    NoHardDeleteMixin,
    VersionedMixin,
)
from reference.models import AllocationFields, ExitCriterionMixin, Phase
from rehabana.dates import day_text
from rehabana.text import note_field
from staff.permissions import Action


class Approach(models.TextChoices):
    PHYSIO = triage.PHYSIO, "Physio-led"
    OT = triage.OT_LED, "OT-led"
    NEURO = triage.NEURO_REHAB, "Neuro-rehab"
    TEAM = triage.TEAM, "Full team"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    COMPLETED = "completed", "Completed"
    DISCONTINUED = "discontinued", "Discontinued"


# A plan in force: the one a diagnosis may have at a time (a database constraint).
IN_FORCE_STATUSES = (PlanStatus.ACTIVE, PlanStatus.ON_HOLD)
# A plan not yet closed: still edited, and still on the physician's caseload.
UNFINISHED_STATUSES = (PlanStatus.DRAFT, *IN_FORCE_STATUSES)


class PlanQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)

    def in_force(self):
        return self.filter(status__in=IN_FORCE_STATUSES)


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
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
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
                condition=models.Q(status__in=IN_FORCE_STATUSES),
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
    UPCOMING = balance.UPCOMING, "Upcoming"
    CURRENT = balance.CURRENT, "Current"
    DONE = balance.DONE, "Done"


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
    focus = note_field(blank=True)
    history = HistoricalRecords()

    objects = StageQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
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

    @property
    def in_the_stage(self) -> bool:
        """Planned shorter than a week: its allocations are sessions in the stage, not per
        week (``balance.is_short_stage``; the balance spreads them over its working days)."""
        return balance.is_short_stage(self.planned_start, self.planned_end)


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
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
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


class GoalKind(models.TextChoices):
    IMPROVE = measures.GoalKind.IMPROVE.value, "Improve"
    MAINTAIN = measures.GoalKind.MAINTAIN.value, "Maintain"


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
    text = note_field("SMART goal")
    measure = models.ForeignKey(
        "reference.OutcomeMeasure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Nullable without a default (the history table keeps its trigger); empty is "improve",
    # as every goal written before kinds was. ``save`` fills it in.
    kind = models.CharField(  # noqa: DJ001 (nullable: no table rebuild, see above)
        max_length=10,
        choices=GoalKind.choices,
        null=True,
        blank=True,
        help_text="Improve the score, or maintain it (target = the level to stay at or above).",
    )
    baseline = models.CharField(max_length=10, blank=True)
    target = models.CharField(max_length=10, blank=True)
    target_date = models.DateField()
    status = models.CharField(max_length=14, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    # Muscle group and side, for a per-site measure (the Ashworth scale): only results at
    # this site count for the goal. Nullable with no default, like ``set_on``: adding a
    # column with a default makes SQLite rebuild the history table and drop its triggers.
    body_site = models.CharField(max_length=80, null=True, blank=True)  # noqa: DJ001
    # The clinic day the goal was set: its progress reads only results from this day on.
    # Filled by save() for a new goal; a data migration filled it for older goals.
    set_on = models.DateField("set on", null=True, blank=True, editable=False)
    # Goal attainment scaling (Kiresuk & Sherman 1968; Turner-Stokes 2009): what each level
    # of outcome would look like, written when the goal is set; all optional, but a scaled
    # goal names its expected outcome (0). Nullable without defaults, like ``set_on``.
    gas_much_less = note_field("−2 much less than expected", max_length=500, null=True, blank=True)
    gas_less = note_field("−1 somewhat less than expected", max_length=500, null=True, blank=True)
    gas_expected = note_field("0 expected outcome", max_length=500, null=True, blank=True)
    gas_more = note_field("+1 somewhat more than expected", max_length=500, null=True, blank=True)
    gas_much_more = note_field("+2 much more than expected", max_length=500, null=True, blank=True)
    gas_baseline = models.SmallIntegerField(
        "GAS level at baseline",
        null=True,
        blank=True,
        choices=[(level, f"{level:+d} {gas.LEVELS[level]}") for level in gas.BASELINE_LEVELS],
        help_text="Usually −1; −2 when things could still get worse (Turner-Stokes 2009).",
    )
    history = HistoricalRecords()

    objects = GoalQuerySet.as_manager()

    # The GAS level descriptions by level, −2 to +2.
    GAS_FIELDS = {
        -2: "gas_much_less",
        -1: "gas_less",
        0: "gas_expected",
        1: "gas_more",
        2: "gas_much_more",
    }

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
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
        if self.set_on is None:
            self.set_on = timezone.localdate()
        if not self.kind:
            self.kind = GoalKind.IMPROVE
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.stage_id and self.plan_id and self.stage.plan_id != self.plan_id:
            raise ValidationError({"stage": "That stage belongs to another plan."})
        errors = {}
        for check in (self.normalise_values, self.normalise_gas):
            try:
                check()
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def normalise_gas(self) -> None:
        """Blank GAS levels are empty (None); a goal with any level written names its
        expected outcome (0), and a baseline level needs the scale."""
        for name in self.GAS_FIELDS.values():
            setattr(self, name, (getattr(self, name) or "").strip() or None)
        errors = {}
        written = any(getattr(self, name) for name in self.GAS_FIELDS.values())
        if written and not self.gas_expected:
            errors["gas_expected"] = [GAS_EXPECTED_MISSING]
        if self.gas_baseline is not None:
            if self.gas_baseline not in gas.BASELINE_LEVELS:
                errors["gas_baseline"] = ["The baseline level is −1 or −2."]
            elif not written:
                errors["gas_baseline"] = ["Write the goal's GAS levels first."]
        if errors:
            raise ValidationError(errors)

    @property
    def has_gas_scale(self) -> bool:
        return bool(self.gas_expected)

    def gas_levels(self) -> list[tuple[int, str, str]]:
        """(level, meaning, what the goal says for it), +2 first, as a scale is read."""
        return [
            (level, gas.LEVELS[level], getattr(self, self.GAS_FIELDS[level]) or "")
            for level in sorted(self.GAS_FIELDS, reverse=True)
        ]

    @property
    def is_per_site(self) -> bool:
        return bool(self.measure_id) and measures.INSTRUMENTS[self.measure_id].per_body_site

    def is_maintenance(self) -> bool:
        return self.kind == GoalKind.MAINTAIN

    def normalise_values(self) -> None:
        """Baseline and target must be legal results of the goal's measure (the target a
        number or grade, never "unable to perform"); a per-site measure needs its site
        (muscle group and side), any other measure has none."""
        self.body_site = " ".join((self.body_site or "").split()) or None
        if not self.measure_id:
            self.body_site = None
            return
        errors = {}
        tool = measures.INSTRUMENTS[self.measure_id]
        if tool.per_body_site and not self.body_site:
            errors["body_site"] = [f"{tool.name} goals name the muscle group and side."]
        elif not tool.per_body_site:
            self.body_site = None
        for field in ("baseline", "target"):
            value = getattr(self, field)
            if value:
                try:
                    setattr(self, field, measures.validate(self.measure_id, value))
                except ValidationError as error:
                    errors[field] = error.messages
        # A target is a result to reach, never "unable to perform" (the goal form says so
        # too; the admin writes goals through the model alone).
        if "target" not in errors and measures.is_unable(self.target):
            errors["target"] = ["A target is a result to reach: it cannot be “unable to perform”."]
        if errors:
            raise ValidationError(errors)

    def review_day_problem(self, day) -> str | None:
        """Why a GAS review cannot be dated ``day`` (None: it can): not ahead of today,
        not before the goal was set."""
        if day > timezone.localdate():
            return "A review is recorded on the day it took place, not ahead."
        if self.set_on and day < self.set_on:
            return "A review comes after the goal was set."
        return None

    def current_result(self, results: Iterable[Result]) -> Result | None:
        """The result the goal's progress is read from (``domain.advance.goal_result``):
        the latest of its measure, at its site, since it was set; None without a measure."""
        if not self.measure_id:
            return None
        return goal_result(
            results, measure=self.measure_id, site=self.body_site or "", set_on=self.set_on
        )

    def is_met(self, current: str | None, today=None) -> bool:
        """Whether the result ``current`` meets the goal: at or better than the target in
        the measure's good direction ("unable to perform" meets nothing). A maintain goal is
        met once its target date is reached with the level held."""
        if not (self.measure_id and self.target and current):
            return False
        if not measures.INSTRUMENTS[self.measure_id].meets(current, self.target):
            return False
        return not self.is_maintenance() or self.target_date <= (today or timezone.localdate())

    def assess(self, current: str | None) -> measures.GoalProgress | None:
        """Where the goal stands at ``current``: share of the way, change against the MDC,
        or maintained / not maintained (``domain.measures.goal_progress``)."""
        if not (self.measure_id and self.target and current):
            return None
        return measures.goal_progress(
            self.measure_id, self.kind, self.baseline, self.target, current
        )


GAS_EXPECTED_MISSING = "A goal scaled for GAS names its expected outcome (level 0)."


class GasRatingQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "goal__plan__patient"


class GasRating(FinalRecordMixin, NoHardDeleteMixin, models.Model):
    """A goal's review: the GAS level reached (−2..+2) on a day, by whom. Final once
    written; a later review (or a correction) is a new rating, and the latest counts."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="gas_ratings")
    level = models.SmallIntegerField(
        choices=[(level, f"{level:+d} {meaning}") for level, meaning in gas.LEVELS.items()]
    )
    reviewed_on = models.DateField("reviewed on")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = note_field(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = GasRatingQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        ordering = ["goal", "-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=-2, level__lte=2), name="gas_rating_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"GAS {self.level:+d} on {day_text(self.reviewed_on)}: {self.goal}"


class PatientPriorityQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "plan__patient"

    def current(self):
        return self.filter(retired_on__isnull=True)


class PatientPriority(NoHardDeleteMixin, models.Model):
    """What matters to the patient, in the patient's own words, ranked, beside the SMART
    goals (the goals it maps to, if any). Retired when it no longer holds, never deleted."""

    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="priorities")
    text = note_field("In the patient's words", max_length=500)
    rank = models.PositiveSmallIntegerField(help_text="1 matters most.")
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="priorities", help_text="The goals it maps to."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField("recorded on")
    retired_on = models.DateField("retired on", null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[goals])

    objects = PatientPriorityQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        verbose_name_plural = "patient priorities"
        ordering = ["plan", "rank", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="priority_text_required"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="priority_rank_positive"),
            models.CheckConstraint(
                condition=models.Q(retired_on__isnull=True, retired_by__isnull=True)
                | models.Q(retired_on__isnull=False, retired_by__isnull=False),
                name="priority_retired_with_who",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. “{self.text[:80]}”"


class HoldReason(models.TextChoices):
    HOSPITAL_ADMISSION = (
        balance.HOSPITAL_ADMISSION,
        balance.HOLD_REASONS[balance.HOSPITAL_ADMISSION],
    )
    UNWELL = balance.HOLD_UNWELL, balance.HOLD_REASONS[balance.HOLD_UNWELL]
    AWAY = balance.HOLD_AWAY, balance.HOLD_REASONS[balance.HOLD_AWAY]
    PATIENT_REQUEST = (
        balance.HOLD_PATIENT_REQUEST,
        balance.HOLD_REASONS[balance.HOLD_PATIENT_REQUEST],
    )
    OTHER = balance.OTHER, balance.HOLD_REASONS[balance.OTHER]


class PlanHoldQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "plan__patient"

    def covering(self, day):
        """Holds in force on ``day``."""
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


class PlanHold(NoHardDeleteMixin, models.Model):
    """A dated period the plan is held (a hospital admission, an illness, time away):
    its days plan no therapy minutes and raise no adherence alerts. Recorded by the
    physician beside the plan's on-hold status, which follows the hold in force today."""

    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="holds")
    starts_on = models.DateField("held from")
    ends_on = models.DateField(
        "held until", null=True, blank=True, help_text="The last held day; empty while it lasts."
    )
    reason = models.CharField(max_length=20, choices=HoldReason.choices)
    note = note_field(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = PlanHoldQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        ordering = ["plan", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="hold_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(reason__in=HoldReason.values), name="hold_reason_valid"
            ),
        ]

    def __str__(self) -> str:
        until = day_text(self.ends_on) if self.ends_on else "further notice"
        return f"On hold {day_text(self.starts_on)} – {until}: {self.get_reason_display()}"

    def as_domain(self) -> balance.Hold:
        return balance.Hold(self.starts_on, self.ends_on)

    def covers(self, day) -> bool:
        return self.as_domain().covers(day)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.reason == HoldReason.OTHER and not self.note.strip():
            errors["note"] = "Say why the plan is held."
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "A hold ends on or after the day it begins."
        elif self.starts_on and self.plan_id:
            overlapping = self.plan.holds.exclude(pk=self.pk).filter(
                models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=self.starts_on)
            )
            if self.ends_on is not None:
                overlapping = overlapping.filter(starts_on__lte=self.ends_on)
            if overlapping.exists():
                errors["starts_on"] = "These days overlap another hold of the plan."
        if errors:
            raise ValidationError(errors)


class PlanRecordQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "plan__patient"


class PlanRevision(FinalRecordMixin, NoHardDeleteMixin, models.Model):
    """One deliberate change to a plan, with its reason: activation, edits, advances."""

    plan = models.ForeignKey(RehabPlan, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reason = note_field()
    changes = note_field(help_text="What changed, in words.")
    history = HistoricalRecords()

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
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
    reason = note_field()
    suggestion = note_field(blank=True, help_text="What the system suggested, if anything.")
    history = HistoricalRecords()

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
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
