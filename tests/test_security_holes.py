"""The holes found by the second security round (issue 12), one test each; each fails on
the code before its fix."""

import pytest
from django.urls import reverse

from staff.url_matrix import GET, ROLES
from tests.factories import SessionFactory
from tests.queries import refused_by_database
from tests.test_permission_matrix import urls  # noqa: F401 (a fixture: every URL, with args)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_signed_in_pages_are_never_cached(login, people, urls, role):  # noqa: F811
    """A shared clinic computer's browser must not keep a chart in its cache."""
    client = login(people[role])
    shown = 0
    for name, statuses in GET.items():
        if statuses[ROLES.index(role)] != 200:
            continue
        response = client.get(urls[name])
        cache_control = response.headers.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, name
        shown += 1
    assert shown >= 4  # the home page, the registry, the password pages at least


@pytest.mark.parametrize("error", ["OperationalError", "InterfaceError"])
def test_a_database_outage_is_a_friendly_503(monkeypatch, login, physician, patient, error):
    """During a restart the first read (the session) fails: the page says nothing was saved
    and to try again, never the generic 500."""
    import django.db
    from django.contrib.sessions.backends.db import SessionStore

    client = login(physician)
    client.raise_request_exception = False

    def database_down(self):
        raise getattr(django.db, error)("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", database_down)
    response = client.get(reverse("patient_detail", args=[patient.pk]))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "15"
    page = response.content.decode()
    assert "briefly unavailable" in page and "Nothing was saved" in page


def test_other_errors_keep_the_generic_500(monkeypatch, login, physician):
    from desk import home

    client = login(physician)
    client.raise_request_exception = False
    monkeypatch.setattr(home, "caseload", lambda *args, **kwargs: 1 / 0)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "briefly unavailable" not in response.content.decode()


def test_broken_persistent_connections_are_replaced(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


# --- the admin's history and revert routes ---------------------------------------------------


def _history_admins():
    from django.contrib import admin

    from rehabana.history_admin import SafeHistoryAdmin

    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SafeHistoryAdmin)
    ]


def _history_urls(model, obj) -> tuple[str, str]:
    meta = model._meta
    version = obj.history.order_by("-history_id").first()
    return (
        reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk]),
        reverse(
            f"admin:{meta.app_label}_{meta.model_name}_simple_history",
            args=[obj.pk, version.history_id],
        ),
    )


@pytest.fixture
def records(plan, therapist):
    """A row of every model the admin keeps history for, a signed note among them."""
    from delivery.services import sign_note
    from tests.test_records import CLINICAL_FACTORIES

    for factory in CLINICAL_FACTORIES:
        factory()
    note = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=30)
    sign_note(session=note, by=therapist)
    return note


def test_the_revert_form_writes_nothing_the_admin_may_not_change(rf, login, admin_user, records):
    """simple-history saved a POSTed revert after checking only view-or-change: an
    assessment's value and patient changed though its change form is read-only, and a
    signed note, an addendum or a revision answered 500."""
    from django.forms.models import model_to_dict

    client = login(admin_user)
    request = rf.get("/")
    request.user = admin_user
    refused = 0
    for model, model_admin in _history_admins():
        obj = model._default_manager.order_by("pk").last()
        if obj is None or not obj.history.exists():
            continue  # reference rows loaded by the data migration have no history yet
        history, form = _history_urls(model, obj)
        assert client.get(history).status_code == 200, history
        assert client.get(form).status_code == 200, form
        if model_admin.has_change_permission(request, obj):
            continue
        before = model_to_dict(obj)
        posted = {key: value for key, value in before.items() if value is not None}
        response = client.post(form, {**posted, "value": "1", "notes": "rewritten"})
        assert response.status_code == 403, (form, response.status_code)
        obj.refresh_from_db()
        assert model_to_dict(obj) == before, form
        refused += 1
    # Assessments, addenda, revisions, transitions and the signed note at least.
    assert refused >= 5


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_reach_the_history_routes(client, login, people, patient, role):
    browser = client if role == "anonymous" else login(people[role])
    for url in _history_urls(type(patient), patient):
        response = browser.get(url)
        if role == "admin":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302 and "login/" in response.url, url


