from django.contrib import admin

from patients.admin_base import ClinicalAdmin, ReadOnlyInline, at_most_one
from plans.models import (
    Addendum,
    Allocation,
    Assessment,
    Goal,
    PlanRevision,
    RehabPlan,
    Stage,
    StageTransition,
    TherapySession,
)


class StageInline(admin.TabularInline):
    model = Stage
    formset = at_most_one(
        lambda row: True if row.get("status") == "current" else None,
        "A plan has one current stage at a time.",
    )
    extra = 0
    can_delete = False
    show_change_link = True
    fields = [
        "order",
        "name",
        "phase",
        "status",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
    ]


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    can_delete = False
    fields = [
        "discipline",
        "icf_domain",
        "text",
        "measure",
        "baseline",
        "target",
        "target_date",
        "status",
    ]


@admin.register(RehabPlan)
class RehabPlanAdmin(ClinicalAdmin):
    list_display = ["patient", "diagnosis", "lead_physician", "approach", "status", "review_date"]
    list_filter = ["status", "approach", "lead_physician", "diagnosis__condition"]
    search_fields = ["patient__mrn", "patient__family_name", "patient__given_name"]
    list_select_related = ["patient", "diagnosis__condition", "lead_physician"]
    autocomplete_fields = ["patient", "diagnosis"]
    readonly_fields = ["activated_at", "activated_by", "version", "created_at"]
    inlines = [StageInline, GoalInline]


class AllocationInline(admin.TabularInline):
    model = Allocation
    extra = 0
    can_delete = False


@admin.register(Stage)
class StageAdmin(ClinicalAdmin):
    list_display = ["plan", "order", "name", "phase", "status", "actual_start"]
    list_filter = ["status", "phase"]
    search_fields = ["plan__patient__mrn", "plan__patient__family_name"]
    list_select_related = ["plan__patient"]
    raw_id_fields = ["plan"]
    inlines = [AllocationInline]


@admin.register(Goal)
class GoalAdmin(ClinicalAdmin):
    list_display = [
        "plan",
        "discipline",
        "icf_domain",
        "measure",
        "target",
        "target_date",
        "status",
    ]
    list_filter = ["status", "icf_domain", "discipline", "measure"]
    search_fields = ["plan__patient__mrn", "plan__patient__family_name", "text"]
    list_select_related = ["plan__patient"]
    raw_id_fields = ["plan", "stage"]


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
class AssessmentAdmin(ClinicalAdmin):
    list_display = ["assessed_at", "patient", "measure", "value", "body_site", "assessed_by"]
    list_filter = ["measure"]
    search_fields = ["patient__mrn", "patient__family_name"]
    list_select_related = ["patient", "assessed_by"]
    raw_id_fields = ["patient", "session"]
    readonly_fields = ["score"]

    # Assessments are recorded by clinicians in the app; administrators read them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)


@admin.register(Allocation)
class AllocationAdmin(ClinicalAdmin):
    list_display = ["stage", "discipline", "sessions_per_week", "minutes_per_session"]
    list_filter = ["discipline"]
    search_fields = ["stage__plan__patient__mrn", "stage__plan__patient__family_name"]
    list_select_related = ["stage__plan__patient", "discipline"]
    raw_id_fields = ["stage"]


@admin.register(Addendum)
class AddendumAdmin(ClinicalAdmin):
    list_display = ["session", "author", "created_at"]
    search_fields = ["session__patient__mrn", "session__patient__family_name", "text"]
    list_select_related = ["session__discipline", "author"]
    raw_id_fields = ["session"]

    # Addenda are written by therapists in the app and final once written.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)


class ReadOnlyAdmin(ClinicalAdmin):
    """Records that are final once written: the admin lists and shows them, nothing more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)


@admin.register(PlanRevision)
class PlanRevisionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "number", "author", "created_at", "reason"]
    search_fields = ["plan__patient__mrn", "plan__patient__family_name", "reason", "changes"]
    list_select_related = ["plan__patient", "author"]


@admin.register(StageTransition)
class StageTransitionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "from_stage", "to_stage", "by", "effective_date"]
    search_fields = ["plan__patient__mrn", "plan__patient__family_name", "reason"]
    list_select_related = ["plan__patient", "from_stage", "to_stage", "by"]
