from django.contrib import admin

from patients.access_log import AccessKind, AccessRecord
from patients.admin_base import AccessLoggedAdmin, ClinicalAdmin, ReadOnlyAdmin, at_most_one
from patients.models import (
    CareTeamMember,
    Diagnosis,
    DiagnosisSeverity,
    DiagnosisStatus,
    Patient,
)
from patients.precautions import Precaution, PrecautionAcknowledgement


class DiagnosisInline(admin.TabularInline):
    model = Diagnosis
    formset = at_most_one(
        lambda row: (
            True
            if row.get("is_primary") and row.get("status") != DiagnosisStatus.ENTERED_IN_ERROR
            else None
        ),
        "A patient has one primary diagnosis.",
    )
    extra = 0
    can_delete = False
    autocomplete_fields = ["condition"]
    fields = ["condition", "onset_date", "onset_time", "is_primary", "status"]


class CareTeamInline(admin.TabularInline):
    model = CareTeamMember
    formset = at_most_one(
        lambda row: row.get("staff") if row.get("end_date") is None else None,
        "The same person is twice on the care team; end one membership first.",
    )
    extra = 0
    can_delete = False
    autocomplete_fields = ["staff"]
    fields = ["staff", "team_role", "start_date", "end_date"]


@admin.register(Patient)
class PatientAdmin(ClinicalAdmin):
    list_display = ["mrn", "family_name", "given_name", "date_of_birth", "phone", "archived_at"]
    list_filter = ["sex", "preferred_language", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["mrn", "family_name", "given_name", "phone", "abha_number"]
    readonly_fields = ["mrn", "registered_at", "archived_at", "version"]
    inlines = [DiagnosisInline, CareTeamInline]
    date_hierarchy = "registered_at"


@admin.register(Diagnosis)
class DiagnosisAdmin(ClinicalAdmin):
    list_display = ["patient", "condition", "onset_date", "is_primary", "status"]
    list_filter = ["status", "is_primary", "condition__category", "condition"]
    search_fields = ["patient__mrn", "patient__family_name", "condition__name", "condition__icd10"]
    list_select_related = ["patient", "condition"]
    autocomplete_fields = ["patient", "condition"]


@admin.register(DiagnosisSeverity)
class DiagnosisSeverityAdmin(ReadOnlyAdmin):
    """Listed and shown only: the physician's page writes it (its group follows the
    diagnosis's condition, a correction carries a reason)."""

    list_display = ["diagnosis", "group", "assessed_on"]
    list_filter = ["group"]
    search_fields = ["diagnosis__patient__mrn", "diagnosis__patient__family_name"]
    list_select_related = ["diagnosis__patient", "diagnosis__condition"]
    raw_id_fields = ["diagnosis"]


@admin.register(CareTeamMember)
class CareTeamMemberAdmin(ClinicalAdmin):
    list_display = ["patient", "staff", "team_role", "start_date", "end_date"]
    list_filter = ["team_role", "staff__role", "staff__discipline"]
    search_fields = ["patient__mrn", "patient__family_name", "staff__username", "staff__last_name"]
    list_select_related = ["patient", "staff", "staff__discipline"]
    autocomplete_fields = ["patient", "staff"]


@admin.register(Precaution)
class PrecautionAdmin(ReadOnlyAdmin):
    """Read only: precautions are set, changed and ended from the chart, where who may set
    which kind is checked and therapists are asked to acknowledge a change."""

    list_display = ["patient", "kind", "starts_on", "until", "set_by", "ended_at"]
    list_filter = ["kind", ("ended_at", admin.EmptyFieldListFilter)]
    search_fields = ["patient__mrn", "patient__family_name", "details"]
    list_select_related = ["patient", "set_by"]


@admin.register(PrecautionAcknowledgement)
class PrecautionAcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["precaution", "user", "at"]
    search_fields = ["precaution__patient__mrn", "user__username"]
    list_select_related = ["precaution__patient", "user"]


@admin.register(AccessRecord)
class AccessRecordAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    """The access log, for reading only: no add, no edit, no delete."""

    access_kind = AccessKind.ACCESS_LOG
    list_display = ["at", "user", "patient", "kind", "object_id"]
    list_filter = ["kind", "user__role", ("at", admin.DateFieldListFilter)]
    search_fields = ["patient__mrn", "user__username", "user__last_name"]
    list_select_related = ["user", "patient"]
    date_hierarchy = "at"
    show_full_result_count = False  # a count of a log that only grows is a slow query

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
