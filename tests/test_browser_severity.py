"""A physician records a stroke's baseline severity from the chart; triage then suggests
speech therapy and OT for the aphasia and the neglect, in a real browser."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from patients.models import DiagnosisSeverity
from tests.browser import screenshot, sign_in
from tests.factories import (
    PASSWORD,
    CareTeamMemberFactory,
    DiagnosisFactory,
    PatientFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_physician_records_baseline_severity_and_triage_uses_it(live_server, page):
    doctor = UserFactory(username="dr.severity", role="physician", last_name="Mehta")
    patient = PatientFactory(given_name="Sunita", family_name="Joshi")
    CareTeamMemberFactory(patient=patient, staff=doctor, team_role="lead_physician")
    DiagnosisFactory(patient=patient, onset_date=timezone.localdate() - timedelta(days=3))
    sign_in(page, live_server, "dr.severity", PASSWORD)
    page.goto(f"{live_server.url}/patients/{patient.pk}/")
    page.get_by_role("link", name="Record the baseline severity of Ischaemic stroke").click()

    page.get_by_label("NIHSS").fill("43")
    page.get_by_role("button", name="Save baseline severity").click()
    expect(page.get_by_text("The NIHSS runs from 0 to 42.")).to_be_visible()
    screenshot(page, "issue15-severity-form")  # the refused NIHSS of 43
    page.get_by_label("Stroke type").select_option("ischaemic")
    page.get_by_label("Side of the lesion").select_option("right")
    page.get_by_label("Territory").select_option("tacs")
    page.get_by_label("NIHSS").fill("17")
    page.get_by_label("Pre-stroke mRS").fill("1")
    page.get_by_label("Aphasia").select_option("true")
    page.get_by_label("Neglect").select_option("true")
    page.get_by_label("Dysphagia").select_option("true")
    page.get_by_role("button", name="Save baseline severity").click()

    expect(page.locator(".severity")).to_contain_text("NIHSS 17")
    expect(page.locator(".severity")).to_contain_text("neglect")
    screenshot(page, "issue15-severity-chart")
    assert DiagnosisSeverity.objects.get().nihss == 17

    page.goto(f"{live_server.url}/patients/{patient.pk}/triage/")
    expect(page.locator("#triage-baseline")).to_contain_text("NIHSS 17")
    page.get_by_label("Walking, standing or stairs").check()
    page.get_by_role("button", name="Suggest an approach").click()
    result = page.locator("#triage-result")
    expect(result).to_contain_text("Aphasia at baseline")
    expect(result).to_contain_text("Neglect at baseline")
    expect(result).to_contain_text("Dysphagia at baseline")
    screenshot(page, "issue15-severity-triage")


def test_the_chart_shows_a_cord_and_a_brain_injury_s_baseline(live_server, page):
    from patients.diagnoses import record_severity
    from reference.models import Condition

    doctor = UserFactory(username="dr.spinal", role="physician", last_name="Rao")
    patient = PatientFactory(given_name="Vikas", family_name="Shinde")
    CareTeamMemberFactory(patient=patient, staff=doctor, team_role="lead_physician")
    onset = timezone.localdate() - timedelta(days=40)
    sci = DiagnosisFactory(
        patient=patient, condition=Condition.objects.get(icd10="S24.1"), onset_date=onset
    )
    tbi = DiagnosisFactory(
        patient=patient,
        condition=Condition.objects.get(icd10="S06.9"),
        onset_date=onset,
        is_primary=False,
    )
    day = onset + timedelta(days=1)
    record_severity(
        diagnosis=sci,
        by=doctor,
        values={"assessed_on": day, "neurological_level": "T4", "ais_grade": "A"},
    )
    record_severity(diagnosis=tbi, by=doctor,
                    values={"assessed_on": day, "gcs": 11, "pta_days": 9})  # fmt: skip
    sign_in(page, live_server, "dr.spinal", PASSWORD)
    page.goto(f"{live_server.url}/patients/{patient.pk}/")
    expect(page.locator(f"#severity-{sci.pk}")).to_contain_text("level T4 (paraplegia) · AIS A")
    expect(page.locator(f"#severity-{tbi.pk}")).to_contain_text("GCS 11 · PTA 9 d · severe TBI")
    screenshot(page, "issue15-severity-sci-tbi-chart")


def test_a_corrected_diagnosis_asks_for_its_severity_again(live_server, page):
    from patients import diagnoses
    from reference.models import Condition
    from tests.factories import DiagnosisSeverityFactory

    doctor = UserFactory(username="dr.recode", role="physician", last_name="Rao")
    patient = PatientFactory(given_name="Vikram", family_name="Shah")
    CareTeamMemberFactory(patient=patient, staff=doctor, team_role="lead_physician")
    stroke = DiagnosisFactory(patient=patient, onset_date=timezone.localdate() - timedelta(days=3))
    DiagnosisSeverityFactory(diagnosis=stroke, aphasia=True)
    stroke.condition = Condition.objects.get(icd10="S06.9")
    diagnoses.correct(diagnosis=stroke, by=doctor, reason="A fall, not a stroke")
    sign_in(page, live_server, "dr.recode", PASSWORD)
    page.goto(f"{live_server.url}/patients/{patient.pk}/")
    line = page.locator(f"#severity-{stroke.pk}")
    expect(line).to_contain_text("Baseline severity recorded for an ischaemic stroke:")
    expect(line).not_to_contain_text("NIHSS")
    screenshot(page, "fix-outdated-severity-chart")
    line.get_by_role("link", name="Re-record the baseline severity of").click()
    expect(page.get_by_label("GCS")).to_be_visible()
