from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from delivery.models import Attendance, TherapySession
from desk.caseload import caseload
from desk.forms import CaseloadFilterForm
from domain.balance import missed_streak
from patients.models import Patient
from plans.models import Allocation, Goal, GoalStatus, RehabPlan, Stage, StageStatus
from rehabana.timeutil import local_day_range
from staff.roles import Role


@require_GET
def home(request):
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


def _physician_home(request):
    today = timezone.localdate()
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    lines = caseload(
        request.user, today, condition=filters.get("condition"), phase=filters.get("phase", "")
    )
    counts = {
        "review_due": sum(line.review_due for line in lines),
        "suggestions": sum(bool(line.suggestion) for line in lines),
        "adherence": sum(bool(line.adherence_alerts) for line in lines),
        "unsigned": sum(line.unsigned_notes for line in lines),
        "goals_due": sum(len(line.goals_due) for line in lines),
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


def _therapist_home(request):
    user = request.user
    caseload = Patient.objects.visible_to(user).active()
    page = Paginator(caseload, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    _add_caseload_facts(user, page.object_list)
    sessions = list(_todays_sessions(TherapySession.objects.filter(therapist=user)))
    _add_plan_facts(user, sessions)
    # Notes still unsigned a day after the session: the therapist's to-do list.
    overdue = (
        TherapySession.objects.filter(therapist=request.user)
        .unsigned_overdue()
        .select_related("patient", "discipline")
        .order_by("start")
    )
    context = {
        "page": page,
        "sessions": sessions,
        "overdue": overdue[:20],
        "overdue_count": overdue.count(),
    }
    return render(request, "desk/home_therapist.html", context)


def _add_plan_facts(user, sessions) -> None:
    """Each of today's sessions with the stage now current, this stage's planned
    sessions for the therapist's discipline, and the goals of that discipline."""
    plan_ids = {session.plan_id for session in sessions}
    stages = {
        stage.plan_id: stage
        for stage in Stage.objects.filter(plan_id__in=plan_ids, status=StageStatus.CURRENT)
    }
    allocations = {
        allocation.stage_id: allocation
        for allocation in Allocation.objects.filter(
            stage__in=stages.values(), discipline_id=user.discipline_id, is_active=True
        )
    }
    goals: dict[int, list] = {}
    for goal in Goal.objects.filter(
        plan_id__in=plan_ids, discipline_id=user.discipline_id, status=GoalStatus.ACTIVE
    ):
        goals.setdefault(goal.plan_id, []).append(goal)
    for session in sessions:
        session.current_stage = stages.get(session.plan_id)
        stage_id = session.current_stage.pk if session.current_stage else None
        session.allocation = allocations.get(stage_id)
        session.my_goals = goals.get(session.plan_id, [])


def _add_caseload_facts(user, patients) -> None:
    """Last session with this therapist, and how many in a row were missed lately."""
    since = timezone.now() - timedelta(days=90)
    rows = (
        TherapySession.objects.filter(
            therapist=user, patient__in=patients, start__lt=timezone.now(), start__gte=since
        )
        .order_by("patient_id", "-start")
        .values_list("patient_id", "start", "attendance")
    )
    history: dict[int, list] = {}
    for patient_id, start, attendance in rows:
        history.setdefault(patient_id, []).append((start, attendance))
    for patient in patients:
        past = history.get(patient.pk, [])
        attended = [start for start, attendance in past if attendance == Attendance.ATTENDED]
        patient.last_session = attended[0] if attended else None
        patient.missed_streak = missed_streak(attendance for _, attendance in past)


def _reception_home(request):
    sessions = _todays_sessions(TherapySession.objects.visible_to(request.user))
    page = Paginator(sessions, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    recent = Patient.objects.active().order_by("-registered_at")[:5]
    return render(request, "desk/home_reception.html", {"page": page, "recent": recent})


def _admin_home(request):
    counts = {
        "Active patients": Patient.objects.active().count(),
        "Open plans": RehabPlan.objects.in_force().count(),
        "Sessions today": _todays_sessions(TherapySession.objects.all()).count(),
    }
    return render(request, "desk/home_admin.html", {"counts": counts})
