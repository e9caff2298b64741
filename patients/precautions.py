"""Precautions: what keeps a patient safe in therapy (swallowing, falls, weight bearing,
exercise limits and the medical risks), set by the physician or a therapist of the
kind's discipline, dated, ended with a reason and never deleted; and the therapists'
acknowledgements of them before a session is logged.

The models are registered through ``patients.models``, which imports this module.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from simple_history.models import HistoricalRecords

from domain import precautions as rules
from patients.records import (
    ClinicalQuerySet,
    FinalRecordMixin,
    NoHardDeleteMixin,
    StaleVersion,
    today,
)
from rehabana.dates import day_text
from rehabana.text import note_field
from staff.permissions import PRECAUTION_DISCIPLINES, Action, Scope, can, scope


class PrecautionKind(models.TextChoices):
    SWALLOWING = "swallowing", "Swallowing"
    FALLS = "falls", "Falls risk"
    WEIGHT_BEARING = "weight_bearing", "Weight bearing"
    EXERCISE_LIMITS = "exercise_limits", "Exercise limits"
    SEIZURE = "seizure", "Seizure risk"
    SHOULDER_SUBLUXATION = "shoulder_subluxation", "Shoulder subluxation (handling)"
    ANTICOAGULATION = "anticoagulation", "Anticoagulation"
    DVT = "dvt", "DVT"
    AUTONOMIC_DYSREFLEXIA = "autonomic_dysreflexia", "Autonomic dysreflexia"
    HIP = "hip", "Hip precautions"
    SPINAL = "spinal", "Spinal precautions"
    COGNITIVE = "cognitive", "Cognitive / behavioural"
    OTHER = "other", "Other"


class FallsBasis(models.TextChoices):
    BERG = "berg", "Berg Balance Scale"
    TUG = "tug", "Timed Up and Go"
    CLINICAL = "clinical", "Clinical judgement"


class Limb(models.TextChoices):
    LEFT_LEG = "left_leg", "Left leg"
    RIGHT_LEG = "right_leg", "Right leg"
    LEFT_ARM = "left_arm", "Left arm"
    RIGHT_ARM = "right_arm", "Right arm"


class WeightBearing(models.TextChoices):
    NON = "non", "Non-weight bearing"
    TOUCH = "touch", "Touch weight bearing"
    PARTIAL = "partial", "Partial weight bearing"
    AS_TOLERATED = "as_tolerated", "Weight bearing as tolerated"
    FULL = "full", "Full weight bearing"


# The fields each kind's form shows (besides the dates and the details every kind has).
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    PrecautionKind.SWALLOWING: ("nil_by_mouth", "iddsi_food", "iddsi_drink", "meal_supervision"),
    PrecautionKind.FALLS: ("falls_basis", "falls_value"),
    PrecautionKind.WEIGHT_BEARING: ("limb", "weight_bearing", "weight_bearing_percent"),
    PrecautionKind.EXERCISE_LIMITS: (
        "resting_systolic",
        "resting_diastolic",
        "stop_systolic_above",
        "stop_diastolic_above",
        "max_heart_rate",
        "min_spo2",
        "oxygen_l_min",
    ),
}
# Kinds that say nothing without their text: the details are required.
TEXT_KINDS = {
    PrecautionKind.SEIZURE,
    PrecautionKind.SHOULDER_SUBLUXATION,
    PrecautionKind.HIP,
    PrecautionKind.SPINAL,
    PrecautionKind.COGNITIVE,
    PrecautionKind.OTHER,
}


class PrecautionQuerySet(ClinicalQuerySet):
    # Clinical content (anticoagulation, seizures): for the roles that read the plan and
    # diagnoses, as the chart shows them; reception does not.
    read_actions = (Action.PLAN_READ,)

    def active_on(self, day: date | None = None):
        """Precautions in force on ``day``: begun, not past their last day, not ended."""
        day = day or today()
        return self.filter(starts_on__lte=day, ended_at__isnull=True).filter(
            models.Q(until__isnull=True) | models.Q(until__gte=day)
        )

    def for_patients(self, patient_ids: Iterable[int]):
        return self.filter(patient_id__in=list(patient_ids))

    def with_acknowledgement(self, user):
        """Each row with ``acknowledged``: whether ``user`` acknowledged it since it was
        last changed (one query, whatever the number of rows)."""
        seen = PrecautionAcknowledgement.objects.filter(
            precaution=OuterRef("pk"), user=user, at__gte=OuterRef("changed_at")
        )
        return self.annotate(acknowledged=Exists(seen))


class Precaution(NoHardDeleteMixin, models.Model):
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="precautions"
    )
    kind = models.CharField(max_length=24, choices=PrecautionKind.choices)
    # Swallowing, on the IDDSI framework (domain/precautions.py cites it).
    nil_by_mouth = models.BooleanField(default=False)
    iddsi_food = models.PositiveSmallIntegerField(
        "IDDSI food level",
        null=True,
        blank=True,
        choices=[(level, rules.iddsi_food_label(level)) for level in rules.IDDSI_FOODS],
    )
    iddsi_drink = models.PositiveSmallIntegerField(
        "IDDSI drink level",
        null=True,
        blank=True,
        choices=[(level, rules.iddsi_drink_label(level)) for level in rules.IDDSI_DRINKS],
    )
    meal_supervision = models.BooleanField("supervision at meals", default=False)
    # Falls risk: the measure that set it, with its value (a Berg score, TUG seconds).
    falls_basis = models.CharField(max_length=10, choices=FallsBasis.choices, blank=True)
    falls_value = models.DecimalField(
        "measured value",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Berg score (0-56) or TUG seconds.",
    )
    # Weight bearing: one precaution per limb.
    limb = models.CharField(max_length=10, choices=Limb.choices, blank=True)
    weight_bearing = models.CharField(
        "weight-bearing status", max_length=14, choices=WeightBearing.choices, blank=True
    )
    weight_bearing_percent = models.PositiveSmallIntegerField(
        "% of body weight", null=True, blank=True, help_text="Partial weight bearing only: 1-99."
    )
    # Exercise limits: stop when above (or, for SpO2, below) these.
    resting_systolic = models.PositiveSmallIntegerField(null=True, blank=True)
    resting_diastolic = models.PositiveSmallIntegerField(null=True, blank=True)
    stop_systolic_above = models.PositiveSmallIntegerField(
        "stop above systolic", null=True, blank=True
    )
    stop_diastolic_above = models.PositiveSmallIntegerField(
        "stop above diastolic", null=True, blank=True
    )
    max_heart_rate = models.PositiveSmallIntegerField(
        "stop above heart rate", null=True, blank=True
    )
    min_spo2 = models.PositiveSmallIntegerField("stop below SpO2 %", null=True, blank=True)
    oxygen_l_min = models.DecimalField(
        "oxygen L/min", max_digits=4, decimal_places=1, null=True, blank=True
    )
    details = note_field(blank=True)
    starts_on = models.DateField(default=today)
    until = models.DateField(
        null=True, blank=True, help_text="The last day it applies; empty until ended."
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now, editable=False)
    # When its content last changed: an acknowledgement older than this is asked again.
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    end_reason = models.CharField(max_length=200, blank=True, editable=False)
    history = HistoricalRecords()

    objects = PrecautionQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        ordering = ["patient", "kind", "-starts_on", "-pk"]
        indexes = [models.Index(fields=["patient", "starts_on"], name="precaution_patient_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PrecautionKind.values), name="precaution_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("starts_on")),
                name="precaution_until_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(iddsi_food__isnull=True)
                | models.Q(
                    iddsi_food__gte=rules.IDDSI_FOOD_RANGE[0],
                    iddsi_food__lte=rules.IDDSI_FOOD_RANGE[1],
                ),
                name="precaution_iddsi_food_range",
            ),
            models.CheckConstraint(
                condition=models.Q(iddsi_drink__isnull=True)
                | models.Q(
                    iddsi_drink__gte=rules.IDDSI_DRINK_RANGE[0],
                    iddsi_drink__lte=rules.IDDSI_DRINK_RANGE[1],
                ),
                name="precaution_iddsi_drink_range",
            ),
            models.CheckConstraint(
                condition=models.Q(weight_bearing_percent__isnull=True)
                | models.Q(weight_bearing_percent__gte=1, weight_bearing_percent__lte=99),
                name="precaution_wb_percent_range",
            ),
            # A partial weight bearing has its percentage; no other status has one.
            models.CheckConstraint(
                condition=models.Q(weight_bearing="partial", weight_bearing_percent__isnull=False)
                | (
                    ~models.Q(weight_bearing="partial")
                    & models.Q(weight_bearing_percent__isnull=True)
                ),
                name="precaution_partial_has_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | ~models.Q(end_reason=""),
                name="precaution_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.patient_id} from {day_text(self.starts_on)}"

    @property
    def summary(self) -> str:
        """The precaution in a line, for the banner."""
        parts: list[str] = []
        if self.kind == PrecautionKind.SWALLOWING:
            if self.nil_by_mouth:
                parts.append("nil by mouth")
            if self.iddsi_food is not None:
                parts.append(f"food IDDSI {rules.iddsi_food_label(self.iddsi_food)}")
            if self.iddsi_drink is not None:
                parts.append(f"drinks IDDSI {rules.iddsi_drink_label(self.iddsi_drink)}")
            if self.meal_supervision:
                parts.append("supervision at meals")
        elif self.kind == PrecautionKind.FALLS and self.falls_basis:
            value = f" {self.falls_value}" if self.falls_value is not None else ""
            unit = " s" if self.falls_basis == FallsBasis.TUG and value else ""
            parts.append(f"{self.get_falls_basis_display()}{value}{unit}")
        elif self.kind == PrecautionKind.WEIGHT_BEARING and self.weight_bearing:
            percent = (
                f" {self.weight_bearing_percent}%"
                if self.weight_bearing_percent is not None
                else ""
            )
            parts.append(f"{self.get_limb_display()}: {self.get_weight_bearing_display()}{percent}")
        elif self.kind == PrecautionKind.EXERCISE_LIMITS:
            if self.stop_systolic_above or self.stop_diastolic_above:
                resting = (
                    f" (resting {self.resting_systolic or '–'}/{self.resting_diastolic or '–'})"
                    if self.resting_systolic or self.resting_diastolic
                    else ""
                )
                parts.append(
                    f"stop above BP {self.stop_systolic_above or '–'}/"
                    f"{self.stop_diastolic_above or '–'}{resting}"
                )
            if self.max_heart_rate:
                parts.append(f"HR over {self.max_heart_rate}")
            if self.min_spo2:
                parts.append(f"SpO2 under {self.min_spo2}%")
            if self.oxygen_l_min is not None:
                parts.append(f"oxygen {self.oxygen_l_min} L/min")
        if self.details:
            parts.append(self.details)
        return "; ".join(parts)

    def is_active_on(self, day: date) -> bool:
        """In force on ``day``: ``PrecautionQuerySet.active_on`` for a row in hand."""
        return (
            self.ended_at is None
            and self.starts_on <= day
            and (self.until is None or self.until >= day)
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.starts_on and self.until and self.until < self.starts_on:
            errors["until"] = "A precaution ends on or after the day it begins."
        if self.kind == PrecautionKind.SWALLOWING and not (
            self.nil_by_mouth
            or self.iddsi_food is not None
            or self.iddsi_drink is not None
            or self.meal_supervision
        ):
            errors["iddsi_food"] = (
                "Give the food or drink level, nil by mouth, or supervision at meals."
            )
        if self.iddsi_food is not None and self.iddsi_food not in rules.IDDSI_FOODS:
            errors["iddsi_food"] = "IDDSI food levels run from 3 to 7."
        if self.iddsi_drink is not None and self.iddsi_drink not in rules.IDDSI_DRINKS:
            errors["iddsi_drink"] = "IDDSI drink levels run from 0 to 4."
        if self.kind == PrecautionKind.FALLS:
            errors.update(self._falls_errors())
        if self.kind == PrecautionKind.WEIGHT_BEARING:
            errors.update(self._weight_bearing_errors())
        if self.kind == PrecautionKind.EXERCISE_LIMITS:
            errors.update(self._exercise_errors())
        if self.kind in TEXT_KINDS and not (self.details or "").strip():
            errors["details"] = "Say what the precaution is."
        if not errors and (clash := self.overlapping().first()):
            limb = f" for the {clash.get_limb_display().lower()}" if clash.limb else ""
            until = f" to {day_text(clash.until)}" if clash.until else ""
            errors[NON_FIELD_ERRORS] = (
                f"A {clash.get_kind_display().lower()} precaution{limb} is already set from "
                f"{day_text(clash.starts_on)}{until}: change or end it rather than setting a "
                "second one that may contradict it."
            )
        if errors:
            raise ValidationError(errors)

    def overlapping(self):
        """The patient's other precautions, not ended, of the same kind (for weight
        bearing, the same limb) whose dates overlap this one's: two would contradict each
        other on the banner. "Other" precautions are free text: several may stand."""
        if self.kind == PrecautionKind.OTHER or not (self.patient_id and self.starts_on):
            return Precaution.objects.none()
        rows = Precaution.objects.filter(
            patient_id=self.patient_id, kind=self.kind, ended_at__isnull=True
        ).filter(models.Q(until__isnull=True) | models.Q(until__gte=self.starts_on))
        if self.until:
            rows = rows.filter(starts_on__lte=self.until)
        if self.kind == PrecautionKind.WEIGHT_BEARING:
            rows = rows.filter(limb=self.limb)
        return rows.exclude(pk=self.pk) if self.pk else rows

    def _falls_errors(self) -> dict[str, str]:
        if not self.falls_basis:
            return {"falls_basis": "Say what set the falls risk: Berg, TUG or clinical judgement."}
        if self.falls_basis == FallsBasis.CLINICAL:
            return {}
        if self.falls_value is None:
            return {"falls_value": f"Give the {self.get_falls_basis_display()} result."}
        if self.falls_basis == FallsBasis.BERG and not 0 <= self.falls_value <= rules.BERG_MAX:
            return {"falls_value": f"A Berg score runs from 0 to {rules.BERG_MAX}."}
        if self.falls_basis == FallsBasis.TUG and not 0 < self.falls_value <= 300:
            return {"falls_value": "Give the TUG time in seconds (up to 300)."}
        return {}

    def _weight_bearing_errors(self) -> dict[str, str]:
        errors = {}
        if not self.limb:
            errors["limb"] = "Choose the limb."
        if not self.weight_bearing:
            errors["weight_bearing"] = "Choose the weight-bearing status."
        percent = self.weight_bearing_percent
        if self.weight_bearing == WeightBearing.PARTIAL:
            if percent is None:
                errors["weight_bearing_percent"] = "Partial weight bearing needs its percentage."
            elif not 1 <= percent <= 99:
                errors["weight_bearing_percent"] = (
                    "Partial weight bearing is 1 to 99% of body weight (100% is full)."
                )
        elif percent is not None:
            errors["weight_bearing_percent"] = "A percentage goes with partial weight bearing only."
        return errors

    def _exercise_errors(self) -> dict[str, str]:
        limits = (
            "stop_systolic_above",
            "stop_diastolic_above",
            "max_heart_rate",
            "min_spo2",
            "oxygen_l_min",
        )
        if all(getattr(self, name) is None for name in limits):
            return {"stop_systolic_above": "Give at least one limit to stop at, or the oxygen."}
        errors = {}
        for name, (low, high) in (
            ("resting_systolic", rules.SYSTOLIC_RANGE),
            ("stop_systolic_above", rules.SYSTOLIC_RANGE),
            ("resting_diastolic", rules.DIASTOLIC_RANGE),
            ("stop_diastolic_above", rules.DIASTOLIC_RANGE),
            ("max_heart_rate", rules.HEART_RATE_RANGE),
            ("min_spo2", rules.SPO2_RANGE),
        ):
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                errors[name] = f"Give a value from {low} to {high}."
        if self.oxygen_l_min is not None and not 0 < self.oxygen_l_min <= rules.OXYGEN_MAX_L_MIN:
            errors["oxygen_l_min"] = f"Oxygen runs from 0.5 to {rules.OXYGEN_MAX_L_MIN} L/min."
        limits_vs_rest = rules.exercise_limit_errors(
            resting_systolic=self.resting_systolic,
            resting_diastolic=self.resting_diastolic,
            stop_systolic=self.stop_systolic_above,
            stop_diastolic=self.stop_diastolic_above,
        )
        return {**limits_vs_rest, **errors}


class AcknowledgementQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "precaution__patient"


class PrecautionAcknowledgement(FinalRecordMixin, NoHardDeleteMixin, models.Model):
    """A therapist saw a precaution before logging a session: one row per click, never
    changed."""

    final_message = "An acknowledgement is written once and never edited."

    precaution = models.ForeignKey(
        Precaution, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["precaution", "-at"]
        indexes = [
            models.Index(fields=["precaution", "user", "at"], name="precaution_ack_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} acknowledged {self.precaution.get_kind_display()}"


# -- Who may set which kind -----------------------------------------------------------


def _on_team(user, patient_id: int) -> bool:
    from patients.models import CareTeamMember  # the models import this module

    return CareTeamMember.objects.active().filter(patient_id=patient_id, staff=user).exists()


def may_set(user, patient_id: int, kind: str) -> bool:
    """Whether ``user`` sets (changes, ends) a precaution of ``kind`` for the patient:
    physicians any kind; a therapist on the care team the kinds of their discipline
    (``staff.permissions.PRECAUTION_DISCIPLINES``)."""
    reach = scope(user, Action.PRECAUTION_SET)
    if reach is Scope.ALL:
        return True
    if reach is Scope.NONE:
        return False
    return user.discipline_id in PRECAUTION_DISCIPLINES.get(kind, ()) and _on_team(user, patient_id)


def kinds_for(user, patient_id: int, *, on_team: bool | None = None) -> list[tuple[str, str]]:
    """The kinds ``user`` may set for the patient, as choices. ``on_team``: whether the
    user is on the patient's active care team, when the caller knows (else one query)."""
    reach = scope(user, Action.PRECAUTION_SET)
    if reach is Scope.ALL:
        return list(PrecautionKind.choices)
    own = [
        (value, label)
        for value, label in PrecautionKind.choices
        if user.discipline_id in PRECAUTION_DISCIPLINES.get(value, ())
    ]
    if reach is Scope.NONE or not own:
        return []
    if on_team is None:
        on_team = _on_team(user, patient_id)
    return own if on_team else []


