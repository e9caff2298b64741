"""The precaution forms: one per kind, showing that kind's fields."""

from datetime import datetime

from django import forms
from django.utils import timezone

from patients.precautions import KIND_FIELDS, Precaution
from rehabana.fields import ClinicalDateField

COMMON_FIELDS = ("starts_on", "until", "details")


class PrecautionForm(forms.ModelForm):
    """The fields of ``instance.kind`` and the dates; the model's ``clean`` checks them
    (the BP limit against the resting BP, the IDDSI ranges, partial weight bearing's %)."""

    starts_on = ClinicalDateField(label="From")
    until = ClinicalDateField(label="Until (last day)", required=False)
    # A change: the ``changed_at`` the form was opened on, so that a colleague's change
    # saved since is not silently undone (``set_precaution`` compares it, row locked).
    version = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Precaution
        # Every kind's fields, then the dates and details; __init__ keeps the kind's own.
        fields = [*(name for names in KIND_FIELDS.values() for name in names), *COMMON_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = {*KIND_FIELDS.get(self.instance.kind, ()), *COMMON_FIELDS, "version"}
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        if self.instance._state.adding:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.changed_at.isoformat()
        self.fields["details"].label = "Details"
        self.fields["details"].widget.attrs.setdefault("rows", 3)

    def clean_version(self) -> datetime:
        try:
            opened = datetime.fromisoformat(self.cleaned_data["version"])
        except ValueError:
            opened = None
        if opened is None or timezone.is_naive(opened):
            raise forms.ValidationError("This form is out of date: open the precaution again.")
        return opened

    @property
    def opened_version(self) -> datetime | None:
        return self.cleaned_data.get("version")


class EndPrecautionForm(forms.Form):
    reason = forms.CharField(
        label="Why it ends",
        max_length=200,
        help_text="E.g. the swallow was reassessed, or the surgeon cleared weight bearing. "
        "The precaution leaves the banner and stays in the chart's history.",
    )


class AcknowledgeForm(forms.Form):
    """The precautions the banner showed: the ones the click acknowledges."""

    precaution = forms.TypedMultipleChoiceField(coerce=int, choices=())

    def __init__(self, *args, shown: list[Precaution], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["precaution"].choices = [(p.pk, p.pk) for p in shown]
