"""The one way a view calls a write service and shows its refusals.

Services raise ``StaleVersion`` (someone saved first) and ``ValidationError`` (the rule
that refused); a view shows them as form errors, on the fields they name, or as messages.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from patients.records import StaleVersion


def add_validation_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """``error`` on the fields it names (the form's own fields only), the rest on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def form_errors_text(form: forms.BaseForm, separator: str = " ") -> str:
    """A bound form's errors as one line, for a message where the form is not shown again."""
    return separator.join(message for errors in form.errors.values() for message in errors)


def posted_version(request: HttpRequest) -> int | None:
    """The record version a page posted; None from a page without one (nothing to compare)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def call_with_form(form: forms.BaseForm, call: Callable[[], object], *, stale: str) -> bool:
    """Run ``call``; on a refusal put it on ``form`` and answer False."""
    try:
        call()
    except StaleVersion:
        form.add_error(None, stale)
    except ValidationError as error:
        add_validation_errors(form, error)
    else:
        return True
    return False


def call_with_messages(
    request: HttpRequest, call: Callable[[], object], *, stale: str, success: str
) -> bool:
    """Run ``call`` for a page without a form: the outcome is a message either way."""
    try:
        call()
    except StaleVersion:
        messages.error(request, stale)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
        return True
    return False
