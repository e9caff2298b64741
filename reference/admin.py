from django.contrib import admin

from reference.models import (
    ClinicHours,
    Condition,
    Discipline,
    Holiday,
    OutcomeMeasure,
    PlanTemplate,
    Technique,
    TemplateAllocation,
    TemplateStage,
)
from rehabana.history_admin import SafeHistoryAdmin


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "order", "colour"]
    list_editable = ["order"]
    search_fields = ["code", "name"]


@admin.register(Technique)
class TechniqueAdmin(admin.ModelAdmin):
    list_display = ["name", "discipline", "is_active"]
    list_editable = ["is_active"]

    # Signed notes name their techniques: retire one (is_active off), never delete it.
    def has_delete_permission(self, request, obj=None):
        return False

    list_filter = ["discipline", "is_active"]
    search_fields = ["name"]


@admin.register(OutcomeMeasure)
class OutcomeMeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "range", "unit", "lower_is_better"]
    readonly_fields = ["name", "range", "unit", "lower_is_better"]
    search_fields = ["code"]

    @admin.display(description="Range")
    def range(self, obj):
        # The add page has no instrument yet: its read-only fields stay blank.
        tool = obj.known_instrument
        return tool.range_label if tool else ""

    @admin.display(boolean=True, description="Lower is better")
    def lower_is_better(self, obj):
        return obj.lower_is_better


@admin.register(Condition)
class ConditionAdmin(SafeHistoryAdmin):
    list_display = ["name", "icd10", "category", "needs_neuro_rehab", "template"]
    list_filter = ["category", "needs_neuro_rehab", "template"]
    search_fields = ["name", "icd10"]
    list_select_related = ["template"]


class TemplateAllocationInline(admin.TabularInline):
    model = TemplateAllocation
    extra = 0


@admin.register(TemplateStage)
class TemplateStageAdmin(SafeHistoryAdmin):
    list_display = ["template", "order", "name", "phase", "starts_after_days", "ends_after_days"]
    list_filter = ["template"]
    list_select_related = ["template"]
    inlines = [TemplateAllocationInline]


class TemplateStageInline(admin.TabularInline):
    model = TemplateStage
    extra = 0
    show_change_link = True
    fields = [
        "order",
        "name",
        "phase",
        "starts_after_days",
        "ends_after_days",
        "exit_measure",
        "exit_value",
        "exit_needs_window",
    ]


@admin.register(PlanTemplate)
class PlanTemplateAdmin(SafeHistoryAdmin):
    list_display = ["name", "phase_rule"]
    inlines = [TemplateStageInline]


@admin.register(ClinicHours)
class ClinicHoursAdmin(SafeHistoryAdmin):
    """The seven weekdays' hours: changed, never added or deleted (a weekday without hours
    is closed, with ``is_open`` off)."""

    list_display = ["weekday", "is_open", "opens", "closes"]
    list_editable = ["is_open", "opens", "closes"]
    list_display_links = ["weekday"]
    readonly_fields = ["weekday"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(SafeHistoryAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]
