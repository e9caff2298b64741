from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.models import AccessKind, record_access
from patients.access import get_patient_for_user
from patients.records import StaleVersion
from plans import services
from plans.access import get_plan_for_user
from plans.balance import planned_mix
from plans.balance_data import mix_bar, plan_balance
from plans.forms import ActivateForm, AdvanceForm, GoalForm, StageForm, StartPlanForm, TriageForm
from plans.models import Approach, Goal, PlanStatus, RehabPlan, Stage
from plans.triage import DISCLAIMER, PROBLEMS, departures, triage
from reference.models import Discipline
from rehabana.timeutil import local_day_range
from staff.access import requires
from staff.permissions import Action, can

STALE = (
    "Someone else changed this plan while you were editing it. Nothing was overwritten: "
    "your entries are below; check the plan as it is now, then save again."
)


# --- triage and a new plan -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def triage_page(request, patient_pk):
    patient = get_patient_for_user(request.user, patient_pk, Action.PLAN_EDIT)
    diagnoses = patient.diagnoses.exclude(status="entered_in_error").select_related("condition")
    form = TriageForm(request.POST or None, diagnoses=diagnoses)
    context = {"patient": patient, "form": form, "disclaimer": DISCLAIMER}
    if request.method == "POST" and form.is_valid():
        diagnosis = form.cleaned_data["diagnosis"]
        problems = form.problems()
        result = triage(
            problems, diagnosis.condition.category, diagnosis.condition.needs_neuro_rehab
        )
        context["result"] = result
        context["approach_label"] = Approach(result.approach).label
        context["reasons"] = _reasons_in_order(result.reasons)
        context["start_form"] = StartPlanForm(
            initial={
                "diagnosis": diagnosis.pk,
                "problems": sorted(problems),
                "approach": result.approach,
            },
            diagnoses=diagnoses,
        )
    return render(request, "plans/triage.html", context)


def _reasons_in_order(reasons: dict[str, list[str]]) -> list[tuple[Discipline, list[str]]]:
    disciplines = {d.code: d for d in Discipline.objects.all()}
    return [
        (disciplines[code], reasons[code])
        for code in sorted(reasons, key=lambda c: disciplines[c].order)
    ]


@require_POST
def start_plan(request, patient_pk):
    patient = get_patient_for_user(request.user, patient_pk, Action.PLAN_EDIT)
    diagnoses = patient.diagnoses.exclude(status="entered_in_error").select_related("condition")
    form = StartPlanForm(request.POST, diagnoses=diagnoses)
    if not form.is_valid():
        messages.error(
            request,
            "The plan was not started: "
            + "; ".join(error for errors in form.errors.values() for error in errors),
        )
        return redirect("plan_triage", patient_pk=patient.pk)
    plan = services.start_plan_from_triage(
        patient=patient,
        diagnosis=form.cleaned_data["diagnosis"],
        physician=request.user if request.user.is_physician else patient_lead(patient),
        approach=form.cleaned_data["approach"],
        start_date=form.cleaned_data["start_date"],
        problems=set(form.cleaned_data["problems"]),
    )
    messages.success(
        request, "Draft plan created from the condition's template. Adjust it, then activate it."
    )
    return redirect("plan_detail", pk=plan.pk)


def patient_lead(patient):
    """An administrator drafting a plan names the patient's lead physician as its lead."""
    member = (
        patient.care_team.active()
        .filter(team_role="lead_physician")
        .select_related("staff")
        .first()
    )
    if member is None:
        raise PermissionDenied("The patient has no lead physician on the care team yet.")
    return member.staff


# --- the plan ---------------------------------------------------------------------------------


def mix_segments(allocations) -> list[dict]:
    """The planned mix of a stage as bar segments, in the disciplines' order."""
    shares = planned_mix(
        (a.discipline_id, a.sessions_per_week, a.minutes_per_session) for a in allocations
    )
    disciplines = sorted((a.discipline for a in allocations), key=lambda d: d.order)
    minutes = {a.discipline_id: a.weekly_minutes for a in allocations}
    return mix_bar(shares, disciplines, minutes)


