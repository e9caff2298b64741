from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from delivery.access import booking_discipline
from delivery.models import AbsenceCode, Attendance, TherapySession
from domain import balance, measures, sites
from plans.models import GoalStatus
from reference.models import Discipline, Technique
from rehabana.fields import ClinicalDateTimeField, RecordChoicesField
from rehabana.text import NOTE_MAX_CHARS
from staff.roles import Role


class SessionLogForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    start = ClinicalDateTimeField(label="Actual start")
    minutes = forms.IntegerField(
        min_value=0, max_value=TherapySession.MAX_MINUTES, label="Minutes delivered"
    )
    pain_before = forms.IntegerField(min_value=0, max_value=TherapySession.MAX_PAIN, required=False)
    pain_after = forms.IntegerField(min_value=0, max_value=TherapySession.MAX_PAIN, required=False)

    class Meta:
        model = TherapySession
        fields = [
            "attendance",
            "absence_code",
            "absence_reason",
            "start",
            "minutes",
            "techniques",
            "goals_addressed",
            "pain_before",
            "pain_after",
            "subjective",
            "objective",
            "assessment",
            "plan_note",
        ]
        field_classes = {"techniques": RecordChoicesField, "goals_addressed": RecordChoicesField}
        widgets = {
            "attendance": forms.RadioSelect,
            "techniques": forms.CheckboxSelectMultiple,
            "goals_addressed": forms.CheckboxSelectMultiple,
            "subjective": forms.Textarea(attrs={"rows": 2}),
            "objective": forms.Textarea(attrs={"rows": 2}),
            "assessment": forms.Textarea(attrs={"rows": 2}),
            "plan_note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "absence_code": "Why it did not happen (cancelled or no-show)",
            "absence_reason": "Details (required for 'Other')",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        session = self.instance
        self.fields["attendance"].choices = [
            choice for choice in Attendance.choices if choice[0] != Attendance.SCHEDULED
        ]
        self.fields["techniques"].queryset = Technique.objects.filter(
            discipline_id=session.discipline_id, is_active=True
        )
        self.fields["goals_addressed"].queryset = session.plan.goals.filter(
            status=GoalStatus.ACTIVE
        )
        self.fields["version"].initial = session.version
        if session.attendance == Attendance.SCHEDULED:
            self.initial["attendance"] = Attendance.ATTENDED

    def clean(self):
        cleaned = super().clean()
        attendance = cleaned.get("attendance")
        if attendance == Attendance.ATTENDED and cleaned.get("minutes") == 0:
            self.add_error("minutes", "An attended session lasts at least one minute.")
        if attendance in balance.MISSED:
            if not cleaned.get("absence_code"):
                self.add_error("absence_code", "Say why the session did not happen.")
            elif (
                cleaned["absence_code"] == AbsenceCode.OTHER
                and not cleaned.get("absence_reason", "").strip()
            ):
                self.add_error("absence_reason", "Describe the reason.")
        else:
            # Attended: no absence reason travels on.
            cleaned["absence_code"], cleaned["absence_reason"] = None, ""
        return cleaned

    def session_fields(self) -> dict:
        skip = {"techniques", "goals_addressed"}
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in skip}


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssessmentForm(forms.Form):
    """One form per instrument: item scores, a grade, or a single value."""

    assessed_at = ClinicalDateTimeField(label="When")
    notes = forms.CharField(
        required=False, max_length=NOTE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, instrument: measures.Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["assessed_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        if instrument.is_item_scored:
            for key, allowed in instrument.items.items():
                self.fields[f"item_{key}"] = forms.TypedChoiceField(
                    label=instrument.item_labels.get(key, key),
                    choices=[("", "—")] + [(value, value) for value in allowed],
                    coerce=int,
                    widget=forms.Select(attrs={"data-item-score": key, "class": "form-select"}),
                )
        elif instrument.is_graded:
            self.fields["value"] = forms.ChoiceField(
                label=instrument.name, choices=[(level, level) for level in instrument.levels]
            )
        else:
            self.fields["value"] = forms.CharField(
                label=f"{instrument.name} ({instrument.unit})",
                max_length=12,
                required=not instrument.allows_unable,
            )
        if instrument.allows_unable:
            self.fields["unable"] = forms.BooleanField(
                label=measures.UNABLE_LABEL,
                required=False,
                help_text="The patient could not complete the test; leave the value empty.",
            )
        if instrument.per_body_site:
            self.fields["muscle_group"] = forms.ChoiceField(
                choices=[(group, group) for group in sites.MUSCLE_GROUPS]
            )
            self.fields["side"] = forms.ChoiceField(
                choices=[(side, side.capitalize()) for side in sites.SIDES]
            )
        self.order_fields(["value", "unable", "muscle_group", "side", "assessed_at", "notes"])

    def item_fields(self):
        return [self[name] for name in self.fields if name.startswith("item_")]

    def clean_assessed_at(self):
        moment = self.cleaned_data["assessed_at"]
        if moment > timezone.now() + timezone.timedelta(minutes=5):
            raise ValidationError("An assessment cannot be in the future.")
        return moment

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        tool = self.instrument
        try:
            if tool.is_item_scored:
                items = {key: cleaned[f"item_{key}"] for key in tool.items}
                cleaned["items"] = items
                cleaned["total"] = measures.score(tool.code, items)
            elif cleaned.get("unable"):
                if cleaned.get("value"):
                    raise ValidationError(
                        "Either a result or “unable to perform”, not both: leave the value empty."
                    )
                cleaned["value"] = measures.UNABLE
            elif tool.allows_unable and not cleaned.get("value"):
                raise ValidationError(
                    "Enter the result, or tick “unable to perform” if the patient could not "
                    "complete the test."
                )
            else:
                cleaned["value"] = measures.validate(tool.code, cleaned["value"])
        except ValidationError as error:
            self.add_error("value" if "value" in self.fields else None, error)
        if tool.per_body_site:
            cleaned["body_site"] = sites.body_site(cleaned["muscle_group"], cleaned["side"])
        return cleaned


class ScheduleForm(forms.Form):
    discipline = forms.ModelChoiceField(queryset=Discipline.objects.all(), empty_label=None)
    therapist = forms.ModelChoiceField(queryset=None)
    start = ClinicalDateTimeField()
    minutes = forms.IntegerField(min_value=5, max_value=TherapySession.MAX_MINUTES, initial=45)

    def __init__(self, *args, patient, user, **kwargs):
        super().__init__(*args, **kwargs)
        team = get_user_model().objects.filter(
            care_teams__in=patient.care_team.active(), role=Role.THERAPIST, is_active=True
        )
        only = booking_discipline(user)
        if only is not None:
            self.fields["discipline"].queryset = Discipline.objects.filter(pk=only)
            team = team.filter(discipline_id=only)
        self.fields["therapist"].queryset = team.select_related("discipline").distinct()

    def clean(self):
        cleaned = super().clean()
        therapist, discipline = cleaned.get("therapist"), cleaned.get("discipline")
        if therapist and discipline and therapist.discipline_id != discipline.pk:
            self.add_error(
                "therapist", f"{therapist} does not give {discipline.short_name} sessions."
            )
        return cleaned


class CancelBookingForm(forms.Form):
    """Cancel a booking: the coded reason says whose side it is on; words for "other"."""

    absence_code = forms.ChoiceField(label="Why", choices=AbsenceCode.choices)
    absence_reason = forms.CharField(label="Details", max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class MoveBookingForm(forms.Form):
    start = ClinicalDateTimeField(label="New start")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class CheckInForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
