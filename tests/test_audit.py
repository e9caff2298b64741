"""The audit trail: who changed what (history page) and who looked (access log)."""

import pytest
from django.urls import reverse

from desk.history import CLINICAL_MODELS, patient_history
from patients.access_log import AccessKind, AccessRecord, AppendOnlyLog, record_access
from tests.factories import (
    CareTeamMemberFactory,
    GoalFactory,
    PatientFactory,
    SessionFactory,
    StageFactory,
    TherapistFactory,
)
from tests.queries import page_queries
from tests.test_patient_views import form_data

pytestmark = pytest.mark.django_db


# --- the access log ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [
        ("patient_detail", AccessKind.CHART),
        ("plan_detail", AccessKind.PLAN),
        ("session_detail", AccessKind.SESSION),
        ("patient_week", AccessKind.SCHEDULE),
        ("patient_history", AccessKind.HISTORY),
        ("patient_access_log", AccessKind.ACCESS_LOG),
    ],
)
def test_opening_a_record_writes_who_when_which_patient_what(
    login, physician, plan, therapist, url_name, kind
):
    session = SessionFactory(plan=plan, therapist=therapist)
    target = {"plan_detail": plan.pk, "session_detail": session.pk}.get(url_name, plan.patient.pk)
    assert login(physician).get(reverse(url_name, args=[target])).status_code == 200
    record = AccessRecord.objects.get()
    assert (record.user, record.patient, record.kind) == (physician, plan.patient, kind)
    assert record.object_id == (target if url_name in ("plan_detail", "session_detail") else None)


def test_a_refused_opening_writes_nothing(login, outsider, patient):
    assert login(outsider).get(reverse("patient_detail", args=[patient.pk])).status_code == 404
    assert not AccessRecord.objects.exists()


def test_access_log_lists_who_opened_the_chart_newest_first(login, physician, therapist, patient):
    login(therapist).get(reverse("patient_detail", args=[patient.pk]))
    response = login(physician).get(reverse("patient_access_log", args=[patient.pk]))
    records = list(response.context["page"])
    # The physician's own opening of the log is the newest line.
    assert [(r.user, r.kind) for r in records] == [
        (physician, AccessKind.ACCESS_LOG),
        (therapist, AccessKind.CHART),
    ]
    assert "pt.onteam" in response.content.decode() or str(therapist) in response.content.decode()


def test_access_log_shows_only_this_patient(login, physician, patient):
    other = PatientFactory()
    record_access(user=physician, patient=other, kind=AccessKind.CHART)
    response = login(physician).get(reverse("patient_access_log", args=[patient.pk]))
    assert {r.patient for r in response.context["page"]} == {patient}


def test_access_records_cannot_be_edited_or_deleted(physician, patient):
    record = record_access(user=physician, patient=patient, kind=AccessKind.CHART)
    record.kind = AccessKind.PLAN
    with pytest.raises(AppendOnlyLog):
        record.save()
    with pytest.raises(AppendOnlyLog):
        record.delete()
    with pytest.raises(AppendOnlyLog):
        AccessRecord.objects.all().delete()
    with pytest.raises(AppendOnlyLog):
        AccessRecord.objects.update(kind=AccessKind.PLAN)
    with pytest.raises(AppendOnlyLog):
        AccessRecord.objects.bulk_update([record], ["kind"])
    assert AccessRecord.objects.get(pk=record.pk).kind == AccessKind.CHART  # unchanged


def test_admin_lists_the_access_log_read_only(login, admin_user, physician, patient):
    record = record_access(user=physician, patient=patient, kind=AccessKind.CHART)
    client = login(admin_user)
    listing = client.get(reverse("admin:patients_accessrecord_changelist"), {"kind": "chart"})
    assert listing.status_code == 200 and patient.mrn in listing.content.decode()
    change = reverse("admin:patients_accessrecord_change", args=[record.pk])
    assert client.post(change, {"kind": "plan"}).status_code == 403
    delete = reverse("admin:patients_accessrecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:patients_accessrecord_add")).status_code == 403
    assert AccessRecord.objects.get(pk=record.pk).kind == AccessKind.CHART  # unchanged


