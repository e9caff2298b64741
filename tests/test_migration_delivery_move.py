"""Moving sessions, addenda and assessments from ``plans`` to ``delivery``, and the access
log from ``audit`` to ``patients``, keeps every row, the signed notes' database guard, the
audit history (many-to-many history included) and the admin's content types.

The database is taken back to the old layout (``plans.0004``, ``patients.0002``, no
``delivery``), a signed session is written there through the old models, and the
migrations run forward again.
"""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from delivery.models import TherapySession
from delivery.services import sign_note
from patients.access_log import AccessKind, AccessRecord, record_access
from reference.models import Technique
from tests.factories import GoalFactory, SessionFactory
from tests.queries import refused_by_database

OLD_LAYOUT = [
    ("plans", "0004_goals_addressed_guard"),
    ("patients", "0002_care_team_end_day"),
    ("delivery", None),
]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_signed_sessions_survive_the_move(reference_data, plan, therapist, physician):
    signed_before = SessionFactory(plan=plan, therapist=therapist, attendance="attended")
    technique = Technique.objects.filter(discipline=signed_before.discipline).first()
    goal = GoalFactory(plan=plan)
    signed_before.techniques.add(technique)
    signed_before.goals_addressed.add(goal)
    sign_note(session=signed_before, by=therapist)
    record_access(user=physician, patient=plan.patient, kind=AccessKind.CHART)
    session_type = ContentType.objects.get_for_model(TherapySession)

    old = migrate(OLD_LAYOUT)
    OldSession = old.get_model("plans", "TherapySession")
    assert OldSession.objects.get(pk=signed_before.pk).signed_at is not None
    written_old = OldSession.objects.create(
        patient_id=plan.patient_id, plan_id=plan.pk, discipline_id=therapist.discipline_id,
        therapist_id=therapist.pk, start=timezone.now(), minutes=40, attendance="attended",
        subjective="Walked 30 m with a stick.", signed_at=timezone.now(), signed_by_id=therapist.pk,
    )  # fmt: skip
    m2m_history = {
        name: old.get_model("plans", f"HistoricalTherapySession_{name}").objects.count()
        for name in ("techniques", "goals_addressed")
    }
    assert all(m2m_history.values()), m2m_history
    assert ContentType.objects.get(pk=session_type.pk).app_label == "plans"

    migrate(latest())
    moved = TherapySession.objects.get(pk=written_old.pk)
    assert moved.is_signed and moved.subjective == "Walked 30 m with a stick."
    before = TherapySession.objects.get(pk=signed_before.pk)
    assert list(before.techniques.all()) == [technique]
    assert list(before.goals_addressed.all()) == [goal]
    assert TherapySession.history.filter(id=signed_before.pk).exists()
    for name, count in m2m_history.items():
        model = apps.get_model("delivery", f"HistoricalTherapySession_{name}")
        assert model._meta.db_table == f"delivery_historicaltherapysession_{name}"
        assert model.objects.count() == count
    # The access log kept its table and rows; the admin's content types follow the models.
    assert AccessRecord.objects.filter(patient=plan.patient).count() == 1
    assert ContentType.objects.get(pk=session_type.pk).app_label == "delivery"

    # The database still refuses to change a signed note or its links, beneath the models.
    assert refused_by_database(
        "UPDATE plans_therapysession SET minutes = 1 WHERE id = %s", [moved.pk]
    )
    assert refused_by_database(
        "INSERT INTO plans_therapysession_techniques (therapysession_id, technique_id)"
        " VALUES (%s, %s)",
        [moved.pk, technique.pk],
    )
    assert refused_by_database(
        "INSERT INTO plans_therapysession_goals_addressed (therapysession_id, goal_id)"
        " VALUES (%s, %s)",
        [moved.pk, goal.pk],
    )
