"""The balance between disciplines: planned mix of a stage, delivered mix of a period,
adherence per discipline per week, and the weekly timeline across a plan's stages.

Pure Python. A *mix* maps discipline codes to their share of weekly minutes, the shares
summing to 1.0; no minutes at all gives an empty mix rather than a division by zero.

Weeks are ISO weeks, named by their Monday. A stage's planned minutes are per week,
spread over the clinic's working days of that week (``domain.calendar``: no minutes on a
Sunday or a holiday); a week in which the stage changes gets each stage's minutes for the
working days it covered, so a plan followed exactly has an adherence of 1.0 in every
week. A stage planned shorter than a week (the stroke template's one-day hyperacute
stage) plans its sessions *in the stage*, not per week: they are spread over the stage's
own working days.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.calendar import DEFAULT_CALENDAR, ClinicCalendar

# Attendance codes of a session; ``delivery.models.Attendance`` is built from them.
SCHEDULED, ATTENDED, CANCELLED, NO_SHOW = "scheduled", "attended", "cancelled", "no_show"
# Stage statuses; ``plans.models.StageStatus`` is built from them.
UPCOMING, CURRENT, DONE = "upcoming", "current", "done"

# Why a session did not happen (cancelled or no-show); ``delivery.models.AbsenceCode`` is
# built from them. These are the codes reception uses when it cancels a booking as well.
PATIENT_UNWELL = "patient_unwell"
PATIENT_DECLINED = "patient_declined"
TRANSPORT = "transport"
CLINIC_CANCELLED = "clinic_cancelled"
HOSPITAL_ADMISSION = "hospital_admission"
OTHER = "other"
ABSENCE_REASONS = {
    PATIENT_UNWELL: "Patient unwell",
    PATIENT_DECLINED: "Patient declined",
    TRANSPORT: "Transport",
    CLINIC_CANCELLED: "Clinic or therapist cancelled",
    HOSPITAL_ADMISSION: "Hospital admission",
    OTHER: "Other",
}
# Whose side an absence is on: the clinic did not deliver, or the patient could not
# attend. Transport is the patient's: the clinic runs no transport service. "Other" (and a
# session logged before the codes existed) says nothing about either.
CLINIC, PATIENT, UNCLASSIFIED = "clinic", "patient", "unclassified"
ABSENCE_SIDES = {
    CLINIC: "clinic did not deliver",
    PATIENT: "patient could not attend",
    UNCLASSIFIED: "other or not coded",
}
_SIDE_OF = {
    CLINIC_CANCELLED: CLINIC,
    PATIENT_UNWELL: PATIENT,
    PATIENT_DECLINED: PATIENT,
    TRANSPORT: PATIENT,
    HOSPITAL_ADMISSION: PATIENT,
}


def absence_side(code: str | None) -> str:
    """``CLINIC``, ``PATIENT`` or ``UNCLASSIFIED`` for an absence code (None: not coded)."""
    return _SIDE_OF.get(code or "", UNCLASSIFIED)


# Why a plan is held for a while; ``plans.models.HoldReason`` is built from them.
HOLD_UNWELL, HOLD_AWAY, HOLD_PATIENT_REQUEST = "unwell", "away", "patient_request"
HOLD_REASONS = {
    HOSPITAL_ADMISSION: "Hospital admission",
    HOLD_UNWELL: "Medically unwell (at home)",
    HOLD_AWAY: "Away (travel, family)",
    HOLD_PATIENT_REQUEST: "Patient's request",
    OTHER: "Other",
}


@dataclass(frozen=True)
class Hold:
    """A period a plan is held (e.g. a hospital admission): its first and last day, the
    last None while it lasts. Held days plan no minutes and raise no alerts."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def is_held(day: date, holds: Iterable[Hold]) -> bool:
    return any(hold.covers(day) for hold in holds)


def _shares(minutes: Mapping[str, int]) -> dict[str, float]:
    total = sum(minutes.values())
    if total <= 0:
        return {}
    return {code: value / total for code, value in minutes.items() if value > 0}


def planned_mix(allocations: Iterable[tuple[str, int, int]]) -> dict[str, float]:
    """Each discipline's share of planned weekly minutes.

    ``allocations`` are (discipline, sessions per week, minutes per session).
    """
    minutes: dict[str, int] = defaultdict(int)
    for discipline, sessions_per_week, minutes_per_session in allocations:
        if sessions_per_week < 0 or minutes_per_session < 0:
            raise ValueError("Sessions and minutes cannot be negative.")
        minutes[discipline] += sessions_per_week * minutes_per_session
    return _shares(minutes)


