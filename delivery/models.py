"""Therapy delivery: sessions (booked, logged, signed), their addenda, and assessments.

The tables keep the names they had when these models lived in ``plans`` (``db_table``
and the history ``table_name``), so rows and the signed-note triggers moved with them.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from domain import balance, measures, neuro_items
from domain.advance import Result
from domain.scheduling import Booking, clashes
from patients.records import (
    ClinicalQuerySet,
    FinalRecordMixin,
    NoHardDeleteMixin,
    SignedRecordError,
    VersionedMixin,
)
from reference.calendar import clinic_calendar
from rehabana.dates import day_text, moment_text
from rehabana.text import note_field
from rehabana.timeutil import local_day_range
from staff.permissions import Action, Scope, scope

# A working day: the longest a session may be (the database holds it as well).
_MAX_MINUTES = 480
# Pain before and after a session is scored on the Numeric Pain Rating Scale (0-10).
_MAX_PAIN = int(measures.INSTRUMENTS["NPRS"].maximum)


class Attendance(models.TextChoices):
    SCHEDULED = balance.SCHEDULED, "Scheduled"
    ATTENDED = balance.ATTENDED, "Attended"
    CANCELLED = balance.CANCELLED, "Cancelled"
    NO_SHOW = balance.NO_SHOW, "No-show"


class AbsenceCode(models.TextChoices):
    PATIENT_UNWELL = balance.PATIENT_UNWELL, balance.ABSENCE_REASONS[balance.PATIENT_UNWELL]
    PATIENT_DECLINED = balance.PATIENT_DECLINED, balance.ABSENCE_REASONS[balance.PATIENT_DECLINED]
    TRANSPORT = balance.TRANSPORT, balance.ABSENCE_REASONS[balance.TRANSPORT]
    CLINIC_CANCELLED = balance.CLINIC_CANCELLED, balance.ABSENCE_REASONS[balance.CLINIC_CANCELLED]
    HOSPITAL_ADMISSION = (
        balance.HOSPITAL_ADMISSION,
        balance.ABSENCE_REASONS[balance.HOSPITAL_ADMISSION],
    )
    OTHER = balance.OTHER, balance.ABSENCE_REASONS[balance.OTHER]


# The parts of a SOAP note, as settings.REHABANA_NOTE_MINIMUM names them → their fields.
SOAP_FIELDS = {
    "subjective": "subjective",
    "objective": "objective",
    "assessment": "assessment",
    "plan": "plan_note",
}

# What a booking is: a session's time, its people and whether it is going ahead. A change
# to one of these is a new booking, checked against the calendar and the other bookings.
_BOOKING_FIELDS = ("start", "minutes", "therapist_id", "patient_id", "attendance")

# A note not signed this long after its session is overdue (therapist's list, dashboard).
UNSIGNED_NOTE_AFTER = timedelta(hours=24)


class SessionQuerySet(ClinicalQuerySet):
    # Reception schedules sessions without reading notes: the rows are visible to the
    # wider of the two scopes, the notes only to NOTES_READ (see ``can_read_notes``).
    read_actions = (Action.SESSION_SCHEDULE, Action.NOTES_READ)

    # The therapist who gave a session keeps reading, logging and signing it after their
    # care-team membership ends: the note is theirs (their unsigned notes stay on their
    # home page, and each opens). Only that session: not the rest of the chart.
    own_session_actions = frozenset({Action.NOTES_READ, Action.SESSION_LOG})

    def scoped(self, user, *actions: Action):
        rows = super().scoped(user, *actions)
        keeps_own = [action for action in actions if action in self.own_session_actions]
        if keeps_own and scope(user, *keeps_own) not in (Scope.NONE, Scope.ALL):
            return rows | self.filter(therapist=user)
        return rows

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


class TherapySession(FinalRecordMixin, VersionedMixin, NoHardDeleteMixin, models.Model):
    MAX_MINUTES = _MAX_MINUTES
    MAX_PAIN = _MAX_PAIN

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="sessions"
    )
    plan = models.ForeignKey("plans.RehabPlan", on_delete=models.PROTECT, related_name="sessions")
    stage = models.ForeignKey(
        "plans.Stage",
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
    # Why a cancelled or no-show session did not happen, coded (``balance.ABSENCE_REASONS``)
    # so that adherence tells "the clinic did not deliver" from "the patient could not
    # attend". Nullable without a default: adding it needs no table rebuild (SQLite would
    # drop the signed-note triggers); sessions logged before the codes have none.
    absence_code = models.CharField(  # noqa: DJ001 - NULL: no code (no rebuild, old rows)
        "why it did not happen",
        max_length=20,
        choices=AbsenceCode.choices,
        null=True,
        blank=True,
    )
    # The reason in words: the code's label, or the therapist's own text (required for
    # "other"). The database requires it of every missed session.
    absence_reason = models.CharField(max_length=200, blank=True)
    techniques = models.ManyToManyField("reference.Technique", blank=True, related_name="+")
    goals_addressed = models.ManyToManyField("plans.Goal", blank=True, related_name="sessions")
    subjective = note_field(blank=True)
    objective = note_field(blank=True)
    assessment = note_field(blank=True)
    plan_note = note_field("plan", blank=True)
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
    # When the patient arrived (reception's check-in). Nullable without a default: adding
    # it needs no table rebuild (SQLite would drop the signed-note triggers).
    arrived_at = models.DateTimeField("arrived", null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    # What the note showed when it was signed (technique names, goal texts), frozen with
    # it: a goal edited or a technique renamed later does not change a signed note.
    # Nullable so that adding it needs no table rebuild (SQLite would drop the triggers).
    signed_content = models.JSONField(null=True, blank=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[techniques, goals_addressed], table_name="plans_historicaltherapysession"
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        db_table = "plans_therapysession"
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
                condition=models.Q(minutes__lte=_MAX_MINUTES), name="session_minutes_max"
            ),
            models.CheckConstraint(
                condition=~models.Q(attendance=Attendance.ATTENDED) | models.Q(minutes__gte=1),
                name="session_attended_has_minutes",
            ),
            models.CheckConstraint(
                condition=~models.Q(attendance__in=balance.MISSED) | ~models.Q(absence_reason=""),
                name="session_absence_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(pain_before__isnull=True) | models.Q(pain_before__lte=_MAX_PAIN),
                name="session_pain_before_range",
            ),
            models.CheckConstraint(
                condition=models.Q(pain_after__isnull=True) | models.Q(pain_after__lte=_MAX_PAIN),
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
            f"{self.discipline_id} session {moment_text(local)} ({self.get_attendance_display()})"
        )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._stored_booking = self._booking()  # what a later change is compared with

    final_message = "This note is signed; add an addendum instead of editing it."

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_booking = instance._booking()
        return instance

    def _booking(self) -> tuple:
        # Read from __dict__: a deferred field must not cost a query here.
        return tuple(self.__dict__.get(name) for name in _BOOKING_FIELDS)

    def _booking_changed(self) -> tuple[bool, bool]:
        """(moved: a new row, or its time or people changed; revived: a missed session
        going ahead again), against the row as it was read."""
        stored = getattr(self, "_stored_booking", None)
        if stored is None or self._state.adding:
            return True, False
        start, minutes, therapist_id, patient_id, attendance = stored
        moved = (start, minutes, therapist_id, patient_id) != (
            self.start, self.minutes, self.therapist_id, self.patient_id,
        )  # fmt: skip
        revived = attendance in balance.MISSED and self.attendance not in balance.MISSED
        return moved, revived

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    def booking_problems(self) -> list[str]:
        """Why this session cannot stand where it is, in words ([] when it can):

        - a booking (still scheduled) lies inside the clinic calendar's opening hours on a
          working day, when it is new or its time changes (a booking made before a
          holiday was declared is moved by reception, not refused on every save);
        - a session going ahead (neither cancelled nor a no-show) overlaps none of the
          therapist's or the patient's other sessions going ahead, when it is new, its
          time or people change, or a missed session is revived.

        A session logged after the fact (attended, no-show) records what happened: the
        clash rule holds for it, the opening hours do not (a session that ran past
        closing time is logged as it ran).
        """
        if not (self.start and self.minutes and self.therapist_id and self.patient_id):
            return []  # the form names the missing field
        moved, revived = self._booking_changed()
        problems = []
        if moved and self.attendance == Attendance.SCHEDULED:
            problems += opening_hours_problems(self.start, self.minutes)
        if (moved or revived) and self.attendance not in balance.MISSED:
            problems += self.clash_problems()
        return problems

    def clash_problems(self) -> list[str]:
        """The therapist's and the patient's other sessions going ahead that overlap this one."""
        from delivery.queries import bookings_around  # it reads this model

        busy = bookings_around(
            day=timezone.localtime(self.start).date(),
            therapist_ids=[self.therapist_id],
            patient_ids=[self.patient_id],
            exclude_pk=self.pk,
        )
        return [
            f"The {person} is {', '.join(sorted({booking.label for booking in found}))}."
            for person, key in (("therapist", self.therapist_id), ("patient", self.patient_id))
            if (found := clashes(Booking(f"{person}:{key}", self.start, self.end), busy))
        ]

    def is_final(self) -> bool:
        # Final once signed: the row as stored decides, not this (maybe stale) instance.
        return (
            bool(self.pk)
            and TherapySession.objects.filter(pk=self.pk, signed_at__isnull=False).exists()
        )

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.plan_id and self.patient_id and self.plan.patient_id != self.patient_id:
            errors["plan"] = "That plan belongs to another patient."
        if self.stage_id and self.plan_id and self.stage.plan_id != self.plan_id:
            errors["stage"] = "That stage belongs to another plan."
        if (
            self.plan_id
            and self.start
            and timezone.localtime(self.start).date() < (self.plan.start_date)
        ):
            errors["start"] = (
                f"A session cannot start before its plan ({day_text(self.plan.start_date)})."
            )
        if self.attendance in balance.MISSED:
            if not self.absence_code:
                errors["absence_code"] = "Say why the session did not happen."
            elif self.absence_code == AbsenceCode.OTHER and not self.absence_reason.strip():
                errors["absence_reason"] = "Describe the reason."
            elif not self.absence_reason.strip():
                self.absence_reason = AbsenceCode(self.absence_code).label
        elif self.absence_code:
            errors["absence_code"] = "Only a cancelled or missed session has an absence reason."
        if (
            self.start
            and self.attendance in (Attendance.ATTENDED, Attendance.NO_SHOW)
            and self.start > timezone.now()
        ):
            # Cancelling ahead of time is fine; attending or missing it is known from its start.
            errors["start"] = "A session that has not started yet cannot be logged."
        if "start" not in errors and (problems := self.booking_problems()):
            errors["start"] = problems
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

    @property
    def absence_side(self) -> str:
        """Whose side a missed session is on (``balance.CLINIC``, ``PATIENT``, …)."""
        return balance.absence_side(self.absence_code)

    @property
    def absence_side_label(self) -> str:
        return balance.ABSENCE_SIDES[self.absence_side]

    def note_content(self) -> dict[str, list[str]]:
        """Technique names and goal texts as the note shows them: frozen once signed."""
        if self.is_signed and self.signed_content is not None:
            return self.signed_content
        return {
            "techniques": [technique.name for technique in self.techniques.all()],
            "goals": [goal.text for goal in self.goals_addressed.all()],
        }


def opening_hours_problems(start: datetime, minutes: int, calendar=None) -> list[str]:
    """Why a booking at ``start`` for ``minutes`` falls outside the clinic calendar (a
    closed weekday, a holiday, before opening or past closing), in words; [] when inside."""
    calendar = calendar or clinic_calendar()
    local = timezone.localtime(start)
    day = local.date()
    hours = calendar.hours(day)
    if hours is None:
        return [f"No booking then: {calendar.closed_because(day)}."]
    opens, closes = (timezone.make_aware(datetime.combine(day, moment)) for moment in hours)
    if local < opens or local + timedelta(minutes=minutes) > closes:
        return [
            f"Outside opening hours: on {day:%A}s the clinic is open "
            f"{hours[0]:%H:%M}–{hours[1]:%H:%M}."
        ]
    return []


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


class Addendum(FinalRecordMixin, NoHardDeleteMixin, models.Model):
    session = models.ForeignKey(TherapySession, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    text = note_field()
    history = HistoricalRecords(table_name="plans_historicaladdendum")

    objects = AddendumQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        db_table = "plans_addendum"
        verbose_name_plural = "addenda"
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="addendum_text_required"),
        ]

    def __str__(self) -> str:
        return f"Addendum by {self.author} on {moment_text(self.created_at)}"

    final_message = "An addendum is final once written; add another one."


class AssessmentQuerySet(ClinicalQuerySet):
    read_actions = (Action.NOTES_READ,)

    def results_by_patient(self, patient_ids, *, since=None) -> dict[int, list[Result]]:
        """patient id → their results, oldest first, in one query (``since``: a clinic day
        before which nothing is read).

        Which result counts for what (a stage's exit since it started, a goal since it was
        set, a per-site result only at its site) is ``domain.advance``'s to pick.
        """
        rows = self.filter(patient_id__in=list(patient_ids))
        if since is not None:
            rows = rows.filter(assessed_at__gte=local_day_range(since)[0])
        found: dict[int, list[Result]] = {}
        for patient_id, measure, value, site, when in rows.order_by(
            "patient_id", "assessed_at", "pk"
        ).values_list("patient_id", "measure_id", "value", "body_site", "assessed_at"):
            found.setdefault(patient_id, []).append(
                Result(measure, value, timezone.localtime(when).date(), site)
            )
        return found

    def results_for(self, patient_id: int, *, since=None) -> list[Result]:
        """One patient's results, oldest first (see ``results_by_patient``)."""
        return self.results_by_patient([patient_id], since=since).get(patient_id, [])

    def self_harm_alerts(self) -> list["Assessment"]:
        """The PHQ-9 results whose item 9 (thoughts of self-harm) is above "not at all" and
        that no physician has reviewed yet, oldest first, in one query. The database picks
        the rows whose stored item 9 is above 0 (a JSON key lookup, on SQLite and PostgreSQL
        alike), so the answered-0 results never reviewed are not read at all; the domain's
        rule (``Assessment.has_self_harm_answer``) then decides on those few, so a
        correction of item 9 to 0 clears the alert too."""
        rows = (
            self.filter(
                measure_id=PHQ9,
                self_harm_review__isnull=True,
                **{f"items__{neuro_items.PHQ9_SELF_HARM_ITEM}__gt": 0},
            )
            .select_related("patient", "assessed_by")
            .order_by("assessed_at", "pk")
        )
        return [row for row in rows if row.has_self_harm_answer]

    def deteriorations(self, patient_ids) -> dict[int, list[measures.Trend]]:
        """patient id → the measures (and muscle groups) whose latest result is worse than
        the one before by at least the MDC, in one query (``measures.deteriorations``)."""
        rows = (
            self.filter(patient_id__in=list(patient_ids))
            .order_by("patient_id", "assessed_at", "pk")
            .values_list("patient_id", "measure_id", "body_site", "value", "assessed_at")
        )
        results: dict[int, list] = {}
        for patient_id, code, site, value, when in rows:
            results.setdefault(patient_id, []).append((code, site, value, when))
        found = {pid: measures.deteriorations(rows) for pid, rows in results.items()}
        return {pid: trends for pid, trends in found.items() if trends}


