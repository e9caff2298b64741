from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plans import measures
from plans.models import Approach, Attendance, Goal, Stage, TherapySession
from plans.triage import PROBLEMS
from reference.models import AllocationFields, Condition, Discipline, Phase, Technique
from rehabana.fields import ClinicalDateField, ClinicalDateTimeField, RecordChoicesField

MAIN_PROBLEMS = ["pain_stiffness", "neuro_weakness", "mobility", "independence"]
ALSO_AFFECTED = ["speech", "swallowing", "hand_function", "memory", "balance"]


class TriageForm(forms.Form):
    diagnosis = forms.ModelChoiceField(queryset=None, empty_label=None)
    main_problem = forms.ChoiceField(
        label="What is the main problem?",
        choices=[(code, PROBLEMS[code]) for code in MAIN_PROBLEMS],
        widget=forms.RadioSelect,
    )
    also_affected = forms.MultipleChoiceField(
        label="Also affected",
        choices=[(code, PROBLEMS[code].removesuffix(" affected")) for code in ALSO_AFFECTED],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, diagnoses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diagnosis"].queryset = diagnoses
        primary = next((d for d in diagnoses if d.is_primary), None)
        if primary is not None:
            self.fields["diagnosis"].initial = primary.pk

    def problems(self) -> set[str]:
        return {self.cleaned_data["main_problem"], *self.cleaned_data["also_affected"]}


class StartPlanForm(forms.Form):
    """The physician's choice after triage; the answers travel along unchanged."""

    diagnosis = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    problems = forms.MultipleChoiceField(
        choices=list(PROBLEMS.items()), widget=forms.MultipleHiddenInput
    )
    approach = forms.ChoiceField(label="Approach you choose", choices=Approach.choices)
    start_date = ClinicalDateField()

    def __init__(self, *args, diagnoses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diagnosis"].queryset = diagnoses
        self.fields["start_date"].initial = timezone.localdate()

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        diagnosis = self.cleaned_data.get("diagnosis")
        if diagnosis and start < diagnosis.onset_date:
            raise ValidationError("A plan cannot start before the onset.")
        return start


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required once the plan is active: it goes into the revision history.",
    )


class StageForm(ReasonMixin, VersionedForm):
    name = forms.CharField(max_length=80)
    planned_start = ClinicalDateField()
    planned_end = ClinicalDateField(required=False)
    exit_measure = forms.ChoiceField(
        required=False, choices=[("", "—")] + [(c, t.name) for c, t in measures.INSTRUMENTS.items()]
    )
    exit_value = forms.CharField(required=False, max_length=10, label="Exit threshold")

    def __init__(self, *args, stage: Stage, disciplines, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.disciplines = list(disciplines)
        active = {a.discipline_id: a for a in stage.allocations.all() if a.is_active}
        for discipline in self.disciplines:
            row = active.get(discipline.code)
            self.fields[f"{discipline.code}_sessions"] = forms.IntegerField(
                label=f"{discipline.short_name} sessions a week",
                required=False,
                min_value=0,
                max_value=AllocationFields.MAX_SESSIONS_PER_WEEK,
                initial=row.sessions_per_week if row else None,
                widget=forms.NumberInput(
                    attrs={"data-mix-sessions": discipline.code, "class": "form-control"}
                ),
            )
            self.fields[f"{discipline.code}_minutes"] = forms.IntegerField(
                label=f"{discipline.short_name} minutes a session",
                required=False,
                min_value=0,
                max_value=AllocationFields.MAX_MINUTES,
                initial=row.minutes_per_session if row else None,
                widget=forms.NumberInput(
                    attrs={"data-mix-minutes": discipline.code, "class": "form-control"}
                ),
            )
        for name in ("name", "planned_start", "planned_end", "exit_value"):
            self.fields[name].initial = getattr(stage, name)
        self.fields["exit_measure"].initial = stage.exit_measure_id or ""
        self.fields["version"].initial = stage.plan.version

    def allocation_rows(self):
        for discipline in self.disciplines:
            yield (
                discipline,
                self[f"{discipline.code}_sessions"],
                self[f"{discipline.code}_minutes"],
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", "The stage cannot end before it starts.")
        measure, threshold = cleaned.get("exit_measure"), cleaned.get("exit_value", "")
        if bool(measure) != bool(threshold):
            self.add_error("exit_value", "An exit criterion needs both a measure and a threshold.")
        elif measure:
            try:
                cleaned["exit_value"] = measures.validate(measure, threshold)
            except ValidationError as error:
                self.add_error("exit_value", error)
        allocations = {}
        for discipline in self.disciplines:
            sessions = cleaned.get(f"{discipline.code}_sessions")
            minutes = cleaned.get(f"{discipline.code}_minutes")
            if not sessions and not minutes:
                allocations[discipline.code] = None
            elif not sessions or not minutes:
                self.add_error(
                    f"{discipline.code}_sessions",
                    f"{discipline.short_name}: give both sessions a week and minutes, or neither.",
                )
            elif minutes < AllocationFields.MIN_MINUTES:
                self.add_error(
                    f"{discipline.code}_minutes",
                    f"{discipline.short_name}: a session lasts at least "
                    f"{AllocationFields.MIN_MINUTES} minutes.",
                )
            else:
                allocations[discipline.code] = (sessions, minutes)
        if not self.errors and not any(allocations.values()):
            raise ValidationError("A stage needs at least one discipline.")
        cleaned["allocations"] = allocations
        return cleaned

    def stage_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "planned_start": data["planned_start"],
            "planned_end": data["planned_end"],
            "exit_measure_id": data["exit_measure"] or None,
            "exit_value": data["exit_value"] if data["exit_measure"] else "",
        }


class GoalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    target_date = ClinicalDateField()
    reason = ReasonMixin.base_fields["reason"]

    class Meta:
        model = Goal
        fields = [
            "discipline",
            "stage",
            "icf_domain",
            "text",
            "measure",
            "baseline",
            "target",
            "target_date",
            "status",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "text": "Specific, measurable, achievable, relevant, time-bound.",
            "baseline": "Pre-filled from the latest assessment of the measure.",
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["stage"].queryset = plan.stages.all()
        self.fields["discipline"].queryset = Discipline.objects.all()
        self.fields["version"].initial = plan.version
        self.fields["measure"].widget.attrs.update(
            {
                "hx-get": reverse("plan_goal_baseline", args=[plan.pk]),
                "hx-target": "#id_baseline",
                "hx-swap": "outerHTML",
            }
        )
        if self.instance._state.adding:
            del self.fields["status"]

    def clean_target_date(self):
        target_date = self.cleaned_data["target_date"]
        if self.instance._state.adding and target_date < timezone.localdate():
            raise ValidationError("A new goal's target date is in the future.")
        return target_date

    def clean(self):
        cleaned = super().clean()
        measure = cleaned.get("measure")
        baseline, target = cleaned.get("baseline"), cleaned.get("target")
        if measure is None:
            if baseline or target:
                self.add_error("measure", "Baseline and target need an outcome measure.")
            return cleaned
        if not target:
            self.add_error("target", "Give the target on this measure.")
            return cleaned
        tool = measure.instrument
        for name in ("baseline", "target"):
            if cleaned.get(name):
                try:
                    cleaned[name] = tool.normalise(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        if self.errors:
            return cleaned
        baseline, target = cleaned.get("baseline"), cleaned["target"]
        if baseline and tool.rank(target) == tool.rank(baseline):
            self.add_error("target", "The target equals the baseline: no change to measure.")
        elif baseline and tool.meets(baseline, target):
            better = "lower" if tool.lower_is_better else "higher"
            side = "below" if tool.lower_is_better else "above"
            self.add_error(
                "target",
                f"For the {tool.name} {better} is better: the target should be {side} the "
                f"baseline ({baseline}).",
            )
        return cleaned


class ActivateForm(VersionedForm):
    pass


class AdvanceForm(VersionedForm):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the plan moves on; kept with the stage change.",
    )
    effective_date = ClinicalDateField(label="New stage from")


class SessionLogForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    start = ClinicalDateTimeField(label="Actual start")
    minutes = forms.IntegerField(min_value=0, max_value=480, label="Minutes delivered")
    pain_before = forms.IntegerField(min_value=0, max_value=10, required=False)
    pain_after = forms.IntegerField(min_value=0, max_value=10, required=False)

    class Meta:
        model = TherapySession
        fields = [
            "attendance",
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
        labels = {"absence_reason": "Reason (cancelled or no-show)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        session = self.instance
        self.fields["attendance"].choices = [
            choice for choice in Attendance.choices if choice[0] != Attendance.SCHEDULED
        ]
        self.fields["techniques"].queryset = Technique.objects.filter(
            discipline_id=session.discipline_id, is_active=True
        )
        self.fields["goals_addressed"].queryset = session.plan.goals.filter(status="active")
        self.fields["version"].initial = session.version
        if session.attendance == Attendance.SCHEDULED:
            self.initial["attendance"] = Attendance.ATTENDED

    def clean(self):
        cleaned = super().clean()
        attendance = cleaned.get("attendance")
        if attendance == Attendance.ATTENDED and cleaned.get("minutes") == 0:
            self.add_error("minutes", "An attended session lasts at least one minute.")
        if (
            attendance in (Attendance.CANCELLED, Attendance.NO_SHOW)
            and not cleaned.get("absence_reason", "").strip()
        ):
            self.add_error("absence_reason", "Say why the session did not happen.")
        return cleaned

    def session_fields(self) -> dict:
        skip = {"techniques", "goals_addressed"}
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in skip}


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


MUSCLE_GROUPS = [
    "Shoulder adductors",
    "Elbow flexors",
    "Elbow extensors",
    "Wrist flexors",
    "Finger flexors",
    "Hip adductors",
    "Knee flexors",
    "Knee extensors",
    "Ankle plantarflexors",
]


class AssessmentForm(forms.Form):
    """One form per instrument: item scores, a grade, or a single value."""

    assessed_at = ClinicalDateTimeField(label="When")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

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
                label=f"{instrument.name} ({instrument.unit})", max_length=12
            )
        if instrument.per_body_site:
            self.fields["muscle_group"] = forms.ChoiceField(
                choices=[(group, group) for group in MUSCLE_GROUPS]
            )
            self.fields["side"] = forms.ChoiceField(choices=[("left", "Left"), ("right", "Right")])
        self.order_fields(["value", "muscle_group", "side", "assessed_at", "notes"])

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
            else:
                cleaned["value"] = measures.validate(tool.code, cleaned["value"])
        except ValidationError as error:
            self.add_error("value" if "value" in self.fields else None, error)
        if tool.per_body_site:
            cleaned["body_site"] = f"{cleaned['muscle_group']}, {cleaned['side']}"
        return cleaned


class ScheduleForm(forms.Form):
    discipline = forms.ModelChoiceField(queryset=Discipline.objects.all(), empty_label=None)
    therapist = forms.ModelChoiceField(queryset=None)
    start = ClinicalDateTimeField()
    minutes = forms.IntegerField(min_value=5, max_value=480, initial=45)

    def __init__(self, *args, patient, user, **kwargs):
        super().__init__(*args, **kwargs)
        team = get_user_model().objects.filter(
            care_teams__in=patient.care_team.active(), role="therapist", is_active=True
        )
        if user.is_therapist:
            # Therapists schedule their own discipline only.
            self.fields["discipline"].queryset = Discipline.objects.filter(pk=user.discipline_id)
            team = team.filter(discipline_id=user.discipline_id)
        self.fields["therapist"].queryset = team.select_related("discipline").distinct()

    def clean(self):
        cleaned = super().clean()
        therapist, discipline = cleaned.get("therapist"), cleaned.get("discipline")
        if therapist and discipline and therapist.discipline_id != discipline.pk:
            self.add_error(
                "therapist", f"{therapist} does not give {discipline.short_name} sessions."
            )
        return cleaned


class CaseloadFilterForm(forms.Form):
    """The physician dashboard's filters: reference codes only, so a GET query string
    carries no patient data."""

    condition = forms.ModelChoiceField(
        queryset=Condition.objects.order_by("name"), required=False, empty_label="All conditions"
    )
    phase = forms.ChoiceField(
        label="Current stage", choices=[("", "All stages"), *Phase.choices], required=False
    )
    attention = forms.BooleanField(label="Only plans needing attention", required=False)
