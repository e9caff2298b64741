"""The demo's neuro-rehabilitation instruments (issue 15): three stroke patients with NIHSS,
Fugl-Meyer upper extremity, ARAT, 6-minute walk and PHQ-9 results over their plan (the
first with a PHQ-9 item-9 answer that alerts their physician), and a spinal cord injury
patient with SCIM III.

Idempotent: a patient who already has an NIHSS (or a SCIM III) result is left as is.
Item scores are spread to reach believable totals; the totals are computed from them.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from delivery.models import Assessment
from domain import measures
from plans.models import IN_FORCE_STATUSES, RehabPlan

STROKE = "Stroke and intracerebral haemorrhage"
SCI = "Spinal cord injury"

# Totals at the first, middle and latest test: improving as the plan goes on.
STROKE_COURSES = [
    {"NIHSS": (11, 7, 5), "FMA_UE": (16, 27, 38), "ARAT": (6, 15, 27),
     "6MWT": (None, 120, 185), "PHQ9": (9, 13, 14)},
    {"NIHSS": (7, 4, 3), "FMA_UE": (30, 41, 50), "ARAT": (19, 31, 40),
     "6MWT": (150, 210, 270), "PHQ9": (6, 5, 3)},
    {"NIHSS": (15, 12, 10), "FMA_UE": (8, 12, 19), "ARAT": (0, 3, 9),
     "6MWT": (None, None, 60), "PHQ9": (12, 10, 8)},
]  # fmt: skip
SCIM_COURSE = (31, 44, 58)


def items_for(code: str, total: int) -> dict[str, int]:
    """Item scores adding up to ``total`` (or just under, where the items' steps do not
    reach it): each item raised in turn to its next allowed score; never "UN"."""
    tool = measures.INSTRUMENTS[code]
    scores = {key: min(allowed) for key, allowed in tool.items.items()}
    reached = 0
    raised = True
    while raised and reached < total:
        raised = False
        for key, allowed in tool.items.items():
            higher = [s for s in allowed if s > scores[key] and not tool.is_untestable(key, s)]
            if higher and reached + higher[0] - scores[key] <= total:
                reached += higher[0] - scores[key]
                scores[key] = higher[0]
                raised = True
    return scores


def add_neuro_instruments(clinic) -> int:
    """Record the instruments for the demo's patients; the number of results added."""
    plans = (
        RehabPlan.objects.filter(status__in=IN_FORCE_STATUSES)
        .select_related("patient", "template", "lead_physician")
        .order_by("pk")
    )
    stroke = [plan for plan in plans if plan.template and plan.template.name == STROKE][:3]
    spinal = [plan for plan in plans if plan.template and plan.template.name == SCI][:1]
    added = 0
    for plan, course in zip(stroke, STROKE_COURSES, strict=False):
        if Assessment.objects.filter(patient=plan.patient, measure_id="NIHSS").exists():
            continue
        for code, totals in course.items():
            added += _series(clinic, plan, code, totals, alert=plan is stroke[0])
    for plan in spinal:
        if Assessment.objects.filter(patient=plan.patient, measure_id="SCIM").exists():
            continue
        added += _series(clinic, plan, "SCIM", SCIM_COURSE, alert=False)
    clinic.report.assessments += added
    return added


def _series(clinic, plan, code: str, totals, *, alert: bool) -> int:
    today = clinic.today
    start = max(plan.start_date, today - timedelta(days=60))
    span = max((today - timedelta(days=1) - start).days, 2)
    days = [start, start + timedelta(days=span // 2), today - timedelta(days=1)]
    discipline = {"NIHSS": None, "PHQ9": "PSY", "6MWT": "PT"}.get(code, "OT")
    assessor = (
        plan.lead_physician
        if discipline is None
        else clinic.therapists_by_discipline[discipline][0]
    )
    tool = measures.INSTRUMENTS[code]
    for number, (day, total) in enumerate(zip(days, totals, strict=True)):
        when = timezone.make_aware(datetime.combine(day, time(10 + number, 15)))
        result = Assessment(
            patient=plan.patient, measure_id=code, assessed_by=assessor, assessed_at=when
        )
        if tool.is_item_scored:
            result.items = items_for(code, total)
            if code == "PHQ9":
                # Item 9 answered only where the demo shows the alert (the latest PHQ-9).
                spare = result.items["item9"]
                result.items["item9"] = 1 if alert and number == len(days) - 1 else 0
                result.items["item1"] = min(3, result.items["item1"] + spare)
        elif total is None:
            result.value = measures.UNABLE
            result.notes = "Could not walk without the help of two."
        else:
            result.value = str(total)
            result.walking_aid = "stick" if total > 150 else "frame"
        result.save()
    return len(days)