def chart_precautions(patient, user, *, on_team: bool, day: date | None = None) -> dict:
    """The chart's precautions card: in force or to come, and past (ended or expired),
    each with whether ``user`` may change it; one query."""
    day = day or today()
    kinds = dict(kinds_for(user, patient.pk, on_team=on_team))
    rows = list(patient.precautions.select_related("set_by", "ended_by"))
    for row in rows:
        row.can_change = row.kind in kinds and row.ended_at is None
    active = [p for p in rows if p.is_active_on(day)]
    upcoming = [p for p in rows if p.ended_at is None and p.starts_on > day]
    # The rest ended, or are past their last day: out of the banner, in the history.
    past = [p for p in rows if p not in active and p not in upcoming]
    return {
        "precautions": active,
        "upcoming_precautions": upcoming,
        "past_precautions": sorted(past, key=lambda p: p.ended_at or p.set_at, reverse=True),
        "can_set_precaution": bool(kinds),
    }


def _require(user, precaution: Precaution) -> None:
    if not may_set(user, precaution.patient_id, precaution.kind):
        raise PermissionDenied(
            f"{precaution.get_kind_display()} precautions are set by a physician or a therapist "
            "of that discipline on the care team."
        )


# -- Services ---------------------------------------------------------------------------


def set_precaution(precaution: Precaution, *, by, expected_changed_at=None) -> Precaution:
    """Record a new precaution, or a change to one (acknowledgements are asked again).
    ``expected_changed_at``: the ``changed_at`` the edit form was opened on; a change saved
    since raises ``StaleVersion`` rather than silently undoing it."""
    _require(by, precaution)
    if precaution.ended_at is not None:
        raise ValidationError("An ended precaution is not changed; set a new one.")
    with transaction.atomic():
        if not precaution._state.adding:
            # The row as saved, locked: the check and the save see the same version.
            saved = Precaution.objects.select_for_update(of=("self",)).get(pk=precaution.pk)
            if saved.ended_at is not None:
                raise ValidationError("This precaution has ended meanwhile; set a new one.")
            if expected_changed_at is not None and saved.changed_at != expected_changed_at:
                raise StaleVersion(saved)
        else:
            precaution.set_by = by
            precaution.set_at = timezone.now()
        precaution.changed_at = timezone.now()
        precaution.full_clean()
        precaution.save()
        if scope(by, Action.SESSION_LOG) is not Scope.NONE:
            # The therapist who wrote it has read it: their own sessions ask nothing.
            PrecautionAcknowledgement.objects.create(
                precaution=precaution, user=by, at=precaution.changed_at
            )
    return precaution


