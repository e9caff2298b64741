"""Changing a booking: cancel it (with its coded reason), move it, check the patient in.

Each answers an htmx request with the booking as the page it came from shows it, a week's
line (``delivery/partials/booking.html``) or reception's day row (``booking_row.html``),
swapped in place, the refusal in it; a plain form post with a message and a redirect
back to the page it came from. The services hold the rules (``delivery/services.py``).
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from delivery import services
from delivery.access import get_session_for_user
from delivery.forms import CancelBookingForm, CheckInForm, MoveBookingForm
from delivery.models import TherapySession
from delivery.presenters import booking_rows
from patients.records import StaleVersion
from patients.service_calls import form_errors_text
from staff.permissions import Action

STALE_BOOKING = "Someone changed this booking meanwhile; here it is as it is now."
# What the page the forms came from shows of a booking (their hidden "fragment"): a week's
# line, or a row of reception's day. Both include delivery/partials/booking_actions.html.
FRAGMENTS = {
    "line": "delivery/partials/booking.html",
    "row": "delivery/partials/booking_row.html",
}


def _answer(request: HttpRequest, session: TherapySession, form, call: Callable, success: str):
    error = ""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except StaleVersion:
            error = STALE_BOOKING
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
    else:
        error = form_errors_text(form)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):  # fmt: skip
        back = ""
    if request.headers.get("HX-Request"):
        fresh = TherapySession.objects.select_related("patient", "therapist", "discipline").get(
            pk=session.pk
        )
        who = "therapist" if request.POST.get("who") == "therapist" else "patient"
        row = booking_rows(
            request.user, [fresh], who=who, error=error, precautions=who == "patient"
        )[0]
        template = FRAGMENTS.get(request.POST.get("fragment", ""), FRAGMENTS["line"])
        return render(request, template, {"row": row, "back": back})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    if back:
        return redirect(back)
    return redirect("session_detail", pk=session.pk)


@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, Action.SESSION_MANAGE, log=False)
    return _answer(
        request,
        session,
        CancelBookingForm(request.POST),
        lambda data: services.cancel_session(
            session=session,
            by=request.user,
            absence_code=data["absence_code"],
            reason=data["absence_reason"],
            expected_version=data["version"],
        ),
        success="Session cancelled; it stays in the record with its reason.",
    )


@require_POST
def session_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, Action.SESSION_MANAGE, log=False)
    return _answer(
        request,
        session,
        MoveBookingForm(request.POST),
        lambda data: services.reschedule_session(
            session=session,
            by=request.user,
            start=data["start"],
            expected_version=data["version"],
        ),
        success="Session moved.",
    )


@require_POST
def session_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, Action.SESSION_MANAGE, log=False)
    return _answer(
        request,
        session,
        CheckInForm(request.POST),
        lambda data: services.check_in(
            session=session, by=request.user, expected_version=data["version"]
        ),
        success="Checked in.",
    )
