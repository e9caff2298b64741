import re

from django import template

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """Indian mobile numbers as people read them: +91 98220 11111; others unchanged."""
    match = re.fullmatch(r"\+91(\d{5})(\d{5})", value or "")
    return f"+91 {match[1]} {match[2]}" if match else value
