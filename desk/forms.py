from django import forms

from reference.models import Condition, Phase


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