def delivered_mix(sessions: Iterable[tuple[str, int, str]]) -> dict[str, float]:
    """Each discipline's share of delivered minutes; only attended sessions count.

    ``sessions`` are (discipline, minutes, attendance).
    """
    minutes: dict[str, int] = defaultdict(int)
    for discipline, session_minutes, attendance in sessions:
        if attendance == ATTENDED:
            minutes[discipline] += session_minutes
    return _shares(minutes)


MISSED = (CANCELLED, NO_SHOW)


def missed_streak(
    attendances_newest_first: Iterable[str | tuple[date, str]], *, holds: Sequence[Hold] = ()
) -> int:
    """How many of the latest past sessions in a row were missed (cancelled or no-show).

    Sessions still ``scheduled`` (not logged yet) are skipped; an attended one ends it.
    Items are attendances, or (day, attendance) pairs: a session on a held day (the
    patient was in hospital) is skipped as well, neither missed nor attended.
    """
    streak = 0
    for item in attendances_newest_first:
        day, attendance = item if isinstance(item, tuple) else (None, item)
        if attendance == SCHEDULED or (day is not None and is_held(day, holds)):
            continue
        if attendance not in MISSED:
            break
        streak += 1
    return streak


# --- weeks, stages and sessions ------------------------------------------------------------


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


# A stage planned shorter than this many days has its allocation in the stage, not a week.
WEEK_DAYS = 7


def is_short_stage(planned_start: date, planned_end: date | None) -> bool:
    """A stage planned shorter than a week: its "sessions per week" are the sessions of
    the whole stage (the plan page says "in the stage")."""
    return planned_end is not None and (planned_end - planned_start).days + 1 < WEEK_DAYS


@dataclass(frozen=True)
class StagePlan:
    """A stage as the balance sees it: its days and its planned minutes per week.

    ``end`` is the stage's last day, or None while it is open (the current stage).
    ``span`` is set for a stage planned shorter than a week: ``weekly_minutes`` are then
    the minutes of the whole stage, spread over the working days of ``span``.
    """

    name: str
    start: date
    end: date | None
    weekly_minutes: Mapping[str, int]
    span: tuple[date, date] | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def in_the_stage(self) -> bool:
        return self.span is not None


@dataclass(frozen=True)
class SessionFact:
    """Sessions of one discipline on one day with one attendance (and, when missed, one
    absence code), summed (the database aggregates them); ``reasons`` are the absence
    reasons of missed ones in words."""

    discipline: str
    day: date
    minutes: int
    attendance: str
    count: int = 1
    reasons: tuple[str, ...] = ()
    absence: str | None = None  # the absence code of missed sessions; None: not coded


def stage_plan(
    *,
    name: str,
    status: str,
    planned_start: date,
    planned_end: date | None,
    actual_start: date | None,
    actual_end: date | None,
    weekly_minutes: Mapping[str, int],
    today: date,
) -> StagePlan:
    """The days a stage covers: what happened for done and current stages, the plan for
    upcoming ones. An upcoming stage whose planned start has passed is late: it is
    projected from tomorrow, keeping its planned length, and the current stage runs on
    until then. A stage planned shorter than a week gets its ``span``: the days it
    happened (done), its planned length from its start (current), or its projected days."""
    short = is_short_stage(planned_start, planned_end)
    length = (planned_end - planned_start) if short else timedelta(0)
    if status == DONE:
        span = (actual_start, actual_end) if short else None
        return StagePlan(name, actual_start, actual_end, weekly_minutes, span)
    if status == CURRENT:
        span = (actual_start, actual_start + length) if short else None
        return StagePlan(name, actual_start, None, weekly_minutes, span)
    delay = max(timedelta(0), today + timedelta(days=1) - planned_start)
    end = planned_end + delay if planned_end is not None else None
    span = (planned_start + delay, end) if short else None
    return StagePlan(name, planned_start + delay, end, weekly_minutes, span)


def stage_on(stages: Sequence[StagePlan], day: date) -> StagePlan | None:
    """The stage in force on ``day``: of the stages covering it, the one begun last."""
    covering = [stage for stage in stages if stage.covers(day)]
    return max(covering, key=lambda stage: stage.start, default=None)


def planned_day(
    stages: Sequence[StagePlan],
    day: date,
    *,
    holds: Sequence[Hold] = (),
    calendar: ClinicCalendar = DEFAULT_CALENDAR,
) -> dict[str, float]:
    """Planned minutes per discipline on ``day``: nothing on a day the clinic is closed
    or the plan is held; else the weekly minutes of the stage in force shared equally by
    the working days of the week (a holiday's share goes to the week's other working
    days), or, for a stage shorter than a week, its minutes shared by its working days."""
    stage = stage_on(stages, day)
    if stage is None or not calendar.is_working_day(day) or is_held(day, holds):
        return {}
    if stage.span is not None:
        if not stage.span[0] <= day <= stage.span[1]:
            return {}
        days = len(calendar.working_days(*stage.span))
    else:
        days = len(calendar.working_days_of_week(day))
    minutes = {}
    for discipline, weekly in stage.weekly_minutes.items():
        if weekly < 0:
            raise ValueError("Planned minutes cannot be negative.")
        if weekly > 0:
            minutes[discipline] = weekly / days
    return minutes


