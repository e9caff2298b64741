from django.contrib import admin

from patients.admin_base import ClinicalAdmin, ReadOnlyAdmin, at_most_one
from plans.models import (
    Allocation,
    GasRating,
    Goal,
    PatientPriority,
    PlanHold,
    PlanRevision,
    RehabPlan,
    Stage,
    StageStatus,
    StageTransition,
)


class StageInline(admin.TabularInline):
    model = Stage
    formset = at_most_one(
        lambda row: True if row.get("status") == StageStatus.CURRENT else None,
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
        "body_site",
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


@admin.register(Allocation)
class AllocationAdmin(ClinicalAdmin):
    list_display = ["stage", "discipline", "sessions_per_week", "minutes_per_session"]
    list_filter = ["discipline"]
    search_fields = ["stage__plan__patient__mrn", "stage__plan__patient__family_name"]
    list_select_related = ["stage__plan__patient", "discipline"]
    raw_id_fields = ["stage"]


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


@admin.register(PlanHold)
class PlanHoldAdmin(ClinicalAdmin):
    list_display = ["plan", "starts_on", "ends_on", "reason", "created_by"]
    list_filter = ["reason"]
    search_fields = ["plan__patient__mrn", "plan__patient__family_name", "note"]
    list_select_related = ["plan__patient", "created_by"]
    raw_id_fields = ["plan", "created_by"]


@admin.register(GasRating)
class GasRatingAdmin(ReadOnlyAdmin):
    list_display = ["goal", "level", "reviewed_on", "by"]
    search_fields = ["goal__plan__patient__mrn", "goal__plan__patient__family_name", "note"]
    list_select_related = ["goal__plan__patient", "by"]


@admin.register(PatientPriority)
class PatientPriorityAdmin(ClinicalAdmin):
    list_display = ["plan", "rank", "text", "recorded_on", "retired_on"]
    search_fields = ["plan__patient__mrn", "plan__patient__family_name", "text"]
    list_select_related = ["plan__patient"]
    raw_id_fields = ["plan", "recorded_by", "retired_by", "goals"]