PHQ9 = "PHQ9"


class WalkingAidChoice(models.TextChoices):
    NONE = measures.WalkingAid.NONE, measures.WALKING_AID_LABELS[measures.WalkingAid.NONE]
    STICK = measures.WalkingAid.STICK, measures.WALKING_AID_LABELS[measures.WalkingAid.STICK]
    QUAD_STICK = (
        measures.WalkingAid.QUAD_STICK,
        measures.WALKING_AID_LABELS[measures.WalkingAid.QUAD_STICK],
    )
    FRAME = measures.WalkingAid.FRAME, measures.WALKING_AID_LABELS[measures.WalkingAid.FRAME]
    ROLLATOR = (
        measures.WalkingAid.ROLLATOR,
        measures.WALKING_AID_LABELS[measures.WalkingAid.ROLLATOR],
    )
    ORTHOSIS = (
        measures.WalkingAid.ORTHOSIS,
        measures.WALKING_AID_LABELS[measures.WalkingAid.ORTHOSIS],
    )
    PERSON = measures.WalkingAid.PERSON, measures.WALKING_AID_LABELS[measures.WalkingAid.PERSON]


class Assessment(NoHardDeleteMixin, models.Model):
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="assessments"
    )
    measure = models.ForeignKey(
        "reference.OutcomeMeasure", on_delete=models.PROTECT, related_name="assessments"
    )
    value = models.CharField(
        max_length=10, help_text="Canonical text: 45, 12.3, 1+, C, or UNABLE (unable to perform)."
    )
    score = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        editable=False,
        null=True,
        help_text="The value as a number that orders results (grades by position); "
        "empty when the patient was unable to perform the test.",
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
    notes = note_field(blank=True)
    # The 10-metre walk is timed: the seconds over 10 m are kept, the speed (``value``)
    # is computed from them (``measures.walk_speed``). Nullable with no default, so
    # SQLite adds the columns without rebuilding the history table (and its trigger).
    walk_seconds = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Seconds over the timed 10 m (10-metre walk); the speed is computed.",
    )
    walking_aid = models.CharField(  # noqa: DJ001 - NULL: not recorded (no table rebuild)
        max_length=12, choices=WalkingAidChoice.choices, null=True, blank=True
    )
    # A correction rewrites the result with a reason; the history keeps every version.
    corrected_at = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    correction_reason = models.TextField(null=True, blank=True)  # noqa: DJ001 - no rebuild
    history = HistoricalRecords(table_name="plans_historicalassessment")

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        db_table = "plans_assessment"
        ordering = ["-assessed_at"]
        indexes = [
            models.Index(
                fields=["patient", "measure", "assessed_at"], name="assessment_patient_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(value=""), name="assessment_has_value"),
            # "Unable to perform" has no number; every other result has one.
            models.CheckConstraint(
                condition=models.Q(value=measures.UNABLE, score__isnull=True)
                | (~models.Q(value=measures.UNABLE) & models.Q(score__isnull=False)),
                name="assessment_unable_has_no_score",
            ),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.assessed_at)
        return f"{self.measure_id} {measures.display(self.value)} on {day_text(when)}"

    def save(self, *args, **kwargs):
        self.apply_measure()
        super().save(*args, **kwargs)

    def apply_measure(self) -> None:
        """Validate the result; item-scored instruments take their total from the items."""
        tool = measures.instrument(self.measure_id)
        if self.walk_seconds is not None:
            # A timed walk's speed comes from its seconds, as a total from its items.
            self.value = measures.walk_speed(self.measure_id, self.walk_seconds)
        if self.walking_aid and not tool.records_walking_aid:
            raise ValidationError({"walking_aid": f"{tool.name} records no walking aid."})
        if tool.is_item_scored:
            self.value = str(measures.score(self.measure_id, self.items))
        else:
            if self.items:
                raise ValidationError(f"{tool.name} is not scored from items.")
            self.value = measures.validate(self.measure_id, self.value)
        if tool.per_body_site and not self.body_site.strip():
            raise ValidationError({"body_site": f"{tool.name} is recorded per muscle group."})
        self.score = None if measures.is_unable(self.value) else Decimal(tool.rank(self.value))

    @property
    def display_value(self) -> str:
        return measures.display(self.value)

    @property
    def has_self_harm_answer(self) -> bool:
        """A PHQ-9 whose item 9 was answered above "not at all": the physician's to review
        (``measures.phq9_self_harm``). The one place the check is written."""
        return self.measure_id == PHQ9 and measures.phq9_self_harm(self.items)

    @property
    def self_harm_answer(self) -> str:
        """The words of a PHQ-9's item-9 answer ("Several days"); "" for other results."""
        return measures.phq9_self_harm_answer(self.items) if self.measure_id == PHQ9 else ""

    @property
    def instrument(self) -> measures.Instrument:
        return measures.instrument(self.measure_id)

    def clean(self) -> None:
        super().clean()
        if self.measure_id:
            self.apply_measure()
        born = self.patient.date_of_birth if self.patient_id else None
        if self.assessed_at and born and timezone.localtime(self.assessed_at).date() < born:
            raise ValidationError({"assessed_at": "This is before the patient's birth."})


class SelfHarmReviewQuerySet(ClinicalQuerySet):
    read_actions = (Action.NOTES_READ,)
    patient_lookup = "assessment__patient"


class SelfHarmReview(FinalRecordMixin, NoHardDeleteMixin, models.Model):
    """A physician's review of a PHQ-9 whose item 9 (thoughts of being better off dead or
    of self-harm) was answered above "not at all": who, when, and what they did. It clears
    that result's alert; a later PHQ-9 with such an answer raises a new one. Final once
    written (a further note goes in the record, not here)."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="self_harm_review"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now, editable=False)
    note = note_field(help_text="What was done: risk assessed, safety plan, who was told.")
    history = HistoricalRecords()

    objects = SelfHarmReviewQuerySet.as_manager()

    final_message = "A self-harm review is final once written."

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        ordering = ["-reviewed_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(note=""), name="selfharmreview_note"),
        ]

    def __str__(self) -> str:
        return f"PHQ-9 item 9 reviewed by {self.reviewed_by} on {moment_text(self.reviewed_at)}"