@pytest.mark.parametrize(
    ("object_id", "version_id"),
    [("x", "1"), ("1", "x"), ("99999999999999999999999", "1"), ("1", "9" * 25)],
)
def test_ids_that_are_no_keys_answer_404_not_500(login, admin_user, patient, object_id, version_id):
    client = login(admin_user)
    client.raise_request_exception = False
    history = f"/admin/patients/patient/{object_id}/history/"
    form = f"{history}{version_id}/"
    assert client.get(history).status_code in (200, 404)
    assert client.get(form).status_code == 404
    assert client.post(form, {"given_name": "Mallory"}).status_code == 404


def test_the_history_routes_survive_garbage_ids(login, admin_user, patient):
    """Fuzzing the admin's history paths: any segment answers a page or a refusal."""
    import os

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    client = login(admin_user)
    client.raise_request_exception = False
    segment = st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/?#%"),
        min_size=1,
        max_size=40,
    )

    examples = int(os.environ.get("FUZZ_EXAMPLES", "25"))

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(segment, segment)
    def visit(object_id, version_id):
        base = f"/admin/patients/patient/{object_id}/history/"
        for response in (client.get(base), client.post(f"{base}{version_id}/", {})):
            assert response.status_code in (200, 302, 403, 404), (object_id, version_id)

    visit()


# --- audit without gaps ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "kind"),
    [
        ("session_log", "therapist", "session"),
        ("plan_advance", "physician", "plan"),
        ("plan_stage_edit", "physician", "plan"),
        ("plan_goal_new", "physician", "plan"),
        ("plan_goal_edit", "physician", "plan"),
        ("plan_hold_new", "physician", "plan"),
        ("plan_goal_baseline", "physician", "results"),
        ("plan_triage", "physician", "triage"),
        ("patient_edit", "reception", "demographics"),
        ("patient_archive", "reception", "demographics"),
        ("patient_care_team", "physician", "care_team"),
        ("patient_care_team_setup", "physician", "care_team"),
        ("patient_diagnosis_new", "physician", "demographics"),
        ("assessment_new", "therapist", "demographics"),
    ],
)
def test_every_page_showing_a_patient_writes_the_access_log(
    login,
    people,
    urls,  # noqa: F811
    plan,
    name,
    role,
    kind,
):
    from patients.access_log import AccessRecord

    before = AccessRecord.objects.count()
    response = login(people[role]).get(urls[name])
    assert response.status_code == 200
    (line,) = AccessRecord.objects.order_by("-pk")[: AccessRecord.objects.count() - before]
    assert (line.kind, line.patient, line.user) == (kind, plan.patient, people[role])


def test_a_refused_post_writes_no_second_line(login, physician, urls):  # noqa: F811
    from patients.access_log import AccessRecord

    client = login(physician)
    client.get(urls["plan_stage_edit"])
    before = AccessRecord.objects.count()
    client.post(urls["plan_stage_edit"], {"name": ""})
    assert AccessRecord.objects.count() == before


def test_the_admin_writes_the_access_log(login, admin_user, plan, therapist):
    """A record opened in the admin is a line with its patient; a list is one clinic-wide
    line (no patient), never one per row."""
    from patients.access_log import AccessRecord

    sessions = SessionFactory.create_batch(3, plan=plan, therapist=therapist)
    client = login(admin_user)
    before = AccessRecord.objects.count()
    assert client.get(reverse("admin:delivery_therapysession_changelist")).status_code == 200
    (listed,) = AccessRecord.objects.order_by("-pk")[: AccessRecord.objects.count() - before]
    assert listed.patient is None and listed.kind == "admin"
    for url in (
        reverse("admin:delivery_therapysession_change", args=[sessions[0].pk]),
        reverse("admin:delivery_therapysession_history", args=[sessions[0].pk]),
        reverse("admin:patients_patient_change", args=[plan.patient.pk]),
    ):
        before = AccessRecord.objects.count()
        assert client.get(url).status_code == 200, url
        (line,) = AccessRecord.objects.order_by("-pk")[: AccessRecord.objects.count() - before]
        assert (line.patient, line.kind) == (plan.patient, "admin"), url
    before = AccessRecord.objects.count()
    client.get(reverse("admin:patients_accessrecord_changelist"))
    (log_view,) = AccessRecord.objects.order_by("-pk")[: AccessRecord.objects.count() - before]
    assert log_view.kind == "access_log" and log_view.patient is None


