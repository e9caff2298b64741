import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from domain import severity
from patients.models import (
    INVALID_PHONE,
    SEVERITY_FIELDS,
    CareTeamMember,
    CareTeamRole,
    Diagnosis,
    DiagnosisSeverity,
    DiagnosisStatus,
    Patient,
)
from reference.models import Condition, Discipline, active_or_current
from rehabana import phones
from rehabana.fields import ClinicalDateField
from staff.models import User
from staff.roles import Role


def _e164(value: str) -> str:
    """A valid phone number in E.164 (Indian numbers without +91 too); a form error else."""
    number = phones.to_e164(value)
    if number is None:
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return number


class PatientForm(forms.ModelForm):
    consent = forms.BooleanField(
        label="Consent to assessment and treatment recorded", required=False
    )
    confirm_duplicate = forms.BooleanField(
        label="This is a different person: register anyway", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Longer than the stored 14 digits: the card prints them as 12-3456-7890-1234.
    abha_number = forms.CharField(
        label="ABHA number",
        max_length=20,
        required=False,
        help_text=Patient._meta.get_field("abha_number").help_text,
    )

    class Meta:
        model = Patient
        fields = [
            "given_name",
            "family_name",
            "date_of_birth",
            "sex",
            "phone",
            "preferred_language",
            "abha_number",
            "address",
            "emergency_contact_name",
            "emergency_contact_phone",
        ]
        field_classes = {"date_of_birth": ClinicalDateField}
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = []
        if self.instance.pk:
            self.fields["consent"].initial = self.instance.consent_recorded_at is not None
            self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("given_name"), Column("family_name")),
            Row(Column("date_of_birth"), Column("sex"), Column("preferred_language")),
            Row(Column("phone"), Column("abha_number")),
            "address",
            Row(Column("emergency_contact_name"), Column("emergency_contact_phone")),
            "consent",
            "version",
        )

    def tracked_fields(self) -> list[str]:
        """The fields an edit can change, as a stale edit compares them."""
        return [*self.Meta.fields, "consent"]

    def values_of(self, record) -> dict[str, object]:
        """The form's values as ``record`` (a patient or one of its history rows) holds them."""
        values = {name: getattr(record, name) for name in self.Meta.fields}
        values["consent"] = record.consent_recorded_at is not None
        return values

    def entered_values(self) -> dict[str, object]:
        """What this user submitted, cleaned as it would be saved."""
        return {name: self.cleaned_data.get(name) for name in self.tracked_fields()}

    def display(self, name: str, value) -> object:
        """A value as the conflict table shows it: choices by their label, Yes/No."""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        choices = dict(getattr(self.fields[name], "choices", None) or ())
        return choices.get(value, value)

    def clean_abha_number(self):
        return re.sub(r"[\s-]", "", self.cleaned_data["abha_number"])

    def clean_phone(self):
        return _e164(self.cleaned_data["phone"])

    def clean_emergency_contact_phone(self):
        value = self.cleaned_data["emergency_contact_phone"]
        return _e164(value) if value else value

    def clean(self):
        cleaned = super().clean()
        phone, born = cleaned.get("phone"), cleaned.get("date_of_birth")
        if phone and born and not cleaned.get("confirm_duplicate"):
            self.duplicates = list(
                Patient.objects.same_contact(
                    phone=phone, date_of_birth=born, exclude_pk=self.instance.pk
                )[:5]
            )
            if self.duplicates:
                names = "; ".join(f"{p.mrn} {p.full_name}" for p in self.duplicates)
                self.add_error(
                    None,
                    f"Already registered with the same phone and date of birth: {names}. "
                    "Check this is not the same person; if it is not, tick "
                    "“register anyway” and save again.",
                )
        return cleaned

    def save(self, commit=True):
        patient = super().save(commit=False)
        if self.cleaned_data.get("consent"):
            patient.consent_recorded_at = patient.consent_recorded_at or timezone.now()
        else:
            patient.consent_recorded_at = None
        if commit:
            patient.save()
        return patient


class PatientSearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "placeholder": "MRN, name or phone",
                "autocomplete": "off",
                "type": "search",
                "class": "form-control",
            }
        ),
    )
    include_archived = forms.BooleanField(
        label="Include archived",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        max_length=200,
        help_text="Why the record is archived (e.g. discharged, duplicate of RH000123).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("archive", "Archive patient", css_class="btn-warning"))


class CareTeamForm(forms.ModelForm):
    class Meta:
        model = CareTeamMember
        fields = ["staff", "team_role", "start_date"]
        field_classes = {"start_date": ClinicalDateField}

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.patient = patient
        self.fields["staff"].queryset = (
            User.objects.filter(is_active=True, role__in=[Role.PHYSICIAN, Role.THERAPIST])
            .select_related("discipline")
            .order_by("role", "discipline__order", "last_name")
        )
        self.fields["start_date"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        staff, role = cleaned.get("staff"), cleaned.get("team_role")
        # The form has no patient field, so Django would skip this constraint's check.
        if (
            staff
            and CareTeamMember.objects.filter(
                patient=self.instance.patient, staff=staff, end_date__isnull=True
            ).exists()
        ):
            self.add_error("staff", "This person is already on the patient's care team.")
        if role == CareTeamRole.LEAD_PHYSICIAN:
            lead = (
                CareTeamMember.objects.filter(
                    patient=self.instance.patient,
                    team_role=CareTeamRole.LEAD_PHYSICIAN,
                    end_date__isnull=True,
                )
                .select_related("staff")
                .first()
            )
            if lead is not None:
                self.add_error(
                    "team_role",
                    f"{lead.staff} is already the lead physician. End that membership "
                    "first, or add this physician as a physician of the team.",
                )
        if staff and role:
            physician_role = role in (CareTeamRole.LEAD_PHYSICIAN, CareTeamRole.PHYSICIAN)
            if physician_role != staff.is_physician:
                self.add_error("team_role", f"{staff} cannot be the {role.replace('_', ' ')}.")
        return cleaned


class CareTeamSetupForm(forms.Form):
    """The whole care team in one form: the lead physician, then one row per discipline
    whose choices are the active therapists of that discipline (issue 14).

    A row shows the discipline's current therapist on the team; choosing someone else
    ends that membership and adds the new therapist; emptying a row ends it. Other
    members (more therapists of a discipline, physicians) are left as they are. Every
    change is a membership saved or ended, so the history keeps it."""

    def __init__(self, *args, patient: Patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.today = timezone.localdate()
        staff = list(
            User.objects.filter(is_active=True, role__in=[Role.PHYSICIAN, Role.THERAPIST])
            .select_related("discipline")
            .order_by("last_name", "first_name")
        )
        self.staff = {person.pk: person for person in staff}
        self.members = list(patient.care_team.active(self.today).select_related("staff"))
        self.disciplines = list(Discipline.objects.filter(is_active=True).order_by("order"))
        lead = self._current(lambda m: m.team_role == CareTeamRole.LEAD_PHYSICIAN)
        self.fields["lead_physician"] = forms.TypedChoiceField(
            label="Lead physician",
            coerce=int,
            choices=[("", "—")] + [(p.pk, str(p)) for p in staff if p.role == Role.PHYSICIAN],
            initial=lead.staff_id if lead else None,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        for discipline in self.disciplines:
            current = self._current(
                lambda m, code=discipline.code: (
                    m.team_role in (CareTeamRole.THERAPIST, CareTeamRole.PRIMARY_THERAPIST)
                    and m.staff.discipline_id == code
                )
            )
            self.fields[self.field_name(discipline)] = forms.TypedChoiceField(
                label=discipline.name,
                coerce=int,
                required=False,
                empty_value=None,
                choices=[("", "Nobody")]
                + [
                    (p.pk, str(p))
                    for p in staff
                    if p.role == Role.THERAPIST and p.discipline_id == discipline.code
                ],
                initial=current.staff_id if current else None,
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    @staticmethod
    def field_name(discipline: Discipline) -> str:
        return f"therapist_{discipline.code}"

    def _current(self, test):
        return next((m for m in self.members if test(m)), None)

    def rows(self):
        """(discipline, bound field) in the catalogue's order, for the template."""
        return [(d, self[self.field_name(d)]) for d in self.disciplines]

    @transaction.atomic
    def save(self) -> list[str]:
        """Write the changes; returns them as sentences for the message."""
        changes: list[str] = []
        lead = self._current(lambda m: m.team_role == CareTeamRole.LEAD_PHYSICIAN)
        chosen = self.cleaned_data["lead_physician"]
        if lead is None or lead.staff_id != chosen:
            if lead is not None:
                self._end(lead)
            # A physician already on the team in another role becomes its lead.
            other = self._current(lambda m: m.staff_id == chosen)
            if other is not None:
                self._end(other)
            self._add(chosen, CareTeamRole.LEAD_PHYSICIAN)
            changes.append(f"{self.staff[chosen]} is the lead physician.")
        for discipline in self.disciplines:
            chosen = self.cleaned_data[self.field_name(discipline)]
            current = self._current(
                lambda m, code=discipline.code: (
                    m.team_role in (CareTeamRole.THERAPIST, CareTeamRole.PRIMARY_THERAPIST)
                    and m.staff.discipline_id == code
                )
            )
            if (current.staff_id if current else None) == chosen:
                continue
            if current is not None:
                self._end(current)
                changes.append(f"{current.staff} left the team ({discipline.name}).")
            if chosen is not None and not any(
                m.staff_id == chosen and m.end_date is None for m in self.members
            ):
                self._add(chosen, CareTeamRole.THERAPIST)
                changes.append(f"{self.staff[chosen]} joined the team ({discipline.name}).")
        return changes

    def _end(self, member: CareTeamMember) -> None:
        # Ending a membership that has not started yet closes it on its first day.
        member.end_date = max(self.today, member.start_date)
        member.save()
        self.members.remove(member)

    def _add(self, staff_pk: int, role: str) -> None:
        member = CareTeamMember(
            patient=self.patient, staff=self.staff[staff_pk], team_role=role, start_date=self.today
        )
        member.full_clean()
        member.save()
        self.members.append(member)


class DiagnosisForm(forms.ModelForm):
    onset_time_unknown = forms.BooleanField(
        label="Time unknown",
        required=False,
        help_text="Phases are then read from the end of the onset day (23:59), so a phase "
        "never looks later than it could be.",
    )

    class Meta:
        model = Diagnosis
        fields = ["condition", "onset_date", "onset_time", "is_primary", "notes"]
        field_classes = {"onset_date": ClinicalDateField}
        help_texts = {"onset_time": "Leave empty, or tick below, when the time is unknown."}
        widgets = {
            "onset_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.patient = patient
        self.fields["condition"].queryset = active_or_current(
            Condition.objects.order_by("category", "name"), self.instance.condition_id
        )
        if "is_primary" in self.fields:
            self.fields["is_primary"].initial = (
                not patient.diagnoses.valid().filter(is_primary=True).exists()
            )
        self.order_fields(["condition", "onset_date", "onset_time", "onset_time_unknown"])
        if self.instance.pk:
            self.fields["onset_time_unknown"].initial = not self.instance.onset_time_is_known

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("onset_time_unknown") and cleaned.get("onset_time"):
            self.add_error(
                "onset_time", "Leave the time empty when it is unknown, or untick 'Time unknown'."
            )
        # The form has no patient field, so Django would skip this constraint's check.
        if (
            cleaned.get("is_primary")
            and Diagnosis.objects.filter(patient=self.instance.patient, is_primary=True)
            .exclude(status=DiagnosisStatus.ENTERED_IN_ERROR)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("is_primary", "The patient already has a primary diagnosis.")
        return cleaned


class DiagnosisEditForm(DiagnosisForm):
    """Correct a diagnosis (condition, onset, notes): a new history version with its reason.
    Which one is primary, resolving and entering in error are their own actions."""

    reason = forms.CharField(
        label="What is corrected, and why",
        max_length=89,
        help_text="Kept with this version in the change history.",
    )

    class Meta(DiagnosisForm.Meta):
        fields = ["condition", "onset_date", "onset_time", "notes"]


class ResolveDiagnosisForm(forms.Form):
    resolved_on = ClinicalDateField(label="Resolved on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolved_on"].initial = timezone.localdate()


class EnteredInErrorForm(forms.Form):
    reason = forms.CharField(
        label="Why it was entered in error",
        max_length=80,
        help_text="E.g. recorded for the wrong patient, or a duplicate. The diagnosis leaves "
        "every list and the primary choice, and stays in the change history.",
    )


def _scored(
    label: str, low: int, high: int, help_text: str, *, called: str = ""
) -> forms.IntegerField:
    """A total on a published range: outside it, a form error that names the range."""
    message = f"The {called or label} runs from {low} to {high}."
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={"min_value": message, "max_value": message},
    )


def _choice(label: str, choices: dict[str, str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=[("", "Not recorded"), *choices.items()]
    )


class _YesNoSelect(forms.NullBooleanSelect):
    """Yes / No / Not assessed (Django's own says "Unknown")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Not assessed"), ("true", "Yes"), ("false", "No")]


def _yes_no(label: str) -> forms.NullBooleanField:
    return forms.NullBooleanField(label=label, required=False, widget=_YesNoSelect)


class SeverityForm(forms.Form):
    """The baseline severity of one diagnosis: only the fields of its condition group
    (``SEVERITY_FIELDS``). Ranges and their sources: ``domain/severity.py``."""

    assessed_on = ClinicalDateField(label="Assessed on", help_text="The baseline (admission).")
    stroke_type = _choice("Stroke type", severity.STROKE_TYPES)
    side = _choice("Side of the lesion", severity.SIDES)
    ocsp = _choice("Territory (Oxfordshire classification, Bamford 1991)", severity.OCSP)
    nihss = _scored(
        "NIHSS", severity.NIHSS_MIN, severity.NIHSS_MAX, "At admission, 0-42 (Brott 1989)."
    )
    prestroke_mrs = _scored(
        "Pre-stroke mRS",
        severity.PRESTROKE_MRS_MIN,
        severity.PRESTROKE_MRS_MAX,
        "0 no symptoms to 5 severe disability (van Swieten 1988).",
        called="pre-stroke mRS",
    )
    aphasia = _yes_no("Aphasia")
    neglect = _yes_no("Neglect")
    dysphagia = _yes_no("Dysphagia")
    neurological_level = _choice(
        "Neurological level of injury",
        {level: level for level in severity.NEUROLOGICAL_LEVELS},
    )
    ais_grade = _choice("ASIA impairment scale grade (ISNCSCI)", severity.AIS_GRADES)
    gcs = _scored(
        "GCS",
        severity.GCS_MIN,
        severity.GCS_MAX,
        "Best in the first 24 hours, 3-15 (Teasdale & Jennett 1974; VA/DoD 2016).",
    )
    pta_days = _scored(
        "Post-traumatic amnesia (days)",
        0,
        severity.PTA_MAX_DAYS,
        "Its whole duration in days (0: under a day); empty while it lasts or unknown.",
        called="post-traumatic amnesia",
    )
    reason = forms.CharField(
        label="What is corrected, and why",
        max_length=89,
        required=False,
        help_text="Kept with this version in the change history.",
    )

    def __init__(self, *args, group: str, record: DiagnosisSeverity | None = None, **kwargs):
        if record is not None:
            kwargs["initial"] = {
                "assessed_on": record.assessed_on,
                **{name: getattr(record, name) for name in SEVERITY_FIELDS[group]},
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        self.group = group
        keep = {"assessed_on", *SEVERITY_FIELDS[group]}
        if record is not None:
            keep.add("reason")
            self.fields["reason"].required = True
        else:
            self.fields["assessed_on"].initial = timezone.localdate()
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def values(self) -> dict:
        """The cleaned values, an empty choice as None (NULL: not recorded)."""
        return {
            name: (value if value != "" else None)
            for name, value in self.cleaned_data.items()
            if name != "reason"
        }
