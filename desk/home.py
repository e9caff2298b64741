from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from delivery.models import TherapySession
from delivery.presenters import session_rows, todays_rows
from desk.caseload import caseload
from desk.forms import CaseloadFilterForm
from desk.presenters import caseload_rows
from patients.models import Patient
from plans.models import RehabPlan
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
    counts = {
        "review_due": sum(line.review_due for line in lines),
        "suggestions": sum(bool(line.suggestion) for line in lines),
        "adherence": sum(bool(line.adherence_alerts) for line in lines),
        "unsigned": sum(line.unsigned_notes for line in lines),
        "goals_due": sum(len(line.goals_due) for line in lines),
        "deteriorations": sum(bool(line.deteriorations) for line in lines),
    }
    if filters.get("attention"):
        lines = [line for line in lines if line.needs_attention]
    page = Paginator(lines, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/home_physician.html",
        {
            "page": page,
            "form": form,
            "counts": counts,
            "today": today,
            "query": _without_page(request.GET),
        },
    )


def _without_page(query) -> str:
    """The filters' query string, for the pagination links to keep them."""
    params = query.copy()
    params.pop("page", None)
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
    counts = {
        "Active patients": Patient.objects.active().count(),
        "Open plans": RehabPlan.objects.in_force().count(),
        "Sessions today": _todays_sessions(TherapySession.objects.all()).count(),
    }
    return render(request, "desk/home_admin.html", {"counts": counts})
