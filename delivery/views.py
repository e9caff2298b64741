"""Therapy sessions (log, sign, addenda) and assessments."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from delivery import presenters, services
from delivery.access import (
    assessment_correction_refusal,
    get_assessment_for_user,
    get_session_for_user,
)
from delivery.forms import (
    AddendumForm,
    AssessmentCorrectionForm,
    AssessmentForm,
    NoteDraftForm,
    SelfHarmReviewForm,
    SessionLogForm,
)
from delivery.models import Assessment, SelfHarmReview, TherapySession
from delivery.queries import active_instruments
from domain import measures
from domain.advance import baseline_result
from patients import precautions
from patients.access import can_open_patient, get_patient_for_user, on_get, opened
from patients.access_log import AccessKind, record_access
from patients.precaution_forms import AcknowledgeForm
from patients.records import StaleVersion
from patients.service_calls import call_with_form, call_with_messages, posted_version
from plans.access import get_plan_for_user
from staff.access import require
from staff.permissions import Action

STALE_NOTE = (
    "Someone else saved this note while you were writing. Nothing was overwritten: your "
    "text is below and the saved note is on the session page; merge them and save again."
)


@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, log=True)
    can_read_notes = (
        TherapySession.objects.scoped(request.user, Action.NOTES_READ).filter(pk=pk).exists()
    )
    can_log = TherapySession.objects.scoped(request.user, Action.SESSION_LOG).filter(pk=pk).exists()
    context = {
        "session": session,
        "precautions": precautions.banner_precautions(request.user, session.patient_id),
        "can_open_patient": can_open_patient(request.user, session.patient_id),
        "can_read_notes": can_read_notes,
        "can_log": can_log,
        "addendum_form": AddendumForm(),
    }
    if can_read_notes:
        context["content"] = session.note_content()
        context["addenda"] = session.addenda.select_related("author")
        context["history"] = session.history.select_related("history_user")[:20]
    return render(request, "delivery/session.html", context)


@require_http_methods(["GET", "POST"])
def session_log(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, Action.SESSION_LOG, log=opened(request))
    if session.is_signed:
        messages.info(request, "This note is signed; corrections are addenda.")
        return redirect("session_detail", pk=session.pk)
    form = SessionLogForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        logged = call_with_form(
            form,
            lambda: services.log_session(
                session=session,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                fields=form.session_fields(),
                techniques=form.cleaned_data["techniques"],
                goals=form.cleaned_data["goals_addressed"],
            ),
            stale=STALE_NOTE,
        )
        if logged:
            messages.success(request, "Session logged. Sign the note when it is complete.")
            return redirect("session_detail", pk=session.pk)
    shown = precautions.banner_precautions(
        request.user, session.patient_id, with_acknowledgement=True
    )
    context = {
        "session": session,
        "form": form,
        "can_open_patient": can_open_patient(request.user, session.patient_id),
        "precautions": shown,
        "unacknowledged": [p for p in shown if not p.acknowledged],
    }
    return render(request, "delivery/session_log.html", context)


@require_POST
def session_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the session's therapist acknowledges the precautions the log page showed
    them (recorded, with its own history); then the session can be logged."""
    session = get_session_for_user(request.user, pk, Action.SESSION_LOG, log=False)
    form = AcknowledgeForm(
        request.POST, shown=precautions.unacknowledged(session.patient_id, request.user)
    )
    if form.is_valid():
        count = precautions.acknowledge(
            session.patient_id, form.cleaned_data["precaution"], by=request.user
        )
        messages.success(request, f"Acknowledged {count} precaution{'s' if count != 1 else ''}.")
    else:
        messages.error(
            request, "The precautions changed since the page opened: read them again below."
        )
    return redirect("session_log", pk=session.pk)


@require_POST
def session_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx autosave of the note being typed on the log page (server-side: nothing clinical
    is kept in the browser). Answers the draft's status, and the new version for the form."""
    session = get_session_for_user(request.user, pk, Action.SESSION_LOG, log=False)
    form = NoteDraftForm(request.POST)
    context = {"session": session, "saved": False}
    if not form.is_valid():
        context["problem"] = "Draft not saved: the note is too long or the page is outdated."
    else:
        data = form.cleaned_data
        try:
            context["session"] = services.save_draft(
                session=session,
                by=request.user,
                expected_version=data["version"],
                fields={name: data[name] for name in services.DRAFT_FIELDS},
            )
            context["saved"] = True
        except StaleVersion:
            context["problem"] = (
                "Draft not saved: someone else saved this note meanwhile. Save the form to "
                "see both versions."
            )
        except ValidationError as error:
            context["problem"] = "Draft not saved: " + " ".join(error.messages)
    return render(request, "delivery/partials/draft_status.html", context)


@require_POST
def session_sign(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, Action.SESSION_LOG, log=False)
    version = posted_version(request)  # None: an old page without one, nothing to compare
    call_with_messages(
        request,
        lambda: services.sign_note(session=session, by=request.user, expected_version=version),
        stale="The note changed since you opened it; read it again, then sign.",
        success="Note signed. Corrections from now on are addenda.",
    )
    return redirect("session_detail", pk=session.pk)


@require_POST
def session_addendum(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request.user, pk, Action.SESSION_LOG, log=False)
    form = AddendumForm(request.POST)
    if form.is_valid():
        call_with_messages(
            request,
            lambda: services.add_addendum(
                session=session, by=request.user, text=form.cleaned_data["text"]
            ),
            stale=STALE_NOTE,
            success="Addendum added.",
        )
    else:
        messages.error(request, "Write the addendum before adding it.")
    return redirect("session_detail", pk=session.pk)


