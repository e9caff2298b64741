"""Phone numbers in one form: E.164 (``+919831122334``), however they were typed.

Numbers without a country code are read in the clinic's region (``settings.PHONE_REGION``,
India by default), so "98311 22334", "098311 22334" and "+91 98311 22334" are one number.
Validity follows libphonenumber's metadata (the ``phonenumbers`` package).
"""

import re

import phonenumbers
from django.conf import settings

# What a search treats as a phone number typed in full: digits with spaces, dashes,
# brackets and a leading +, at least eight digits long.
PHONE_LIKE = re.compile(r"\+?\(?\d[\d\s\-()]{6,}\d")


def parse(raw: str, region: str | None = None) -> phonenumbers.PhoneNumber | None:
    """The number, if ``raw`` is a valid phone number (in the clinic's region when it has
    no country code); None otherwise."""
    try:
        number = phonenumbers.parse(raw, region or settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def to_e164(raw: str, region: str | None = None) -> str | None:
    """``raw`` in E.164, or None when it is not a valid phone number."""
    number = parse(raw, region)
    return (
        None
        if number is None
        else phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    )


def normalise(raw: str) -> str:
    """E.164 when ``raw`` is a valid number; otherwise digits only, keeping a leading +
    (what cannot be parsed is kept as typed, less its spaces and dashes)."""
    raw = raw.strip()
    return to_e164(raw) or ("+" if raw.startswith("+") else "") + re.sub(r"\D", "", raw)
