"""A therapist's unsigned notes stay theirs after their care-team membership ends: every
note the home page lists opens, and can be completed and signed; the chart does not."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from delivery.models import TherapySession
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def left_the_team(plan, therapist):
    """Two logged, unsigned notes a week old; then the therapist leaves the care team."""
    notes = [
        SessionFactory(
            plan=plan,
            therapist=therapist,
            attendance="attended",
            minutes=30,
            start=timezone.now() - timedelta(days=days, hours=1),
        )
        for days in (6, 7)
    ]
    member = plan.patient.care_team.get(staff=therapist)
    member.end_date = timezone.localdate()
    member.save()
    return notes


def test_every_unsigned_note_on_the_home_page_opens(login, therapist, left_the_team):
    client = login(therapist)
    home = client.get(reverse("home"))
    listed = list(home.context["overdue"])
    assert {s.pk for s in listed} == {s.pk for s in left_the_team}
    for session in listed:
        url = reverse("session_detail", args=[session.pk])
        assert url in home.content.decode()
        assert client.get(url).status_code == 200
        assert client.get(reverse("session_log", args=[session.pk])).status_code == 200


def test_the_author_signs_a_note_after_leaving_the_team(login, therapist, left_the_team):
    note = left_the_team[0]
    client = login(therapist)
    response = client.post(reverse("session_sign", args=[note.pk]), {"version": note.version})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.is_signed


def test_the_note_is_theirs_not_the_chart(login, therapist, plan, left_the_team):
    client = login(therapist)
    assert client.get(reverse("patient_detail", args=[plan.patient.pk])).status_code == 404
    assert client.get(reverse("patient_week", args=[plan.patient.pk])).status_code == 404
    # A colleague's session with the same patient stays out of reach.
    other = SessionFactory(plan=plan, attendance="attended", minutes=30,
                           start=timezone.now() - timedelta(days=3))  # fmt: skip
    assert client.get(reverse("session_detail", args=[other.pk])).status_code == 404
    assert not TherapySession.objects.visible_to(therapist).filter(pk=other.pk).exists()


def test_outsiders_still_see_nothing(login, outsider, left_the_team):
    client = login(outsider)
    assert client.get(reverse("session_detail", args=[left_the_team[0].pk])).status_code == 404


def _links(html: str) -> set[str]:
    """The pages a page links to (not its static files)."""
    return {
        href for href in re.findall(r'href="(/[^"]*)"', html) if not href.startswith("/static/")
    }


def test_the_session_pages_name_the_patient_without_a_chart_link_off_the_team(
    login, therapist, plan, left_the_team
):
    note = left_the_team[0]
    client = login(therapist)
    chart = reverse("patient_detail", args=[plan.patient.pk])
    for name in ("session_detail", "session_log"):
        response = client.get(reverse(name, args=[note.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        breadcrumb = page.split('class="breadcrumb"')[1].split("</ol>")[0]
        assert plan.patient.full_name in breadcrumb
        assert chart not in page
        # Nothing else on the page leads them to a 404 either.
        assert _links(page)  # the navigation and the session's own links at least
        for link in _links(page):
            assert client.get(link).status_code != 404, (name, link)


def test_a_therapist_on_the_team_gets_the_chart_link(login, therapist, plan):
    note = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=30)
    client = login(therapist)
    chart = reverse("patient_detail", args=[plan.patient.pk])
    for name in ("session_detail", "session_log"):
        page = client.get(reverse(name, args=[note.pk])).content.decode()
        assert f'href="{chart}"' in page.split('class="breadcrumb"')[1].split("</ol>")[0]
    assert client.get(chart).status_code == 200
