"""Delivering the plan: logging and signing therapy sessions, addenda, assessments.

Small typed services that validate, then write inside ``transaction.atomic()`` with the
session row locked, so two saves of one note cannot both win.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from delivery.access import assessment_correction_refusal, booking_refusal
from delivery.models import (
    SOAP_FIELDS,
    Addendum,
    Assessment,
    Attendance,
    SelfHarmReview,
    TherapySession,
    opening_hours_problems,
)
from delivery.queries import stage_at
from patients import precautions
from patients.models import Patient
from patients.records import StaleVersion
from plans.models import Goal, PlanStatus, RehabPlan
from reference.models import Technique
from rehabana.dates import day_text, moment_text
from staff.models import Leave, User
from staff.permissions import Action


def _locked_session(session_id: int, expected_version: int | None) -> TherapySession:
    session = TherapySession.objects.select_for_update().get(pk=session_id)
    if session.is_signed:
        raise ValidationError("This note is signed; corrections are addenda.")
    if expected_version is not None and session.version != expected_version:
        raise StaleVersion(session)
    return session


@transaction.atomic
def log_session(
    *,
    session: TherapySession,
    by: User,
    expected_version: int,
    fields: dict,
    techniques: Iterable[Technique],
    goals: Iterable[Goal],
) -> TherapySession:
    """Record what happened in a session; it keeps the stage current at its start.

    Attended or missed is known from the booked start on (and the start logged is not
    in the future either); a cancellation may be logged ahead of time. The clash rule
    and, for a session still scheduled, the clinic's hours are the model's (``clean``).
    """
    locked = _locked_session(session.pk, expected_version)
    if locked.therapist_id != by.pk:
        raise ValidationError("Only the session's therapist logs it.")
    booked_start = locked.start
    for name, value in fields.items():
        setattr(locked, name, value)
    # A session given is logged once its therapist has seen the patient's precautions;
    # a cancellation or a no-show treated no one, so it asks for nothing.
    unseen = (
        precautions.unacknowledged(locked.patient_id, by)
        if locked.attendance == Attendance.ATTENDED
        else []
    )
    if unseen:
        kinds = ", ".join(p.get_kind_display() for p in unseen)
        raise ValidationError(
            f"Acknowledge the patient's precautions ({kinds}) before logging the session."
        )
    if locked.attendance in (Attendance.ATTENDED, Attendance.NO_SHOW) and (
        max(booked_start, locked.start) > timezone.now()
    ):
        raise ValidationError(
            {
                "start": "A session that has not started yet cannot be logged as attended or "
                "missed: logging opens at its booked start, "
                f"{moment_text(booked_start)}."
            }
        )
    if locked.attendance not in (Attendance.CANCELLED, Attendance.NO_SHOW):
        # Only a missed session has an absence reason (model.clean requires a code of one).
        locked.absence_code, locked.absence_reason = None, ""
    if locked.attendance != Attendance.ATTENDED:
        # Nothing was delivered: no note, no techniques, no pain scores.
        techniques, goals = [], []
        locked.pain_before = locked.pain_after = None
    locked.stage = stage_at(locked.plan_id, locked.start)
    locked.full_clean()
    locked.save()
    locked.techniques.set(techniques)
    locked.goals_addressed.set(goals)
    return locked


# The fields an autosave writes: the note's text, nothing that changes what happened.
DRAFT_FIELDS = tuple(SOAP_FIELDS.values())


@transaction.atomic
def save_draft(
    *, session: TherapySession, by: User, expected_version: int, fields: dict
) -> TherapySession:
    """Autosave of the note being typed: only the SOAP text of an unsigned session of
    ``by``'s own, version-checked like a save (StaleVersion when someone else saved since).
    An unsigned note is already a draft, so this is a plain save of those fields, with
    its history; text equal to what is saved writes nothing (no new version)."""
    locked = _locked_session(session.pk, expected_version)
    if locked.therapist_id != by.pk:
        raise ValidationError("Only the session's therapist writes its note.")
    changed = [name for name in DRAFT_FIELDS if getattr(locked, name) != fields[name]]
    if changed:
        for name in changed:
            setattr(locked, name, fields[name])
        locked.save(update_fields=changed)
    return locked


def _and_join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def note_minimum() -> tuple[str, ...]:
    """The SOAP parts a signed attended note must have (``settings.REHABANA_NOTE_MINIMUM``)."""
    return tuple(settings.REHABANA_NOTE_MINIMUM)


def missing_for_signature(session: TherapySession) -> list[str]:
    """What the clinic's minimum asks of an attended note that it lacks, in words:
    the SOAP parts of ``REHABANA_NOTE_MINIMUM`` left blank, and the minutes."""
    if session.attendance != Attendance.ATTENDED:
        return []  # a missed session has no note; the model requires its reason
    missing = [part for part in note_minimum() if not getattr(session, SOAP_FIELDS[part]).strip()]
    if not session.minutes:
        missing.append("minutes")
    return missing


@transaction.atomic
def sign_note(
    *, session: TherapySession, by: User, expected_version: int | None = None
) -> TherapySession:
    """The therapist signs their own note; from then on it only takes addenda."""
    locked = _locked_session(session.pk, expected_version)
    if locked.therapist_id != by.pk:
        raise ValidationError("A note is signed by the therapist who gave the session.")
    if locked.attendance == Attendance.SCHEDULED:
        raise ValidationError("Log the attendance before signing the note.")
    if missing := missing_for_signature(locked):
        raise ValidationError(
            f"The note cannot be signed without its {_and_join(missing)}: the clinic's "
            f"minimum for a signed note is the {_and_join([*note_minimum(), 'minutes'])}."
        )
    locked.signed_content = locked.note_content()  # read before signing: still live
    locked.signed_at = timezone.now()
    locked.signed_by = by
    locked.save()
    return locked


@transaction.atomic
def add_addendum(*, session: TherapySession, by: User, text: str) -> Addendum:
    """A correction to a signed note, in the author's words, after the note."""
    locked = TherapySession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_signed:
        raise ValidationError("The note is not signed yet: edit it instead of adding an addendum.")
    if locked.therapist_id != by.pk:
        raise ValidationError("Addenda are written by the session's therapist.")
    if not text.strip():
        raise ValidationError({"text": "Write the correction."})
    return Addendum.objects.create(session=locked, author=by, text=text.strip())


