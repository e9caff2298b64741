"""Moving sessions, addenda and assessments from ``plans`` to ``delivery`` keeps every row,
the signed notes' database guard and the audit history, many-to-many history included.

The database is taken back to the old layout (``plans.0004``, no ``delivery``), a signed
session is written there through the old models, and the migrations run forward again.
"""

import pytest
from django.apps import apps
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from delivery.models import TherapySession
from delivery.services import sign_note
from reference.models import Technique
from tests.factories import SessionFactory

OLD_LAYOUT = [("plans", "0004_goals_addressed_guard"), ("delivery", None)]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_signed_sessions_survive_the_move(reference_data, plan, therapist):
    signed_before = SessionFactory(plan=plan, therapist=therapist, attendance="attended")
    technique = Technique.objects.filter(discipline=signed_before.discipline).first()
    signed_before.techniques.add(technique)
    sign_note(session=signed_before, by=therapist)

    old = migrate(OLD_LAYOUT)
    OldSession = old.get_model("plans", "TherapySession")
    assert OldSession.objects.get(pk=signed_before.pk).signed_at is not None
    written_old = OldSession.objects.create(
        patient_id=plan.patient_id, plan_id=plan.pk, discipline_id=therapist.discipline_id,
        therapist_id=therapist.pk, start=timezone.now(), minutes=40, attendance="attended",
        subjective="Walked 30 m with a stick.", signed_at=timezone.now(), signed_by_id=therapist.pk,
    )  # fmt: skip
    old_m2m_history = old.get_model("plans", "HistoricalTherapySession_techniques")
    m2m_history_rows = old_m2m_history.objects.count()
    assert m2m_history_rows >= 1

    migrate(latest())
    moved = TherapySession.objects.get(pk=written_old.pk)
    assert moved.is_signed and moved.subjective == "Walked 30 m with a stick."
    assert list(TherapySession.objects.get(pk=signed_before.pk).techniques.all()) == [technique]
    assert TherapySession.history.filter(id=signed_before.pk).exists()
    m2m_history = apps.get_model("delivery", "HistoricalTherapySession_techniques")
    assert m2m_history._meta.db_table == "delivery_historicaltherapysession_techniques"
    assert m2m_history.objects.count() == m2m_history_rows

    # The database still refuses to change a signed note, beneath the models.
    refused = pytest.raises((IntegrityError, DatabaseError))
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_therapysession SET minutes = 1 WHERE id = %s", [written_old.pk]
        )
