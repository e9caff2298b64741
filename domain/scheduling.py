"""Scheduling rules, pure Python: spreading a week's sessions and refusing clashes."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.calendar import DEFAULT_CALENDAR, ClinicCalendar

STEP = timedelta(minutes=15)
GAP = timedelta(minutes=15)

# Which weekdays (Mon=0 … Sat=5) carry n sessions a week, spread over the week.
_PATTERNS = {1: (2,), 2: (1, 4), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}


def spread_weekdays(sessions_per_week: int, *, shift: int = 0) -> list[int]:
    """Weekdays for n sessions a week; ``shift`` rotates the pattern (Mon-Sat) so that
    not every three-a-week patient comes on Monday, Wednesday and Friday. More sessions
    than days fall on the same days twice."""
    days = list(_PATTERNS.get(min(sessions_per_week, 5), ()))
    if sessions_per_week > 5:
        days = [0, 1, 2, 3, 4, 5] * 3
        days = sorted(days[:sessions_per_week])
    return sorted((day + shift) % 6 for day in days)


@dataclass(frozen=True)
class Booking:
    who: str  # e.g. "therapist:7" or "patient:12"
    start: datetime
    end: datetime
    label: str = ""


def overlaps(a: Booking, b: Booking) -> bool:
    return a.who == b.who and a.start < b.end and b.start < a.end


def clashes(new: Booking, existing) -> list[Booking]:
    """The existing bookings of the same person that overlap ``new``."""
    return [booking for booking in existing if overlaps(new, booking)]


def first_free_start(
    *, day_start: datetime, day_end: datetime, minutes: int, busy: list[Booking], who: list[str]
) -> datetime | None:
    """The first start on a 15-minute grid where everyone in ``who`` is free."""
    length = timedelta(minutes=minutes)
    start = day_start
    while start + length <= day_end:
        candidates = [Booking(person, start, start + length) for person in who]
        if not any(clashes(candidate, busy) for candidate in candidates):
            return start
        start += STEP
    return None


@dataclass(frozen=True)
class Proposal:
    discipline: str
    therapist_id: int
    start: datetime
    minutes: int


def propose_week(
    *,
    week_start: date,
    allocations: list[tuple[str, int, int]],
    therapists: dict[str, int],
    patient_id: int,
    busy: list[Booking],
    make_aware,
    shift: int = 0,
    not_before: datetime | None = None,
    calendar: ClinicCalendar = DEFAULT_CALENDAR,
) -> tuple[list[Proposal], list[str]]:
    """The week's sessions from a stage's allocations, each at the first free slot.

    Returns the proposals and, in words, what could not be placed (no therapist of the
    discipline on the team, or no free slot that day).
    """
    proposals, problems = [], []
    busy = list(busy)
    for discipline, sessions_per_week, minutes in allocations:
        therapist_id = therapists.get(discipline)
        if therapist_id is None:
            problems.append(f"No {discipline} therapist on the care team.")
            continue
        for weekday in spread_weekdays(sessions_per_week, shift=shift):
            day = week_start + timedelta(days=weekday)
            hours = calendar.hours(day)
            if hours is None:
                problems.append(
                    f"No {discipline} session on {day:%a %d %b}: {calendar.closed_because(day)}."
                )
                continue
            opening = make_aware(datetime.combine(day, hours[0]))
            closing = make_aware(datetime.combine(day, hours[1]))
            if not_before is not None and not_before >= closing:
                problems.append(
                    f"{day:%a %d %b} has passed: its {discipline} session is not proposed."
                )
                continue
            if not_before is not None and not_before > opening:
                # Nothing is proposed in the past: start from the next quarter hour.
                steps = -(-(not_before - opening) // STEP)
                opening += steps * STEP
            who = [f"therapist:{therapist_id}", f"patient:{patient_id}"]
            start = first_free_start(
                day_start=opening, day_end=closing, minutes=minutes, busy=busy, who=who
            )
            if start is None:
                problems.append(f"No free {minutes}-minute {discipline} slot on {day:%a %d %b}.")
                continue
            proposals.append(Proposal(discipline, therapist_id, start, minutes))
            end = start + timedelta(minutes=minutes) + GAP
            busy += [Booking(person, start, end) for person in who]
    return proposals, problems
