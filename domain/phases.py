"""Recovery phases after stroke, per the Stroke Recovery and Rehabilitation Roundtable.

Bernhardt J. et al., "Agreed definitions and a shared vision for new standards in stroke
recovery research", Int J Stroke 2017;12(5):444-450: hyperacute 0-24 h, acute 1-7 days,
early subacute 7 days-3 months, late subacute 3-6 months, chronic 6 months on.

Pure Python: no database, no Django settings.
"""

import calendar
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from rehabana.dates import day_text

HYPERACUTE = "hyperacute"
ACUTE = "acute"
EARLY_SUBACUTE = "early_subacute"
LATE_SUBACUTE = "late_subacute"
CHRONIC = "chronic"

STROKE_PHASES: tuple[str, ...] = (HYPERACUTE, ACUTE, EARLY_SUBACUTE, LATE_SUBACUTE, CHRONIC)

PHASE_LABELS: dict[str, str] = {
    HYPERACUTE: "Hyperacute (0-24 h)",
    ACUTE: "Acute (1-7 days)",
    EARLY_SUBACUTE: "Early subacute (7 days-3 months)",
    LATE_SUBACUTE: "Late subacute (3-6 months)",
    CHRONIC: "Chronic (6 months on)",
}


# An onset recorded by date only is read as the latest minute of that day: every phase then
# starts as late as it could have, so a stroke never looks further on (hyperacute ending,
# "acute" already) than it can be. Midnight, the old reading, made a 23:00 stroke look
# acute two hours later. The conservative reading is the clinic's choice; the SRRR
# definitions (Bernhardt et al. 2017) count from the onset moment and are silent on it.
UNKNOWN_ONSET_TIME = time(23, 59)


def onset_moment(day: date, at: time | None, tz: tzinfo | None = None) -> datetime:
    """The onset as a datetime on ``day`` (aware in ``tz`` when given).

    ``at`` None means the time is unknown: the latest minute of the day is used
    (``UNKNOWN_ONSET_TIME``), the conservative reading.
    """
    return datetime.combine(day, UNKNOWN_ONSET_TIME if at is None else at, tzinfo=tz)


def unknown_time_note(day: date) -> str:
    """What a phase worked out from a date-only onset says about itself."""
    return f"onset time unknown: phase from the end of {day_text(day)}"


def add_calendar_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months later.

    A day that does not exist in the target month falls back to that month's last day
    (31 January + 1 month = 28 or 29 February), the usual clinical reading.
    """
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def stroke_phase_starts(onset: datetime) -> dict[str, datetime]:
    """When each phase begins, for a stroke with this onset.

    Hours and days are elapsed time; calendar months are counted on the onset's own
    wall clock. For an aware onset every start is given in UTC, so that comparing with
    any other aware datetime is exact even across a daylight-saving change.
    """
    elapsed_from = onset if onset.tzinfo is None else onset.astimezone(UTC)

    def months_later(months: int) -> datetime:
        moment = add_calendar_months(onset, months)
        return moment if onset.tzinfo is None else moment.astimezone(UTC)

    return {
        HYPERACUTE: elapsed_from,
        ACUTE: elapsed_from + timedelta(hours=24),
        EARLY_SUBACUTE: elapsed_from + timedelta(days=7),
        LATE_SUBACUTE: months_later(3),
        CHRONIC: months_later(6),
    }


def stroke_phase(onset: datetime, at: datetime) -> str:
    """The SRRR phase at ``at`` for a stroke that began at ``onset``.

    Each phase includes its start and excludes its end: exactly 24 h after onset is
    already "acute". Raises ``ValueError`` when ``at`` is before ``onset`` and
    ``TypeError`` when one datetime is naive and the other aware.
    """
    if (onset.tzinfo is None) != (at.tzinfo is None):
        raise TypeError("onset and at must both be naive or both be timezone-aware.")
    if at < onset:
        raise ValueError("The moment asked about is before the stroke's onset.")
    current = HYPERACUTE
    for phase, starts in stroke_phase_starts(onset).items():
        if at >= starts:
            current = phase
    return current
