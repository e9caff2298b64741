"""A therapist's unsigned notes stay theirs after their care-team membership ends: every
note the home page lists opens, and can be completed and signed; the chart does not."""

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