@transaction.atomic
def schedule_session(
    *, plan: RehabPlan, discipline_id: str, therapist: User, start: datetime, minutes: int, by: User
) -> TherapySession:
    """``by`` books a session; a clash with the therapist's or the patient's other sessions
    is refused, and so is a booking outside what the permission table lets ``by`` book."""
    refusal = booking_refusal(
        by, patient_id=plan.patient_id, discipline_id=discipline_id, therapist=therapist
    )
    if refusal:
        raise ValidationError(refusal)
    # Lock both people so two bookings for the same slot cannot pass the check together.
    get_user_model().objects.select_for_update().get(pk=therapist.pk)
    Patient.objects.select_for_update().get(pk=plan.patient_id)
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError("Sessions are scheduled on an active plan.")
    if start < timezone.now():
        raise ValidationError("A new session cannot start in the past.")
    if not therapist.is_therapist or therapist.discipline_id != discipline_id:
        raise ValidationError(f"{therapist} does not give {discipline_id} sessions.")
    if not plan.patient.care_team.active().filter(staff=therapist).exists():
        raise ValidationError(f"{therapist} is not on {plan.patient.full_name}'s care team.")
    refuse_outside_opening_hours(start, minutes)
    _refuse_held_day(plan, start)
    session = TherapySession(
        patient_id=plan.patient_id,
        plan=plan,
        discipline_id=discipline_id,
        therapist=therapist,
        start=start,
        minutes=minutes,
    )
    session.full_clean()  # the clash rule and the clinic's hours: the model's clean()
    session.save()
    return session


