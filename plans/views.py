from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from domain.triage import DISCLAIMER, triage
from patients.access import get_patient_for_user, on_get, opened
from patients.access_log import AccessKind, record_access
from patients.models import CareTeamRole, Patient
from patients.service_calls import call_with_form, call_with_messages, form_errors_text
from plans import services
from plans.access import get_plan_for_user
from plans.forms import (
    STALE,
    ActivateForm,
    EndHoldForm,
    GasRatingForm,
    GoalForm,
    HoldForm,
    PriorityForm,
    StageForm,
    StartPlanForm,
    TriageForm,
)
from plans.models import UNFINISHED_STATUSES, Approach, Goal, PatientPriority, Stage
from plans.presenters import mix_segments
from plans.services import baseline_of
from reference.models import Discipline, active_or_current
from staff.models import User
from staff.permissions import Action, can

# --- triage and a new plan -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def triage_page(request: HttpRequest, patient_pk: int) -> HttpResponse:
    patient = get_patient_for_user(
        request.user, patient_pk, Action.PLAN_EDIT, log=on_get(request, AccessKind.TRIAGE)
    )
    diagnoses = patient.diagnoses.valid().select_related("condition", "severity")
    form = TriageForm(request.POST or None, diagnoses=diagnoses)
    context = {
        "patient": patient,
        "form": form,
        "disclaimer": DISCLAIMER,
        # What the baseline severity says, beside the questions (one query).
        "baselines": [d for d in diagnoses if d.baseline_severity is not None],
    }
    if request.method == "POST" and form.is_valid():
        diagnosis = form.cleaned_data["diagnosis"]
        result = triage(
            form.problems(),
            diagnosis.condition.category,
            diagnosis.condition.needs_neuro_rehab,
            baseline_of(diagnosis),
        )
        problems = result.problems(form.problems())
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
def start_plan(request: HttpRequest, patient_pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, patient_pk, Action.PLAN_EDIT, log=None)
    diagnoses = patient.diagnoses.valid().select_related("condition", "severity")
    form = StartPlanForm(request.POST, diagnoses=diagnoses)
    if not form.is_valid():
        messages.error(
            request,
            "The plan was not started: " + form_errors_text(form, "; "),
        )
        return redirect("plan_triage", patient_pk=patient.pk)
    plan = services.start_plan_from_triage(
        patient=patient,
        diagnosis=form.cleaned_data["diagnosis"],
        # A plan is led by someone who may sign it: the drafting physician, or else the
        # patient's lead physician (an administrator drafting on their behalf).
        physician=(
            request.user if can(request.user, Action.PLAN_ACTIVATE) else patient_lead(patient)
        ),
        approach=form.cleaned_data["approach"],
        start_date=form.cleaned_data["start_date"],
        problems=set(form.cleaned_data["problems"]),
    )
    messages.success(
        request, "Draft plan created from the condition's template. Adjust it, then activate it."
    )
    return redirect("plan_detail", pk=plan.pk)


def patient_lead(patient: Patient) -> User:
    """An administrator drafting a plan names the patient's lead physician as its lead."""
    member = (
        patient.care_team.active()
        .filter(team_role=CareTeamRole.LEAD_PHYSICIAN)
        .select_related("staff")
        .first()
    )
    if member is None:
        raise PermissionDenied("The patient has no lead physician on the care team yet.")
    return member.staff


# --- stages and goals ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, pk: int, stage_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=opened(request))
    stage = get_object_or_404(
        Stage.objects.with_active_allocations().filter(plan=plan), pk=stage_pk
    )
    disciplines = active_or_current(
        Discipline.objects.all(), *(a.discipline_id for a in stage.active_allocations)
    )
    form = StageForm(request.POST or None, stage=stage, disciplines=disciplines)
    if request.method == "POST" and form.is_valid():
        changes: list[str] = []
        saved = call_with_form(
            form,
            lambda: changes.extend(
                services.save_stage(
                    stage=stage,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                    fields=form.stage_fields(),
                    allocations=form.cleaned_data["allocations"],
                    reason=form.cleaned_data["reason"],
                )
            ),
            stale=STALE,
        )
        if saved:
            messages.success(request, f"Saved {stage.name}." if changes else "Nothing changed.")
            return redirect("plan_detail", pk=plan.pk)
    context = {
        "plan": plan,
        "stage": stage,
        "form": form,
        "mix": mix_segments(stage.active_allocations),
    }
    return render(request, "plans/stage_form.html", context)


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int, goal_pk: int | None = None) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=opened(request))
    goal = get_object_or_404(plan.goals, pk=goal_pk) if goal_pk else Goal(plan=plan)
    form = GoalForm(request.POST or None, instance=goal, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = call_with_form(
            form,
            lambda: services.save_goal(
                goal=form.save(commit=False),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            ),
            stale=STALE,
        )
        if saved:
            messages.success(request, "Goal saved.")
            return redirect("plan_detail", pk=plan.pk)
    return render(request, "plans/goal_form.html", {"plan": plan, "form": form, "goal": goal})


@require_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=False)
    form = ActivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The plan was not activated: reload the page and try again.")
        return redirect("plan_detail", pk=plan.pk)
    call_with_messages(
        request,
        lambda: services.activate_plan(
            plan=plan,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            unstaffed_reason=form.cleaned_data["unstaffed_reason"],
        ),
        stale=STALE,
        success="Plan activated. Its first stage is current.",
    )
    return redirect("plan_detail", pk=plan.pk)


