"""Pages that combine the apps: the patient's chart, the plan with its delivery, the stage
advance, the clinic overview, and a patient's change history and access log."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from delivery.models import Assessment
from desk.history import patient_history
from desk.overview import overview
from desk.presenters import chart_delivery, chart_plan, plan_page_context
from patients.access import get_patient_for_user, opened
from patients.access_log import AccessKind, AccessRecord
from patients.precautions import banner_precautions, chart_precautions
from patients.service_calls import call_with_form, call_with_messages, posted_version
from plans import services
from plans.access import get_plan_for_user
from plans.forms import STALE, AdvanceForm
from plans.queries import current_and_next_stage
from staff.access import requires
from staff.permissions import Action, can


@require_GET
def patient_chart(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, pk, log=AccessKind.CHART)
    care_team = list(patient.care_team.active().select_related("staff", "staff__discipline"))
    context = {"patient": patient, "care_team": care_team}
    context.update(chart_delivery(patient, request.user))
    if can(request.user, Action.SELF_HARM_REVIEW):
        # Every physician who opens the chart sees an unreviewed PHQ-9 self-harm answer
        # (the plan's lead physician also on their dashboard): one query.
        context["self_harm_alerts"] = Assessment.objects.filter(patient=patient).self_harm_alerts()
    if can(request.user, Action.PLAN_READ):
        on_team = any(member.staff_id == request.user.pk for member in care_team)
        context.update(chart_precautions(patient, request.user, on_team=on_team))
        context["diagnoses"] = patient.diagnoses.valid().select_related("condition", "severity")
        context["chart"] = chart_plan(patient, request.user, results=context.get("patient_results"))
        context["plans"] = patient.plans.select_related("diagnosis__condition", "lead_physician")
    return render(request, "desk/chart.html", context)


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, log=True)
    context = plan_page_context(plan, request.user)
    context["precautions"] = banner_precautions(request.user, plan.patient_id)
    return render(request, "desk/plan.html", context)


@require_POST
def goal_achieved(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    """One click: the goal whose latest result meets its target is marked achieved."""
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=False)
    goal = get_object_or_404(plan.goals.select_related("plan"), pk=goal_pk)
    results = Assessment.objects.results_for(plan.patient_id, since=goal.set_on)
    current = goal.current_result(results)
    version = posted_version(request)
    call_with_messages(
        request,
        lambda: services.mark_goal_achieved(
            goal=goal, by=request.user, expected_version=version, result=current
        ),
        stale=STALE,
        success=f"Goal marked achieved: {goal.text[:80]}",
    )
    return redirect("plan_detail", pk=plan.pk)


@require_http_methods(["GET", "POST"])
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=opened(request))
    results = Assessment.objects.results_for(plan.patient_id)
    context = plan_page_context(plan, request.user, results)
    current, following = current_and_next_stage(context["stages"])
    form = AdvanceForm(
        request.POST or None,
        initial={
            "version": plan.version,
            "reason": " ".join(context["suggestion"]),
            "effective_date": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        done = call_with_form(
            form,
            lambda: services.advance_stage(
                plan=plan,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
                results=results,
                on=form.cleaned_data["effective_date"],
            ),
            stale=STALE,
        )
        if done:
            messages.success(request, f"Advanced to {following.name}.")
            return redirect("plan_detail", pk=plan.pk)
    context.update({"form": form, "current": current, "following": following})
    return render(request, "desk/advance.html", context)


@require_GET
@requires(Action.CLINIC_OVERVIEW)
def clinic_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/clinic_overview.html", overview(timezone.localdate()))


@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, pk, Action.AUDIT_READ, log=AccessKind.HISTORY)
    page = Paginator(patient_history(patient), settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/history.html", {"patient": patient, "page": page})


@require_GET
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, pk, Action.AUDIT_READ, log=AccessKind.ACCESS_LOG)
    records = AccessRecord.objects.filter(patient=patient).select_related(
        "user", "user__discipline"
    )
    page = Paginator(records, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/access_log.html", {"patient": patient, "page": page})
