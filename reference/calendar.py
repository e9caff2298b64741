"""The one loader of the clinic calendar: two queries (opening hours, holidays).

Pages read it once and pass it down to the rules (``domain.balance``,
``domain.scheduling``, the booking service); the rules themselves stay pure.
"""

from domain.calendar import ClinicCalendar
from reference.models import ClinicHours, Holiday


def clinic_calendar() -> ClinicCalendar:
    """The clinic's working days, opening hours and holidays as the database holds them.

    A weekday without a row (the table is seeded with all seven) is closed."""
    hours = {
        row.weekday: (row.opens, row.closes)
        for row in ClinicHours.objects.filter(is_open=True).order_by("weekday")
    }
    holidays = dict(
        Holiday.objects.filter(is_active=True).order_by("date").values_list("date", "name")
    )
    return ClinicCalendar(hours_by_weekday=hours, holidays=holidays)
