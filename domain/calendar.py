"""The clinic's calendar: which days it works, its opening hours per weekday, and its
holidays. Pure Python; the data lives in the database (``reference.models.ClinicHours``
and ``Holiday``, kept by administrators) and ``reference.calendar.clinic_calendar()``
reads it into a :class:`ClinicCalendar`.

Proration of planned minutes, week proposals and booking hours all read the same
calendar, so a day the clinic is closed never plans minutes nobody can deliver.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from rehabana.dates import day_text

# Weekdays as ``date.weekday()`` numbers them: Monday 0 … Sunday 6.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The clinic's hours before issue 13 (``domain/scheduling.py`` DAY_STARTS/DAY_ENDS): Monday
# to Saturday 08:30-19:00, Sunday closed. The reference migration seeds the database
# with them; administrators change them in the admin.
DEFAULT_OPENS = time(8, 30)
DEFAULT_CLOSES = time(19, 0)
DEFAULT_HOURS: Mapping[int, tuple[time, time]] = dict.fromkeys(
    range(6), (DEFAULT_OPENS, DEFAULT_CLOSES)
)


@dataclass(frozen=True)
class ClinicCalendar:
    """``hours`` maps a weekday (Monday 0) to its (opens, closes); a weekday missing is
    closed. ``holidays`` maps a date to its name; the clinic is closed that day."""

    hours_by_weekday: Mapping[int, tuple[time, time]] = field(
        default_factory=lambda: dict(DEFAULT_HOURS)
    )
    holidays: Mapping[date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for weekday, (opens, closes) in self.hours_by_weekday.items():
            if not 0 <= weekday <= 6:
                raise ValueError(f"No weekday {weekday}: Monday is 0, Sunday 6.")
            if closes <= opens:
                raise ValueError(f"{WEEKDAYS[weekday]} closes before it opens.")

    def holiday(self, day: date) -> str | None:
        """The holiday's name, or None."""
        return self.holidays.get(day)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.hours_by_weekday and day not in self.holidays

    def hours(self, day: date) -> tuple[time, time] | None:
        """(opens, closes) on ``day``; None when the clinic is closed."""
        if not self.is_working_day(day):
            return None
        return self.hours_by_weekday[day.weekday()]

    def working_days(self, start: date, end: date) -> list[date]:
        """The working days from ``start`` to ``end``, both included."""
        days = []
        day = start
        while day <= end:
            if self.is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days

    def working_days_of_week(self, day: date) -> list[date]:
        """The working days of ``day``'s ISO week (Monday to Sunday)."""
        monday = day - timedelta(days=day.weekday())
        return self.working_days(monday, monday + timedelta(days=6))

    @property
    def weekly_working_days(self) -> int:
        """Working days in a week without holidays (6 for Monday to Saturday)."""
        return len(self.hours_by_weekday)

    def closed_because(self, day: date) -> str:
        """Why the clinic is closed on ``day``, in words ("" when it is open)."""
        if (name := self.holiday(day)) is not None:
            return f"{day:%a} {day_text(day)} is a holiday ({name})"
        if day.weekday() not in self.hours_by_weekday:
            return f"the clinic is closed on {WEEKDAYS[day.weekday()]}s"
        return ""

    def within_hours(self, day: date, start: time, end: time) -> bool:
        """Whether [start, end] on ``day`` lies inside the opening hours."""
        hours = self.hours(day)
        return hours is not None and hours[0] <= start and end <= hours[1]


DEFAULT_CALENDAR = ClinicCalendar()
