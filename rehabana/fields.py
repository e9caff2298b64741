"""Form fields shared by the apps."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError

# Far enough for any clinical date, near enough that date arithmetic cannot overflow.
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def _check(day: date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            f"Enter a date between {EARLIEST:%Y} and {LATEST:%Y}.", code="date_out_of_range"
        )


# The clinic's format in every date input, whatever the browser's locale: a native
# <input type=date> shows mm/dd/yyyy in a US browser. ISO is accepted too, as links, GET
# parameters and older pages send it.
DATE_INPUT = "%d/%m/%Y"
DATETIME_INPUT = "%d/%m/%Y %H:%M"
DATE_HINT = "DD/MM/YYYY"
DATETIME_HINT = "DD/MM/YYYY HH:MM"


def _text_input(widget_class, fmt: str, hint: str):
    return widget_class(
        format=fmt,
        attrs={"placeholder": hint, "inputmode": "numeric", "autocomplete": "off"},
    )


def _with_hint(help_text: str, hint: str, show: bool) -> str:
    # Crispy shows the help text under the input and Django points aria-describedby at it.
    # ``show=False`` for a field whose label names the format instead (a filter row).
    if not show:
        return help_text
    return f"{help_text} {hint}." if help_text else hint


class ClinicalDateField(forms.DateField):
    default_error_messages = {"invalid": f"Enter a date as {DATE_HINT}, e.g. 27/11/2026."}

    def __init__(self, *, help_text: str = "", hint: bool = True, **kwargs):
        kwargs.setdefault("widget", _text_input(forms.DateInput, DATE_INPUT, DATE_HINT))
        # Explicit: under LANGUAGE_CODE en-gb the locale's input formats would win over
        # the DATE_INPUT_FORMATS setting (and accept two-digit years).
        kwargs.setdefault("input_formats", [DATE_INPUT, "%Y-%m-%d"])
        super().__init__(help_text=_with_hint(help_text, DATE_HINT, hint), **kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            _check(value)


class ClinicalDateTimeField(forms.DateTimeField):
    default_error_messages = {
        "invalid": f"Enter a date and time as {DATETIME_HINT}, e.g. 27/11/2026 14:30."
    }

    def __init__(self, *, help_text: str = "", hint: bool = True, **kwargs):
        kwargs.setdefault("widget", _text_input(forms.DateTimeInput, DATETIME_INPUT, DATETIME_HINT))
        kwargs.setdefault("input_formats", [DATETIME_INPUT, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        super().__init__(help_text=_with_hint(help_text, DATETIME_HINT, hint), **kwargs)

    def to_python(self, value):
        # Parse first, without the time-zone step that overflows on year 1 or 9999.
        if isinstance(value, str):
            for fmt in self.input_formats:
                try:
                    _check(datetime.strptime(value.strip(), fmt).date())
                    break
                except ValueError:
                    continue
        return super().to_python(value)


# The range of a database integer key (SQLite INTEGER, PostgreSQL bigint).
KEY_RANGE = range(-(2**63), 2**63)


class RecordChoicesField(forms.ModelMultipleChoiceField):
    """Several records chosen by id, refusing ids no database integer can hold.

    Django's own check runs ``pk__in`` with the submitted values; an id of 20 digits then
    fails inside the database driver (a server error) instead of as a form error.
    """

    def _check_values(self, value):
        for submitted in value or ():
            try:
                number = int(str(submitted))
            except ValueError:
                continue  # not a number: Django's own check words that error
            if number not in KEY_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": submitted},
                )
        return super()._check_values(value)
