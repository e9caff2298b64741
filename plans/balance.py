"""The balance between disciplines: planned mix of a stage, delivered mix of a period.

Pure Python. A *mix* maps discipline codes to their share of weekly minutes, the shares
summing to 1.0; no minutes at all gives an empty mix rather than a division by zero.
(``weekly_adherence`` and ``timeline`` arrive with the balance charts.)
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

ATTENDED = "attended"


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


MISSED = ("cancelled", "no_show")


def missed_streak(attendances_newest_first: Iterable[str]) -> int:
    """How many of the latest past sessions in a row were missed (cancelled or no-show).

    Sessions still ``scheduled`` (not logged yet) are skipped; an attended one ends it.
    """
    streak = 0
    for attendance in attendances_newest_first:
        if attendance == "scheduled":
            continue
        if attendance not in MISSED:
            break
        streak += 1
    return streak
