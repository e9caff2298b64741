from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(duration: timedelta) -> int:
    """A duration in whole minutes (rounded up: a lockout never ends before it says)."""
    return -(-int(duration.total_seconds()) // 60)
