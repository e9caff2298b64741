"""Correcting a diagnosis (issue 14, bug 3): onset before birth refused, edit, resolve,
entered in error, make primary; history kept."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from patients.access_log import AccessRecord
from patients.forms import DiagnosisForm
from patients.models import Diagnosis, DiagnosisStatus
from tests.factories import DiagnosisFactory

pytestmark = pytest.mark.django_db

ACTIONS = ["patient_diagnosis_edit", "patient_diagnosis_resolve", "patient_diagnosis_error"]


def url(name, diagnosis):
    return reverse(name, args=[diagnosis.patient_id, diagnosis.pk])


@pytest.fixture
def diagnosis(patient):
    return DiagnosisFactory(patient=patient, onset_date=timezone.localdate() - timedelta(days=40))


def test_the_form_refuses_an_onset_before_birth(patient):
    form = DiagnosisForm(
        {"condition": DiagnosisFactory.build().condition.pk, "onset_date": "1950-01-01",
         "is_primary": "on", "onset_time_unknown": "on"},
        patient=patient,
    )  # fmt: skip
    assert not form.is_valid()
    assert "before the patient's birth" in form.errors["onset_date"][0]


def test_the_model_refuses_an_onset_before_birth(patient):
    wrong = DiagnosisFactory.build(patient=patient, onset_date=date(1950, 1, 1))
    with pytest.raises(ValidationError, match="before the patient's birth"):
        wrong.full_clean()


def test_recording_a_diagnosis_before_birth_is_refused_on_the_page(login, physician, patient):
    response = login(physician).post(
        reverse("patient_diagnosis_new", args=[patient.pk]),
        {"condition": DiagnosisFactory.build().condition.pk, "onset_date": "1950-01-01",
         "is_primary": "on", "onset_time_unknown": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not patient.diagnoses.exists()


def test_a_physician_corrects_the_onset_and_the_history_says_why(login, physician, diagnosis):
    corrected = timezone.localdate() - timedelta(days=45)
    response = login(physician).post(
        url("patient_diagnosis_edit", diagnosis),
        {"condition": diagnosis.condition_id, "onset_date": corrected.isoformat(),
         "onset_time": "09:30", "notes": "", "reason": "Onset was the week before"},
    )  # fmt: skip
    assert response.status_code == 302
    diagnosis.refresh_from_db()
    assert diagnosis.onset_date == corrected and diagnosis.is_primary
    latest = diagnosis.history.first()
    assert latest.history_user == physician
    assert latest.history_change_reason == "Corrected: Onset was the week before"
    assert diagnosis.history.count() == 2


def test_a_correction_before_birth_is_refused(login, physician, diagnosis):
    response = login(physician).post(
        url("patient_diagnosis_edit", diagnosis),
        {"condition": diagnosis.condition_id, "onset_date": "1950-01-01",
         "onset_time_unknown": "on", "reason": "typo"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "before the patient&#x27;s birth" in response.content.decode()
    diagnosis.refresh_from_db()
    assert diagnosis.onset_date != date(1950, 1, 1)


def test_resolve_with_a_date(login, physician, diagnosis):
    client = login(physician)
    before_onset = diagnosis.onset_date - timedelta(days=1)
    response = client.post(
        url("patient_diagnosis_resolve", diagnosis), {"resolved_on": before_onset.isoformat()}
    )
    assert "before the onset" in response.content.decode()
    on = timezone.localdate() - timedelta(days=2)
    response = client.post(url("patient_diagnosis_resolve", diagnosis), {"resolved_on": on})
    assert response.status_code == 302
    diagnosis.refresh_from_db()
    assert (diagnosis.status, diagnosis.resolved_on) == (DiagnosisStatus.RESOLVED, on)
    chart = client.get(reverse("patient_detail", args=[diagnosis.patient_id])).content.decode()
    assert f"Resolved {on:%-d %b %Y}" in chart


def test_entered_in_error_leaves_every_list_but_stays_in_history(login, physician, diagnosis):
    other = DiagnosisFactory(patient=diagnosis.patient, is_primary=False)
    client = login(physician)
    response = client.post(url("patient_diagnosis_error", diagnosis), {"reason": ""})
    assert response.status_code == 200  # a reason is required
    response = client.post(
        url("patient_diagnosis_error", diagnosis), {"reason": "Recorded for the wrong patient"}
    )
    assert response.status_code == 302
    diagnosis.refresh_from_db()
    assert diagnosis.status == DiagnosisStatus.ENTERED_IN_ERROR and not diagnosis.is_primary
    assert diagnosis.error_reason == "Recorded for the wrong patient"
    chart = client.get(reverse("patient_detail", args=[diagnosis.patient_id]))
    assert list(chart.context["diagnoses"]) == [other]
    triage = client.get(reverse("plan_triage", args=[diagnosis.patient_id]))
    assert list(triage.context["form"].fields["diagnosis"].queryset) == [other]
    # The primary choice of a new diagnosis is open again.
    new = client.get(reverse("patient_diagnosis_new", args=[diagnosis.patient_id]))
    assert new.context["form"].fields["is_primary"].initial is True
    assert diagnosis.history.first().history_change_reason.startswith("Entered in error")
    # It is not corrected again: gone from every page.
    for name in ACTIONS:
        assert client.get(url(name, diagnosis)).status_code == 404
    assert client.post(url("patient_diagnosis_primary", diagnosis)).status_code == 404


def test_make_primary_moves_the_one_primary(login, physician, diagnosis):
    other = DiagnosisFactory(patient=diagnosis.patient, is_primary=False)
    response = login(physician).post(url("patient_diagnosis_primary", other))
    assert response.status_code == 302
    assert list(diagnosis.patient.diagnoses.filter(is_primary=True)) == [other]
    diagnosis.refresh_from_db()
    assert diagnosis.history.first().history_change_reason.startswith("Primary diagnosis is now")


def test_a_resolved_diagnosis_is_not_made_primary(login, physician, diagnosis):
    other = DiagnosisFactory(
        patient=diagnosis.patient, is_primary=False, status=DiagnosisStatus.RESOLVED,
        resolved_on=timezone.localdate(),
    )  # fmt: skip
    login(physician).post(url("patient_diagnosis_primary", other))
    other.refresh_from_db()
    assert not other.is_primary


def test_the_plan_page_warns_when_its_diagnosis_was_entered_in_error(login, physician, plan):
    client = login(physician)
    assert (
        "diagnosis-in-error"
        not in client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    )
    client.post(url("patient_diagnosis_error", plan.diagnosis), {"reason": "Wrong patient"})
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "diagnosis-in-error" in page and "Wrong patient" in page


@pytest.mark.parametrize("name", ACTIONS)
def test_each_page_opens_logs_and_refuses(login, people, diagnosis, name):
    address = url(name, diagnosis)
    before = AccessRecord.objects.count()
    assert login(people["physician"]).get(address).status_code == 200
    assert AccessRecord.objects.count() == before + 1
    assert login(people["physician"]).put(address).status_code == 405
    assert login(people["outsider"]).get(address).status_code == 404
    assert login(people["admin"]).get(address).status_code == 403
    assert login(people["reception"]).post(address, {}).status_code == 403


def test_make_primary_is_post_only_and_scoped(login, people, diagnosis):
    address = url("patient_diagnosis_primary", diagnosis)
    assert login(people["physician"]).get(address).status_code == 405
    assert login(people["outsider"]).post(address).status_code == 404
    assert login(people["therapist"]).post(address).status_code == 403
    assert not Diagnosis.objects.filter(status=DiagnosisStatus.ENTERED_IN_ERROR).exists()