def planned_week(
    stages: Sequence[StagePlan],
    monday: date,
    *,
    holds: Sequence[Hold] = (),
    calendar: ClinicCalendar = DEFAULT_CALENDAR,
) -> dict[str, float]:
    """Planned minutes per discipline in the week of ``monday``: the sum of its days
    (``planned_day``); a held day or a day the clinic is closed plans nothing."""
    minutes: dict[str, float] = defaultdict(float)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        for discipline, value in planned_day(stages, day, holds=holds, calendar=calendar).items():
            minutes[discipline] += value
    return {code: value for code, value in minutes.items() if value > 0}


# --- adherence -----------------------------------------------------------------------------


@dataclass
class Adherence:
    """One discipline in one week: planned against delivered minutes, and what was missed."""

    planned: float = 0.0
    delivered: int = 0
    missed: int = 0
    reasons: list[str] = field(default_factory=list)
    # Missed sessions by whose side the absence is on (``absence_side``): CLINIC,
    # PATIENT or UNCLASSIFIED.
    missed_by: dict[str, int] = field(default_factory=dict)

    @property
    def clinic_missed(self) -> int:
        """Sessions the clinic did not deliver (cancelled by the clinic or a therapist)."""
        return self.missed_by.get(CLINIC, 0)

    @property
    def patient_missed(self) -> int:
        """Sessions the patient could not attend (unwell, declined, transport, admitted)."""
        return self.missed_by.get(PATIENT, 0)

    @property
    def ratio(self) -> float | None:
        """Delivered ÷ planned minutes; None when nothing was planned."""
        if self.planned <= 0:
            return None
        return self.delivered / self.planned


def weekly_adherence(
    stages: Sequence[StagePlan],
    sessions: Iterable[SessionFact],
    weeks: Iterable[date],
    *,
    holds: Sequence[Hold] = (),
    calendar: ClinicCalendar = DEFAULT_CALENDAR,
) -> dict[date, dict[str, Adherence]]:
    """Per week (a Monday) and discipline: planned minutes of the stage(s) in force that
    week, minutes of attended sessions, and the missed (cancelled, no-show) sessions, told
    apart by whose side the absence is on. Held days plan nothing, and a session missed on
    a held day is not counted as missed: there was nothing to miss."""
    mondays = sorted({week_of(monday) for monday in weeks})
    result: dict[date, dict[str, Adherence]] = {}
    for monday in mondays:
        row: dict[str, Adherence] = {}
        for discipline, planned in planned_week(
            stages, monday, holds=holds, calendar=calendar
        ).items():
            row[discipline] = Adherence(planned=planned)
        result[monday] = row
    for fact in sessions:
        row = result.get(week_of(fact.day))
        if row is None:
            continue
        if fact.attendance == ATTENDED:
            row.setdefault(fact.discipline, Adherence()).delivered += fact.minutes
        elif fact.attendance in MISSED and not is_held(fact.day, holds):
            entry = row.setdefault(fact.discipline, Adherence())
            entry.missed += fact.count
            side = absence_side(fact.absence)
            entry.missed_by[side] = entry.missed_by.get(side, 0) + fact.count
            entry.reasons.extend(reason for reason in fact.reasons if reason)
    return result


def adherence_alerts(
    adherence: Mapping[date, Mapping[str, Adherence]], *, threshold: float, weeks_running: int
) -> dict[str, list[float]]:
    """Disciplines whose adherence stayed below ``threshold`` in each of the last
    ``weeks_running`` weeks given (oldest first in the answer), with those ratios.

    Weeks with nothing planned for a discipline break its run: there was nothing to miss.
    Pass completed weeks only: a week under way is not yet below anything.
    """
    if weeks_running < 1:
        raise ValueError("An alert needs at least one week.")
    latest = sorted(adherence)[-weeks_running:]
    if len(latest) < weeks_running:
        return {}
    disciplines = set().union(*(adherence[monday].keys() for monday in latest))
    alerts = {}
    for discipline in sorted(disciplines):
        ratios = [
            adherence[monday][discipline].ratio if discipline in adherence[monday] else None
            for monday in latest
        ]
        if all(ratio is not None and ratio < threshold for ratio in ratios):
            alerts[discipline] = ratios
    return alerts


# --- intensity -----------------------------------------------------------------------------


