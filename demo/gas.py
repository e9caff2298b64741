"""The demo's goal attainment scaling (issue 15): stroke patients' goals with their five
GAS levels, reviews every four weeks, and what matters to each patient in their own words.

Idempotent: a plan that has priorities already is left as it is.
"""

from datetime import date, timedelta

from patients.models import CareTeamMember
from plans.models import GasRating, Goal, PatientPriority, PlanStatus, RehabPlan

# Each stroke goal's levels by its measure (the goals of ``demo.data.GOAL_SETS["stroke"]``),
# +2 … −2, and its level at baseline: −1, or −2 where the patient could still get worse
# (Turner-Stokes 2009).
SCALES: dict[str, tuple[dict[int, str], int]] = {
    "10MWT": (
        {
            2: "Walks 10 m at 1.0 m/s or faster without an aid; walks to the shops alone.",
            1: "Walks 10 m at 0.8 m/s or faster without a stick.",
            0: "Walks 10 m at 0.8 m/s with no more than a stick; to the shops with family.",
            -1: "Walks 10 m at 0.4–0.7 m/s with a stick, indoors only.",
            -2: "Walks 10 m slower than 0.4 m/s or needs a frame or a person's help.",
        },
        -1,
    ),
    "BERG": (
        {
            2: "Berg 52 or more: turns and reaches to the floor without support.",
            1: "Berg 49–51: stands on one leg briefly, steps onto a stool.",
            0: "Berg 46–48: stands, turns and reaches without losing balance.",
            -1: "Berg 35–45: stands alone but loses balance turning or reaching.",
            -2: "Berg below 35: needs a hand to stand and turn.",
        },
        -1,
    ),
    "BARTHEL": (
        {
            2: "Barthel 95 or more: bathes and manages stairs alone as well.",
            1: "Barthel 85–90: needs help with one of bathing or stairs only.",
            0: "Barthel 80: eats, washes, dresses and uses the toilet with set-up help only.",
            -1: "Barthel 50–75: one person's help with dressing and the toilet.",
            -2: "Barthel below 50: help with most personal care, a carer at night.",
        },
        -2,
    ),
}
# Levels reached at the 4-, 8- and 12-week reviews, one course per demo patient; each goal
# of the patient then runs a level above or below (see ``_level``).
COURSES = ((-1, 0, 1), (-1, -1, 0), (0, 1, 2), (-2, -1, -1))
# What the patients said matters, in their words, and the goal's measure it maps to.
PRIORITIES = (
    (("To walk to the temple on my own.", "10MWT"), ("To cook for my grandchildren.", "BARTHEL")),
    (("To go to the toilet by myself at night.", "BARTHEL"), ("Not to fall again.", "BERG")),
    (("To walk to the vegetable market.", "10MWT"), ("To cook for my grandchildren.", "BARTHEL")),
    (("To dress myself for my daughter's wedding.", "BARTHEL"),
     ("To sit on the floor for puja and get up again.", "BERG")),
)  # fmt: skip


def _level(course: tuple[int, ...], review: int, goal_index: int) -> int:
    offset = (0, -1, 1)[goal_index % 3]
    return max(-2, min(2, course[review] + offset))


def add_goal_attainment(today: date) -> None:
    """GAS levels, reviews and priorities on four active stroke plans started a month ago
    or more."""
    plans = RehabPlan.objects.filter(
        status=PlanStatus.ACTIVE,
        diagnosis__condition__icd10="I63.9",
        start_date__lte=today - timedelta(days=28),
    ).order_by("pk")[: len(COURSES)]
    for index, plan in enumerate(plans):
        if plan.priorities.exists():
            continue
        team = {
            member.staff.discipline_id: member.staff
            for member in CareTeamMember.objects.filter(patient=plan.patient).select_related(
                "staff"
            )
            if member.staff.discipline_id
        }
        goals = list(plan.goals.filter(measure_id__in=SCALES).order_by("pk"))
        for goal_index, goal in enumerate(goals):
            _scale(goal)
            reviewer = team.get(goal.discipline_id, plan.lead_physician)
            for review in range(3):
                reviewed_on = plan.start_date + timedelta(weeks=4 * (review + 1))
                if reviewed_on > today:
                    break
                GasRating.objects.create(
                    goal=goal,
                    level=_level(COURSES[index], review, goal_index),
                    reviewed_on=reviewed_on,
                    by=reviewer,
                    note="Reviewed with the patient and family.",
                )
        by_measure = {goal.measure_id: goal for goal in goals}
        for rank, (text, measure) in enumerate(PRIORITIES[index], start=1):
            priority = PatientPriority.objects.create(
                plan=plan,
                text=text,
                rank=rank,
                recorded_by=plan.lead_physician,
                recorded_on=plan.start_date,
            )
            if measure in by_measure:
                priority.goals.set([by_measure[measure]])


def _scale(goal: Goal) -> None:
    levels, baseline = SCALES[goal.measure_id]
    for level, name in Goal.GAS_FIELDS.items():
        setattr(goal, name, levels[level])
    goal.gas_baseline = baseline
    goal.save()
