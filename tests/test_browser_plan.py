"""A physician goes from a new stroke patient to an active plan, in a real browser."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from domain.balance import planned_mix
from plans.models import PlanStatus, RehabPlan
from tests.browser import fill_registration, screenshot, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

GOALS = [
    (
        "PT",
        "Activity",
        "Stand up from a chair without help within 4 weeks.",
        "BERG",
        "12",
        "30",
    ),
    (
        "OT",
        "Activity",
        "Dress the upper body with set-up only within 8 weeks.",
        "BARTHEL",
        "20",
        "60",
    ),
    ("SLT", "Body function", "Safe swallow on a soft diet within 3 weeks.", "MRS", "5", "3"),
]


def stage_shares(plan):
    return [
        planned_mix(
            (a.discipline_id, a.sessions_per_week, a.minutes_per_session)
            for a in stage.allocations.filter(is_active=True)
        )
        for stage in plan.stages.order_by("order")
    ]


def test_new_stroke_patient_to_an_active_plan(live_server, page):
    UserFactory(username="dr.browser", role="physician", first_name="Asha", last_name="Rao")
    sign_in(page, live_server, "dr.browser", PASSWORD)

    fill_registration(
        page, given="Ramesh", family="Pawar", born="1956-07-02", sex="male",
        phone="+91 98230 44556",
    )  # fmt: skip
    page.get_by_role("button", name="Register").click()
    page.wait_for_selector("text=Registered Ramesh Pawar")

    page.get_by_role("link", name="Add diagnosis").click()
    page.get_by_label("Condition").select_option(label="Ischaemic stroke (I63.9)")
    # Typed as the clinic writes dates (DD/MM/YYYY), not the browser's locale's way.
    page.get_by_label("Onset date").fill(f"{timezone.localdate():%d/%m/%Y}")
    page.get_by_label("Onset time").fill("00:00")
    page.get_by_role("button", name="Save diagnosis").click()
    page.wait_for_selector("text=Recorded Ischaemic stroke")

    page.get_by_role("link", name="Triage and start a plan").click()
    page.get_by_label(
        "Weakness, coordination loss or paralysis after brain or spinal injury"
    ).check()
    page.get_by_label("Speech").check()
    page.get_by_label("Balance").check()
    page.get_by_role("button", name="Suggest an approach").click()
    result = page.locator("#triage-result")
    expect(result).to_contain_text("Full team")
    expect(result).to_contain_text("does not replace it")
    screenshot(page, "physician-triage")
    page.get_by_role("button", name="Start a draft plan from the template").click()
    page.wait_for_selector("text=Draft plan created")

    stages = page.locator("[id^=stage-]")
    expect(stages).to_have_count(5)
    expect(page.locator("#stage-1")).to_contain_text("Hyperacute")
    expect(page.locator("#stage-1")).to_contain_text("Physio 69%")
    # Speech among the problems (aphasia): the chronic stage keeps speech therapy, 3 × 45.
    expect(page.locator("#stage-5")).to_contain_text("OT 40%")
    expect(page.locator("#stage-5")).to_contain_text("Speech 30%")
    screenshot(page, "physician-draft-plan")

    page.locator("#stage-3").get_by_role("link", name="Edit stage").click()
    # The stage's dates show as text in the clinic's format, with the format beside them.
    planned_start = page.get_by_label("Planned start")
    expect(planned_start).to_have_attribute("type", "text")
    stage = RehabPlan.objects.get(patient__family_name="Pawar").stages.get(order=3)
    expect(planned_start).to_have_value(f"{stage.planned_start:%d/%m/%Y}")
    expect(page.locator("#id_planned_start_helptext")).to_have_text("DD/MM/YYYY")
    # The early subacute stage plans 915 min a week (NICE NG236); a third SLT session adds 45.
    page.get_by_label("Speech sessions a week").fill("3")
    expect(page.locator("[data-live-total]")).to_have_text("960 minutes a week")
    screenshot(page, "physician-stage-edit")
    page.get_by_role("button", name="Save stage").click()
    page.wait_for_selector("text=Saved Early subacute")

    for discipline, domain, text, measure, baseline, target in GOALS:
        page.get_by_role("link", name="Add goal").click()
        page.get_by_label("Discipline").select_option(value=discipline)
        page.get_by_label("ICF domain").select_option(label=domain)
        page.get_by_label("SMART goal").fill(text)
        page.get_by_label("Measure").select_option(measure)
        page.get_by_label("Baseline").fill(baseline)
        page.get_by_label("Target", exact=True).fill(target)
        page.get_by_label("Target date").fill(
            (timezone.localdate() + timezone.timedelta(days=42)).isoformat()
        )
        page.get_by_role("button", name="Save goal").click()
        page.wait_for_selector("text=Goal saved")

    # Nobody treats the new patient yet: activating needs a reason (issue 14, bug 6), and
    # activating asks first, saying what becomes final (issue 14, bug 10).
    expect(page.locator("#unstaffed")).to_be_visible()
    confirm = page.locator("#confirm-modal").get_by_role("button", name="Yes, activate the plan")
    page.get_by_role("button", name="Activate without them").click()
    confirm.click()
    page.wait_for_selector("text=No therapist on the care team for")
    page.get_by_label("Activate without them: why").fill("Therapists assigned at the first visit")
    page.get_by_role("button", name="Activate without them").click()
    confirm.click()
    page.wait_for_selector("text=Plan activated")
    expect(page.locator("#stage-1")).to_contain_text("Current")
    screenshot(page, "physician-active-plan")

    plan = RehabPlan.objects.get(patient__family_name="Pawar")
    assert plan.status == PlanStatus.ACTIVE and plan.goals.count() == 3
    assert plan.revisions.get().reason.endswith(": Therapists assigned at the first visit")
    shares = stage_shares(plan)
    assert len(shares) == 5
    assert max(shares[0], key=shares[0].get) == "PT"
    assert max(shares[-1], key=shares[-1].get) == "OT"
    assert plan.stages.get(order=3).allocations.get(discipline="SLT").sessions_per_week == 3


def test_demo_data_shows_a_stage_advance_and_the_physician_advances(live_server, page):
    from demo.clinic import DEMO_PASSWORD, DemoClinic

    DemoClinic().build()
    sign_in(page, live_server, "dr.mehta", DEMO_PASSWORD)
    suggested = page.get_by_role("link", name="Advance suggested", exact=True).first
    expect(suggested).to_be_visible()
    screenshot(page, "physician-dashboard")
    suggested.click()
    expect(page.get_by_text("Why the system suggests it")).to_be_visible()
    screenshot(page, "physician-advance")
    page.get_by_role("button", name="Advance to").click()
    page.locator("#confirm-modal").get_by_role("button", name="Yes, advance").click()
    page.wait_for_selector("text=Advanced to")
    screenshot(page, "physician-after-advance")
