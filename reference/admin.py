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
    active_or_current,
)
from rehabana.history_admin import SafeHistoryAdmin


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "order", "colour", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


@admin.register(Technique)
class TechniqueAdmin(admin.ModelAdmin):
    list_display = ["name", "discipline", "is_active"]
    list_editable = ["is_active"]

    # Signed notes name their techniques: retire one (is_active off); the admin deletes
    # nothing (rehabana.admin_site).
    list_filter = ["discipline", "is_active"]
    search_fields = ["name"]


@admin.register(OutcomeMeasure)
class OutcomeMeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "range", "unit", "lower_is_better", "is_active"]
    list_filter = ["is_active"]
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
    list_display = ["name", "icd10", "category", "needs_neuro_rehab", "template", "is_active"]
    list_filter = ["is_active", "category", "needs_neuro_rehab", "template"]
    search_fields = ["name", "icd10"]
    list_select_related = ["template"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A retired template is not offered to a condition that does not use it already.
        if db_field.name == "template":
            current = request.resolver_match.kwargs.get("object_id")
            template_id = (
                Condition.objects.filter(pk=current).values_list("template_id", flat=True).first()
                if current and current.isdigit()
                else None
            )
            kwargs["queryset"] = active_or_current(PlanTemplate.objects.all(), template_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
    list_display = ["name", "phase_rule", "is_active"]
    list_filter = ["is_active"]
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
    list_display = ["date", "name", "is_active"]
    list_filter = ["is_active"]
    date_hierarchy = "date"
    search_fields = ["name"]
