"""Goal attainment scaling on the plan page, in a real browser: a physiotherapist reviews
a goal against its levels, the T-score moves, the patient's priorities sit beside it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reference.models import Discipline, OutcomeMeasure
from tests.browser import screenshot, sign_in
from tests.factories import (
    PASSWORD,
    ActivePlanFactory,
    CareTeamMemberFactory,
    GasRatingFactory,
    PatientFactory,
    PatientPriorityFactory,
    ScaledGoalFactory,
    StageFactory,
    TherapistFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_therapist_reviews_a_goal_and_the_t_score_moves(live_server, page):
    today = timezone.localdate()
    physician = UserFactory(username="dr.gas", role="physician", first_name="Meera",
                            last_name="Kulkarni")  # fmt: skip
    physio = TherapistFactory(username="pt.gas", first_name="Rahul", last_name="Joshi")
    patient = PatientFactory(given_name="Sunita", family_name="Deshpande")
    plan = ActivePlanFactory(patient=patient, lead_physician=physician,
                             start_date=today - timedelta(weeks=8))  # fmt: skip
    StageFactory(plan=plan, order=1, name="Late subacute", status="current",
                 actual_start=plan.start_date)  # fmt: skip
    CareTeamMemberFactory(patient=patient, staff=physician, team_role="lead_physician")
    CareTeamMemberFactory(patient=patient, staff=physio)
    set_on = plan.start_date
    walk = ScaledGoalFactory(
        plan=plan, set_on=set_on,
        text="Walk 10 m at 0.8 m/s with no more than a stick by week 12.",
        measure=OutcomeMeasure.objects.get(code="10MWT"), baseline="0.3", target="0.8",
        gas_much_less="Slower than 0.4 m/s or needs a frame.",
        gas_less="0.4–0.7 m/s with a stick, indoors only.",
        gas_expected="0.8 m/s with no more than a stick; to the shops with family.",
        gas_more="0.8 m/s or faster without a stick.",
        gas_much_more="1.0 m/s without an aid; to the shops alone.",
    )  # fmt: skip
    dress = ScaledGoalFactory(
        plan=plan, set_on=set_on, discipline=Discipline.objects.get(code="OT"),
        text="Dress and use the toilet with set-up help only: Barthel 80 by week 12.",
        measure=OutcomeMeasure.objects.get(code="BARTHEL"), baseline="35", target="80",
        gas_much_less="Barthel below 50: help with most personal care.",
        gas_less="Barthel 50–75: one person's help dressing.",
        gas_expected="Barthel 80: set-up help only.",
        gas_more="Barthel 85–90.", gas_much_more="Barthel 95 or more.", gas_baseline=-2,
    )  # fmt: skip
    GasRatingFactory(goal=walk, level=-1, reviewed_on=set_on + timedelta(weeks=4), by=physio)
    GasRatingFactory(goal=dress, level=-1, reviewed_on=set_on + timedelta(weeks=4),
                     by=physician)  # fmt: skip
    PatientPriorityFactory(plan=plan, text="To walk to the temple on my own.", serves=[walk])
    PatientPriorityFactory(plan=plan, rank=2, text="To cook for my grandchildren.",
                           serves=[dress])  # fmt: skip

    sign_in(page, live_server, "pt.gas", PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    summary = page.locator("#gas-summary")
    # Both goals at −1: 50 − 20 / sqrt(2.6) = 37.6; baseline −1 and −2: 31.4.
    expect(summary).to_contain_text("over 2 reviewed goals")
    expect(summary.locator("[data-gas-latest]")).to_have_text("37.6")
    expect(page.locator("#patient-priorities")).to_contain_text("To walk to the temple on my own.")

    # The PT goal offers a review to the physiotherapist; the OT goal does not.
    walk_row = page.locator("tr", has_text="Walk 10 m at 0.8 m/s")
    walk_row.get_by_role("link", name="Review").click()
    expect(page.get_by_text("0.8 m/s or faster without a stick.")).to_be_visible()
    page.get_by_label("+1 Somewhat more than expected: 0.8 m/s or faster without a stick.").check()
    page.get_by_label("Note").fill("Walked 10 m in 11.5 s without the stick.")
    page.get_by_role("button", name="Record the level").click()

    expect(page.get_by_text("GAS level +1 recorded.")).to_be_visible()
    # Now +1 and −1: 50 exactly; up 18.6 from the baseline.
    expect(summary.locator("[data-gas-latest]")).to_have_text("50.0")
    expect(summary).to_contain_text("(+18.6)")
    expect(walk_row.locator("[data-goal-gas]")).to_contain_text("baseline -1; -1 → +1")
    walk_row.get_by_text("GAS levels").click()  # the goal's scale, opened under it
    path = screenshot(page, "plan_gas_and_priorities")
    assert path.exists()
    assert walk.gas_ratings.count() == 2


def test_a_physician_writes_a_goals_gas_levels(live_server, page):
    physician = UserFactory(username="dr.levels", role="physician")
    patient = PatientFactory(given_name="Vijay", family_name="Patil")
    plan = ActivePlanFactory(patient=patient, lead_physician=physician)
    CareTeamMemberFactory(patient=patient, staff=physician, team_role="lead_physician")
    sign_in(page, live_server, "dr.levels", PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/goals/new/")
    page.get_by_label("Discipline").select_option("PT")
    page.get_by_label("ICF domain").select_option("activity")
    page.get_by_label("SMART goal").fill("Climb 12 stairs with one rail by week 8.")
    page.get_by_label("Target date").fill(
        (timezone.localdate() + timedelta(weeks=8)).strftime("%d/%m/%Y")
    )
    page.get_by_label("+1 somewhat more than expected").fill("12 stairs, rail, no supervision.")
    page.get_by_label("Reason").fill("Agreed at the team meeting.")
    page.get_by_role("button", name="Save goal").click()
    # A level without the expected outcome (0) is refused, with the words of the rule.
    expect(page.get_by_text("names its expected outcome (level 0)")).to_be_visible()
    page.get_by_label("0 expected outcome").fill("12 stairs with one rail, supervised.")
    page.get_by_label("Starting GAS level").select_option("-1")
    screenshot(page, "goal_form_gas_levels")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Goal saved.")).to_be_visible()
    goal = plan.goals.get()
    assert (goal.gas_expected, goal.gas_more, goal.gas_baseline) == (
        "12 stairs with one rail, supervised.", "12 stairs, rail, no supervision.", -1
    )  # fmt: skip