def end_precaution(precaution: Precaution, *, by, reason: str) -> Precaution:
    """End a precaution with a reason: it leaves the banner and stays in the history."""
    _require(by, precaution)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the precaution ends."})
    with transaction.atomic():
        # Locked and read again: a colleague may have ended it since the page opened.
        saved = (
            Precaution.objects.select_for_update(of=("self",))
            .select_related("ended_by")
            .get(pk=precaution.pk)
        )
        if saved.ended_at is not None:
            raise ValidationError(
                f"This precaution has already ended ({saved.ended_by}: {saved.end_reason})."
            )
        # The saved row ends, not the caller's copy: a change saved since is kept.
        saved.ended_at = timezone.now()
        saved.ended_by = by
        saved.end_reason = reason
        saved.save()
    precaution.ended_at, precaution.ended_by, precaution.end_reason = (
        saved.ended_at,
        saved.ended_by,
        saved.end_reason,
    )
    return saved


def unacknowledged(patient_id: int, user, day: date | None = None) -> list[Precaution]:
    """The patient's active precautions ``user`` has not acknowledged since they were set
    or last changed (one query)."""
    return [
        p
        for p in Precaution.objects.active_on(day)
        .filter(patient_id=patient_id)
        .with_acknowledgement(user)
        if not p.acknowledged
    ]


