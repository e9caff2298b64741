"""Week schedules per patient and per therapist, booking, and a week from the plan."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from delivery import services
from delivery.access import booking_discipline
from delivery.forms import ScheduleForm
from delivery.models import TherapySession
from delivery.presenters import BookingRow, booking_rows
from delivery.queries import week_proposals
from patients.access import get_patient_for_user, on_get
from patients.access_log import AccessKind
from patients.precautions import banner_precautions
from patients.service_calls import add_validation_errors
from plans.models import RehabPlan
from rehabana.fields import EARLIEST, LATEST
from rehabana.timeutil import local_day_range
from staff.access import require
from staff.permissions import Action, Scope, can, scope
from staff.roles import Role


def week_of(raw: str | None) -> date:
    """The Monday of the asked week (YYYY-MM-DD), or of this week when absent or bad."""
    try:
        day = date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    if not EARLIEST <= day <= LATEST:
        day = timezone.localdate()
    return day - timedelta(days=day.weekday())


def week_days(monday: date, rows: list[BookingRow]) -> list[tuple[date, list[BookingRow]]]:
    days: list[tuple[date, list[BookingRow]]] = [
        (monday + timedelta(days=offset), []) for offset in range(7)
    ]
    for row in rows:
        day = timezone.localtime(row.session.start).date()
        days[(day - monday).days][1].append(row)
    return days


def _week_sessions(queryset, monday: date):
    start, _ = local_day_range(monday)
    _, end = local_day_range(monday + timedelta(days=6))
    return (
        queryset.filter(start__gte=start, start__lt=end)
        .select_related("patient", "therapist", "discipline")
        .order_by("start")
    )


def _week_links(url: str, monday: date) -> dict:
    return {
        "previous": f"{url}?week={monday - timedelta(days=7):%Y-%m-%d}",
        "next": f"{url}?week={monday + timedelta(days=7):%Y-%m-%d}",
        "this": url,
    }


@require_http_methods(["GET", "POST"])
def patient_week(request: HttpRequest, patient_pk: int) -> HttpResponse:
    patient = get_patient_for_user(
        request.user, patient_pk, log=on_get(request, AccessKind.SCHEDULE)
    )
    monday = week_of(request.GET.get("week"))
    url = reverse("patient_week", args=[patient.pk])
    plan = RehabPlan.objects.filter(patient=patient).in_force().order_by("-start_date").first()
    can_schedule = can(request.user, Action.SESSION_SCHEDULE) and plan
    form = ScheduleForm(request.POST or None, patient=patient, user=request.user)
    proposals, problems = [], []
    if can_schedule and (request.GET.get("propose") or request.POST.get("action") == "week"):
        proposals, problems = week_proposals(plan=plan, week_start=monday)
        only = booking_discipline(request.user)
        if only is not None:
            proposals = [p for p in proposals if p.discipline == only]
    if request.method == "POST":
        require(request.user, Action.SESSION_SCHEDULE)
        if not plan:
            raise Http404("No open plan to schedule against.")
        if request.POST.get("action") == "week":
            booked, refused = _book_all(plan, proposals, by=request.user)
            messages.success(request, f"Booked {booked} session{'s' if booked != 1 else ''}.")
            for reason in refused + problems:
                messages.warning(request, reason)
            return redirect(f"{url}?week={monday:%Y-%m-%d}")
        if form.is_valid():
            try:
                session = services.schedule_session(
                    plan=plan,
                    discipline_id=form.cleaned_data["discipline"].pk,
                    therapist=form.cleaned_data["therapist"],
                    start=form.cleaned_data["start"],
                    minutes=form.cleaned_data["minutes"],
                    by=request.user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Session booked.")
                week = week_of(timezone.localtime(session.start).date().isoformat())
                return redirect(f"{url}?week={week:%Y-%m-%d}")
    sessions = _week_sessions(
        TherapySession.objects.visible_to(request.user).filter(patient=patient), monday
    )
    therapists = {
        u.pk: u
        for u in get_user_model()
        .objects.filter(pk__in={p.therapist_id for p in proposals})
        .select_related("discipline")  # the proposal says "Physio", not its code "PT"
    }
    context = {
        "patient": patient,
        "monday": monday,
        "days": week_days(monday, booking_rows(request.user, sessions, who="therapist")),
        "links": _week_links(url, monday),
        "form": form if can_schedule else None,
        "proposals": [(p, therapists.get(p.therapist_id)) for p in proposals],
        "problems": problems,
        "plan": plan,
        "precautions": banner_precautions(request.user, patient.pk),
    }
    return render(request, "delivery/week.html", context)


def _book_all(plan: RehabPlan, proposals, *, by) -> tuple[int, list[str]]:
    booked, refused = 0, []
    users = {
        u.pk: u for u in get_user_model().objects.filter(pk__in={p.therapist_id for p in proposals})
    }
    for proposal in proposals:
        try:
            services.schedule_session(
                plan=plan,
                discipline_id=proposal.discipline,
                therapist=users[proposal.therapist_id],
                start=proposal.start,
                minutes=proposal.minutes,
                by=by,
            )
            booked += 1
        except ValidationError as error:
            refused.append(
                f"{proposal.discipline} {timezone.localtime(proposal.start):%a %H:%M}: "
                + " ".join(error.messages)
            )
    return booked, refused


@require_GET
def therapist_week(request: HttpRequest, user_pk: int) -> HttpResponse:
    therapist = get_object_or_404(get_user_model(), pk=user_pk, role=Role.THERAPIST)
    reach = scope(request.user, Action.STAFF_WEEK_READ)
    if reach is Scope.OWN and request.user.pk != therapist.pk:
        raise Http404("Colleagues' schedules are not shown.")
    require(request.user, Action.STAFF_WEEK_READ)
    monday = week_of(request.GET.get("week"))
    url = reverse("therapist_week", args=[therapist.pk])
    sessions = _week_sessions(
        TherapySession.objects.visible_to(request.user).filter(therapist=therapist), monday
    )
    context = {
        "therapist": therapist,
        "monday": monday,
        "days": week_days(
            monday, booking_rows(request.user, sessions, who="patient", precautions=True)
        ),
        "links": _week_links(url, monday),
    }
    return render(request, "delivery/week.html", context)
