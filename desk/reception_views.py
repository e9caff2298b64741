"""Reception's pages: the day's bookings, tomorrow's reminders, therapist leave and cover.

Each page asks the permission table (``FRONT_DESK``, ``LEAVE_MANAGE``); a page that shows
patients writes one clinic-wide line in the access log (no patient: a list, like the
admin's lists), never one per row.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from delivery import services
from delivery.models import TherapySession
from delivery.presenters import booking_rows
from desk import reception
from desk.forms import CoverForm, DayFilterForm, LeaveForm
from patients.access import opened
from patients.access_log import AccessKind, record_access
from rehabana.dates import short_day_text
from staff.access import requires
from staff.models import Leave
from staff.permissions import Action


def _log_list(request: HttpRequest) -> None:
    record_access(user=request.user, patient=None, kind=AccessKind.SCHEDULE)


def _day_links(url: str, day, query) -> dict:
    params = query.copy()
    params.pop("page", None)
    links = {}
    for name, other in (("previous", day - timedelta(days=1)), ("next", day + timedelta(days=1))):
        params["date"] = other.isoformat()
        links[name] = f"{url}?{params.urlencode()}"
    params.pop("date", None)
    links["today"] = f"{url}?{params.urlencode()}" if params else url
    return links


@require_GET
@requires(Action.FRONT_DESK)
def day(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    form = DayFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = filters.get("date") or reception.day_of(None)
    if form.is_valid():
        # The box shows the day on screen in the clinic's format (a link's ISO date too).
        data["date"] = f"{chosen:%d/%m/%Y}"
    bookings = reception.day_bookings(
        request.user,
        chosen,
        therapist=filters.get("therapist"),
        discipline=filters.get("discipline"),
    )
    page = Paginator(bookings, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    # Each row with the buttons the user may use (cancel, move, check in): one query; and
    # its patient's precautions for a role that reads them (one more), as the row the
    # booking endpoints answer with after an action.
    rows = booking_rows(request.user, page.object_list, precautions=True)
    query = request.GET.copy()
    query.pop("page", None)
    url = reverse("reception_day")
    _log_list(request)
    context = {
        "form": form,
        "day": chosen,
        "is_today": chosen == timezone.localdate(),
        "page": page,
        "rows": rows,
        "no_shows": reception.no_shows(request.user, chosen),
        "query": query.urlencode(),
        "links": _day_links(url, chosen, request.GET),
        "therapist": filters.get("therapist"),
        "reminders_url": reverse("reception_reminders"),
    }
    return render(request, "desk/reception_day.html", context)


@require_GET
@requires(Action.FRONT_DESK)
def reminders(request: HttpRequest) -> HttpResponse:
    """Tomorrow's bookings (or another day's, ``?date=``) with a reminder text each."""
    raw = request.GET.get("date")
    chosen = reception.day_of(raw) if raw else timezone.localdate() + timedelta(days=1)
    rows = reception.reminder_rows(request.user, chosen)
    _log_list(request)
    url = reverse("reception_reminders")
    context = {
        "day": chosen,
        "rows": rows,
        "links": {
            "previous": f"{url}?date={chosen - timedelta(days=1):%Y-%m-%d}",
            "next": f"{url}?date={chosen + timedelta(days=1):%Y-%m-%d}",
        },
    }
    return render(request, "desk/reception_reminders.html", context)


@require_http_methods(["GET", "POST"])
@requires(Action.LEAVE_MANAGE)
def leave_list(request: HttpRequest) -> HttpResponse:
    """Current and coming leave, and the form that records a new absence."""
    form = LeaveForm(request.POST or None, instance=Leave(recorded_by=request.user))
    if request.method == "POST" and form.is_valid():
        leave = form.save()
        messages.success(request, f"Recorded {leave}.")
        return redirect("therapist_leave_detail", pk=leave.pk)
    leave = (
        Leave.objects.filter(ends_on__gte=timezone.localdate())
        .select_related("therapist", "therapist__discipline")
        .order_by("starts_on", "pk")
    )
    page = Paginator(leave, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/leave_list.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
@requires(Action.LEAVE_MANAGE)
def leave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The sessions an absence empties, each with the colleagues free to take it; a POST
    gives one session to one of them (same time), through the booking rules."""
    leave = get_object_or_404(
        Leave.objects.select_related("therapist", "therapist__discipline"), pk=pk
    )
    if request.method == "POST":
        form = CoverForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a session and a colleague.")
            return redirect("therapist_leave_detail", pk=leave.pk)
        start, end = reception.leave_window(leave)
        session = get_object_or_404(
            TherapySession.objects.visible_to(request.user).filter(
                therapist_id=leave.therapist_id, start__gte=start, start__lt=end
            ),
            pk=form.cleaned_data["session"],
        )
        colleague = get_user_model().objects.filter(pk=form.cleaned_data["therapist"]).first()
        if colleague is None:
            raise Http404("No such therapist.")
        try:
            services.reassign_session(session=session, therapist=colleague, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            local = timezone.localtime(session.start)
            when = f"{short_day_text(local)} {local:%H:%M}"
            messages.success(request, f"{colleague} now gives the session of {when}.")
        return redirect("therapist_leave_detail", pk=leave.pk)
    lines = reception.cover(leave)
    if opened(request) and lines:
        _log_list(request)
    return render(request, "desk/leave_detail.html", {"leave": leave, "lines": lines})
