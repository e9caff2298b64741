"""Delivering the plan: logging and signing therapy sessions, addenda, assessments.

Small typed services that validate, then write inside ``transaction.atomic()`` with the
session row locked, so two saves of one note cannot both win.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from patients.records import StaleVersion
from plans.models import Addendum, Attendance, Stage, StageStatus, TherapySession


def stage_at(plan_id: int, moment) -> Stage | None:
    """The plan's stage that was current on the session's day (by actual dates)."""
    day = timezone.localtime(moment).date()
    candidates = Stage.objects.filter(
        plan_id=plan_id, actual_start__isnull=False, actual_start__lte=day
    ).order_by("-actual_start")
    for stage in candidates:
        if stage.status == StageStatus.CURRENT or (stage.actual_end and stage.actual_end >= day):
            return stage
    return None


def _locked_session(session_id: int, expected_version: int | None) -> TherapySession:
    session = TherapySession.objects.select_for_update().get(pk=session_id)
    if session.is_signed:
        raise ValidationError("This note is signed; corrections are addenda.")
    if expected_version is not None and session.version != expected_version:
        raise StaleVersion(session)
    return session


@transaction.atomic
def log_session(
    *, session: TherapySession, by, expected_version: int, fields: dict, techniques, goals
) -> TherapySession:
    """Record what happened in a session; it keeps the stage current at its start."""
    locked = _locked_session(session.pk, expected_version)
    if locked.therapist_id != by.pk:
        raise ValidationError("Only the session's therapist logs it.")
    for name, value in fields.items():
        setattr(locked, name, value)
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


@transaction.atomic
def sign_note(*, session: TherapySession, by) -> TherapySession:
    """The therapist signs their own note; from then on it only takes addenda."""
    locked = _locked_session(session.pk, None)
    if locked.therapist_id != by.pk:
        raise ValidationError("A note is signed by the therapist who gave the session.")
    if locked.attendance == Attendance.SCHEDULED:
        raise ValidationError("Log the attendance before signing the note.")
    locked.signed_at = timezone.now()
    locked.signed_by = by
    locked.save()
    return locked


@transaction.atomic
def add_addendum(*, session: TherapySession, by, text: str) -> Addendum:
    """A correction to a signed note, in the author's words, after the note."""
    locked = TherapySession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_signed:
        raise ValidationError("The note is not signed yet: edit it instead of adding an addendum.")
    if locked.therapist_id != by.pk:
        raise ValidationError("Addenda are written by the session's therapist.")
    if not text.strip():
        raise ValidationError({"text": "Write the correction."})
    return Addendum.objects.create(session=locked, author=by, text=text.strip())
