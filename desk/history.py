"""A patient's audit history, readable: every saved version of every clinical record of
the patient, as field-level differences from the version before.

The versions come from django-simple-history, one query per clinical model whatever the
number of rows; the records they point to (staff, conditions, stages...) are then read
once per related model, so the page's query count does not grow with the history.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils.text import capfirst

from delivery.models import Addendum, Assessment, SelfHarmReview, TherapySession
from patients.models import CareTeamMember, Diagnosis, DiagnosisSeverity, Patient
from patients.precautions import Precaution, PrecautionAcknowledgement
from plans.models import (
    Allocation,
    GasRating,
    Goal,
    PatientPriority,
    PlanHold,
    PlanRevision,
    RehabPlan,
    Stage,
    StageTransition,
)
from rehabana.dates import day_text, moment_text

# Every clinical model with a history, in the order a chart reads.
CLINICAL_MODELS: tuple[type[models.Model], ...] = (
    Patient,
    Diagnosis,
    DiagnosisSeverity,
    CareTeamMember,
    RehabPlan,
    Stage,
    Allocation,
    Goal,
    TherapySession,
    Addendum,
    Assessment,
    PlanRevision,
    StageTransition,
    PlanHold,
    GasRating,
    PatientPriority,
    Precaution,
    PrecautionAcknowledgement,
    SelfHarmReview,
)
# Bookkeeping rather than clinical content: the optimistic-locking counter.
SKIPPED_FIELDS = {"version"}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: Any
    new: Any


@dataclass
class Change:
    at: Any
    user: Any
    record: str
    object_id: int
    action: str
    reason: str
    fields: list[FieldChange] = field(default_factory=list)


def _patient_lookup(model) -> str:
    lookup = model.objects.all().patient_lookup
    # On a historical model the primary key is history_id; the record's own id is "id".
    return "id" if lookup == "pk" else lookup


def _tracked_fields(model) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name not in SKIPPED_FIELDS
    ]


def _display(field_: models.Field, value, related: dict) -> Any:
    if value is None or value == "":
        return "—"
    if field_.choices:
        return dict(field_.flatchoices).get(value, value)
    if field_.is_relation:
        return related.get((field_.related_model, value), f"#{value}")
    if isinstance(value, datetime):
        return moment_text(value)
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _versions(model, patient_pk: int):
    return (
        model.history.filter(**{_patient_lookup(model): patient_pk})
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )


def patient_history(patient) -> list[Change]:
    """Every version of the patient's clinical records, newest first."""
    raw: list[tuple[type[models.Model], Any, Any]] = []  # (model, version, previous)
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for model in CLINICAL_MODELS:
        fields_ = _tracked_fields(model)
        previous = None
        for version in _versions(model, patient.pk):
            if previous is not None and previous.id != version.id:
                previous = None
            raw.append((model, version, previous))
            for f in fields_:
                if f.is_relation:
                    for row in (version, previous):
                        value = getattr(row, f.attname, None) if row is not None else None
                        if value is not None:
                            wanted[f.related_model].add(value)
            previous = version
    related = {
        (related_model, pk): str(obj)
        for related_model, pks in wanted.items()
        for pk, obj in _in_bulk(related_model, pks).items()
    }
    changes = [_change(model, version, previous, related) for model, version, previous in raw]
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes


def _in_bulk(model, pks):
    # Related records named in the history; their str() reads at most their own foreign
    # keys, fetched in the same query.
    queryset = model._base_manager.all()
    if joins := [f.name for f in model._meta.concrete_fields if f.is_relation]:
        queryset = queryset.select_related(*joins)
    return queryset.in_bulk(pks)


def _change(model, version, previous, related) -> Change:
    fields_ = []
    for f in _tracked_fields(model):
        new = getattr(version, f.attname)
        old = getattr(previous, f.attname) if previous is not None else None
        if previous is None and new in (None, "", False):
            continue  # a new record: list what was filled in
        if previous is not None and old == new:
            continue
        fields_.append(
            FieldChange(
                label=capfirst(f.verbose_name),
                old=_display(f, old, related) if previous is not None else None,
                new=_display(f, new, related),
            )
        )
    return Change(
        at=version.history_date,
        user=version.history_user,
        record=f"{capfirst(model._meta.verbose_name)} #{version.id}",
        object_id=version.id,
        action=ACTIONS.get(version.history_type, version.history_type),
        reason=version.history_change_reason or "",
        fields=fields_,
    )
