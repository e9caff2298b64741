from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from delivery.access import booking_discipline
from delivery.models import SOAP_FIELDS, AbsenceCode, Attendance, TherapySession
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
        # A goal's whole words: its short name (str) cuts mid-sentence, mid-target.
        self.fields["goals_addressed"].label_from_instance = lambda goal: goal.text
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


class NoteDraftForm(forms.Form):
    """The autosave of the session log: the version read and the note's four texts."""

    version = forms.IntegerField(min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SOAP_FIELDS.values():
            model_field = TherapySession._meta.get_field(name)
            self.fields[name] = forms.CharField(
                required=False, strip=False, max_length=model_field.max_length
            )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssessmentForm(forms.Form):
    """One form per instrument: item scores, a choice among published descriptors, the
    seconds of a timed walk, or a single value.

    Every item score and category is a labelled radio choice carrying its published
    wording (``domain.measures``), so the form is filled without the manual. ``assessment``
    pre-fills the form from a recorded result (a correction).
    """

    assessed_at = ClinicalDateTimeField(label="When")
    notes = forms.CharField(
        required=False, max_length=NOTE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, instrument: measures.Instrument, assessment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["assessed_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        if instrument.is_item_scored:
            for key in instrument.items:
                attrs = {"data-item-score": key}
                if key in instrument.untestable_items:
                    # The live total adds 0 for "UN", as the server does.
                    attrs["data-untestable"] = str(instrument.untestable_code)
                self.fields[f"item_{key}"] = forms.TypedChoiceField(
                    label=instrument.item_labels.get(key, key),
                    choices=[
                        (score, f"{instrument.item_score_label(key, score)} — {words}")
                        if words
                        else (score, str(score))
                        for score, words in instrument.item_choices(key)
                    ],
                    coerce=int,
                    widget=forms.RadioSelect(attrs=attrs),
                )
        elif instrument.is_choice:
            self.fields["value"] = forms.ChoiceField(
                label=instrument.name,
                choices=[
                    (value, f"{value} — {words}") for value, words in instrument.value_choices()
                ],
                required=not instrument.allows_unable,
                widget=forms.RadioSelect,
            )
        elif instrument.is_graded:
            self.fields["value"] = forms.ChoiceField(
                label=instrument.name, choices=[(level, level) for level in instrument.levels]
            )
        elif instrument.timed_distance_m is not None:
            self.fields["seconds"] = forms.CharField(
                label=f"Seconds over the timed {instrument.timed_distance_m} m",
                max_length=12,
                required=False,
                help_text="The speed is computed: "
                f"{instrument.timed_distance_m} m ÷ seconds, in m/s to 2 decimal places.",
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
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
                help_text="The patient could not complete the test; leave the result empty.",
            )
        if instrument.records_walking_aid:
            self.fields["walking_aid"] = forms.ChoiceField(
                label="Walking aid used",
                choices=[(str(aid), label) for aid, label in measures.WALKING_AID_LABELS.items()],
                required=False,
                widget=forms.RadioSelect,
                help_text="Required with a time: a walk with a frame is not a walk without.",
            )
        if instrument.per_body_site:
            self.fields["muscle_group"] = forms.ChoiceField(
                choices=[(group, group) for group in sites.MUSCLE_GROUPS]
            )
            self.fields["side"] = forms.ChoiceField(
                choices=[(side, side.capitalize()) for side in sites.SIDES]
            )
        self.order_fields(
            ["value", "seconds", "unable", "walking_aid", "muscle_group", "side", "assessed_at"]
        )
        if assessment is not None:
            self.initial.update(_initial_from(assessment, instrument))

    def item_fields(self):
        return [self[name] for name in self.fields if name.startswith("item_")]

    def item_sections(self) -> list[tuple[str, list]]:
        """The item fields under their subscale headings (one untitled group without)."""
        sections = self.instrument.item_sections or (("", tuple(self.instrument.items)),)
        return [(title, [self[f"item_{key}"] for key in keys]) for title, keys in sections]

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
        timed = tool.timed_distance_m is not None
        entered = cleaned.get("seconds" if timed else "value")
        result_field = "seconds" if timed else ("value" if "value" in self.fields else None)
        cleaned["walk_seconds"] = None
        try:
            if tool.is_item_scored:
                items = {key: cleaned[f"item_{key}"] for key in tool.items}
                cleaned["items"] = items
                cleaned["total"] = measures.score(tool.code, items)
            elif cleaned.get("unable"):
                if entered:
                    raise ValidationError(
                        "Either a result or “unable to perform”, not both: leave the result empty."
                    )
                cleaned["value"] = measures.UNABLE
            elif tool.allows_unable and not entered:
                raise ValidationError(
                    "Enter the result, or tick “unable to perform” if the patient could not "
                    "complete the test."
                )
            elif timed:
                cleaned["value"] = measures.walk_speed(tool.code, entered)
                cleaned["walk_seconds"] = Decimal(entered.strip())
            else:
                cleaned["value"] = measures.validate(tool.code, cleaned["value"])
        except ValidationError as error:
            self.add_error(result_field, error)
            return cleaned
        if tool.records_walking_aid:
            aid = cleaned.get("walking_aid") or None
            if aid is None and cleaned.get("value") != measures.UNABLE:
                self.add_error("walking_aid", "Say which walking aid was used (or “None”).")
            cleaned["walking_aid"] = aid
        if tool.per_body_site:
            cleaned["body_site"] = sites.body_site(cleaned["muscle_group"], cleaned["side"])
        return cleaned

    def result_fields(self) -> dict:
        """The fields of an ``Assessment`` this form sets (valid forms only)."""
        data = self.cleaned_data
        return {
            "items": data.get("items", {}),
            "value": data.get("value", ""),
            "walk_seconds": data.get("walk_seconds"),
            "walking_aid": data.get("walking_aid"),
            "body_site": data.get("body_site", ""),
            "assessed_at": data["assessed_at"],
            "notes": data["notes"],
        }


def _initial_from(assessment, instrument: measures.Instrument) -> dict:
    """A recorded result as the form's initial values."""
    initial = {
        "assessed_at": timezone.localtime(assessment.assessed_at),
        "notes": assessment.notes,
        "walking_aid": assessment.walking_aid or "",
    }
    unable = measures.is_unable(assessment.value)
    if instrument.is_item_scored:
        initial.update({f"item_{key}": score for key, score in (assessment.items or {}).items()})
    elif instrument.timed_distance_m is not None:
        seconds = assessment.walk_seconds
        initial["seconds"] = "" if seconds is None else f"{seconds.normalize():f}"
    elif not unable:
        initial["value"] = assessment.value
    initial["unable"] = unable
    if instrument.per_body_site and assessment.body_site:
        group, _, side = assessment.body_site.rpartition(", ")
        initial.update({"muscle_group": group, "side": side})
    return initial


class AssessmentCorrectionForm(AssessmentForm):
    """A recorded result, corrected: the same fields, and why."""

    reason = forms.CharField(
        label="Why the result is corrected",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept with the correction in the assessment's history.",
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Say why the result is corrected.")
        return reason


class SelfHarmReviewForm(forms.Form):
    """The physician's review of a PHQ-9 item-9 answer: what was done about it."""

    note = forms.CharField(
        label="What was done",
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E.g. risk assessed with the patient, safety plan agreed, GP or "
        "crisis team informed.",
    )


class ScheduleForm(forms.Form):
    discipline = forms.ModelChoiceField(
        queryset=Discipline.objects.filter(is_active=True), empty_label=None
    )
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
