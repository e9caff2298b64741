from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from patients import diagnoses
from patients.access import get_patient_for_user, on_get
from patients.access_log import AccessKind
from patients.forms import (
    ArchiveForm,
    CareTeamForm,
    CareTeamSetupForm,
    DiagnosisEditForm,
    DiagnosisForm,
    EnteredInErrorForm,
    PatientForm,
    PatientSearchForm,
    ResolveDiagnosisForm,
    SeverityForm,
)
from patients.models import (
    DiagnosisSeverity,
    Patient,
    SeverityGroup,
    stroke_type_of,
)
from patients.records import StaleVersion, carry_forward, save_if_current, version_record
from patients.service_calls import call_with_form, call_with_messages
from staff.access import requires
from staff.permissions import Action


@requires(Action.PATIENT_READ)
@require_http_methods(["GET", "POST"])
def registry(request: HttpRequest) -> HttpResponse:
    # Searches are POSTed so that names and phone numbers never sit in URLs or access logs.
    form = PatientSearchForm(request.POST if request.method == "POST" else None)
    patients = Patient.objects.visible_to(request.user)
    page_number = request.GET.get("page", 1)
    if form.is_bound and form.is_valid():
        if not form.cleaned_data["include_archived"]:
            patients = patients.active()
        patients = patients.search(form.cleaned_data["q"])
        page_number = form.cleaned_data["page"] or 1
    else:
        patients = patients.active()
    page = Paginator(patients, settings.PAGE_SIZE).get_page(page_number)
    context = {"form": form, "page": page}
    if request.headers.get("HX-Request"):
        return render(request, "patients/partials/patient_table.html", context)
    return render(request, "patients/registry.html", context)


@requires(Action.PATIENT_REGISTER)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        patient = form.save()
        messages.success(request, f"Registered {patient.full_name} as {patient.mrn}.")
        return redirect("patient_detail", pk=patient.pk)
    return render(request, "patients/form.html", {"form": form, "patient": None})


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(
        request.user, pk, Action.PATIENT_REGISTER, log=on_get(request, AccessKind.DEMOGRAPHICS)
    )
    form = PatientForm(request.POST or None, instance=patient)
    conflict = None
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["version"] or 0
        entered = form.entered_values()
        try:
            save_if_current(form.save(commit=False), expected_version=expected)
        except StaleVersion as stale:
            patient = stale.current
            conflict, form = _conflict(form, patient, expected, entered)
        else:
            messages.success(request, f"Saved {patient.full_name}'s details.")
            return redirect("patient_detail", pk=patient.pk)
    return render(
        request, "patients/form.html", {"form": form, "patient": patient, "conflict": conflict}
    )


def _conflict(
    form, current, expected_version: int, entered: dict
) -> tuple[list[dict], PatientForm]:
    """The conflict table, and the form to save again: the newer copy with only this user's
    own changes carried onto it (compared with the version their form opened with, read from
    the audit history), so saving again never reverts what the other person changed."""
    opened_record = version_record(current, expected_version)
    saved = form.values_of(current)
    # Without that version's history row, every field typed differently counts as this user's.
    opened = form.values_of(opened_record) if opened_record is not None else saved
    merge = carry_forward(opened=opened, saved=saved, entered=entered)
    rows = [
        {
            "label": form.fields[name].label,
            "opened": form.display(name, opened.get(name)),
            "saved": form.display(name, saved[name]),
            "typed": form.display(name, entered[name]) if name in merge.mine else None,
            "both": name in merge.both,
            "kept": "yours" if name in merge.mine else "theirs",
        }
        for name in form.tracked_fields()
        if name in merge.mine | merge.theirs
    ]
    # An unbound form: the newer copy, its version, and this user's changes as initial values.
    again = PatientForm(instance=current, initial={name: entered[name] for name in merge.mine})
    return rows, again


