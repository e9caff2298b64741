from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.urls import reverse
from django.utils import timezone

from domain import gas, measures
from domain.sites import BODY_SITES
from domain.triage import PROBLEMS
from plans.models import Approach, Goal, GoalKind, HoldReason, PatientPriority, Stage
from reference.models import AllocationFields, Discipline, OutcomeMeasure, active_or_current
from rehabana.fields import ClinicalDateField

# A stale save of a plan: what the forms of plan pages say (services raise StaleVersion).
STALE = (
    "Someone else changed this plan while you were editing it. Nothing was overwritten: "
    "your entries are below; check the plan as it is now, then save again."
)

MAIN_PROBLEMS = ["pain_stiffness", "neuro_weakness", "mobility", "independence"]
ALSO_AFFECTED = [
    "speech",
    "swallowing",
    "hand_function",
    "memory",
    "balance",
    "mood",
    "neglect_vision",
    "continence",
    "fatigue",
    "spasticity",
]


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
    # A per-site measure (the Ashworth scale) is no exit criterion: a stage has no site.
    exit_measure = forms.ChoiceField(
        required=False,
        choices=[("", "—")]
        + [(c, t.name) for c, t in measures.INSTRUMENTS.items() if not t.per_body_site],
    )
    exit_value = forms.CharField(required=False, max_length=10, label="Exit threshold")
    exit_needs_window = forms.BooleanField(
        required=False,
        label="The exit criterion also needs the planned window to have run",
        help_text=(
            "The measure alone does not suggest moving on before the stage's planned end "
            "(e.g. healing tissue in a protection stage)."
        ),
    )

    def __init__(self, *args, stage: Stage, disciplines, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.disciplines = list(disciplines)
        active = {a.discipline_id: a for a in stage.allocations.all() if a.is_active}
        # A stage planned shorter than a week counts its sessions in the stage.
        self.per = "in the stage" if stage.in_the_stage else "a week"
        for discipline in self.disciplines:
            row = active.get(discipline.code)
            self.fields[f"{discipline.code}_sessions"] = forms.IntegerField(
                label=f"{discipline.short_name} sessions {self.per}",
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
        self.fields["exit_needs_window"].initial = bool(stage.exit_needs_window)
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
            "exit_needs_window": bool(data["exit_needs_window"]),
        }


class GoalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    target_date = ClinicalDateField()
    kind = forms.ChoiceField(
        label="Kind of goal",
        choices=GoalKind.choices,
        initial=GoalKind.IMPROVE,
        required=False,  # empty is "improve", as for goals written before kinds
        help_text="Maintain (Parkinson's, MS, chronic spinal cord injury): the target is the "
        "level to stay at or better than, and may equal the baseline.",
    )
    reason = ReasonMixin.base_fields["reason"]

    class Meta:
        model = Goal
        fields = [
            "discipline",
            "stage",
            "icf_domain",
            "text",
            "kind",
            "measure",
            "body_site",
            "baseline",
            "target",
            "target_date",
            "status",
            *Goal.GAS_FIELDS.values(),
            "gas_baseline",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.Textarea(attrs={"rows": 1}) for name in Goal.GAS_FIELDS.values()},
        }
        # Not "baseline": the measure's baseline field is labelled so.
        labels = {"gas_baseline": "Starting GAS level"}
        help_texts = {
            "text": "Specific, measurable, achievable, relevant, time-bound.",
            "baseline": (
                "Pre-filled from the latest assessment of the measure (at the site) since "
                "the onset."
            ),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["stage"].queryset = plan.stages.all()
        self.fields["discipline"].queryset = active_or_current(
            Discipline.objects.all(), self.instance.discipline_id
        )
        self.fields["measure"].queryset = active_or_current(
            OutcomeMeasure.objects.all(), self.instance.measure_id
        )
        self.fields["version"].initial = plan.version
        baseline_lookup = {
            "hx-get": reverse("plan_goal_baseline", args=[plan.pk]),
            "hx-target": "#id_baseline",
            "hx-swap": "outerHTML",
        }
        self.fields["measure"].widget.attrs.update(baseline_lookup)
        # Muscle group × side, the same text the assessment form stores; a site typed
        # elsewhere (the admin) stays offered so that editing the goal keeps it.
        sites = list(BODY_SITES)
        if self.instance.body_site and self.instance.body_site not in sites:
            sites.append(self.instance.body_site)
        self.fields["body_site"] = forms.ChoiceField(
            label="Muscle group and side",
            required=False,
            choices=[("", "—")] + [(site, site) for site in sites],
            help_text="For a measure graded per muscle group (Modified Ashworth Scale).",
            widget=forms.Select(attrs=baseline_lookup | {"hx-include": "#id_measure"}),
        )
        self.fields["measure"].widget.attrs["hx-include"] = "#id_body_site"
        if self.instance._state.adding:
            del self.fields["status"]

    def clean_kind(self):
        return self.cleaned_data.get("kind") or GoalKind.IMPROVE

    def gas_rows(self):
        """The five GAS level fields, +2 first, as a scale is read."""
        return [self[Goal.GAS_FIELDS[level]] for level in sorted(Goal.GAS_FIELDS, reverse=True)]

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
            cleaned["body_site"] = None
            if baseline or target:
                self.add_error("measure", "Baseline and target need an outcome measure.")
            return cleaned
        tool = measure.instrument
        if tool.per_body_site and not cleaned.get("body_site"):
            self.add_error("body_site", f"{tool.name} goals name the muscle group and side.")
        elif not tool.per_body_site:
            cleaned["body_site"] = None
        if not target:
            self.add_error("target", "Give the target on this measure.")
            return cleaned
        for name in ("baseline", "target"):
            if cleaned.get(name):
                try:
                    cleaned[name] = tool.normalise(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        if self.errors:
            return cleaned
        baseline, target = cleaned.get("baseline"), cleaned["target"]
        kind = cleaned.get("kind") or GoalKind.IMPROVE
        error = measures.goal_target_error(tool.code, kind, baseline or "", target)
        if error:
            self.add_error("target", error)
        return cleaned


class ActivateForm(VersionedForm):
    unstaffed_reason = forms.CharField(
        label="Activate without them: why",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
        help_text="Only when a planned discipline has no therapist on the care team; "
        "kept in the plan's revision.",
    )


class AdvanceForm(VersionedForm):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the plan moves on; kept with the stage change.",
    )
    effective_date = ClinicalDateField(label="New stage from")


class HoldForm(VersionedForm):
    """A dated hold of the plan (e.g. a hospital admission)."""

    starts_on = ClinicalDateField(label="Held from")
    ends_on = ClinicalDateField(
        label="Held until (last day)", required=False, help_text="Empty while it lasts."
    )
    reason = forms.ChoiceField(choices=HoldReason.choices)
    note = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required for 'Other'; kept in the revision history.",
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "A hold ends on or after the day it begins.")
        if cleaned.get("reason") == HoldReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why the plan is held.")
        return cleaned


