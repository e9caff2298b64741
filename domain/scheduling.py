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


# A patient's therapy in one day is capped: by the plan template's daily intensity target
# where it has one (stroke: 180 min, NICE NG236 2023), else by this. Three hours is the
# most any guideline the clinic follows asks of a patient in a day (NG236), so no
# proposal asks more of anyone; a week that needs more is said in words, not stacked.
DEFAULT_DAILY_CAP = 180
# A patient rests between two sessions. Fatigue after stroke is common (about half of
# survivors: Cumming et al., Int J Stroke 2016, meta-analysis) and limits how much
# therapy a patient can take part in; NICE NG236 (2023) asks that fatigue be assessed and
# considered in planning rehabilitation. Thirty minutes is the clinic's choice: time to
# rest, reach the next room and use the toilet, without stretching the day.
REST_BREAK = timedelta(minutes=30)


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
    daily_cap: int = DEFAULT_DAILY_CAP,
    rest: timedelta = REST_BREAK,
    days: list[date] | None = None,
) -> tuple[list[Proposal], list[str]]:
    """The week's sessions from a stage's allocations, spread over the clinic's working
    days of the week (holidays and closed days skipped, ``days`` narrowing them further,
    e.g. to a short stage's own days), inside each day's opening hours, never in the past.

    Each session goes to the day with the fewest sessions of its discipline, then the
    fewest minutes of therapy for the patient (``shift`` rotates ties so that not every
    patient comes on the same days), as long as the patient's minutes that day stay
    within ``daily_cap``; within the day, at the first quarter hour where the therapist is
    free (15 minutes after their previous session) and the patient has had ``rest`` since
    theirs. Returns the proposals and, in words, what could not be placed.
    """
    proposals, problems = [], []
    patient = f"patient:{patient_id}"
    candidates = []
    for day in calendar.working_days_of_week(week_start):
        if days is not None and day not in days:
            continue
        opens, closes = calendar.hours(day)
        opening = make_aware(datetime.combine(day, opens))
        closing = make_aware(datetime.combine(day, closes))
        if not_before is not None and not_before >= closing:
            continue  # the day has passed
        if not_before is not None and not_before > opening:
            # Nothing is proposed in the past: start from the next quarter hour.
            opening += -(-(not_before - opening) // STEP) * STEP
        candidates.append((day, opening, closing))
    # The patient's minutes already booked each day, and their bookings with the rest
    # break around them.
    load = {day: 0 for day, _, _ in candidates}
    for booking in busy:
        if booking.who != patient:
            continue
        for day, _, _ in candidates:
            start_of_day = make_aware(datetime.combine(day, datetime.min.time()))
            if start_of_day <= booking.start < start_of_day + timedelta(days=1):
                load[day] += int((booking.end - booking.start).total_seconds() // 60)
    taken = [b for b in busy if b.who != patient] + [
        Booking(patient, b.start - rest, b.end + rest) for b in busy if b.who == patient
    ]
    count: dict[tuple[str, date], int] = {}
    order = {day: (index - shift) % max(1, len(candidates)) for index, (day, _, _) in
             enumerate(candidates)}  # fmt: skip
    # Round robin over the disciplines, the longest sessions first in each round, so that
    # no discipline takes every light day before the others are placed.
    rounds = max((sessions for _, sessions, _ in allocations), default=0)
    queue = [
        (discipline, minutes)
        for turn in range(rounds)
        for discipline, sessions, minutes in sorted(allocations, key=lambda a: -a[2])
        if turn < sessions
    ]
    missing = sorted({d for d, _, _ in allocations if d not in therapists})
    problems += [f"No {discipline} therapist on the care team." for discipline in missing]
    for discipline, minutes in queue:
        if discipline in missing:
            continue
        therapist_id = therapists[discipline]
        who = [f"therapist:{therapist_id}", patient]
        ranked = sorted(
            (c for c in candidates if load[c[0]] + minutes <= daily_cap),
            key=lambda c: (count.get((discipline, c[0]), 0), load[c[0]], order[c[0]]),
        )
        for day, opening, closing in ranked:
            start = first_free_start(
                day_start=opening, day_end=closing, minutes=minutes, busy=taken, who=who
            )
            if start is None:
                continue
            end = start + timedelta(minutes=minutes)
            proposals.append(Proposal(discipline, therapist_id, start, minutes))
            taken += [
                Booking(f"therapist:{therapist_id}", start, end + GAP),
                Booking(patient, start - rest, end + rest),
            ]
            load[day] += minutes
            count[discipline, day] = count.get((discipline, day), 0) + 1
            break
        else:
            problems.append(
                f"No room this week for a {minutes}-minute {discipline} session within "
                f"the clinic's hours, {daily_cap} minutes of therapy a day and "
                f"{rest.seconds // 60} minutes' rest between sessions."
            )
    proposals.sort(key=lambda p: p.start)
    return proposals, problems