def test_the_security_document_names_tests_that_exist():
    """docs/security.md's table points at tests by name; each must exist."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    named = set(re.findall(r"`(test_\w+)`", (root / "docs" / "security.md").read_text()))
    defined = {
        match
        for path in (root / "tests").glob("test_*.py")
        for match in re.findall(r"^def (test_\w+)", path.read_text(), re.M)
    }
    assert named, "the document names no test"
    assert named - defined == set()


# --- a signed note is frozen whole ----------------------------------------------------------


def test_a_signed_note_keeps_the_goal_text_and_technique_name_it_was_signed_with(
    login, therapist, plan
):
    """A physician edits the goal after signing and the admin renames the technique: the
    note still reads as it was signed."""
    from delivery.services import sign_note
    from reference.models import Technique
    from tests.factories import GoalFactory

    goal = GoalFactory(plan=plan, text="Climb 12 stairs with one rail.")
    note = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=30)
    technique = Technique.objects.filter(discipline=note.discipline).first()
    original_name = technique.name
    note.techniques.add(technique)
    note.goals_addressed.add(goal)
    sign_note(session=note, by=therapist)

    goal.text = "Walk to the market with a stick."
    goal.save()
    technique.name = "Renamed by the admin"
    technique.save()

    page = login(therapist).get(reverse("session_detail", args=[note.pk])).content.decode()
    assert "Climb 12 stairs with one rail." in page and original_name in page
    assert "Walk to the market" not in page and "Renamed by the admin" not in page


def test_the_signed_note_guards_survive_every_migration():
    """A migration that rebuilds a table (SQLite does, for some field changes) drops its
    triggers silently; after all migrations the three guards must still be there."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "rehabana_signed_session_guard",
        "rehabana_signed_technique_guard",
        "rehabana_signed_goal_link_guard",
    } <= names


# --- every ORM road refuses unaudited bulk writes -------------------------------------------


def test_the_plain_base_manager_refuses_bulk_updates(records, physician, patient):
    """``Model._base_manager.filter().update()`` wrote assessments, goals, patients and
    access records with no history; now it is refused like the default manager."""
    from django.apps import apps

    from patients.access_log import AccessKind, AppendOnlyLog, record_access
    from patients.records import UnauditedChange, is_kept_forever

    record_access(user=physician, patient=patient, kind=AccessKind.CHART)
    checked = 0
    for model in apps.get_models():
        if not is_kept_forever(model) or hasattr(model, "instance_type"):
            continue  # history tables: see the database guards
        row = model._base_manager.first()
        assert row is not None, model
        with pytest.raises((UnauditedChange, AppendOnlyLog)):
            model._base_manager.filter(pk=row.pk).update(pk=row.pk)
        with pytest.raises((UnauditedChange, AppendOnlyLog)):
            model._base_manager.bulk_update([row], ["pk"])
        checked += 1
    # 19 clinical models (precautions, acknowledgements, self-harm reviews too) and the
    # access log.
    assert checked == 20


