"""Setting, changing and ending a patient's precautions, from the chart."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from patients import precautions
from patients.access import get_patient_for_user, on_get
from patients.access_log import AccessKind
from patients.models import Patient
from patients.precaution_forms import EndPrecautionForm, PrecautionForm
from patients.precautions import Precaution, PrecautionKind
from patients.service_calls import call_with_form
from staff.permissions import Action

REFUSED = "This kind of precaution is set by a physician or a therapist of its discipline."
STALE = (
    "Someone else changed this precaution after you opened it. Nothing was saved: open it "
    "again from the chart to see their change, then make yours."
)


def _patient(request: HttpRequest, pk: int) -> Patient:
    # The form shows the patient's name and their precautions: the page opens the record.
    return get_patient_for_user(
        request.user, pk, Action.PRECAUTION_SET, log=on_get(request, AccessKind.CHART)
    )


def _precaution(request: HttpRequest, patient: Patient, precaution_pk: int) -> Precaution:
    precaution = get_object_or_404(
        patient.precautions.select_related("set_by", "ended_by"), pk=precaution_pk
    )
    if not precautions.may_set(request.user, patient.pk, precaution.kind):
        raise PermissionDenied(REFUSED)
    return precaution


@require_http_methods(["GET", "POST"])
def precaution_new(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _patient(request, pk)
    choices = precautions.kinds_for(request.user, patient.pk)
    if not choices:
        raise PermissionDenied(REFUSED)
    kind = request.GET.get("kind", "")
    if not kind:
        context = {"patient": patient, "choices": choices}
        return render(request, "patients/precaution_kinds.html", context)
    if kind not in PrecautionKind.values:
        raise Http404("No such kind of precaution.")
    if kind not in dict(choices):
        raise PermissionDenied(REFUSED)
    form = PrecautionForm(request.POST or None, instance=Precaution(patient=patient, kind=kind))
    if (
        request.method == "POST"
        and form.is_valid()
        and call_with_form(
            form, lambda: precautions.set_precaution(form.instance, by=request.user), stale=""
        )
    ):
        messages.success(request, f"{form.instance.get_kind_display()} precaution set.")
        return redirect("patient_detail", pk=patient.pk)
    context = {"patient": patient, "form": form, "kind": PrecautionKind(kind).label}
    return render(request, "patients/precaution_form.html", context)


@require_http_methods(["GET", "POST"])
def precaution_edit(request: HttpRequest, pk: int, precaution_pk: int) -> HttpResponse:
    patient = _patient(request, pk)
    precaution = _precaution(request, patient, precaution_pk)
    if precaution.ended_at is not None:
        messages.info(request, "This precaution has ended; set a new one instead.")
        return redirect("patient_detail", pk=patient.pk)
    # The form edits a copy: the page's summary stays the saved precaution (after a refused
    # save, a colleague's change) rather than the typed values.
    form = PrecautionForm(request.POST or None, instance=copy(precaution))
    if (
        request.method == "POST"
        and form.is_valid()
        and call_with_form(
            form,
            lambda: precautions.set_precaution(
                form.instance, by=request.user, expected_changed_at=form.opened_version
            ),
            stale=STALE,
        )
    ):
        messages.success(
            request,
            f"{precaution.get_kind_display()} precaution changed; therapists are asked to "
            "acknowledge it again.",
        )
        return redirect("patient_detail", pk=patient.pk)
    context = {"patient": patient, "form": form, "kind": precaution.get_kind_display(),
               "precaution": precaution}  # fmt: skip
    return render(request, "patients/precaution_form.html", context)


@require_http_methods(["GET", "POST"])
def precaution_end(request: HttpRequest, pk: int, precaution_pk: int) -> HttpResponse:
    patient = _patient(request, pk)
    precaution = _precaution(request, patient, precaution_pk)
    if precaution.ended_at is not None:
        messages.info(
            request,
            f"This precaution has already ended ({precaution.ended_by}: {precaution.end_reason}).",
        )
        return redirect("patient_detail", pk=patient.pk)
    form = EndPrecautionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_with_form(
            form,
            lambda: precautions.end_precaution(
                precaution, by=request.user, reason=form.cleaned_data["reason"]
            ),
            stale="",
        )
    ):
        messages.success(request, f"{precaution.get_kind_display()} precaution ended.")
        return redirect("patient_detail", pk=patient.pk)
    context = {"patient": patient, "form": form, "kind": precaution.get_kind_display(),
               "precaution": precaution, "ending": True}  # fmt: skip
    return render(request, "patients/precaution_form.html", context)
