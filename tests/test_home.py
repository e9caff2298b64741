import html
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    PASSWORD,
    ActivePlanFactory,
    GoalFactory,
    PatientFactory,
    Phq9Factory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_login_page_is_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_home_needs_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_login_with_the_right_password(client, physician):
    response = client.post(reverse("login"), {"username": physician.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")


def test_login_with_a_wrong_password_says_so(client, physician):
    response = client.post(reverse("login"), {"username": physician.username, "password": "no"})
    assert response.status_code == 200
    assert b"correct username and password" in response.content


def test_logout_is_post_only(login, physician):
    client = login(physician)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_physician_home_lists_plans_they_lead_by_review_date(login, physician, plan):
    ActivePlanFactory()  # somebody else's
    response = login(physician).get(reverse("home"))
    assert response.status_code == 200
    assert [line.plan for line in response.context["page"].object_list] == [plan]


def test_therapist_home_shows_today_and_caseload(login, therapist, patient, other_patient, plan):
    today = SessionFactory(plan=plan, therapist=therapist, start=timezone.now())
    SessionFactory(plan=plan, therapist=therapist, start=timezone.now() - timedelta(days=3))
    response = login(therapist).get(reverse("home"))
    assert [row.session for row in response.context["session_rows"]] == [today]
    assert list(response.context["page"].object_list) == [patient]


def test_therapist_home_shows_each_goal_in_full(login, therapist, plan):
    text = "Balance for walking outdoors: Berg Balance Scale above 45 by week 12, no aid."
    GoalFactory(plan=plan, text=text)
    SessionFactory(plan=plan, therapist=therapist, start=timezone.now())
    assert text in login(therapist).get(reverse("home")).content.decode()


def test_reception_home_shows_todays_schedule_without_notes(login, reception, plan):
    session = SessionFactory(
        plan=plan, start=timezone.now(), subjective="Confided low mood at home"
    )
    response = login(reception).get(reverse("home"))
    assert list(response.context["page"].object_list) == [session]
    assert session.patient.full_name in response.content.decode()
    assert "Confided low mood" not in response.content.decode()


def test_admin_home_counts_link_to_the_lists_of_what_they_count(login, admin_user, plan):
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    with time_machine.travel(midnight + timedelta(hours=12), tick=False):
        PatientFactory().archive(reason="Moved away")
        for status in ("on_hold", "draft", "completed"):
            ActivePlanFactory(status=status)
        SessionFactory(plan=plan, start=timezone.now() - timedelta(hours=1))
        SessionFactory(plan=plan, start=timezone.now() + timedelta(hours=2), attendance="cancelled",
                       absence_reason="Unwell")  # fmt: skip
        SessionFactory(plan=plan, start=timezone.now() - timedelta(days=1))
        client = login(admin_user)
        response = client.get(reverse("home"))
        cards = {label: (count, url) for label, count, url in response.context["cards"]}
        assert cards["Open plans"][0] == 2  # active and on hold
        assert cards["Sessions today"][0] == 2
        listed = {label: client.get(url).context for label, (_, url) in cards.items()}
    assert cards["Active patients"][0] == listed["Active patients"]["page"].paginator.count
    assert cards["Open plans"][0] == listed["Open plans"]["cl"].result_count
    assert cards["Sessions today"][0] == listed["Sessions today"]["page"].paginator.count
    page = response.content.decode()
    assert all(f'href="{html.escape(url)}"' in page for _, url in cards.values())


def test_home_refuses_post(login, physician):
    assert login(physician).post(reverse("home")).status_code == 405


@pytest.mark.parametrize("role", ["physician", "therapist", "reception", "admin"])
def test_home_query_count_is_constant(login, people, patient, role, django_assert_max_num_queries):
    user = people[role]
    for _ in range(15):
        plan = ActivePlanFactory(lead_physician=people["physician"])
        SessionFactory(plan=plan, therapist=people["therapist"], start=timezone.now())
        Phq9Factory(patient=plan.patient)  # item 9 answered: 15 self-harm alerts
    PatientFactory.create_batch(10)
    client = login(user)
    # Therapists' page also fetches today's stages, allocations, goals and caseload facts.
    # (+2: the savepoint around each request, ATOMIC_REQUESTS inside the test transaction)
    # The physician's caseload also reads the plans' holds and the clinic calendar (+3),
    # and the PHQ-9 self-harm alerts of the patients of their plans (+1, however many).
    with django_assert_max_num_queries(20):
        assert client.get(reverse("home")).status_code == 200


def test_today_means_the_clinic_day_in_india(login, therapist, plan):
    """Just after midnight in Pune it is still the previous evening in UTC."""
    ist = ZoneInfo("Asia/Kolkata")
    late_yesterday = SessionFactory(
        plan=plan, therapist=therapist, start=datetime(2026, 11, 24, 23, 50, tzinfo=ist)
    )
    early_today = SessionFactory(
        plan=plan, therapist=therapist, start=datetime(2026, 11, 25, 0, 5, tzinfo=ist)
    )
    client = login(therapist)
    with time_machine.travel(datetime(2026, 11, 25, 0, 10, tzinfo=ist), tick=False):
        sessions = [row.session for row in client.get(reverse("home")).context["session_rows"]]
    assert early_today in sessions and late_yesterday not in sessions


def test_physician_home_lists_drafts_to_finish(login, physician, plan):
    from tests.factories import DiagnosisFactory, PlanFactory

    draft = PlanFactory(
        patient=plan.patient,
        diagnosis=DiagnosisFactory(patient=plan.patient, is_primary=False),
        lead_physician=physician,
    )
    listed = [line.plan for line in login(physician).get(reverse("home")).context["page"]]
    assert draft in listed and plan in listed
