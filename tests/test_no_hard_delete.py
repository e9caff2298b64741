"""Clinical data is never lost: a walk over every clinical model, its audit history and the
access log, through every road that could remove a row: the ORM (default and base
managers, instances, querysets), the admin (delete page and bulk action) and every URL
of the app. Signed notes and logs survive all of it."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from delivery.models import TherapySession
from delivery.services import sign_note
from desk.history import CLINICAL_MODELS
from patients.access_log import AccessKind, AccessRecord, AppendOnlyLog, record_access
from patients.records import HardDeleteForbidden, is_kept_forever
from reference.models import Technique
from tests.factories import GoalFactory
from tests.test_permission_matrix import urls  # noqa: F401 (a fixture: every URL, with args)
from tests.test_records import CLINICAL_FACTORIES

pytestmark = pytest.mark.django_db

KEPT = [model for model in apps.get_models() if is_kept_forever(model)]
# ProtectedError: the database schema's PROTECT refuses first when rows depend on this one.
REFUSED = (HardDeleteForbidden, AppendOnlyLog, ProtectedError)


@pytest.fixture
def everything(plan, therapist, physician):
    """At least one row of every kept model, a signed note among them."""
    for factory in CLINICAL_FACTORIES:
        factory()
    note = TherapySession.objects.filter(therapist=therapist).first()
    if note is None:
        from tests.factories import SessionFactory

        note = SessionFactory(plan=plan, therapist=therapist)
    note.attendance, note.minutes, note.subjective = "attended", 30, "Walked 20 m."
    note.assessment, note.plan_note = "Gait steadier.", "Add stairs."  # the clinic's minimum
    note.save()
    note.techniques.add(Technique.objects.filter(discipline=note.discipline).first())
    note.goals_addressed.add(GoalFactory(plan=note.plan))
    sign_note(session=note, by=therapist)
    note.refresh_from_db()
    assert note.signed_at is not None
    record_access(user=physician, patient=plan.patient, kind=AccessKind.CHART)
    counts = rows()
    assert all(counts[model._meta.label] for model in KEPT), counts
    return note


def rows() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in KEPT}


def test_every_model_of_the_clinical_apps_is_kept_forever():
    """The guard follows a marker on the model: a model moved to another app keeps it, and
    a new model of a clinical app without it fails here."""
    for label in ("patients", "plans", "delivery"):
        for model in apps.get_app_config(label).get_models():
            assert model in KEPT, model._meta.label
    assert TherapySession in KEPT and TherapySession.history.model in KEPT


def test_models_not_kept_forever_keep_fast_deletes():
    """The guard listens to the kept models only: sessions and sign-in attempts, cleaned
    up often, are still deleted in one statement."""
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector

    collector = Collector(using="default")
    assert collector.can_fast_delete(Session.objects.all())
    assert not collector.can_fast_delete(TherapySession.objects.all())


def test_the_walk_covers_every_clinical_model_and_its_history():
    histories = {model.history.model for model in CLINICAL_MODELS}
    assert {*CLINICAL_MODELS, *histories, AccessRecord} <= set(KEPT)
    # The history of the techniques and goals of a session (simple_history's m2m tables).
    assert any(model.__name__ == "HistoricalTherapySession_techniques" for model in KEPT)


@pytest.mark.parametrize("model", KEPT, ids=lambda model: model._meta.label)
def test_no_orm_road_removes_a_row(everything, model):
    before = rows()
    row = model._base_manager.first()
    attempts = [row.delete]
    for manager in (model._default_manager, model._base_manager):
        attempts += [manager.filter(pk=row.pk).delete, manager.all().delete]
    for attempt in attempts:
        # Each attempt in its own savepoint: a refused delete spoils its transaction.
        with pytest.raises(REFUSED), transaction.atomic():
            attempt()
    assert rows() == before


@pytest.mark.parametrize(
    "model", [m for m in KEPT if m in admin.site._registry], ids=lambda m: m._meta.label
)
def test_the_admin_cannot_delete_a_row(everything, login, admin_user, model):
    before = rows()
    client = login(admin_user)
    row = model._base_manager.first()
    info = model._meta.app_label, model._meta.model_name
    delete = reverse("admin:{}_{}_delete".format(*info), args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:{}_{}_changelist".format(*info))
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert rows() == before


@pytest.mark.parametrize("role", ["physician", "admin", "therapist", "reception"])
def test_no_page_of_the_app_removes_a_row(everything, people, urls, role):  # noqa: F811
    """Every URL, posted to by every role that works on patients: rows only ever grow."""
    signed = {f: getattr(everything, f) for f in ("subjective", "minutes", "signed_at")}
    client = Client()
    client.force_login(people[role])
    before = rows()
    for name, url in urls.items():
        if name != "logout":
            client.post(url, {})
            client.get(url)
    after = rows()
    assert all(after[label] >= count for label, count in before.items()), (before, after)
    everything.refresh_from_db()
    assert {f: getattr(everything, f) for f in signed} == signed