def test_bulk_writes_are_for_maintenance_commands_only(login, physician, monkeypatch):
    """The bypass is a block only the seed enters: no request runs inside it."""
    import re
    from pathlib import Path

    from desk import home
    from patients.records import in_maintenance

    seen = []
    original = home.caseload
    monkeypatch.setattr(
        home, "caseload", lambda *a, **k: seen.append(in_maintenance()) or original(*a, **k)
    )
    assert login(physician).get(reverse("home")).status_code == 200
    assert seen == [False]
    root = Path(__file__).resolve().parent.parent
    users = {
        path.relative_to(root).as_posix()
        for path in root.glob("*/**/*.py")
        if not path.is_relative_to(root / "tests")
        and not path.is_relative_to(root / ".venv")
        and re.search(r"with maintenance\(\)", path.read_text())
    }
    assert users == {"demo/clinic.py"}


def test_one_vocabulary_for_rows_that_never_change(records, physician, patient):
    """Signed sessions, addenda, revisions, transitions and the access log share one
    mixin and one exception family; a signed note still answers SignedRecordError."""
    from delivery.models import Addendum, TherapySession
    from patients.access_log import AccessKind, AccessRecord, AppendOnlyLog, record_access
    from patients.records import FinalRecordMixin, RecordIsFinal, SignedRecordError
    from plans.models import PlanRevision, StageTransition

    record_access(user=physician, patient=patient, kind=AccessKind.CHART)
    final_models = [TherapySession, Addendum, PlanRevision, StageTransition, AccessRecord]
    assert all(issubclass(model, FinalRecordMixin) for model in final_models)
    for model in final_models:
        row = model.objects.filter(
            **({"signed_at__isnull": False} if model is TherapySession else {})
        ).first()
        with pytest.raises(RecordIsFinal):
            row.save()
    with pytest.raises(SignedRecordError, match="add an addendum instead of editing"):
        records.save()
    with pytest.raises(AppendOnlyLog):
        AccessRecord.objects.first().save()


# --- the database guards beneath the ORM ----------------------------------------------------

APPEND_ONLY = (
    "patients_historicalpatient", "patients_historicaldiagnosis",
    "patients_historicalcareteammember", "audit_accessrecord",
    "plans_historicalrehabplan", "plans_historicalstage", "plans_historicalallocation",
    "plans_historicalgoal", "plans_historicalplanrevision", "plans_historicalstagetransition",
    "plans_historicaltherapysession", "delivery_historicaltherapysession_techniques",
    "delivery_historicaltherapysession_goals_addressed", "plans_historicaladdendum",
    "plans_historicalassessment", "plans_addendum", "plans_historicalplanhold",
    "plans_historicalgasrating", "plans_historicalpatientpriority",
    "plans_historicalpatientpriority_goals",
    "patients_historicaldiagnosisseverity",
    "patients_historicalprecaution", "patients_historicalprecautionacknowledgement",
    "patients_precautionacknowledgement",
    "delivery_historicalselfharmreview",
)  # fmt: skip


def test_every_history_table_is_append_only():
    """A new clinical model's history table is part of the audit trail too: its migration
    must call ``append_only`` (and the table join the list above, which the test below
    exercises). The catalogue's and the staff's history are guarded by the ORM only."""
    from django.apps import apps

    history_tables = {
        model._meta.db_table
        for model in apps.get_models()
        if hasattr(model, "instance_type") and model._meta.app_label not in {"reference", "staff"}
    }
    assert history_tables <= set(APPEND_ONLY)


def test_history_access_log_and_addenda_are_append_only_in_the_database(
    records, plan, therapist, physician, patient
):
    """A raw SQL client (or a bug beneath the models) cannot rewrite the audit trail:
    UPDATE is refused on both databases, DELETE on PostgreSQL (SQLite's test harness
    empties tables with DELETE, so there it stays the ORM's refusal)."""
    from django.db import connection

    from delivery.services import sign_note
    from patients.access_log import AccessKind, record_access
    from patients.precautions import PrecautionAcknowledgement
    from reference.models import Technique
    from tests.factories import AddendumFactory, GoalFactory, PrecautionFactory

    record_access(user=physician, patient=patient, kind=AccessKind.CHART)
    note = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=20)
    note.techniques.add(Technique.objects.filter(discipline=note.discipline).first())
    note.goals_addressed.add(GoalFactory(plan=plan))
    sign_note(session=note, by=therapist)
    AddendumFactory(session=note, author=therapist)
    precaution = PrecautionFactory(patient=patient, set_by=physician)
    PrecautionAcknowledgement.objects.create(precaution=precaution, user=therapist)
    for table in APPEND_ONLY:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            assert cursor.fetchone()[0] > 0, table
        column = "history_date" if "historical" in table else "id"
        assert refused_by_database(f"UPDATE {table} SET {column} = {column}"), table
        assert refused_by_database(f"DELETE FROM {table}") is (connection.vendor == "postgresql"), (
            table
        )


