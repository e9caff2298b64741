"""Reception's day: the reads and the rows of the front desk's pages.

Every function reads in a constant number of queries, whatever the number of bookings:
the day's bookings (filtered), the day's no-shows to call back, tomorrow's bookings with a
reminder to copy, and a therapist's leave with the sessions it empties and the colleagues
free to cover each one.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from delivery.models import Attendance, TherapySession
from desk.reminders import Reminder, reminder
from domain import balance
from domain.scheduling import Booking, clashes
from patients.models import CareTeamMember, Language
from rehabana.fields import EARLIEST, LATEST
from rehabana.timeutil import local_day_range
from staff.models import Leave, User
from staff.roles import Role


def day_of(raw: str | None) -> date:
    """The asked day (YYYY-MM-DD), or today when absent, malformed or absurd."""
    try:
        day = date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()
    return day if EARLIEST <= day <= LATEST else timezone.localdate()


def _on_day(queryset: QuerySet, day: date) -> QuerySet:
    start, end = local_day_range(day)
    return (
        queryset.filter(start__gte=start, start__lt=end)
        .select_related("patient", "therapist", "therapist__discipline", "discipline")
        .order_by("start", "therapist__last_name", "pk")
    )


def day_bookings(user: User, day: date, *, therapist=None, discipline=None) -> QuerySet:
    """Every session booked on ``day`` that ``user`` may see, earliest first."""
    sessions = TherapySession.objects.visible_to(user)
    if therapist is not None:
        sessions = sessions.filter(therapist=therapist)
    if discipline is not None:
        sessions = sessions.filter(discipline=discipline)
    return _on_day(sessions, day)


def no_shows(user: User, day: date) -> list[TherapySession]:
    """The day's no-shows, to call back: one query."""
    return list(
        _on_day(TherapySession.objects.visible_to(user), day).filter(attendance=Attendance.NO_SHOW)
    )


@dataclass(frozen=True)
class ReminderRow:
    session: TherapySession
    reminder: Reminder
    language_label: str


def reminder_rows(user: User, day: date) -> list[ReminderRow]:
    """``day``'s booked sessions (not the cancelled ones), each with its reminder text in
    the patient's language; one query."""
    labels = dict(Language.choices)
    rows = []
    for session in _on_day(TherapySession.objects.visible_to(user), day).filter(
        attendance=Attendance.SCHEDULED
    ):
        language = session.patient.preferred_language
        rows.append(
            ReminderRow(
                session,
                reminder(
                    language,
                    name=session.patient.full_name,
                    discipline_code=session.discipline_id,
                    discipline_name=session.discipline.name,
                    start=timezone.localtime(session.start),
                    clinic=settings.CLINIC_NAME,
                ),
                labels.get(language, language),
            )
        )
    return rows


# --- leave and cover ----------------------------------------------------------------------


@dataclass(frozen=True)
class Colleague:
    therapist: User
    on_care_team: bool  # only then can the session be given to them (the booking rule)


@dataclass(frozen=True)
class CoverLine:
    session: TherapySession
    colleagues: list[Colleague] = field(default_factory=list)
    started: bool = False  # already begun: nothing to move, log or cancel it instead


def leave_window(leave: Leave) -> tuple[datetime, datetime]:
    start, _ = local_day_range(leave.starts_on)
    _, end = local_day_range(leave.ends_on)
    return start, end


def cover(leave: Leave) -> list[CoverLine]:
    """The booked sessions inside ``leave``, each with the colleagues of the same
    discipline free at that time (not on leave that day, no overlapping booking: the clash
    rule of ``domain.scheduling``), those on the patient's care team first. Five queries
    whatever the number of sessions and colleagues."""
    start, end = leave_window(leave)
    sessions = list(
        TherapySession.objects.filter(
            therapist_id=leave.therapist_id,
            start__gte=start,
            start__lt=end,
            attendance=Attendance.SCHEDULED,
        )
        .select_related("patient", "discipline")
        .order_by("start", "pk")
    )
    if not sessions:
        return []
    disciplines = {session.discipline_id for session in sessions}
    colleagues = list(
        get_user_model()
        .objects.filter(role=Role.THERAPIST, is_active=True, discipline_id__in=disciplines)
        .exclude(pk=leave.therapist_id)
        .select_related("discipline")
        .order_by("last_name", "first_name", "pk")
    )
    ids = [colleague.pk for colleague in colleagues]
    away: dict[int, list[Leave]] = {}
    for other in Leave.objects.filter(therapist_id__in=ids).overlapping(
        leave.starts_on, leave.ends_on
    ):
        away.setdefault(other.therapist_id, []).append(other)
    # The colleagues' bookings over the whole absence, in one query.
    busy = [
        Booking(f"therapist:{therapist_id}", begins, begins + timedelta(minutes=minutes))
        for therapist_id, begins, minutes in TherapySession.objects.filter(
            therapist_id__in=ids, start__gte=start - timedelta(days=1), start__lt=end
        )
        .exclude(attendance__in=balance.MISSED)
        .values_list("therapist_id", "start", "minutes")
    ]
    teams = set(
        CareTeamMember.objects.active()
        .filter(staff_id__in=ids, patient_id__in={s.patient_id for s in sessions})
        .values_list("patient_id", "staff_id")
    )
    now = timezone.now()
    lines = []
    for session in sessions:
        if session.start < now:
            lines.append(CoverLine(session, started=True))
            continue
        day = timezone.localtime(session.start).date()
        ends = session.end
        free = [
            Colleague(colleague, (session.patient_id, colleague.pk) in teams)
            for colleague in colleagues
            if colleague.discipline_id == session.discipline_id
            and not any(o.starts_on <= day <= o.ends_on for o in away.get(colleague.pk, ()))
            and not clashes(Booking(f"therapist:{colleague.pk}", session.start, ends), busy)
        ]
        free.sort(key=lambda c: not c.on_care_team)  # stable: names stay in order
        lines.append(CoverLine(session, free))
    return lines
