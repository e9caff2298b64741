from django import forms

from desk.caseload import ATTENTION_ITEMS
from reference.models import Condition, Discipline, TemplateStage
from rehabana.fields import ClinicalDateField
from staff.models import Leave, User
from staff.roles import Role


class CaseloadFilterForm(forms.Form):
    """The physician dashboard's filters: reference codes only, so a GET query string
    carries no patient data."""

    condition = forms.ModelChoiceField(
        queryset=Condition.objects.order_by("name"), required=False, empty_label="All conditions"
    )
    # A template's stage: a plan is in it when the plan follows that template and its
    # current stage has the stage's phase (a plan's stages are the template's, copied
    # with their phase; some are left out, so their order may differ).
    stage = forms.TypedChoiceField(
        label="Current stage", coerce=int, empty_value=None, required=False
    )
    # "on" was the checkbox's value: links and bookmarks made with it still work.
    attention = forms.ChoiceField(
        label="Needing attention",
        choices=[("", "All plans"), ("on", "Anything"), *ATTENTION_ITEMS.items()],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same stage name ("Acute", "Protection") recurs in several templates: grouped
        # by template, each in its stages' order, so an option says whose stage it is.
        grouped = TemplateStage.objects.by_template()
        self.stages = {stage.pk: stage for _, stages in grouped for stage in stages}
        self.fields["stage"].choices = [("", "All stages")] + [
            (
                template.name if template.is_active else f"{template.name} (retired)",
                [(stage.pk, stage.name) for stage in stages],
            )
            for template, stages in grouped
        ]

    def template_stage(self) -> TemplateStage | None:
        """The chosen stage (the form is valid), from the choices' own query."""
        return self.stages.get(self.cleaned_data.get("stage"))


class DayFilterForm(forms.Form):
    """Reception's day: which day, and narrowed to one therapist or discipline. Codes and
    ids only, so the query string carries no patient data."""

    # The format in the label: a hint line under the input would put it out of line with
    # the other filters.
    date = ClinicalDateField(required=False, label="Date (DD/MM/YYYY)", hint=False)
    therapist = forms.ModelChoiceField(
        queryset=User.objects.filter(role=Role.THERAPIST, is_active=True).select_related(
            "discipline"
        ),
        required=False,
        empty_label="All therapists",
    )
    discipline = forms.ModelChoiceField(
        queryset=Discipline.objects.all(), required=False, empty_label="All disciplines"
    )


class LeaveForm(forms.ModelForm):
    starts_on = ClinicalDateField(label="From")
    ends_on = ClinicalDateField(label="Until", help_text="The last day away (included).")

    class Meta:
        model = Leave
        fields = ["therapist", "starts_on", "ends_on", "reason", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = User.objects.filter(
            role=Role.THERAPIST, is_active=True
        ).select_related("discipline")


class CoverForm(forms.Form):
    """One booked session of the absence, given to a colleague (same time)."""

    session = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    therapist = forms.IntegerField(min_value=1, max_value=2**63 - 1)