@require_http_methods(["GET", "POST"])
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(
        request.user, pk, Action.PATIENT_REGISTER, log=on_get(request, AccessKind.DEMOGRAPHICS)
    )
    form = ArchiveForm(request.POST or None)
    if patient.is_archived:
        messages.info(request, f"{patient.full_name} is already archived.")
        return redirect("patient_detail", pk=patient.pk)
    if request.method == "POST" and form.is_valid():
        patient.archive(reason=form.cleaned_data["reason"])
        messages.success(request, f"Archived {patient.full_name}. The record is kept in full.")
        return redirect("patient_detail", pk=patient.pk)
    return render(request, "patients/archive.html", {"form": form, "patient": patient})


@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, pk, Action.PATIENT_REGISTER, log=None)
    if patient.is_archived:
        patient.restore()
        messages.success(request, f"Restored {patient.full_name} to the active registry.")
    return redirect("patient_detail", pk=patient.pk)


@require_http_methods(["GET", "POST"])
def care_team(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(
        request.user, pk, Action.CARE_TEAM_MANAGE, log=on_get(request, AccessKind.CARE_TEAM)
    )
    form = CareTeamForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        member = form.save()
        messages.success(request, f"{member.staff} joined the care team.")
        return redirect("patient_care_team", pk=patient.pk)
    members = patient.care_team.select_related("staff__discipline").order_by(
        "end_date", "team_role", "start_date"
    )
    return render(
        request, "patients/care_team.html", {"patient": patient, "form": form, "members": members}
    )


@require_http_methods(["GET", "POST"])
def care_team_setup(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead physician and a therapist of each discipline, in one form."""
    patient = get_patient_for_user(
        request.user, pk, Action.CARE_TEAM_MANAGE, log=on_get(request, AccessKind.CARE_TEAM)
    )
    form = CareTeamSetupForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        changes: list[str] = []
        if call_with_form(form, lambda: changes.extend(form.save()), stale=""):
            messages.success(request, " ".join(changes) or "The care team is unchanged.")
            return redirect("patient_care_team", pk=patient.pk)
    return render(request, "patients/care_team_setup.html", {"patient": patient, "form": form})


@require_POST
def care_team_end(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, pk, Action.CARE_TEAM_MANAGE, log=None)
    member = get_object_or_404(patient.care_team.select_related("staff"), pk=member_pk)
    if member.end_date is None:
        # Ending a membership that has not started yet closes it on its first day.
        member.end_date = max(timezone.localdate(), member.start_date)
        member.save()
        messages.success(request, f"{member.staff} left the care team.")
    return redirect("patient_care_team", pk=patient.pk)


@require_http_methods(["GET", "POST"])
def diagnosis_new(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(
        request.user, pk, Action.PLAN_EDIT, log=on_get(request, AccessKind.DEMOGRAPHICS)
    )
    form = DiagnosisForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        diagnosis = form.save()
        messages.success(request, f"Recorded {diagnosis.condition.name}.")
        return redirect("patient_detail", pk=patient.pk)
    return render(request, "patients/diagnosis_form.html", {"patient": patient, "form": form})


def _diagnosis_for(request: HttpRequest, pk: int, diagnosis_pk: int):
    """The patient (404 outside the user's scope, 403 for a role that may not correct) and
    their diagnosis; one entered in error is gone from every page (404)."""
    patient = get_patient_for_user(
        request.user, pk, Action.DIAGNOSIS_CORRECT, log=on_get(request, AccessKind.DEMOGRAPHICS)
    )
    diagnosis = get_object_or_404(
        patient.diagnoses.valid().select_related("condition"), pk=diagnosis_pk
    )
    return patient, diagnosis


NOT_SAVED = "Someone else changed this diagnosis meanwhile; nothing was overwritten."


@require_http_methods(["GET", "POST"])
def diagnosis_edit(request: HttpRequest, pk: int, diagnosis_pk: int) -> HttpResponse:
    patient, diagnosis = _diagnosis_for(request, pk, diagnosis_pk)
    form = DiagnosisEditForm(request.POST or None, instance=diagnosis, patient=patient)
    if request.method == "POST" and form.is_valid():
        saved = call_with_form(
            form,
            lambda: diagnoses.correct(
                diagnosis=form.save(commit=False),
                by=request.user,
                reason=form.cleaned_data["reason"],
            ),
            stale=NOT_SAVED,
        )
        if saved:
            messages.success(request, f"Corrected {diagnosis.condition.name}.")
            return redirect("patient_detail", pk=patient.pk)
    context = {"patient": patient, "diagnosis": diagnosis, "form": form, "action": "edit"}
    return render(request, "patients/diagnosis_form.html", context)


@require_http_methods(["GET", "POST"])
def diagnosis_resolve(request: HttpRequest, pk: int, diagnosis_pk: int) -> HttpResponse:
    patient, diagnosis = _diagnosis_for(request, pk, diagnosis_pk)
    form = ResolveDiagnosisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_with_form(
            form,
            lambda: diagnoses.resolve(
                diagnosis=diagnosis, by=request.user, on=form.cleaned_data["resolved_on"]
            ),
            stale=NOT_SAVED,
        )
        if saved:
            messages.success(request, f"{diagnosis.condition.name} is recorded as resolved.")
            return redirect("patient_detail", pk=patient.pk)
    context = {"patient": patient, "diagnosis": diagnosis, "form": form, "action": "resolve"}
    return render(request, "patients/diagnosis_form.html", context)


@require_http_methods(["GET", "POST"])
def diagnosis_entered_in_error(request: HttpRequest, pk: int, diagnosis_pk: int) -> HttpResponse:
    patient, diagnosis = _diagnosis_for(request, pk, diagnosis_pk)
    form = EnteredInErrorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_with_form(
            form,
            lambda: diagnoses.enter_in_error(
                diagnosis=diagnosis, by=request.user, reason=form.cleaned_data["reason"]
            ),
            stale=NOT_SAVED,
        )
        if saved:
            messages.success(
                request,
                f"{diagnosis.condition.name} is marked entered in error; "
                "it stays in the change history.",
            )
            return redirect("patient_detail", pk=patient.pk)
    context = {"patient": patient, "diagnosis": diagnosis, "form": form, "action": "error"}
    return render(request, "patients/diagnosis_form.html", context)


@require_POST
def diagnosis_make_primary(request: HttpRequest, pk: int, diagnosis_pk: int) -> HttpResponse:
    patient, diagnosis = _diagnosis_for(request, pk, diagnosis_pk)
    call_with_messages(
        request,
        lambda: diagnoses.make_primary(diagnosis=diagnosis, by=request.user),
        stale=NOT_SAVED,
        success=f"{diagnosis.condition.name} is now the primary diagnosis.",
    )
    return redirect("patient_detail", pk=patient.pk)


@require_http_methods(["GET", "POST"])
def diagnosis_severity(request: HttpRequest, pk: int, diagnosis_pk: int) -> HttpResponse:
    """Record or correct the baseline severity of a stroke, cord injury or brain injury
    diagnosis: only its group's fields."""
    patient, diagnosis = _diagnosis_for(request, pk, diagnosis_pk)
    group = diagnosis.severity_group
    if group is None:
        raise Http404("This diagnosis has no baseline severity.")
    record = DiagnosisSeverity.objects.filter(diagnosis=diagnosis).first()
    # A first record starts from the type the code names (I63: ischaemic), and so does a
    # record the diagnosis's correction left outdated (I63 corrected to I61).
    fresh = record is None or not record.fits(diagnosis)
    initial = {"stroke_type": stroke_type_of(diagnosis) or ""} if fresh else None
    form = SeverityForm(request.POST or None, group=group, record=record, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_with_form(
            form,
            lambda: diagnoses.record_severity(
                diagnosis=diagnosis,
                by=request.user,
                values=form.values(),
                reason=form.cleaned_data.get("reason", ""),
            ),
            stale=NOT_SAVED,
        )
        if saved:
            messages.success(request, f"Saved the baseline severity of {diagnosis.condition.name}.")
            return redirect("patient_detail", pk=patient.pk)
    context = {
        "patient": patient,
        "diagnosis": diagnosis,
        "form": form,
        "action": "severity",
        "group": group,
        "group_label": SeverityGroup(group).label,
        "record": record,
    }
    return render(request, "patients/diagnosis_form.html", context)
