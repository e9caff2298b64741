import re

from django import template

from domain.measures import display

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """Indian mobile numbers as people read them: +91 98220 11111; others unchanged."""
    match = re.fullmatch(r"\+91(\d{5})(\d{5})", value or "")
    return f"+91 {match[1]} {match[2]}" if match else value


@register.filter
def result(value) -> str:
    """An outcome measure's stored value as a clinician reads it: "Unable to perform" for
    UNABLE, never a number (``domain.measures.display``)."""
    return display(value) if value not in (None, "") else value