def plan_page_context(plan, user, latest: dict | None = None) -> dict:
    """Everything the plan page shows. ``latest`` (measure -> (value, when)) may come from
    a caller that has read the patient's results already."""
    stages = list(Stage.objects.with_active_allocations().filter(plan=plan))
    for stage in stages:
        stage.mix = mix_segments(stage.active_allocations)
        stage.weekly_minutes = sum(a.weekly_minutes for a in stage.active_allocations)
    if latest is None:
        latest = services.latest_results([plan.patient_id]).get(plan.patient_id, {})
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
    can_edit = can(user, Action.PLAN_EDIT) and plan.status in services.OPEN_FOR_EDITING
    return {
        "plan": plan,
        "patient": plan.patient,
        "stages": stages,
        "balance": plan_balance(plan, stages, timezone.localdate()),
        "goals": goals,
        "suggestion": services.advance_suggestion(plan, stages, latest),
        "missing": sorted(missing),
        "added": sorted(added),
        "suggested_reasons": plan.suggested_reasons,
        "problems": [PROBLEMS[code] for code in plan.triage_problems],
        "unstaffed": sorted(planned - staffed),
        "revisions": plan.revisions.select_related("author")[:20],
        "can_edit": can_edit,
        "can_activate": user.is_physician and plan.status == PlanStatus.DRAFT,
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
        plans.open().order_by("-start_date").first()
        or plans.filter(status=PlanStatus.DRAFT).order_by("-created_at").first()
    )
    return plan_page_context(plan, user, latest) if plan else None


def chart_delivery(patient, user) -> dict:
    """Recent sessions (as far as the user may see them) and the latest results."""
    from plans import measures
    from plans.models import TherapySession

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
    from plans import measures
    from plans.models import Assessment

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


@require_GET
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    record_access(user=request.user, patient=plan.patient, kind=AccessKind.PLAN, object_id=plan.pk)
    return render(request, "plans/plan.html", plan_page_context(plan, request.user))


@require_http_methods(["GET", "POST"])
def stage_edit(request, pk, stage_pk):
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT)
    stage = get_object_or_404(
        Stage.objects.with_active_allocations().filter(plan=plan), pk=stage_pk
    )
    form = StageForm(request.POST or None, stage=stage, disciplines=Discipline.objects.all())
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.save_stage(
                stage=stage,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                fields=form.stage_fields(),
                allocations=form.cleaned_data["allocations"],
                reason=form.cleaned_data["reason"],
            )
        except StaleVersion:
            form.add_error(None, STALE)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Saved {stage.name}." if changes else "Nothing changed.")
            return redirect("plan_detail", pk=plan.pk)
    context = {
        "plan": plan,
        "stage": stage,
        "form": form,
        "mix": mix_segments(stage.active_allocations),
    }
    return render(request, "plans/stage_form.html", context)


def _add_errors(form, error) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
def goal_edit(request, pk, goal_pk=None):
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT)
    goal = get_object_or_404(plan.goals, pk=goal_pk) if goal_pk else Goal(plan=plan)
    form = GoalForm(request.POST or None, instance=goal, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(
                goal=form.save(commit=False),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except StaleVersion:
            form.add_error(None, STALE)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Goal saved.")
            return redirect("plan_detail", pk=plan.pk)
    return render(request, "plans/goal_form.html", {"plan": plan, "form": form, "goal": goal})


@require_GET
def goal_baseline(request, pk):
    """htmx: the baseline input pre-filled with the latest result of the chosen measure."""
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT)
    latest = services.latest_results([plan.patient_id]).get(plan.patient_id, {})
    value = latest.get(request.GET.get("measure", ""), ("", None))[0]
    return render(request, "plans/partials/baseline_input.html", {"value": value})


@require_POST
def activate(request, pk):
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT)
    form = ActivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The plan was not activated: reload the page and try again.")
        return redirect("plan_detail", pk=plan.pk)
    try:
        services.activate_plan(
            plan=plan, by=request.user, expected_version=form.cleaned_data["version"]
        )
    except StaleVersion:
        messages.error(request, STALE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Plan activated. Its first stage is current.")
    return redirect("plan_detail", pk=plan.pk)


@require_http_methods(["GET", "POST"])
def advance(request, pk):
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT)
    context = plan_page_context(plan, request.user)
    current, following = services.current_and_next_stage(context["stages"])
    form = AdvanceForm(
        request.POST or None,
        initial={
            "version": plan.version,
            "reason": " ".join(context["suggestion"]),
            "effective_date": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.advance_stage(
                plan=plan,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
                on=form.cleaned_data["effective_date"],
            )
        except StaleVersion:
            form.add_error(None, STALE)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Advanced to {following.name}.")
            return redirect("plan_detail", pk=plan.pk)
    context.update({"form": form, "current": current, "following": following})
    return render(request, "plans/advance.html", context)


@require_GET
@requires(Action.CLINIC_OVERVIEW)
def clinic_overview(request):
    from plans.overview import overview

    return render(request, "plans/clinic_overview.html", overview(timezone.localdate()))
