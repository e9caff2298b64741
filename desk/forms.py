from django import forms

from reference.models import Condition, Discipline, Phase
from rehabana.fields import ClinicalDateField
from staff.models import Leave, User
from staff.roles import Role


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