def test_a_signed_notes_link_rows_cannot_be_moved(plan, therapist):
    """Swapping a technique or moving another session's link onto the signed note was
    accepted by the database; the link rows' UPDATE is refused too now."""
    from delivery.services import sign_note
    from reference.models import Technique

    techniques = list(Technique.objects.filter(discipline_id=therapist.discipline_id)[:2])
    signed = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=20)
    signed.techniques.add(techniques[0])
    sign_note(session=signed, by=therapist)
    other = SessionFactory(plan=plan, therapist=therapist)
    other.techniques.add(techniques[1])
    links = "plans_therapysession_techniques"
    assert refused_by_database(
        f"UPDATE {links} SET technique_id = {techniques[1].pk} "
        f"WHERE therapysession_id = {signed.pk}"
    )
    assert refused_by_database(
        f"UPDATE {links} SET therapysession_id = {signed.pk} WHERE therapysession_id = {other.pk}"
    )
    assert not refused_by_database(
        f"UPDATE {links} SET technique_id = {techniques[0].pk} WHERE therapysession_id = {other.pk}"
    )  # an unsigned note's links still change


TRUNCATE_GUARDED = (*APPEND_ONLY, "plans_therapysession", "plans_therapysession_techniques")


@pytest.mark.postgresql
def test_tables_kept_forever_refuse_truncate_outside_maintenance():
    from django.db import DatabaseError, connection, transaction

    from patients.guards import database_maintenance

    for table in TRUNCATE_GUARDED:
        refused = pytest.raises(DatabaseError, match="TRUNCATE refused")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table} CASCADE")

    class Undo(Exception):
        pass

    # The sanctioned bypass lets the flush through (rolled back here).
    with pytest.raises(Undo), transaction.atomic():
        with database_maintenance(connection), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(TRUNCATE_GUARDED)} CASCADE")
        raise Undo


@pytest.mark.postgresql
def test_no_request_runs_with_the_maintenance_setting(login, physician, monkeypatch):
    from django.db import connection

    from desk import home
    from patients.guards import maintenance_is_on

    seen = []
    original = home.caseload

    def watched(*args, **kwargs):
        seen.append(maintenance_is_on(connection))
        return original(*args, **kwargs)

    monkeypatch.setattr(home, "caseload", watched)
    assert login(physician).get(reverse("home")).status_code == 200
    assert seen == [False]


def test_only_the_flush_command_switches_the_bypass_on():
    """The setting's name appears in the guard module, the migration helper and the
    migration that read it, and the flush command's helper only; the flush command Django
    runs is ours."""
    import re
    from pathlib import Path

    from django.core.management import get_commands

    assert get_commands()["flush"] == "patients"
    root = Path(__file__).resolve().parent.parent
    folders = ("domain", "rehabana", "reference", "staff", "patients", "plans", "delivery",
               "desk", "demo")  # fmt: skip
    users = {
        path.relative_to(root).as_posix()
        for folder in folders
        for path in (root / folder).rglob("*.py")
        if re.search(r"rehabana\.maintenance|database_maintenance", path.read_text())
    }
    assert users == {
        "patients/guards.py",
        "patients/management/commands/flush.py",
        "delivery/migrations/0007_no_truncate.py",
        "rehabana/migration_ops.py",
    }
