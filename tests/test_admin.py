"""The admin site: administrators only; every page opens; signed notes stay read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from domain import measures
from patients.precautions import PrecautionAcknowledgement
from reference.models import Condition
from staff.models import User
from tests.factories import (
    AddendumFactory,
    AllocationFactory,
    AssessmentFactory,
    CareTeamMemberFactory,
    GoalFactory,
    PrecautionFactory,
    SessionFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["physician", "therapist", "reception"])
def test_only_administrators_reach_the_admin(login, people, role):
    response = login(people[role]).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_role_drives_the_admin_flags(people):
    assert people["admin"].is_staff and people["admin"].is_superuser
    assert not people["physician"].is_staff and not people["physician"].is_superuser


@pytest.fixture
def one_of_everything(plan):
    stage = StageFactory(plan=plan)
    AllocationFactory(stage=stage)
    GoalFactory(plan=plan)
    CareTeamMemberFactory(patient=plan.patient)
    session = SessionFactory(plan=plan)
    AddendumFactory(session=session)
    AssessmentFactory(patient=plan.patient, session=session)
    precaution = PrecautionFactory(patient=plan.patient)
    PrecautionAcknowledgement.objects.create(precaution=precaution, user=session.therapist)


def test_every_changelist_and_change_page_opens(login, admin_user, one_of_everything):
    client = login(admin_user)
    for model, _model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        obj = model._default_manager.first()
        if obj is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change
            history = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])
            assert client.get(history).status_code == 200, history


def test_changelist_search_works(login, admin_user, patient):
    client = login(admin_user)
    response = client.get(reverse("admin:patients_patient_changelist"), {"q": patient.mrn})
    assert response.status_code == 200
    assert patient.mrn in response.content.decode()


def test_signed_session_is_read_only_in_the_admin(login, admin_user):
    session = SessionFactory(attendance="attended", subjective="Original")
    session.signed_at, session.signed_by = timezone.now(), session.therapist
    session.save()
    client = login(admin_user)
    url = reverse("admin:delivery_therapysession_change", args=[session.pk])
    page = client.get(url).content.decode()
    assert 'name="subjective"' not in page  # shown, not editable
    response = client.post(url, {"subjective": "Changed"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.subjective == "Original"


def test_admin_schedules_sessions_but_does_not_write_notes(login, admin_user):
    """The permission table: administrators schedule; logging belongs to the therapist."""
    session = SessionFactory()
    page = login(admin_user).get(reverse("admin:delivery_therapysession_change", args=[session.pk]))
    content = page.content.decode()
    assert 'name="start_0"' in content and 'name="minutes"' in content
    for note_field in ("subjective", "attendance", "pain_before", "techniques"):
        assert f'name="{note_field}"' not in content, note_field


def test_administrators_keep_the_clinic_calendar(login, admin_user):
    """Opening hours per weekday and named holidays, kept in the admin; the seven weekday
    rows are changed, never added or deleted."""
    from datetime import date

    from reference.calendar import clinic_calendar
    from reference.models import ClinicHours, Holiday

    client = login(admin_user)
    saturday = ClinicHours.objects.get(weekday=5)
    url = reverse("admin:reference_clinichours_change", args=[saturday.pk])
    response = client.post(url, {"is_open": "on", "opens": "09:00", "closes": "13:00"})
    assert response.status_code == 302
    bad = client.post(url, {"is_open": "on", "opens": "13:00", "closes": "09:00"})
    assert "closes after it opens" in bad.content.decode()
    assert client.get(reverse("admin:reference_clinichours_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:reference_holiday_add"),
            # "In force" is ticked on the add form (a holiday in error is switched off).
            {"date": "2026-11-09", "name": "Diwali", "is_active": "on"},
        ).status_code
        == 302
    )
    calendar = clinic_calendar()
    assert calendar.hours(date(2026, 11, 7))[1].hour == 13
    assert calendar.holiday(date(2026, 11, 9)) == "Diwali"
    assert Holiday.objects.get().history.count() == 1


def test_admin_adds_no_assessments_or_addenda(login, admin_user):
    client = login(admin_user)
    assert client.get(reverse("admin:delivery_assessment_add")).status_code == 403
    assert client.get(reverse("admin:delivery_addendum_add")).status_code == 403


def test_admin_can_retire_but_not_delete_a_technique(login, admin_user):
    from reference.models import Technique

    technique = Technique.objects.first()
    client = login(admin_user)
    url = reverse("admin:reference_technique_delete", args=[technique.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Technique.objects.filter(pk=technique.pk).exists()


def test_admin_shows_a_form_error_for_a_goal_target_out_of_range(login, admin_user):
    goal = GoalFactory()
    url = reverse("admin:plans_goal_change", args=[goal.pk])
    data = {
        "plan": goal.plan_id,
        "discipline": "PT",
        "icf_domain": "activity",
        "text": goal.text,
        "measure": "BERG",
        "baseline": "20",
        "target": "60",
        "target_date": "2027-01-01",
        "status": "active",
    }
    response = login(admin_user).post(url, data)
    assert response.status_code == 200
    assert "out of range" in response.content.decode()
    goal.refresh_from_db()
    assert goal.target == "45"


def test_admin_refuses_a_therapist_without_a_discipline_with_a_form_error(login, admin_user):
    response = login(admin_user).post(
        reverse("admin:staff_user_add"),
        {
            "username": "new.therapist",
            "role": "therapist",
            "discipline": "",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert "Therapists need a discipline" in response.content.decode()
    assert not User.objects.filter(username="new.therapist").exists()


def test_admin_refuses_a_session_longer_than_a_day_shift(login, admin_user, plan, therapist):
    session = SessionFactory(plan=plan, therapist=therapist)
    url = reverse("admin:delivery_therapysession_change", args=[session.pk])
    data = {
        "patient": plan.patient.pk,
        "plan": plan.pk,
        "discipline": "PT",
        "therapist": therapist.pk,
        "start_0": "2026-11-01",
        "start_1": "10:00",
        "minutes": "481",
        "addenda-TOTAL_FORMS": "0",
        "addenda-INITIAL_FORMS": "0",
    }
    response = login(admin_user).post(url, data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    session.refresh_from_db()
    assert session.minutes == 45


def test_admin_refuses_a_session_by_a_therapist_of_another_discipline(
    login, admin_user, plan, ot_therapist
):
    session = SessionFactory(plan=plan)
    url = reverse("admin:delivery_therapysession_change", args=[session.pk])
    data = {
        "patient": plan.patient.pk,
        "plan": plan.pk,
        "discipline": "PT",
        "therapist": ot_therapist.pk,
        "start_0": "2026-11-01",
        "start_1": "10:00",
        "minutes": "45",
        "addenda-TOTAL_FORMS": "0",
        "addenda-INITIAL_FORMS": "0",
    }
    response = login(admin_user).post(url, data)
    assert response.status_code == 200
    assert "works in OT, not PT" in response.content.decode()


def test_admin_refuses_two_primary_diagnoses_in_one_save(login, admin_user, patient):
    url = reverse("admin:patients_patient_change", args=[patient.pk])
    page = login(admin_user).get(url)
    assert page.status_code == 200
    data = {
        "given_name": patient.given_name,
        "family_name": patient.family_name,
        "date_of_birth": patient.date_of_birth.isoformat(),
        "sex": patient.sex,
        "phone": patient.phone,
        "preferred_language": "en",
        "diagnoses-TOTAL_FORMS": "2",
        "diagnoses-INITIAL_FORMS": "0",
        "care_team-TOTAL_FORMS": "0",
        "care_team-INITIAL_FORMS": "0",
    }
    for index in range(2):
        data |= {
            f"diagnoses-{index}-condition": Condition.objects.first().pk,
            f"diagnoses-{index}-onset_date": "2026-10-01",
            f"diagnoses-{index}-is_primary": "on",
            f"diagnoses-{index}-status": "active",
        }
    response = login(admin_user).post(url, data)
    assert response.status_code == 200
    assert "A patient has one primary diagnosis" in response.content.decode()
    assert not patient.diagnoses.exists()


def test_adding_an_outcome_measure_shows_the_form_and_its_errors(login, admin_user):
    """The add page has no instrument yet: its read-only name, range and unit are blank,
    not a 500 (``KeyError: ''``); an unknown or duplicate code is a form error."""
    from reference.models import OutcomeMeasure

    client = login(admin_user)
    add = reverse("admin:reference_outcomemeasure_add")
    page = client.get(add)
    assert page.status_code == 200
    assert b'name="code"' in page.content
    refused = client.post(add, {"code": "", "description": "x"})
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["code"]
    duplicate = client.post(add, {"code": "BERG", "description": "again"})
    assert duplicate.status_code == 200
    assert "already exists" in str(duplicate.context["adminform"].form.errors["code"])
    assert OutcomeMeasure.objects.count() == len(measures.INSTRUMENTS)  # nothing added


def test_the_admin_lists_unable_to_perform_in_words(login, admin_user, patient):
    """The stored code ``UNABLE`` is never shown as if it were a value."""
    AssessmentFactory(patient=patient, measure_id="TUG", value="UNABLE")
    page = login(admin_user).get(reverse("admin:delivery_assessment_changelist"))
    text = page.content.decode()
    assert "Unable to perform" in text and ">UNABLE<" not in text
