"""The app's shell: error pages, the favicon, the admin without deletes, the idle session."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NAV = 'class="navbar'


# --- error pages and the favicon ---------------------------------------------------------------


def test_a_404_for_a_signed_in_user_has_the_navigation(login, therapist):
    response = login(therapist).get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert NAV in page and "Back to your home page" in page
    assert 'id="error-page"' in page


def test_a_404_for_nobody_signed_in_is_a_plain_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert NAV not in page and 'id="error-page"' in page
    assert reverse("login") in page


def test_a_404_says_nothing_about_what_exists(login, outsider, plan):
    # The plan exists but is not the outsider's to see: the page says nothing of it.
    response = login(outsider).get(reverse("plan_detail", args=[plan.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert plan.patient.full_name not in page and "plan" not in page.lower().split("<main")[1]


def test_a_403_has_the_navigation(login, reception, patient):
    response = login(reception).get(reverse("plan_triage", args=[patient.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert NAV in page and 'id="error-page"' in page and "Not open to your role" in page


def _icon_href(page: str) -> str:
    found = re.search(r'<link rel="icon" href="([^"]+)"', page)
    assert found, "no favicon link"
    return found.group(1)


def test_the_admin_links_a_favicon_that_resolves(login, admin_user):
    client = login(admin_user)
    page = client.get(reverse("admin:index")).content.decode()
    href = _icon_href(page)
    response = client.get(href)
    assert response.status_code == 200
    assert b"<svg" in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


def test_the_app_links_the_same_favicon(login, therapist):
    page = login(therapist).get(reverse("home")).content.decode()
    assert _icon_href(page).endswith("favicon.svg")


# --- the admin offers no delete; reference rows are retired ----------------------------------


@pytest.fixture
def superuser(admin_user):
    admin_user.is_superuser = True
    admin_user.save()
    return admin_user


def test_no_model_admin_offers_a_delete_even_to_a_superuser(rf, superuser):
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = superuser
    assert len(admin.site._registry) > 20
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        assert not model_admin.has_delete_permission(request), label
        assert "delete_selected" not in model_admin.get_actions(request), label
        row = model._default_manager.first()
        for inline in model_admin.get_inline_instances(request, row):
            assert not inline.has_delete_permission(request, row), label


def test_a_plan_templates_admin_page_has_no_delete_button(login, superuser):
    from reference.models import PlanTemplate

    template = PlanTemplate.objects.first()
    client = login(superuser)
    page = client.get(reverse("admin:reference_plantemplate_change", args=[template.pk]))
    assert page.status_code == 200
    assert "deletelink" not in page.content.decode()
    delete = reverse("admin:reference_plantemplate_delete", args=[template.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    listing = client.get(reverse("admin:reference_discipline_changelist")).content.decode()
    assert "delete_selected" not in listing
    assert PlanTemplate.objects.filter(pk=template.pk).exists()


def test_a_discipline_is_retired_in_the_admin(login, superuser):
    from reference.models import Discipline

    client = login(superuser)
    url = reverse("admin:reference_discipline_changelist")
    assert "is_active" in client.get(url).content.decode()
    assert {f.name for f in Discipline._meta.fields} >= {"is_active"}


def test_a_retired_discipline_leaves_new_choices_but_stays_on_old_goals(plan, physician):
    from plans.forms import GoalForm
    from reference.models import Discipline
    from tests.factories import GoalFactory

    goal = GoalFactory(plan=plan, discipline_id="SLT")
    Discipline.objects.filter(pk="SLT").update(is_active=False)
    new = GoalForm(plan=plan)
    assert "SLT" not in {d.pk for d in new.fields["discipline"].queryset}
    assert "PT" in {d.pk for d in new.fields["discipline"].queryset}
    old = GoalForm(plan=plan, instance=goal)
    assert "SLT" in {d.pk for d in old.fields["discipline"].queryset}


def test_a_retired_measure_leaves_the_goal_form_and_the_assessment_menu(
    plan, physician, therapist, login
):
    from plans.forms import GoalForm
    from reference.models import OutcomeMeasure

    OutcomeMeasure.objects.filter(pk="BERG").update(is_active=False)
    assert "BERG" not in {m.pk for m in GoalForm(plan=plan).fields["measure"].queryset}
    client = login(therapist)
    chart = client.get(reverse("patient_detail", args=[plan.patient_id])).content.decode()
    assert reverse("assessment_new", args=[plan.patient_id, "BERG"]) not in chart
    assert reverse("assessment_new", args=[plan.patient_id, "BARTHEL"]) in chart
    assert client.get(reverse("assessment_new", args=[plan.patient_id, "BERG"])).status_code == 404


def test_a_retired_condition_leaves_the_diagnosis_form(patient):
    from patients.forms import DiagnosisForm
    from reference.models import Condition

    retired = Condition.objects.first()
    Condition.objects.filter(pk=retired.pk).update(is_active=False)
    assert retired not in DiagnosisForm(patient=patient).fields["condition"].queryset


def test_a_holiday_switched_off_no_longer_closes_the_clinic(db):
    from datetime import date

    from reference.calendar import clinic_calendar
    from reference.models import Holiday

    day = date(2031, 1, 6)  # a Monday
    holiday = Holiday.objects.create(date=day, name="Entered in error")
    assert clinic_calendar().hours(day) is None
    holiday.is_active = False
    holiday.save()
    assert clinic_calendar().hours(day) is not None
