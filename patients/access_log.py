"""The access log: who opened which patient's records, and when.

The audit history of *changes* is django-simple-history's (every clinical model has
``history``); this log records *reads*, which no history table sees. Both are
append-only: rows are written once and never changed or removed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from patients.records import FinalRecordMixin, RecordIsFinal
from rehabana.dates import moment_text


class AppendOnlyLog(RecordIsFinal):
    """An attempt to change or remove a row of the access log."""


class AccessKind(models.TextChoices):
    CHART = "chart", "Patient chart"
    PLAN = "plan", "Rehabilitation plan"
    SESSION = "session", "Session note"
    SCHEDULE = "schedule", "Schedule"
    HISTORY = "history", "Change history"
    ACCESS_LOG = "access_log", "Access log"
    DEMOGRAPHICS = "demographics", "Demographics"
    CARE_TEAM = "care_team", "Care team"
    TRIAGE = "triage", "Triage"
    RESULTS = "results", "Outcome results"
    ADMIN = "admin", "Admin page"


class AccessRecordQuerySet(models.QuerySet):
    def delete(self):
        raise AppendOnlyLog("The access log is never deleted.")

    delete.queryset_only = True

    def update(self, **kwargs):
        raise AppendOnlyLog("The access log is never edited.")

    update.queryset_only = True

    def bulk_update(self, objs, fields, batch_size=None):
        return self.update()


class AccessRecord(FinalRecordMixin, models.Model):
    keep_forever = True
    delete_refusal = AppendOnlyLog
    final_error = AppendOnlyLog
    final_message = "An access record is written once and never edited."

    at = models.DateTimeField(default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_records"
    )
    # Empty for a page about no single patient (an admin list): one line for the page,
    # never one per row.
    patient = models.ForeignKey(
        "patients.Patient",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_records",
    )
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    # The plan or session opened, for those kinds; the chart itself has none.
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        db_table = "audit_accessrecord"  # its name from when the log was an app of its own
        ordering = ["-at", "-id"]
        indexes = [
            # "Who looked at this chart" and the admin's per-user filter.
            models.Index(fields=["patient", "-at"], name="access_patient_at"),
            models.Index(fields=["user", "-at"], name="access_user_at"),
            models.Index(fields=["-at"], name="access_at"),
        ]

    def __str__(self):
        return f"{self.user} opened {self.get_kind_display().lower()} at {moment_text(self.at)}"

    def delete(self, *args, **kwargs):
        raise AppendOnlyLog("An access record is never deleted.")


def record_access(*, user, patient, kind: AccessKind, object_id: int | None = None):
    """Write one line of the access log: ``user`` opened ``patient``'s ``kind``."""
    return AccessRecord.objects.create(user=user, patient=patient, kind=kind, object_id=object_id)
