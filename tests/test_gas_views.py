"""Goal attainment scaling on the plan (issue 15, item 4): a goal's five levels written
on the goal form, its reviews, the T-score on the plan page, and the patient's own
priorities beside the goals."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from patients.records import RecordIsFinal
from plans.models import GasRating, Goal, PatientPriority, PlanStatus
from tests.factories import (
    GasRatingFactory,
    GoalFactory,
    PatientPriorityFactory,
    ScaledGoalFactory,
)
from tests.queries import page_queries

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()

GAS_LEVELS = {
    "gas_much_less": "Walks 10 m with one person's help.",
    "gas_less": "Walks 30 m with a frame, supervised.",
    "gas_expected": "Walks 50 m indoors with a stick.",
    "gas_more": "Walks 50 m indoors without an aid.",
    "gas_much_more": "Walks 100 m outdoors without an aid.",
}


def goal_data(plan, **changes):
    return {
        "version": plan.version,
        "discipline": "PT",
        "icf_domain": "activity",
        "text": "Walk 50 m indoors with a stick within 6 weeks.",
        "measure": "BERG",
        "baseline": "22",
        "target": "45",
        "target_date": (TODAY + timedelta(days=42)).isoformat(),
        "reason": "Agreed with the patient",
        **changes,
    }


def rate_url(goal):
    return reverse("plan_goal_rate", args=[goal.plan_id, goal.pk])


# --- the levels, written when the goal is set ---------------------------------------------


def test_a_goal_is_set_with_its_five_gas_levels_and_baseline(login, physician, plan):
    url = reverse("plan_goal_new", args=[plan.pk])
    form = login(physician).get(url).content.decode()
    assert "Goal attainment scaling (optional)" in form and 'name="gas_expected"' in form
    response = login(physician).post(url, goal_data(plan, **GAS_LEVELS, gas_baseline="-1"))
    assert response.status_code == 302
    goal = plan.goals.get()
    assert goal.gas_expected == "Walks 50 m indoors with a stick."
    assert goal.gas_baseline == -1
    assert [level for level, _, _ in goal.gas_levels()] == [2, 1, 0, -1, -2]


def test_gas_levels_stay_optional(login, physician, plan):
    response = login(physician).post(reverse("plan_goal_new", args=[plan.pk]), goal_data(plan))
    assert response.status_code == 302
    goal = plan.goals.get()
    assert not goal.has_gas_scale and goal.gas_expected is None and goal.gas_baseline is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"gas_less": "Walks 30 m with a frame."}, "gas_expected", "expected outcome (level 0)"),
        (
            {**GAS_LEVELS, "gas_expected": "   "},
            "gas_expected",
            "expected outcome (level 0)",
        ),
        ({"gas_baseline": "-1"}, "gas_baseline", "Write the goal's GAS levels first"),
        ({**GAS_LEVELS, "gas_baseline": "0"}, "gas_baseline", "Select a valid choice"),
        ({**GAS_LEVELS, "gas_baseline": "7"}, "gas_baseline", "Select a valid choice"),
        ({**GAS_LEVELS, "gas_more": "x" * 501}, "gas_more", "at most 500 characters"),
    ],
)
def test_bad_gas_levels_are_form_errors(login, physician, plan, changes, field, message):
    response = login(physician).post(
        reverse("plan_goal_new", args=[plan.pk]), goal_data(plan, **changes)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not plan.goals.exists()


def test_the_model_refuses_a_scale_without_its_expected_outcome(plan):
    from django.core.exceptions import ValidationError

    goal = GoalFactory.build(plan=plan, gas_more="Better", discipline_id="PT")
    with pytest.raises(ValidationError, match="expected outcome"):
        goal.full_clean()


# --- reviews: the level reached -------------------------------------------------------------


def test_the_physician_records_the_level_reached(login, physician, plan):
    goal = ScaledGoalFactory(plan=plan)
    page = login(physician).get(rate_url(goal)).content.decode()
    assert "Walks 50 m indoors with a stick, no help." in page  # the level's own words
    response = login(physician).post(
        rate_url(goal), {"level": "1", "reviewed_on": TODAY.isoformat(), "note": "Ahead of plan"}
    )
    assert response.status_code == 302
    rating = goal.gas_ratings.get()
    assert (rating.level, rating.reviewed_on, rating.by, rating.note) == (
        1, TODAY, physician, "Ahead of plan"
    )  # fmt: skip


def test_a_therapist_of_the_goals_discipline_reviews_it(login, therapist, plan):
    goal = ScaledGoalFactory(plan=plan)  # PT, as the therapist
    response = login(therapist).post(
        rate_url(goal), {"level": "0", "reviewed_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    assert goal.gas_ratings.get().by == therapist


@pytest.mark.parametrize(
    ("role", "status"),
    [("ot_therapist", 403), ("outsider", 404), ("reception", 404)],
)
def test_who_may_not_review_a_goal(login, people, plan, role, status):
    goal = ScaledGoalFactory(plan=plan)
    client = login(people[role])
    assert client.get(rate_url(goal)).status_code == status
    assert client.post(rate_url(goal), {"level": "0", "reviewed_on": TODAY}).status_code == status
    assert not GasRating.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_reviewing_takes_get_and_post_only(login, physician, plan, method):
    goal = ScaledGoalFactory(plan=plan)
    assert getattr(login(physician), method)(rate_url(goal)).status_code == 405


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"level": "3"}, "level", "Select a valid choice"),
        ({"level": "-3"}, "level", "Select a valid choice"),
        ({"level": "half"}, "level", "Select a valid choice"),
        ({"level": ""}, "level", "required"),
        ({"level": "0", "reviewed_on": "tomorrow"}, "reviewed_on", "date"),
        (
            {"level": "0", "reviewed_on": (TODAY + timedelta(days=1)).isoformat()},
            "reviewed_on",
            "not ahead",
        ),
        (
            {"level": "0", "reviewed_on": (TODAY - timedelta(days=400)).isoformat()},
            "reviewed_on",
            "after the goal was set",
        ),
    ],
)
def test_a_bad_review_is_a_form_error(login, physician, plan, data, field, message):
    goal = ScaledGoalFactory(plan=plan)
    response = login(physician).post(rate_url(goal), {"reviewed_on": TODAY.isoformat(), **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not GasRating.objects.exists()


def test_a_goal_without_levels_is_not_rated(login, physician, plan):
    goal = GoalFactory(plan=plan)
    page = login(physician).get(rate_url(goal)).content.decode()
    assert 'id="no-gas-scale"' in page
    response = login(physician).post(rate_url(goal), {"level": "0", "reviewed_on": TODAY})
    assert response.status_code == 200
    assert "(at least the expected outcome) first" in response.content.decode()
    assert not GasRating.objects.exists()


def test_a_draft_plans_goals_are_not_reviewed(login, physician, plan):
    plan.status = PlanStatus.DRAFT
    plan.activated_at = plan.activated_by = None
    plan.save()
    goal = ScaledGoalFactory(plan=plan)
    response = login(physician).post(rate_url(goal), {"level": "0", "reviewed_on": TODAY})
    assert "plan in force" in response.content.decode()
    assert not GasRating.objects.exists()


def test_reviews_are_kept_and_final(login, physician, plan):
    goal = ScaledGoalFactory(plan=plan, set_on=TODAY - timedelta(days=30))
    client = login(physician)
    for day, level in ((TODAY - timedelta(days=14), "-1"), (TODAY, "1")):
        client.post(rate_url(goal), {"level": level, "reviewed_on": day.isoformat()})
    assert list(goal.gas_ratings.values_list("level", flat=True)) == [1, -1]  # newest first
    page = client.get(rate_url(goal)).content.decode()
    assert page.count("<li>") >= 2 and "Somewhat less than expected" in page
    rating = goal.gas_ratings.first()
    rating.level = 2
    with pytest.raises(RecordIsFinal):
        rating.save()
    with pytest.raises(Exception, match="never deleted"):
        rating.delete()
    assert rating.history.count() == 1


def scaled_goal_data(plan, goal, **changes):
    """The goal form as the goal stands (its scale included), with ``changes``."""
    scale = {name: getattr(goal, name) for name in Goal.GAS_FIELDS.values()}
    fields = {
        "text": goal.text,
        "baseline": goal.baseline,
        "target": goal.target,
        "target_date": goal.target_date.isoformat(),
        "status": goal.status,
        **scale,
        "gas_baseline": str(goal.gas_baseline),
    }
    return goal_data(plan, **(fields | changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"gas_expected": "Walks 20 m indoors with a stick."},
        {"gas_much_more": "Walks to the shop."},
        {"gas_baseline": "-2"},
        dict.fromkeys(Goal.GAS_FIELDS.values(), "") | {"gas_baseline": ""},
    ],
    ids=["level-0", "level+2", "starting-level", "blanked"],
)
def test_a_reviewed_goals_scale_is_fixed(login, physician, plan, changes):
    goal = ScaledGoalFactory(plan=plan)
    GasRatingFactory(goal=goal, level=0, reviewed_on=TODAY - timedelta(days=3))
    before = {name: getattr(goal, name) for name in (*Goal.GAS_FIELDS.values(), "gas_baseline")}
    url = reverse("plan_goal_edit", args=[plan.pk, goal.pk])
    response = login(physician).post(url, scaled_goal_data(plan, goal, **changes))
    assert response.status_code == 200
    assert "it is fixed. Write a new goal to change it." in " ".join(
        response.context["form"].non_field_errors()
    )
    goal.refresh_from_db()
    assert {name: getattr(goal, name) for name in before} == before


def test_a_reviewed_goals_other_fields_still_change(login, physician, plan):
    goal = ScaledGoalFactory(plan=plan)
    GasRatingFactory(goal=goal, level=0)
    url = reverse("plan_goal_edit", args=[plan.pk, goal.pk])
    data = scaled_goal_data(plan, goal, text="Walk 50 m indoors with a stick, by week 8.")
    assert login(physician).post(url, data).status_code == 302
    goal.refresh_from_db()
    assert goal.text == "Walk 50 m indoors with a stick, by week 8."


def test_an_unreviewed_goals_scale_can_be_rewritten(login, physician, plan):
    goal = ScaledGoalFactory(plan=plan)
    url = reverse("plan_goal_edit", args=[plan.pk, goal.pk])
    data = scaled_goal_data(plan, goal, gas_expected="Walks 20 m indoors with a stick.")
    assert login(physician).post(url, data).status_code == 302
    goal.refresh_from_db()
    assert goal.gas_expected == "Walks 20 m indoors with a stick."


# --- the plan page -------------------------------------------------------------------------


def test_the_plan_page_shows_the_t_score_levels_and_latest_reviews(login, therapist, plan):
    first = ScaledGoalFactory(plan=plan, gas_baseline=-1)
    second = ScaledGoalFactory(plan=plan, gas_baseline=-2)
    ScaledGoalFactory(plan=plan)  # not reviewed yet: not counted
    GasRatingFactory(goal=first, level=-1, reviewed_on=TODAY - timedelta(days=7))
    GasRatingFactory(goal=first, level=0, reviewed_on=TODAY)
    GasRatingFactory(goal=second, level=1, reviewed_on=TODAY)
    response = login(therapist).get(reverse("plan_detail", args=[plan.pk]))
    page = response.content.decode()
    gas = response.context["gas"]
    # Latest levels 0 and +1: 50 + 10 / sqrt(2.6) = 56.2; baseline −1 and −2: 31.4.
    assert (gas.goals, round(gas.latest, 1), round(gas.baseline, 1)) == (2, 56.2, 31.4)
    assert "over 2 reviewed goals" in page
    assert "<span data-gas-baseline>31.4</span>" in page
    assert "<strong data-gas-latest>56.2</strong>" in page and "(+24.8)" in page
    assert "baseline -1; -1 → 0" in page  # the first goal's baseline, then its reviews
    assert "Walks 100 m outdoors without an aid." in page  # its levels, under the goal
    assert page.count(">Review</a>") == 3  # the PT therapist reviews the PT goals


def test_the_ot_therapist_sees_gas_but_reviews_no_pt_goal(login, ot_therapist, plan):
    GasRatingFactory(goal=ScaledGoalFactory(plan=plan), level=0)
    page = login(ot_therapist).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "data-gas-latest>50.0<" in page
    assert ">Review</a>" not in page


def test_a_plan_without_scaled_goals_shows_no_t_score(login, physician, plan):
    GoalFactory(plan=plan)
    page = login(physician).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert 'id="gas-summary"' not in page


def test_the_plan_page_costs_the_same_with_many_reviews_and_priorities(
    login, physician, plan, django_assert_max_num_queries
):
    client = login(physician)
    url = reverse("plan_detail", args=[plan.pk])
    small = page_queries(client, url)
    for n in range(8):
        goal = ScaledGoalFactory(plan=plan)
        for days in range(3):
            GasRatingFactory(goal=goal, level=n % 5 - 2, reviewed_on=TODAY - timedelta(days))
        PatientPriorityFactory(plan=plan, rank=n + 1, serves=[goal, GoalFactory(plan=plan)])
    assert page_queries(client, url) == small
    with django_assert_max_num_queries(24):
        client.get(url)


# --- the patient's priorities ---------------------------------------------------------------


def test_a_priority_in_the_patients_words_sits_beside_the_goals(login, physician, plan):
    goal = GoalFactory(plan=plan, text="Walk 200 m outdoors with a stick.")
    client = login(physician)
    response = client.post(
        reverse("plan_priority_new", args=[plan.pk]),
        {"text": "  To walk to the   temple ", "rank": "1", "goals": [goal.pk]},
    )
    assert response.status_code == 302
    priority = plan.priorities.get()
    assert (priority.text, priority.recorded_by, priority.recorded_on) == (
        "To walk to the temple", physician, TODAY
    )  # fmt: skip
    assert list(priority.goals.all()) == [goal]
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "What matters to the patient" in page
    assert '<q class="fw-semibold">To walk to the temple</q>' in page
    assert "Goals: Walk 200 m outdoors with a stick." in page


def test_a_new_priority_is_offered_the_next_rank(login, physician, plan):
    PatientPriorityFactory(plan=plan, rank=1)
    response = login(physician).get(reverse("plan_priority_new", args=[plan.pk]))
    assert response.context["form"].initial["rank"] == 2


def test_editing_a_priority_keeps_its_history(login, physician, plan):
    priority = PatientPriorityFactory(plan=plan, serves=[])
    url = reverse("plan_priority_edit", args=[plan.pk, priority.pk])
    response = login(physician).post(url, {"text": "To cook for my grandchildren", "rank": "2"})
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.text, priority.rank) == ("To cook for my grandchildren", 2)
    texts = list(priority.history.values_list("text", flat=True))  # newest first
    assert texts[0] == "To cook for my grandchildren" and texts[-1] == "To walk to the temple."


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "   ", "rank": "1"}, "text", "required"),
        ({"text": "To go home", "rank": "0"}, "rank", "greater than or equal to 1"),
        ({"text": "To go home", "rank": "first"}, "rank", "whole number"),
        ({"text": "To go home", "rank": "1", "goals": ["999999"]}, "goals", "valid choice"),
    ],
)
def test_bad_priorities_are_form_errors(login, physician, plan, data, field, message):
    response = login(physician).post(reverse("plan_priority_new", args=[plan.pk]), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not PatientPriority.objects.exists()


def test_a_goal_of_another_plan_is_not_linked(login, physician, plan):
    stranger = GoalFactory()
    response = login(physician).post(
        reverse("plan_priority_new", args=[plan.pk]),
        {"text": "To go home", "rank": "1", "goals": [stranger.pk]},
    )
    assert "valid choice" in " ".join(response.context["form"].errors["goals"])
    assert not PatientPriority.objects.exists()


def test_retiring_a_priority_keeps_it(login, physician, plan):
    priority = PatientPriorityFactory(plan=plan, text="To walk to the temple.")
    client = login(physician)
    url = reverse("plan_priority_retire", args=[plan.pk, priority.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    priority.refresh_from_db()
    assert (priority.retired_on, priority.retired_by) == (TODAY, physician)
    assert priority.history.first().retired_on == TODAY
    assert priority.history.filter(retired_on__isnull=True).exists()  # as it was, kept
    response = client.get(reverse("plan_detail", args=[plan.pk]))
    assert response.context["priorities"] == []
    assert "data-priority" not in response.content.decode()
    # A retired priority is history: neither edited nor retired again.
    edit = reverse("plan_priority_edit", args=[plan.pk, priority.pk])
    assert client.get(edit).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("therapist", 403), ("ot_therapist", 403), ("outsider", 404), ("reception", 404)],
)
def test_who_may_not_write_priorities(login, people, plan, role, status):
    priority = PatientPriorityFactory(plan=plan)
    client = login(people[role])
    data = {"text": "To go home", "rank": "1"}
    assert client.post(reverse("plan_priority_new", args=[plan.pk]), data).status_code == status
    edit = reverse("plan_priority_edit", args=[plan.pk, priority.pk])
    assert client.post(edit, data).status_code == status
    retire = reverse("plan_priority_retire", args=[plan.pk, priority.pk])
    assert client.post(retire).status_code == status
    priority.refresh_from_db()
    assert priority.text == "To walk to the temple." and priority.retired_on is None


def test_a_closed_plans_priorities_are_not_edited(login, physician, plan):
    priority = PatientPriorityFactory(plan=plan)
    plan.status = PlanStatus.COMPLETED
    plan.save()
    client = login(physician)
    assert client.get(reverse("plan_priority_new", args=[plan.pk])).status_code == 403
    client.post(reverse("plan_priority_retire", args=[plan.pk, priority.pk]))
    priority.refresh_from_db()
    assert priority.retired_on is None


def test_priorities_and_reviews_are_in_the_patients_history(login, physician, plan):
    GasRatingFactory(goal=ScaledGoalFactory(plan=plan), level=1)
    PatientPriorityFactory(plan=plan, text="To cook for my grandchildren")
    page = login(physician).get(reverse("patient_history", args=[plan.patient.pk]))
    text = page.content.decode()
    assert "To cook for my grandchildren" in text
    assert "+1 Somewhat more than expected" in text


def test_goal_gas_fields_are_in_the_goals_history(plan):
    goal = ScaledGoalFactory(plan=plan)
    goal.gas_more = "Walks 60 m without an aid."
    goal.save()
    assert [h.gas_more for h in Goal.history.filter(id=goal.pk)] == [
        "Walks 60 m without an aid.", "Walks 50 m indoors without an aid."
    ]  # fmt: skip
