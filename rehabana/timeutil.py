from datetime import date, datetime, time, timedelta

from django.utils import timezone


def local_day_range(day: date) -> tuple[datetime, datetime]:
    """[start, end) of a calendar day in the clinic's time zone.

    A range rather than ``__date`` so that the (therapist, start) indexes can serve it.
    """
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)
