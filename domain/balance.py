"""The balance between disciplines: planned mix of a stage, delivered mix of a period,
adherence per discipline per week, and the weekly timeline across a plan's stages.

Pure Python. A *mix* maps discipline codes to their share of weekly minutes, the shares
summing to 1.0; no minutes at all gives an empty mix rather than a division by zero.

Weeks are ISO weeks, named by their Monday. A stage's planned minutes are per week; a
week in which the stage changes gets each stage's minutes for the days it covered
(prorated by day), so a plan followed exactly has an adherence of 1.0 in every week.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

# Attendance codes of a session; ``delivery.models.Attendance`` is built from them.
SCHEDULED, ATTENDED, CANCELLED, NO_SHOW = "scheduled", "attended", "cancelled", "no_show"
# Stage statuses; ``plans.models.StageStatus`` is built from them.
UPCOMING, CURRENT, DONE = "upcoming", "current", "done"


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


def missed_streak(attendances_newest_first: Iterable[str]) -> int:
    """How many of the latest past sessions in a row were missed (cancelled or no-show).

    Sessions still ``scheduled`` (not logged yet) are skipped; an attended one ends it.
    """
    streak = 0
    for attendance in attendances_newest_first:
        if attendance == SCHEDULED:
            continue
        if attendance not in MISSED:
            break
        streak += 1
    return streak


# --- weeks, stages and sessions ------------------------------------------------------------


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class StagePlan:
    """A stage as the balance sees it: its days and its planned minutes per week.

    ``end`` is the stage's last day, or None while it is open (the current stage).
    """

    name: str
    start: date
    end: date | None
    weekly_minutes: Mapping[str, int]

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class SessionFact:
    """Sessions of one discipline on one day with one attendance, summed (the database
    aggregates them); ``reasons`` are the absence reasons of missed ones."""

    discipline: str
    day: date
    minutes: int
    attendance: str
    count: int = 1
    reasons: tuple[str, ...] = ()


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
    until then."""
    if status == DONE:
        return StagePlan(name, actual_start, actual_end, weekly_minutes)
    if status == CURRENT:
        return StagePlan(name, actual_start, None, weekly_minutes)
    delay = max(timedelta(0), today + timedelta(days=1) - planned_start)
    end = planned_end + delay if planned_end is not None else None
    return StagePlan(name, planned_start + delay, end, weekly_minutes)


def stage_on(stages: Sequence[StagePlan], day: date) -> StagePlan | None:
    """The stage in force on ``day``: of the stages covering it, the one begun last."""
    covering = [stage for stage in stages if stage.covers(day)]
    return max(covering, key=lambda stage: stage.start, default=None)


def planned_week(stages: Sequence[StagePlan], monday: date) -> dict[str, float]:
    """Planned minutes per discipline in the week of ``monday``, prorated by day."""
    minutes: dict[str, float] = defaultdict(float)
    for offset in range(7):
        stage = stage_on(stages, monday + timedelta(days=offset))
        if stage is None:
            continue
        for discipline, weekly in stage.weekly_minutes.items():
            if weekly < 0:
                raise ValueError("Planned minutes cannot be negative.")
            minutes[discipline] += weekly / 7
    return {code: value for code, value in minutes.items() if value > 0}


# --- adherence -----------------------------------------------------------------------------


@dataclass
class Adherence:
    """One discipline in one week: planned against delivered minutes, and what was missed."""

    planned: float = 0.0
    delivered: int = 0
    missed: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """Delivered ÷ planned minutes; None when nothing was planned."""
        if self.planned <= 0:
            return None
        return self.delivered / self.planned


def weekly_adherence(
    stages: Sequence[StagePlan], sessions: Iterable[SessionFact], weeks: Iterable[date]
) -> dict[date, dict[str, Adherence]]:
    """Per week (a Monday) and discipline: planned minutes of the stage(s) in force that
    week, minutes of attended sessions, and the missed (cancelled, no-show) sessions."""
    mondays = sorted({week_of(monday) for monday in weeks})
    result: dict[date, dict[str, Adherence]] = {}
    for monday in mondays:
        row: dict[str, Adherence] = {}
        for discipline, planned in planned_week(stages, monday).items():
            row[discipline] = Adherence(planned=planned)
        result[monday] = row
    for fact in sessions:
        row = result.get(week_of(fact.day))
        if row is None:
            continue
        if fact.attendance == ATTENDED:
            row.setdefault(fact.discipline, Adherence()).delivered += fact.minutes
        elif fact.attendance in MISSED:
            entry = row.setdefault(fact.discipline, Adherence())
            entry.missed += fact.count
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
    stages: Sequence[StagePlan], sessions: Iterable[SessionFact], first: date, last: date
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
                planned=planned_week(stages, monday),
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