# --- holds ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def hold_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Hold the plan for a dated period (e.g. a hospital admission)."""
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=opened(request))
    form = HoldForm(
        request.POST or None,
        initial={"version": plan.version, "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data, held = form.cleaned_data, []
        saved = call_with_form(
            form,
            lambda: held.append(
                services.hold_plan(
                    plan=plan,
                    by=request.user,
                    expected_version=data["version"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    reason=data["reason"],
                    note=data["note"],
                )
            ),
            stale=STALE,
        )
        if saved:
            messages.success(request, f"Recorded: {held[0]}.")
            return redirect("plan_detail", pk=plan.pk)
    holds = plan.holds.select_related("created_by")
    return render(request, "plans/hold_form.html", {"plan": plan, "form": form, "holds": holds})


@require_POST
def hold_end(request: HttpRequest, pk: int, hold_pk: int) -> HttpResponse:
    """The patient is back: the hold ends the day before."""
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=False)
    hold = get_object_or_404(plan.holds, pk=hold_pk)
    form = EndHoldForm(request.POST)
    if not form.is_valid():
        # The field's own words, which name the expected format.
        messages.error(request, f"The hold was not ended: {form_errors_text(form)}")
        return redirect("plan_detail", pk=plan.pk)
    call_with_messages(
        request,
        lambda: services.end_hold(
            hold=hold,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            back_on=form.cleaned_data["back_on"],
        ),
        stale=STALE,
        success="Hold ended.",
    )
    return redirect("plan_detail", pk=plan.pk)


# --- goal attainment scaling and the patient's priorities -------------------------------------


@require_http_methods(["GET", "POST"])
def goal_rate(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Review a goal: the GAS level it reached, beside its scale and earlier reviews."""
    plan = get_plan_for_user(request.user, pk, log=False)
    goal = get_object_or_404(plan.goals.select_related("discipline"), pk=goal_pk)
    if not services.may_rate_goal(request.user, goal):
        raise PermissionDenied("Only a physician or a therapist of the goal's discipline rates it.")
    if opened(request):  # logged once the user is let in, as get_plan_for_user does
        record_access(
            user=request.user, patient=plan.patient, kind=AccessKind.PLAN, object_id=plan.pk
        )
    form = GasRatingForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_with_form(
            form,
            lambda: services.rate_goal(
                goal=goal,
                by=request.user,
                level=data["level"],
                reviewed_on=data["reviewed_on"],
                note=data["note"],
            ),
            stale=STALE,
        )
        if saved:
            messages.success(request, f"GAS level {data['level']:+d} recorded.")
            return redirect("plan_detail", pk=plan.pk)
    ratings = goal.gas_ratings.select_related("by")
    context = {"plan": plan, "goal": goal, "form": form, "ratings": ratings}
    return render(request, "plans/goal_rate.html", context)


@require_http_methods(["GET", "POST"])
def priority_edit(request: HttpRequest, pk: int, priority_pk: int | None = None) -> HttpResponse:
    """Add or change what matters to the patient, in their words."""
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=opened(request))
    if priority_pk:
        priority = get_object_or_404(plan.priorities.current(), pk=priority_pk)
    else:
        priority = PatientPriority(plan=plan)
    if plan.status not in UNFINISHED_STATUSES:
        raise PermissionDenied("A closed plan is not edited.")
    form = PriorityForm(request.POST or None, instance=priority, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = call_with_form(
            form,
            lambda: services.save_priority(
                priority=form.save(commit=False),
                by=request.user,
                goals=list(form.cleaned_data["goals"]),
            ),
            stale=STALE,
        )
        if saved:
            messages.success(request, "Priority saved.")
            return redirect("plan_detail", pk=plan.pk)
    context = {"plan": plan, "form": form, "priority": priority}
    return render(request, "plans/priority_form.html", context)


@require_POST
def priority_retire(request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
    """The priority no longer holds: off the plan page, kept in the history."""
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=False)
    priority = get_object_or_404(plan.priorities.current(), pk=priority_pk)
    call_with_messages(
        request,
        lambda: services.retire_priority(priority=priority, by=request.user),
        stale=STALE,
        success=f"Priority retired: “{priority.text[:80]}”",
    )
    return redirect("plan_detail", pk=plan.pk)
