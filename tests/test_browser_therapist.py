"""The demo physiotherapist's day, in a real browser: log, sign, addend, assess."""

from datetime import datetime, time

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from delivery.models import Assessment, TherapySession
from domain.measures import BERG_ITEMS
from tests.browser import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lunchtime():
    """Half past noon in the clinic today: the morning's sessions have happened."""
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12, 30)))
    with time_machine.travel(noon, tick=True):
        yield


def test_the_physiotherapists_day(lunchtime, live_server, page):
    from demo.clinic import DEMO_PASSWORD, DemoClinic

    DemoClinic().build()
    sign_in(page, live_server, "physio.kumar", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    screenshot(page, "therapist-today")

    page.locator("table").first.get_by_role("link").first.click()
    page.get_by_role("link", name="Log session").click()
    # The demo's first patient of the day carries precautions: one click before logging.
    if page.locator("#acknowledge-form").count():
        page.get_by_role("button", name="I have read").click()
        page.wait_for_selector("text=Acknowledged")
    page.get_by_label("Minutes delivered").fill("40")
    page.get_by_label("Pain before").fill("5")
    page.get_by_label("Pain after").fill("3")
    page.get_by_label("Subjective").fill("Knee less stiff; slept well.")
    page.get_by_label("Objective").fill("Sit-to-stand x10 without hands.")
    page.get_by_label("Assessment").fill("Strength improving.")
    page.get_by_label("Plan").fill("Add step-ups.")
    page.locator("input[name=techniques]").first.check()
    screenshot(page, "therapist-log")
    page.get_by_role("button", name="Save session").click()
    page.wait_for_selector("text=Session logged")

    page.get_by_role("button", name="Sign note").click()
    page.locator("#confirm-modal").get_by_role("button", name="Yes, sign the note").click()
    page.wait_for_selector("text=Note signed")
    expect(page.get_by_role("link", name="Edit note")).to_have_count(0)
    session_url = page.url
    page.goto(session_url + "log/")
    page.wait_for_selector("text=This note is signed; corrections are addenda.")

    page.get_by_label("Add an addendum").fill("Pain after was 2, not 3.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.locator("#addenda")).to_contain_text("Pain after was 2, not 3.")
    screenshot(page, "therapist-signed-note")
    session = TherapySession.objects.get(pk=int(session_url.rstrip("/").split("/")[-1]))
    assert session.is_signed and session.addenda.count() == 1

    page.locator("ol.breadcrumb a").first.click()
    page.get_by_role("button", name="Record an assessment").click()
    page.locator(".dropdown-menu").get_by_role("link", name="Berg Balance Scale").click()
    # Each item is a group of radio buttons, one per published score with its words.
    expect(page.locator("[data-item-score]")).to_have_count(14 * 5)
    expect(page.get_by_role("group", name="Sitting to standing")).to_contain_text(
        "able to stand without using hands and stabilize independently"
    )
    for index, key in enumerate(BERG_ITEMS):
        page.locator(f'input[name="item_{key}"][value="{3 if index < 13 else 1}"]').check()
    expect(page.locator("[data-item-total]")).to_have_text("40")
    screenshot(page, "therapist-berg")
    page.get_by_role("button", name="Record").click()
    page.wait_for_selector("text=Recorded Berg Balance Scale: 40")
    expect(page.locator("#latest-results")).to_contain_text("40")
    expect(page.locator('[data-measure-chart="BERG"]')).to_be_visible()
    page.locator("#measure-charts").scroll_into_view_if_needed()
    screenshot(page, "therapist-chart")
    berg = Assessment.objects.filter(measure_id="BERG").order_by("-pk").first()
    assert berg.value == "40" and set(berg.items) == set(BERG_ITEMS)