def target_per_active_day(
    daily_minutes: int | None, days_per_week: int | None, calendar: ClinicCalendar
) -> float | None:
    """A template's intensity target (e.g. 180 min a day on 5 days a week, NICE NG236) as
    minutes per active day of this clinic: the weekly volume (900) shared by the clinic's
    working days of a week (6: 150 a day). None when the template has no target."""
    if daily_minutes is None or days_per_week is None or calendar.weekly_working_days == 0:
        return None
    return daily_minutes * days_per_week / calendar.weekly_working_days


@dataclass(frozen=True)
class Intensity:
    """Therapy minutes per active day over a period, planned and delivered, against the
    target. An *active day* is a working day of the clinic calendar, inside a stage of the
    plan, not held."""

    first: date
    last: date
    active_days: int
    planned_minutes: float
    delivered_minutes: int
    target: float | None = None  # minutes per active day; None: the template has none

    @property
    def planned_per_day(self) -> float | None:
        return self.planned_minutes / self.active_days if self.active_days else None

    @property
    def delivered_per_day(self) -> float | None:
        return self.delivered_minutes / self.active_days if self.active_days else None

    @property
    def planned_meets_target(self) -> bool | None:
        if self.target is None or self.planned_per_day is None:
            return None
        return self.planned_per_day >= self.target - 0.5  # whole minutes

    @property
    def delivered_meets_target(self) -> bool | None:
        if self.target is None or self.delivered_per_day is None:
            return None
        return self.delivered_per_day >= self.target - 0.5


def intensity(
    stages: Sequence[StagePlan],
    sessions: Iterable[SessionFact],
    first: date,
    last: date,
    *,
    holds: Sequence[Hold] = (),
    calendar: ClinicCalendar = DEFAULT_CALENDAR,
    target: float | None = None,
) -> Intensity:
    """Planned and delivered (attended) therapy minutes per active day from ``first`` to
    ``last`` (both included). Delivered minutes of a held day or a closed day in the
    period still count (the therapy was given); they only have no day of their own."""
    active = [
        day
        for day in calendar.working_days(first, last)
        if stage_on(stages, day) is not None and not is_held(day, holds)
    ]
    planned = sum(
        sum(planned_day(stages, day, holds=holds, calendar=calendar).values()) for day in active
    )
    delivered = sum(
        fact.minutes
        for fact in sessions
        if fact.attendance == ATTENDED and first <= fact.day <= last
    )
    return Intensity(first, last, len(active), planned, delivered, target)


# --- the timeline --------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineWeek:
    monday: date
    stages: tuple[str, ...]  # the stages in force during the week, in order
    starts: tuple[str, ...]  # the stages beginning this week (boundaries on the chart)
    planned: dict[str, float]
    delivered: dict[str, int]

    @property
    def starts_stage(self) -> bool:
        return bool(self.starts)

    @property
    def planned_mix(self) -> dict[str, float]:
        return _shares(self.planned)

    @property
    def delivered_mix(self) -> dict[str, float]:
        return _shares(self.delivered)


def timeline(
    stages: Sequence[StagePlan],
    sessions: Iterable[SessionFact],
    first: date,
    last: date,
    *,
    holds: Sequence[Hold] = (),
    calendar: ClinicCalendar = DEFAULT_CALENDAR,
) -> list[TimelineWeek]:
    """Every week from ``first``'s to ``last``'s: planned and delivered (attended)
    minutes per discipline, the stages in force and where a stage begins."""
    if last < first:
        raise ValueError("The timeline ends before it starts.")
    delivered: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for fact in sessions:
        if fact.attendance == ATTENDED:
            delivered[week_of(fact.day)][fact.discipline] += fact.minutes
    weeks = []
    monday = week_of(first)
    while monday <= last:
        days = [monday + timedelta(days=offset) for offset in range(7)]
        in_force = []
        for day in days:
            stage = stage_on(stages, day)
            if stage is not None and stage.name not in in_force:
                in_force.append(stage.name)
        weeks.append(
            TimelineWeek(
                monday=monday,
                stages=tuple(in_force),
                starts=tuple(stage.name for stage in stages if stage.start in days),
                planned=planned_week(stages, monday, holds=holds, calendar=calendar),
                delivered=dict(delivered.get(monday, {})),
            )
        )
        monday += timedelta(days=7)
    return weeks


def average_mix(mixes: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """The mean of several mixes, each counting once (one patient, one vote), whatever
    their minutes; empty mixes are left out. The shares still sum to 1.0."""
    totals: dict[str, float] = defaultdict(float)
    count = 0
    for mix in mixes:
        if not mix:
            continue
        count += 1
        for code, share in mix.items():
            totals[code] += share
    if count == 0:
        return {}
    return {code: value / count for code, value in totals.items()}