def test_access_log_query_count_is_constant(login, physician, patient):
    client = login(physician)
    url = reverse("patient_access_log", args=[patient.pk])

    small = page_queries(client, url)
    for _ in range(30):
        record_access(user=TherapistFactory(), patient=patient, kind=AccessKind.CHART)
    assert page_queries(client, url) == small


# --- the change history --------------------------------------------------------------------


def test_history_shows_field_level_differences_and_who(login, reception, physician, patient):
    old_address = patient.address
    login(reception).post(
        reverse("patient_edit", args=[patient.pk]), form_data(patient, address="12 New Road")
    )
    response = login(physician).get(reverse("patient_history", args=[patient.pk]))
    newest = response.context["page"][0]
    assert newest.action == "changed" and newest.user == reception
    assert ("Address", old_address or "—", "12 New Road") in [
        (f.label, f.old, f.new) for f in newest.fields
    ]
    # Only what differs from the version before is listed.
    assert all(f.old != f.new for f in newest.fields)
    assert "Family name" not in {f.label for f in newest.fields}
    page = response.content.decode()
    assert "12 New Road" in page and str(reception) in page


def test_history_names_related_records_and_choices(physician, patient):
    outsider_pt = TherapistFactory(first_name="Meera", last_name="Joshi")
    CareTeamMemberFactory(patient=patient, staff=outsider_pt)
    created = patient_history(patient)[0]
    assert created.action == "created"
    values = {f.label: f.new for f in created.fields}
    assert values["Staff"] == str(outsider_pt)
    assert values["Team role"] == "Therapist"


def test_history_covers_every_clinical_model_of_the_patient(plan, therapist):
    StageFactory(plan=plan, order=1)
    GoalFactory(plan=plan)
    SessionFactory(plan=plan, therapist=therapist)
    other_plan_stage = StageFactory(order=1)  # another patient's plan
    records = {change.record.split(" #")[0] for change in patient_history(plan.patient)}
    assert {"Patient", "Diagnosis", "Care team member", "Rehab plan", "Stage", "Goal",
            "Therapy session"} <= records  # fmt: skip
    assert other_plan_stage.pk not in {
        c.object_id for c in patient_history(plan.patient) if c.record.startswith("Stage")
    }


def test_every_model_with_history_and_a_patient_is_in_the_history_page():
    from django.apps import apps

    from patients.records import ClinicalQuerySet

    clinical = {
        model
        for model in apps.get_models()
        if isinstance(model.objects.all(), ClinicalQuerySet) and hasattr(model, "history")
    }
    assert clinical == set(CLINICAL_MODELS)


def test_a_save_without_changes_lists_no_fields(patient):
    patient.save()
    assert patient_history(patient)[0].fields == []


def test_history_query_count_is_constant(login, physician, plan, therapist):
    client = login(physician)
    url = reverse("patient_history", args=[plan.patient.pk])

    # One of each kind of record first: each related model (staff, measures...) is read once.
    StageFactory(plan=plan, order=1)
    GoalFactory(plan=plan)
    SessionFactory(plan=plan, therapist=therapist)
    small = page_queries(client, url)
    for order in range(2, 12):
        StageFactory(plan=plan, order=order)
        GoalFactory(plan=plan)
        session = SessionFactory(plan=plan, therapist=TherapistFactory())
        session.minutes = 40
        session.save()
    assert page_queries(client, url) == small


def test_history_is_paginated(login, physician, patient):
    for n in range(30):
        patient.address = f"{n} Lane"
        patient.save()
    response = login(physician).get(reverse("patient_history", args=[patient.pk]))
    assert len(response.context["page"]) == 25
    patient_versions = [c for c in response.context["page"].paginator.object_list
                        if c.record.startswith("Patient")]  # fmt: skip
    assert len(patient_versions) == 31