@transaction.atomic
def reassign_session(*, session: TherapySession, therapist: User, by: User) -> TherapySession:
    """``by`` gives a booked session to another therapist, at the same time (cover for an
    absence). The new therapist gives the same discipline, is on the patient's care team,
    is not on leave that day and is free then (the clash rule of ``domain.scheduling``);
    what the permission table does not let ``by`` book is refused as in booking."""
    locked = TherapySession.objects.select_for_update().get(pk=session.pk)
    refusal = booking_refusal(
        by, patient_id=locked.patient_id, discipline_id=locked.discipline_id, therapist=therapist
    )
    if refusal:
        raise ValidationError(refusal)
    get_user_model().objects.select_for_update().get(pk=therapist.pk)
    if locked.attendance != Attendance.SCHEDULED or locked.is_signed:
        raise ValidationError("Only a booked session not yet logged can go to another therapist.")
    if locked.start < timezone.now():
        raise ValidationError("This session has already started; log it instead.")
    if therapist.pk == locked.therapist_id:
        raise ValidationError({"therapist": f"{therapist} already gives this session."})
    if not therapist.is_therapist or therapist.discipline_id != locked.discipline_id:
        raise ValidationError(
            {"therapist": f"{therapist} does not give {locked.discipline_id} sessions."}
        )
    if not locked.patient.care_team.active().filter(staff=therapist).exists():
        raise ValidationError(
            {"therapist": f"{therapist} is not on {locked.patient.full_name}'s care team."}
        )
    day = timezone.localtime(locked.start).date()
    if leave := Leave.objects.filter(therapist=therapist).overlapping(day, day).first():
        raise ValidationError(
            {"therapist": f"{therapist} is on leave then ({leave.get_reason_display().lower()})."}
        )
    locked.therapist = therapist
    locked.full_clean()  # the new therapist must be free then: the model's clash rule
    locked.save()
    return locked


def _refuse_held_day(plan: RehabPlan, start: datetime) -> None:
    day = timezone.localtime(start).date()
    if (hold := plan.holds.covering(day).first()) is not None:
        raise ValidationError({"start": f"The plan is held that day: {hold}."})


def refuse_outside_opening_hours(start: datetime, minutes: int) -> None:
    """A booking falls inside the clinic calendar's opening hours, on a working day (not a
    closed weekday, not a holiday); refused on the start field otherwise. The model's
    ``clean`` holds the same rule (``delivery.models.opening_hours_problems``) for every
    road that writes a booking, the admin included."""
    if problems := opening_hours_problems(start, minutes):
        raise ValidationError({"start": problems})


def _booking_to_change(
    session_id: int, by: User, expected_version: int | None, *, lock_people: bool = False
) -> TherapySession:
    """The booking ``by`` may change (the permission table's ``SESSION_MANAGE``), locked;
    refused when it is not a booking any more (logged, cancelled, signed)."""
    if not TherapySession.objects.scoped(by, Action.SESSION_MANAGE).filter(pk=session_id).exists():
        raise ValidationError("This booking is not yours to change.")
    if lock_people:
        # As schedule_session: both people first, so that two moves into one slot cannot
        # pass the clash check together.
        therapist_id, patient_id = TherapySession.objects.values_list(
            "therapist_id", "patient_id"
        ).get(pk=session_id)
        get_user_model().objects.select_for_update().get(pk=therapist_id)
        Patient.objects.select_for_update().get(pk=patient_id)
    locked = _locked_session(session_id, expected_version)
    if locked.attendance != Attendance.SCHEDULED:
        raise ValidationError(
            f"This session is {locked.get_attendance_display().lower()}: only a booking "
            "still scheduled is cancelled, moved or checked in."
        )
    return locked


@transaction.atomic
def cancel_session(
    *,
    session: TherapySession,
    by: User,
    absence_code: str,
    reason: str = "",
    expected_version: int | None = None,
) -> TherapySession:
    """Cancel a booking with its coded reason: whose side it is on (the clinic's or the
    patient's) follows from the code. The row stays: in the history (who cancelled, when:
    the audit history) and in adherence as a missed session with its reason."""
    locked = _booking_to_change(session.pk, by, expected_version)
    locked.attendance = Attendance.CANCELLED
    locked.absence_code = absence_code or None
    locked.absence_reason = reason.strip()
    locked.full_clean()  # a code is required, and words for "other"
    locked.save()
    return locked


