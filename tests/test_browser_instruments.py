"""The neuro-rehabilitation instruments in a real browser (issue 15): an NIHSS recorded
item by item with its live total (an untestable item adding 0), and a PHQ-9 whose item-9
answer alerts the physician, who reviews it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from delivery.models import Assessment, SelfHarmReview
from domain.measures import INSTRUMENTS
from tests.browser import screenshot, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A moderate stroke: drowsy, one question wrong, gaze palsy, hemianopia, facial palsy,
# a left arm that falls, a left leg that drifts, sensory loss, aphasia; the right arm
# untestable (an old amputation, say). 1+1+0+1+1+2+3+9(UN)+1+0+0+1+1+1+0 = 13.
NIHSS = {"1a": 1, "1b": 1, "1c": 0, "2": 1, "3": 1, "4": 2, "5a": 3, "5b": 9, "6a": 1,
         "6b": 0, "7": 0, "8": 1, "9": 1, "10": 1, "11": 0}  # fmt: skip


def test_an_nihss_with_its_live_total_and_a_phq9_alert_reviewed(
    live_server, page, therapist, physician, plan
):
    patient = plan.patient
    sign_in(page, live_server, therapist.username, PASSWORD)
    page.goto(live_server.url + reverse("assessment_new", args=[patient.pk, "NIHSS"]))
    expect(page.locator("#instrument-licence")).to_contain_text("Public domain (NINDS)")
    total = page.locator("[data-item-total]")
    for index, (key, score) in enumerate(NIHSS.items()):
        page.locator(f'input[name="item_{key}"][value="{score}"]').check()
        if index == 7:  # after 5b, UN: the running total has not moved
            expect(total).to_have_text("9 (8 of 15 items)")
    expect(total).to_have_text("13")
    expect(page.get_by_role("group", name="5b. Motor arm, right")).to_contain_text(
        "UN — Amputation or joint fusion"
    )
    screenshot(page, "instruments-nihss-form")
    page.get_by_role("button", name="Record").click()
    page.wait_for_selector("text=Recorded NIH Stroke Scale: 13")
    nihss = Assessment.objects.get(measure_id="NIHSS")
    assert nihss.value == "13" and nihss.items["5b"] == 9

    # A PHQ-9 with item 9 answered "Several days": the therapist is told, the physician alerted.
    page.goto(live_server.url + reverse("assessment_new", args=[patient.pk, "PHQ9"]))
    for key in INSTRUMENTS["PHQ9"].items:
        page.locator(f'input[name="item_{key}"][value="1"]').check()
    expect(total).to_have_text("9")
    page.get_by_role("button", name="Record").click()
    page.wait_for_selector("text=Item 9 (thoughts of self-harm)")
    # SCIM III: three subscales under their headings; items with their own steps.
    page.goto(live_server.url + reverse("assessment_new", args=[patient.pk, "SCIM"]))
    expect(
        page.get_by_role("heading", name="Respiration and sphincter management (0-40)")
    ).to_be_visible()
    scim = INSTRUMENTS["SCIM"]
    for key in scim.items:
        page.locator(f'input[name="item_{key}"][value="{scim.item_maximum(key)}"]').check()
    page.locator('input[name="item_respiration"][value="6"]').check()
    page.locator('input[name="item_bladder"][value="11"]').check()
    expect(total).to_have_text("92")  # 100 - 4 (respiration) - 4 (bladder)
    screenshot(page, "instruments-scim-form")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, physician.username, PASSWORD)
    alert = page.locator("#self-harm-alerts")
    expect(alert).to_contain_text(patient.full_name)
    expect(alert).to_contain_text("Several days")
    screenshot(page, "instruments-self-harm-alert-desk")
    alert.get_by_role("link", name="Review and record what was done").click()
    page.get_by_label("What was done").fill(
        "Seen today: passive thoughts, no plan or intent. Safety plan agreed; GP informed."
    )
    screenshot(page, "instruments-self-harm-review")
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_selector("text=Reviewed: the alert is cleared")
    expect(page.locator("#self-harm-alerts")).to_have_count(0)
    screenshot(page, "instruments-chart-after-review")
    review = SelfHarmReview.objects.get()
    assert review.reviewed_by == physician and "Safety plan" in review.note
