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


class ClinicalDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value):
        super().validate(value)
        if value:
            _check(value)


class ClinicalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)

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
