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