@transaction.atomic
def acknowledge(patient_id: int, precaution_ids: Iterable[int], *, by) -> int:
    """``by`` acknowledges the listed active precautions of the patient (those the page
    showed them: one set after the page opened is not acknowledged unseen). Answers how
    many were acknowledged."""
    wanted = set(precaution_ids)
    count = 0
    for precaution in unacknowledged(patient_id, by):
        if precaution.pk in wanted:
            PrecautionAcknowledgement.objects.create(precaution=precaution, user=by)
            count += 1
    return count


def banner_precautions(
    user, patient_id: int, day: date | None = None, *, with_acknowledgement: bool = False
) -> list[Precaution]:
    """The patient's precautions in force, for the banner of a page ``user`` works on:
    none, and no query, for a role that does not read them (reception), as on the chart.
    ``with_acknowledgement``: each with whether ``user`` acknowledged it. One query."""
    if not can(user, Action.PLAN_READ):
        return []
    rows = Precaution.objects.active_on(day).filter(patient_id=patient_id)
    if with_acknowledgement:
        rows = rows.with_acknowledgement(user)
    return list(rows)


def active_by_patient(patient_ids: Iterable[int], day: date | None = None):
    """Each patient's active precautions, for a list of rows: one query for them all."""
    grouped: dict[int, list[Precaution]] = defaultdict(list)
    for precaution in Precaution.objects.active_on(day).for_patients(set(patient_ids)):
        grouped[precaution.patient_id].append(precaution)
    return grouped
