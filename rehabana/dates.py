"""The clinic's dates in text: "7 Nov 2026", "7 Nov 2026 14:30", the short "7 Nov".

The same as the templates' ``|date:"j M Y"`` and the project's DATE_FORMAT
(``rehabana/formats``), so a date reads alike in a page, a message and an audit line.
Dates typed into inputs are DD/MM/YYYY (``rehabana.fields``).
"""

from datetime import date, datetime

from django.utils import timezone

# Django's date-format syntax, for templates and the format module.
DAY = "j M Y"
MOMENT = "j M Y H:i"
SHORT_DAY = "j M"


def _local(value: date) -> date:
    # An aware moment reads in the clinic's time zone, as a template shows it.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_day_text(value: date) -> str:
    value = _local(value)
    return f"{value.day} {value:%b}"


def day_text(value: date) -> str:
    return f"{short_day_text(value)} {_local(value):%Y}"


def moment_text(value: datetime) -> str:
    return f"{day_text(value)} {_local(value):%H:%M}"