@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, patient_pk: int, code: str) -> HttpResponse:
    patient = get_patient_for_user(
        request.user,
        patient_pk,
        Action.ASSESSMENT_RECORD,
        log=on_get(request, AccessKind.DEMOGRAPHICS),
    )
    instruments = active_instruments()
    if code not in instruments:
        raise Http404("No such outcome measure.")  # or retired: no new results of it
    instrument = instruments[code]
    form = AssessmentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        assessment = Assessment(
            patient=patient, measure_id=code, assessed_by=request.user, **form.result_fields()
        )
        if call_with_form(form, lambda: services.record_assessment(assessment), stale=""):
            messages.success(
                request, f"Recorded {instrument.name}: {measures.display(assessment.value)}."
            )
            if assessment.has_self_harm_answer:
                messages.warning(
                    request,
                    "Item 9 (thoughts of self-harm) was answered above “not at all”: the "
                    "physicians see an alert until one of them reviews it. If the risk is "
                    "immediate, do not wait: follow the clinic's emergency procedure.",
                )
            return redirect("patient_detail", pk=patient.pk)
    context = {"patient": patient, "form": form, "instrument": instrument,
               "instruments": instruments}  # fmt: skip
    return render(request, "delivery/assessment_form.html", context)


@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A recorded result with its items and their descriptors, who recorded it and when,
    its notes, and its corrections (from the history)."""
    assessment = get_assessment_for_user(request.user, pk, log=True)
    context = {
        "assessment": assessment,
        "patient": assessment.patient,
        "instrument": assessment.instrument,
        "lines": presenters.assessment_lines(assessment),
        "subtotals": presenters.assessment_subtotals(assessment),
        "severity": assessment.instrument.severity(assessment.value),
        "descriptor": assessment.instrument.describe(assessment.value),
        "versions": presenters.assessment_versions(assessment),
        "can_correct": not assessment_correction_refusal(request.user, assessment),
        # A PHQ-9 item-9 answer: whether a physician has reviewed it yet.
        "self_harm": assessment.has_self_harm_answer,
    }
    if context["self_harm"]:
        context["self_harm_reviewed"] = SelfHarmReview.objects.filter(
            assessment=assessment
        ).exists()
    return render(request, "delivery/assessment_detail.html", context)


@require_http_methods(["GET", "POST"])
def self_harm_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A PHQ-9 whose item 9 was answered above "not at all": the physician reviews it,
    saying what was done, which clears the alert (kept, with who and when)."""
    assessment = get_assessment_for_user(request.user, pk, log=False)
    require(request.user, Action.SELF_HARM_REVIEW)
    if not assessment.has_self_harm_answer:
        raise Http404("This result has no self-harm answer to review.")
    if request.method == "GET":
        record_access(
            user=request.user, patient=assessment.patient, kind=AccessKind.RESULTS, object_id=pk
        )
    review = SelfHarmReview.objects.filter(assessment=assessment).select_related("reviewed_by")
    review = review.first()
    form = SelfHarmReviewForm(request.POST or None)
    if request.method == "POST" and review is None and form.is_valid():
        call = partial(
            services.review_self_harm,
            assessment=assessment,
            by=request.user,
            note=form.cleaned_data["note"],
        )
        if call_with_form(form, call, stale=""):
            messages.success(request, "Reviewed: the alert is cleared and the review kept.")
            return redirect("patient_detail", pk=assessment.patient_id)
    context = {
        "assessment": assessment,
        "patient": assessment.patient,
        "answer": assessment.self_harm_answer,
        "review": review,
        "form": form,
    }
    return render(request, "delivery/self_harm_review.html", context)


@require_http_methods(["GET", "POST"])
def assessment_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a result entered in error: the same form, pre-filled, and a reason."""
    assessment = get_assessment_for_user(request.user, pk, log=False)
    refusal = assessment_correction_refusal(request.user, assessment)
    if refusal:
        raise PermissionDenied(refusal)
    if opened(request):  # the form shows the result: logged once the page is allowed
        record_access(
            user=request.user, patient=assessment.patient, kind=AccessKind.RESULTS, object_id=pk
        )
    instrument = assessment.instrument
    form = AssessmentCorrectionForm(
        request.POST or None, instrument=instrument, assessment=assessment
    )
    if request.method == "POST" and form.is_valid():
        corrected: list[Assessment] = []
        done = call_with_form(
            form,
            lambda: corrected.append(
                services.correct_assessment(
                    assessment=assessment,
                    by=request.user,
                    fields=form.result_fields(),
                    reason=form.cleaned_data["reason"],
                )
            ),
            stale="",
        )
        if done:
            messages.success(
                request,
                f"Corrected {instrument.name}: {corrected[0].display_value}. "
                "The earlier version stays in the history.",
            )
            return redirect("assessment_detail", pk=assessment.pk)
    context = {"patient": assessment.patient, "form": form, "instrument": instrument,
               "assessment": assessment, "correcting": True}  # fmt: skip
    return render(request, "delivery/assessment_form.html", context)


@require_GET
def goal_baseline(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the baseline input pre-filled with the latest result of the chosen measure
    (at the chosen site for a per-site measure) in the plan's episode: taken since the
    diagnosis's onset day, up to today, when the goal is set."""
    plan = get_plan_for_user(request.user, pk, Action.PLAN_EDIT, log=False)
    record_access(user=request.user, patient=plan.patient, kind=AccessKind.RESULTS)
    episode_start = plan.diagnosis.onset_date
    found = baseline_result(
        Assessment.objects.results_for(plan.patient_id, since=episode_start),
        measure=request.GET.get("measure", ""),
        site=request.GET.get("body_site", ""),
        episode_start=episode_start,
        set_on=timezone.localdate(),
    )
    value = found.value if found else ""
    return render(request, "plans/partials/baseline_input.html", {"value": value})
