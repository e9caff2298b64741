from django.contrib import admin

from delivery.models import Addendum, Assessment, SelfHarmReview, TherapySession
from domain import measures
from patients.admin_base import ClinicalAdmin, ReadOnlyAdmin, ReadOnlyInline


class AddendumInline(ReadOnlyInline, admin.StackedInline):
    """Addenda are written by the session's therapist in the app; the admin shows them."""

    model = Addendum
    fields = ["author", "created_at", "text"]
    readonly_fields = ["author", "created_at", "text"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TherapySession)
class TherapySessionAdmin(ClinicalAdmin):
    list_display = [
        "start",
        "patient",
        "discipline",
        "therapist",
        "minutes",
        "attendance",
        "signed_at",
    ]
    list_filter = ["attendance", "discipline", ("signed_at", admin.EmptyFieldListFilter)]
    search_fields = ["patient__mrn", "patient__family_name", "therapist__username"]
    list_select_related = ["patient", "discipline", "therapist"]
    raw_id_fields = ["patient", "plan", "stage"]
    # Administrators schedule sessions; logging and signing belong to the therapist
    # (the permission table), so the note itself is read-only here.
    readonly_fields = [
        "attendance",
        "absence_code",
        "absence_reason",
        "techniques",
        "goals_addressed",
        "subjective",
        "objective",
        "assessment",
        "plan_note",
        "pain_before",
        "pain_after",
        "signed_at",
        "signed_by",
        "version",
    ]
    inlines = [AddendumInline]
    date_hierarchy = "start"

    def has_change_permission(self, request, obj=None):
        # A signed note is immutable everywhere, the admin included: it opens read-only.
        if obj is not None and obj.is_signed:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    """Recorded by clinicians in the app; administrators read them."""

    list_display = ["assessed_at", "patient", "measure", "result", "body_site", "assessed_by"]
    list_filter = ["measure"]
    search_fields = ["patient__mrn", "patient__family_name"]
    list_select_related = ["patient", "assessed_by"]
    raw_id_fields = ["patient", "session"]
    readonly_fields = ["score"]

    @admin.display(description="Value", ordering="score")
    def result(self, assessment: Assessment) -> str:
        """ "Unable to perform" in words, as everywhere else, never the stored code."""
        return measures.display(assessment.value)


@admin.register(Addendum)
class AddendumAdmin(ReadOnlyAdmin):
    """Written by therapists in the app, and final once written."""

    list_display = ["session", "author", "created_at"]
    search_fields = ["session__patient__mrn", "session__patient__family_name", "text"]
    list_select_related = ["session__discipline", "author"]
    raw_id_fields = ["session"]


@admin.register(SelfHarmReview)
class SelfHarmReviewAdmin(ReadOnlyAdmin):
    """Written by a physician in the app (it clears a PHQ-9 self-harm alert); final."""

    list_display = ["assessment", "reviewed_by", "reviewed_at"]
    search_fields = ["assessment__patient__mrn", "assessment__patient__family_name", "note"]
    list_select_related = ["assessment__patient", "assessment__measure", "reviewed_by"]
