"""What the cross-app pages show: the plan with its delivery, and the patient's chart."""

from django.utils import timezone

from delivery.balance_data import plan_balance
from delivery.models import Assessment, TherapySession
from domain import measures
from domain.triage import PROBLEMS, departures
from plans.forms import ActivateForm
from plans.models import UNFINISHED_STATUSES, Goal, PlanStatus, RehabPlan, Stage
from plans.presenters import mix_segments
from plans.queries import advance_suggestion
from rehabana.timeutil import local_day_range
from staff.permissions import Action, can


def plan_page_context(plan, user, latest: dict | None = None) -> dict:
    """Everything the plan page shows. ``latest`` (measure -> (value, when)) may come from
    a caller that has read the patient's results already."""
    stages = list(Stage.objects.with_active_allocations().filter(plan=plan))
    for stage in stages:
        stage.mix = mix_segments(stage.active_allocations)
        stage.weekly_minutes = sum(a.weekly_minutes for a in stage.active_allocations)
    if latest is None:
        latest = Assessment.objects.latest_for(plan.patient_id)
    goals = list(plan.goals.select_related("discipline", "stage"))
    for goal in goals:
        current = latest.get(goal.measure_id)
        goal.latest = current
        goal.progress_share = goal.progress(current[0]) if current else None
        goal.progress_percent = (
            max(0, min(100, round(goal.progress_share * 100)))
            if goal.progress_share is not None
            else None
        )
    planned = {a.discipline_id for s in stages if s.status != "done" for a in s.active_allocations}
    suggested = set(plan.suggested_reasons)
    missing, added = departures(suggested, planned) if suggested else (set(), set())
    team = plan.patient.care_team.active().select_related("staff")
    staffed = {m.staff.discipline_id for m in team if m.staff.discipline_id}
    can_edit = can(user, Action.PLAN_EDIT) and plan.status in UNFINISHED_STATUSES
    return {
        "plan": plan,
        "patient": plan.patient,
        "stages": stages,
        "balance": plan_balance(plan, stages, timezone.localdate()),
        "goals": goals,
        "suggestion": advance_suggestion(plan, stages, latest),
        "missing": sorted(missing),
        "added": sorted(added),
        "suggested_reasons": plan.suggested_reasons,
        "problems": [PROBLEMS[code] for code in plan.triage_problems],
        "unstaffed": sorted(planned - staffed),
        "revisions": plan.revisions.select_related("author")[:20],
        "can_edit": can_edit,
        "can_activate": can(user, Action.PLAN_ACTIVATE) and plan.status == PlanStatus.DRAFT,
        "can_advance": can(user, Action.PLAN_EDIT) and plan.status == PlanStatus.ACTIVE,
        "activate_form": ActivateForm(initial={"version": plan.version}),
    }


def chart_plan(patient, user, latest: dict | None = None) -> dict | None:
    """The plan the patient's chart shows in full: the open one, else the latest draft."""
    plans = (
        RehabPlan.objects.visible_to(user)
        .filter(patient=patient)
        .select_related(
            "patient", "diagnosis__condition", "template", "lead_physician", "activated_by"
        )
    )
    plan = (
        plans.in_force().order_by("-start_date").first()
        or plans.filter(status=PlanStatus.DRAFT).order_by("-created_at").first()
    )
    return plan_page_context(plan, user, latest) if plan else None


def chart_delivery(patient, user) -> dict:
    """Recent sessions (as far as the user may see them) and the latest results."""
    context = {
        # Up to the end of today: the schedule ahead belongs to the schedule views.
        "recent_sessions": TherapySession.objects.visible_to(user)
        .filter(patient=patient, start__lt=local_day_range(timezone.localdate())[1])
        .select_related("discipline", "therapist")
        .order_by("-start")[:10],
        "instruments": measures.INSTRUMENTS if can(user, Action.ASSESSMENT_RECORD) else {},
    }
    if can(user, Action.NOTES_READ):
        # One read of the results serves the charts, the latest values and the plan.
        series, latest = measure_series(patient)
        context["measure_series"] = series
        context["latest_by_measure"] = latest
        context["latest_results"] = [
            (measures.INSTRUMENTS[code], value, when)
            for code, (value, when) in sorted(latest.items())
        ]
    return context


def measure_series(patient) -> tuple[list[dict], dict]:
    """Each measure's results over time, with the target of its active goal, for Chart.js,
    and the latest result of each measure (value, when).

    Values are plotted by rank (grades by position) with their own labels, and scales
    where lower is better are drawn upside down, so up always means better.
    """
    # The nearest target date wins when several active goals use the same measure.
    targets = dict(
        Goal.objects.filter(plan__patient=patient, status="active", measure__isnull=False)
        .exclude(target="")
        .order_by("-target_date")
        .values_list("measure_id", "target")
    )
    series: dict[str, dict] = {}
    latest: dict[str, tuple] = {}
    rows = (
        Assessment.objects.filter(patient=patient)
        .order_by("assessed_at")
        .values_list("measure_id", "value", "score", "assessed_at")
    )
    for code, value, score, when in rows:
        tool = measures.INSTRUMENTS[code]
        entry = series.setdefault(
            code,
            {
                "code": code,
                "name": tool.name,
                "unit": tool.unit,
                "lowerIsBetter": tool.lower_is_better,
                "levels": list(tool.levels),
                "target": float(tool.rank(targets[code])) if code in targets else None,
                "targetLabel": targets.get(code, ""),
                "points": [],
            },
        )
        entry["points"].append(
            {"x": timezone.localtime(when).date().isoformat(), "y": float(score), "label": value}
        )
        latest[code] = (value, when)  # rows come oldest first
    return [series[code] for code in sorted(series)], latest
