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


# --- the idle session: warning, autosave of the note, back to the page, htmx ----------------


@pytest.fixture
def session(plan, therapist):
    from datetime import timedelta

    from django.utils import timezone

    from plans.models import StageStatus
    from tests.factories import SessionFactory, StageFactory

    StageFactory(
        plan=plan, order=1, status=StageStatus.CURRENT,
        actual_start=timezone.localdate() - timedelta(days=10),
    )  # fmt: skip
    return SessionFactory(plan=plan, therapist=therapist, start=timezone.now() - timedelta(hours=1))


def expire(client) -> None:
    """The session ends on the server (idle timeout); the browser still sends its cookie."""
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()


HX = {"HTTP_HX_REQUEST": "true"}


def test_an_expired_htmx_request_is_sent_to_the_login_page_as_a_page(login, therapist, session):
    client = login(therapist)
    page = reverse("session_log", args=[session.pk])
    expire(client)
    response = client.post(
        reverse("session_draft", args=[session.pk]),
        {"version": session.version, "subjective": "typed"},
        HTTP_HX_CURRENT_URL=f"http://testserver{page}",
        **HX,
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{reverse('login')}?next={page}"
    assert b"Sign in" not in response.content  # no login page inside the page
    login_page = client.get(response["HX-Redirect"]).content.decode()
    assert "Your session expired; sign in again." in login_page


def test_an_htmx_request_from_another_site_is_not_sent_back_there(login, therapist, session):
    client = login(therapist)
    expire(client)
    response = client.get(reverse("home"), HTTP_HX_CURRENT_URL="https://evil.example/phish/", **HX)
    assert "evil.example" not in response["HX-Redirect"]


def test_after_expiry_signing_in_again_returns_to_the_page(login, therapist, session):
    client = login(therapist)
    page = reverse("session_log", args=[session.pk])
    expire(client)
    response = client.post(page, {"subjective": "lost?"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"]
    login_page = client.get(response["Location"])
    assert "Your session expired; sign in again." in login_page.content.decode()
    therapist.set_password("a-long-test-passphrase")
    therapist.save()
    signed_in = client.post(
        response["Location"],
        {"username": therapist.username, "password": "a-long-test-passphrase", "next": page},
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == page


def test_nobody_signed_in_is_not_told_a_session_expired(client):
    login_page = client.get(reverse("home"), follow=True).content.decode()
    assert "Sign in" in login_page and "session expired" not in login_page


def test_the_page_knows_when_the_session_expires(login, therapist, settings):
    settings.SESSION_COOKIE_AGE = 900
    settings.SESSION_WARNING_SECONDS = 60
    page = login(therapist).get(reverse("home")).content.decode()
    assert 'data-session-seconds="900"' in page and 'data-session-warning-seconds="60"' in page
    assert 'id="session-warning"' in page and "Stay signed in" in page
    assert "js/session.js" in page


def test_stay_signed_in_restarts_the_idle_timeout(login, therapist):
    from django.contrib.sessions.models import Session

    client = login(therapist)
    before = Session.objects.get().expire_date
    url = reverse("session_keep_alive")
    response = client.post(url)
    assert response.status_code == 200 and response.json()["expires_in"] > 0
    assert Session.objects.get().expire_date >= before
    assert client.get(url).status_code == 405


def test_the_note_is_saved_as_a_draft_while_typed(login, therapist, session):
    client = login(therapist)
    url = reverse("session_draft", args=[session.pk])
    version = session.version
    response = client.post(
        url,
        {"version": version, "subjective": "Knee less stiff", "objective": "", "minutes": "99"},
        **HX,
    )
    assert response.status_code == 200
    assert "Draft saved" in response.content.decode()
    assert f'value="{version + 1}"' in response.content.decode()  # the form's new version
    session.refresh_from_db()
    assert session.subjective == "Knee less stiff"
    assert session.minutes == 45 and session.attendance == "scheduled"  # note fields only
    assert not session.is_signed
    # The same text again writes nothing.
    client.post(url, {"version": version + 1, "subjective": "Knee less stiff"}, **HX)
    session.refresh_from_db()
    assert session.version == version + 1


def test_a_draft_from_an_old_copy_overwrites_nothing(login, therapist, session):
    client = login(therapist)
    url = reverse("session_draft", args=[session.pk])
    client.post(url, {"version": session.version, "subjective": "first tab"}, **HX)
    stale = client.post(url, {"version": session.version, "subjective": "second tab"}, **HX)
    assert "someone else saved this note" in stale.content.decode()
    assert "hx-swap-oob" not in stale.content.decode()  # the form keeps its old version
    session.refresh_from_db()
    assert session.subjective == "first tab"


def test_a_signed_note_takes_no_draft(login, therapist, session):
    from delivery.services import log_session, sign_note

    logged = log_session(
        session=session, by=therapist, expected_version=session.version,
        fields={"attendance": "attended", "minutes": 30, "assessment": "ok", "plan_note": "ok"},
        techniques=[], goals=[],
    )  # fmt: skip
    signed = sign_note(session=logged, by=therapist)
    client = login(therapist)
    response = client.post(
        reverse("session_draft", args=[session.pk]),
        {"version": signed.version, "subjective": "changed after signing"},
        **HX,
    )
    assert "Draft not saved" in response.content.decode()
    session.refresh_from_db()
    assert session.subjective != "changed after signing"


@pytest.mark.parametrize(
    ("role", "status"), [("physician", 403), ("ot_therapist", 403), ("outsider", 404)]
)
def test_only_the_sessions_therapist_saves_a_draft(login, people, session, role, status):
    response = login(people[role]).post(
        reverse("session_draft", args=[session.pk]),
        {"version": session.version, "subjective": "not mine"},
        **HX,
    )
    assert response.status_code == status
    session.refresh_from_db()
    assert session.subjective != "not mine"


def test_a_draft_is_posted_never_read(login, therapist, session):
    assert login(therapist).get(reverse("session_draft", args=[session.pk])).status_code == 405


def test_the_log_page_autosaves_and_nothing_clinical_is_kept_in_the_browser(
    login, therapist, session
):
    from django.conf import settings

    page = login(therapist).get(reverse("session_log", args=[session.pk])).content.decode()
    assert f'hx-post="{reverse("session_draft", args=[session.pk])}"' in page
    for script in (settings.BASE_DIR / "static" / "js").glob("*.js"):
        text = script.read_text()
        assert "localStorage" not in text and "sessionStorage" not in text, script.name


# --- a goal met is suggested achieved, and no longer flagged due ------------------------------


@pytest.fixture
def met_goal(plan, therapist):
    """A Berg goal (20 → 45) past its target date, with a result of 48 since it was set."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import AssessmentFactory, GoalFactory

    goal = GoalFactory(plan=plan, target_date=timezone.localdate() - timedelta(days=2))
    from domain.measures import BERG_ITEMS

    items = dict.fromkeys(BERG_ITEMS, 4) | dict.fromkeys(list(BERG_ITEMS)[:2], 0)  # 48
    AssessmentFactory(
        patient=plan.patient, measure_id="BERG", items=items, value="48",
        assessed_by=therapist, assessed_at=timezone.now(),
    )  # fmt: skip
    return goal


def test_a_goal_whose_result_meets_the_target_is_not_flagged_due(met_goal, plan, physician):
    from django.utils import timezone

    from desk.caseload import caseload
    from tests.factories import GoalFactory

    unmet = GoalFactory(plan=plan, target="56", target_date=met_goal.target_date)
    (line,) = [line for line in caseload(physician, timezone.localdate()) if line.plan == plan]
    assert line.goals_due == [unmet]


def test_the_plan_page_suggests_marking_a_met_goal_achieved(met_goal, plan, physician, login):
    from plans.models import GoalStatus

    client = login(physician)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    url = reverse("plan_goal_achieved", args=[plan.pk, met_goal.pk])
    assert "Target met" in page and url in page
    plan.refresh_from_db()
    response = client.post(url, {"version": plan.version})
    assert response.status_code == 302
    met_goal.refresh_from_db()
    assert met_goal.status == GoalStatus.ACHIEVED
    assert met_goal.history.first().status == GoalStatus.ACHIEVED  # the goal's history
    revision = plan.revisions.order_by("-number").first()
    assert revision.changes.startswith("Goal achieved") and "48" in revision.reason
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert url not in page


def test_a_goal_not_met_is_not_marked_achieved_in_one_click(plan, physician, login):
    from plans.models import GoalStatus
    from tests.factories import GoalFactory

    goal = GoalFactory(plan=plan)  # no result since it was set
    client = login(physician)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    url = reverse("plan_goal_achieved", args=[plan.pk, goal.pk])
    assert url not in page
    plan.refresh_from_db()
    client.post(url, {"version": plan.version})
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACTIVE


@pytest.mark.parametrize(("role", "status"), [("therapist", 403), ("outsider", 404)])
def test_only_who_edits_the_plan_marks_a_goal_achieved(met_goal, plan, people, login, role, status):
    url = reverse("plan_goal_achieved", args=[plan.pk, met_goal.pk])
    assert login(people[role]).post(url, {"version": plan.version}).status_code == status
    met_goal.refresh_from_db()
    assert met_goal.status == "active"


def test_marking_a_goal_achieved_is_posted(met_goal, plan, physician, login):
    url = reverse("plan_goal_achieved", args=[plan.pk, met_goal.pk])
    assert login(physician).get(url).status_code == 405