class EndHoldForm(VersionedForm):
    back_on = ClinicalDateField(label="Back from")


class GasRatingForm(forms.Form):
    """A goal's review: the GAS level reached."""

    level = forms.TypedChoiceField(
        label="Level reached",
        coerce=int,
        choices=[(level, f"{level:+d} {meaning}") for level, meaning in gas.LEVELS.items()],
        widget=forms.RadioSelect,
    )
    reviewed_on = ClinicalDateField(label="Reviewed on")
    note = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        # Each level with what this goal says it looks like.
        self.fields["level"].choices = [
            (level, f"{level:+d} {meaning}" + (f": {text}" if text else ""))
            for level, meaning, text in goal.gas_levels()
        ]
        self.fields["reviewed_on"].initial = timezone.localdate()

    def clean_reviewed_on(self):
        day = self.cleaned_data["reviewed_on"]
        if problem := self.goal.review_day_problem(day):
            raise ValidationError(problem)
        return day


class PriorityForm(forms.ModelForm):
    """What matters to the patient, in their own words."""

    class Meta:
        model = PatientPriority
        fields = ["text", "rank", "goals"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "text": "Write it as the patient said it (e.g. “to walk to the temple”).",
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["goals"].queryset = plan.goals.all()
        self.fields["goals"].label_from_instance = lambda goal: goal.text[:120]
        self.fields["rank"].validators.append(MinValueValidator(1))
        self.fields["rank"].widget.attrs["min"] = 1
        if self.instance._state.adding and not self.initial.get("rank"):
            self.initial["rank"] = plan.priorities.current().count() + 1

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise ValidationError("Write the priority in the patient's words.")
        return text