@transaction.atomic
def reschedule_session(
    *, session: TherapySession, by: User, start: datetime, expected_version: int | None = None
) -> TherapySession:
    """Move a booking to ``start``: the same row with a new start (its history keeps the
    old one), so a move is not counted as a missed session. Checked as a new booking is:
    not in the past, an active plan, not on a held day, the clinic's hours and no clash."""
    locked = _booking_to_change(session.pk, by, expected_version, lock_people=True)
    if locked.arrived_at is not None:
        raise ValidationError("The patient has arrived for this session: it is not moved now.")
    if start < timezone.now():
        raise ValidationError({"start": "A booking cannot move into the past."})
    if start == locked.start:
        raise ValidationError({"start": "The session is booked then already."})
    if locked.plan.status != PlanStatus.ACTIVE:
        raise ValidationError("Sessions are scheduled on an active plan.")
    _refuse_held_day(locked.plan, start)
    locked.start = start
    locked.full_clean()  # the clash rule and the clinic's hours: the model's clean()
    locked.save()
    return locked


@transaction.atomic
def check_in(
    *, session: TherapySession, by: User, expected_version: int | None = None
) -> TherapySession:
    """The patient has arrived for today's booking: ``arrived_at`` is now."""
    locked = _booking_to_change(session.pk, by, expected_version)
    day = timezone.localtime(locked.start).date()
    if day != timezone.localdate():
        raise ValidationError(f"Check-in is on the day of the session ({day_text(day)}).")
    if locked.arrived_at is not None:
        raise ValidationError(
            f"The patient was checked in at {timezone.localtime(locked.arrived_at):%H:%M}."
        )
    locked.arrived_at = timezone.now()
    locked.save()
    return locked


def record_assessment(assessment: Assessment) -> Assessment:
    """Save a new result once it holds every rule of its instrument and its dates."""
    assessment.apply_measure()  # item-scored instruments get their total first
    assessment.full_clean()
    assessment.save()
    return assessment


# The fields of a result a correction may rewrite; the patient and the measure stay.
CORRECTABLE = ("items", "value", "walk_seconds", "walking_aid", "body_site", "assessed_at", "notes")


@transaction.atomic
def correct_assessment(
    *, assessment: Assessment, by: User, fields: dict, reason: str
) -> Assessment:
    """Rewrite a recorded result that was entered in error, with the reason.

    The row keeps its place (the charts, goals and stage advice read the corrected
    value); the history keeps every earlier version, each correction with who, when and
    why. Corrected by the clinician who recorded it or by a physician; there is no
    signature on a result, so no lock: every correction needs a reason instead.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    refusal = assessment_correction_refusal(by, locked)
    if refusal:
        raise ValidationError(refusal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the result is corrected."})
    unknown = set(fields) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(f"A correction does not change {', '.join(sorted(unknown))}.")
    before = {name: getattr(locked, name) for name in CORRECTABLE}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.apply_measure()
    if {name: getattr(locked, name) for name in CORRECTABLE} == before:
        raise ValidationError("Nothing was changed: correct the result, or leave it as it is.")
    locked.corrected_at = timezone.now()
    locked.corrected_by = by
    locked.correction_reason = reason
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def review_self_harm(*, assessment: Assessment, by: User, note: str) -> SelfHarmReview:
    """Record the physician's review of a PHQ-9 item-9 answer, which clears its alert.

    Refused (``ValidationError``) for a result without such an answer or one already
    reviewed: the first review stands, with who, when and what was done.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not locked.has_self_harm_answer:
        raise ValidationError("This result has no self-harm answer to review.")
    if SelfHarmReview.objects.filter(assessment=locked).exists():
        raise ValidationError("This answer has already been reviewed.")
    review = SelfHarmReview(assessment=locked, reviewed_by=by, note=note.strip())
    review.full_clean()
    review.save()
    return review
