from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from delivery.models import TherapySession
from delivery.presenters import session_rows, todays_rows
from delivery.queries import self_harm_alerts_for
from desk.caseload import ATTENTION_ITEMS, attention_counts, caseload, needing
from desk.forms import CaseloadFilterForm
from desk.presenters import attention_cards, caseload_rows
from patients.models import Patient
from plans.models import IN_FORCE_STATUSES, RehabPlan
from rehabana.timeutil import local_day_range
from staff.roles import Role


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on the page its day starts with."""
    user = request.user
    landing = {
        Role.PHYSICIAN: _physician_home,
        Role.THERAPIST: _therapist_home,
        Role.RECEPTION: _reception_home,
        Role.ADMIN: _admin_home,
    }[user.role]
    return landing(request)


def _todays_sessions(queryset):
    start, end = local_day_range(timezone.localdate())
    return (
        queryset.filter(start__gte=start, start__lt=end)
        .select_related("patient", "therapist", "discipline")
        .order_by("start")
    )


def _physician_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = CaseloadFilterForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    filters = form.cleaned_data if valid else {}
    lines = caseload(
        request.user,
        today,
        condition=filters.get("condition"),
        stage=form.template_stage() if valid else None,
    )
    counts = attention_counts(lines)
    chosen = filters.get("attention", "")
    if chosen:
        lines = needing(lines, chosen)
    page = Paginator(lines, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/home_physician.html",
        {
            # Whose alerts reach this desk: ``self_harm_alerts_for`` (one query).
            "self_harm_alerts": self_harm_alerts_for(request.user),
            "page": page,
            "form": form,
            "counts": counts,
            "cards": attention_cards(counts, request.GET if valid else {}, chosen),
            "chosen": ATTENTION_ITEMS.get(chosen, "anything needing attention") if chosen else "",
            "today": today,
            "query": _without(request.GET, "page"),
            "without_attention": _without(request.GET, "page", "attention"),
        },
    )


def _without(query, *names: str) -> str:
    """The filters' query string without ``names``: for the pagination links to keep the
    filters, and for the link back to every plan."""
    params = query.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _therapist_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    caseload = Patient.objects.visible_to(user).active()
    page = Paginator(caseload, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    sessions = list(_todays_sessions(TherapySession.objects.filter(therapist=user)))
    # Notes still unsigned a day after the session: the therapist's to-do list.
    overdue = (
        TherapySession.objects.filter(therapist=request.user)
        .unsigned_overdue()
        .select_related("patient", "discipline")
        .order_by("start")
    )
    context = {
        "page": page,
        "caseload_rows": caseload_rows(user, page.object_list),
        "session_rows": todays_rows(user, sessions),
        "overdue": overdue[:20],
        "overdue_count": overdue.count(),
    }
    return render(request, "desk/home_therapist.html", context)


def _reception_home(request: HttpRequest) -> HttpResponse:
    sessions = _todays_sessions(TherapySession.objects.visible_to(request.user))
    page = Paginator(sessions, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    recent = Patient.objects.active().order_by("-registered_at")[:5]
    context = {"page": page, "session_rows": session_rows(page.object_list), "recent": recent}
    return render(request, "desk/home_reception.html", context)


def _admin_home(request: HttpRequest) -> HttpResponse:
    # Each count links to the list of exactly what it counts: the registry (active patients
    # by default), the admin's plans narrowed to those in force, today's bookings.
    in_force = ",".join(IN_FORCE_STATUSES)
    cards = [
        ("Active patients", Patient.objects.active().count(), reverse("patient_registry")),
        (
            "Open plans",
            RehabPlan.objects.in_force().count(),
            f"{reverse('admin:plans_rehabplan_changelist')}?status__in={in_force}",
        ),
        (
            "Sessions today",
            _todays_sessions(TherapySession.objects.all()).count(),
            reverse("reception_day"),
        ),
    ]
    return render(request, "desk/home_admin.html", {"cards": cards})
