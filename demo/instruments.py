"""The demo's neuro-rehabilitation instruments (issue 15): three stroke patients with NIHSS,
Fugl-Meyer upper extremity, ARAT, 6-minute walk and PHQ-9 results over their plan (one, led
by the demo physician, with a PHQ-9 item-9 answer that alerts them), and a spinal cord
injury patient with SCIM III.

The NIHSS series starts from the baseline severity's admission NIHSS, on the day it was
recorded, and improves from there; the other courses go by how severe the stroke was.
Idempotent: a patient who already has an NIHSS (or a SCIM III) result is left as is.
Item scores are spread to reach believable totals; the totals are computed from them.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from delivery.models import Assessment
from domain import measures
from plans.models import PlanStatus, RehabPlan

STROKE = "Stroke and intracerebral haemorrhage"
SCI = "Spinal cord injury"

# Totals at the first, middle and latest test: improving as the plan goes on; the most
# severe stroke (highest admission NIHSS) takes the first course.
STROKE_COURSES = [
    {"FMA_UE": (8, 12, 19), "ARAT": (0, 3, 9), "6MWT": (None, None, 60)},
    {"FMA_UE": (16, 27, 38), "ARAT": (6, 15, 27), "6MWT": (None, 120, 185)},
    {"FMA_UE": (30, 41, 50), "ARAT": (19, 31, 40), "6MWT": (150, 210, 270)},
]  # fmt: skip
# PHQ-9: the alerting patient's mood worsens (its latest answers item 9); the others'
# improves.
PHQ9_ALERT = (9, 13, 14)
PHQ9_COURSES = [(12, 10, 8), (6, 5, 3)]
# The demo physician signs in as dr.mehta: the alert lands among their patients.
ALERTED_PHYSICIAN = "dr.mehta"
# Enough days since admission for a series of three tests to show recovery.
MIN_DAYS = 14
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
        RehabPlan.objects.filter(status=PlanStatus.ACTIVE)
        .select_related("patient", "template", "lead_physician", "diagnosis__severity")
        .order_by("pk")
    )
    admitted_by = clinic.today - timedelta(days=MIN_DAYS)
    stroke = [
        plan
        for plan in plans
        if plan.template
        and plan.template.name == STROKE
        and plan.diagnosis.baseline_severity is not None
        and plan.diagnosis.baseline_severity.nihss is not None
        and plan.diagnosis.baseline_severity.assessed_on <= admitted_by
    ][:3]
    spinal = [plan for plan in plans if plan.template and plan.template.name == SCI][:1]
    alerted = next(
        (plan for plan in stroke if plan.lead_physician.username == ALERTED_PHYSICIAN),
        stroke[0] if stroke else None,
    )
    calmer = iter(PHQ9_COURSES)
    by_severity = sorted(stroke, key=lambda plan: -plan.diagnosis.baseline_severity.nihss)
    added = 0
    for plan, course in zip(by_severity, STROKE_COURSES, strict=False):
        phq9 = PHQ9_ALERT if plan is alerted else next(calmer)
        if Assessment.objects.filter(patient=plan.patient, measure_id="NIHSS").exists():
            continue
        added += _nihss(clinic, plan)
        for code, totals in course.items():
            added += _series(clinic, plan, code, totals, alert=False)
        added += _series(clinic, plan, "PHQ9", phq9, alert=plan is alerted)
    for plan in spinal:
        if Assessment.objects.filter(patient=plan.patient, measure_id="SCIM").exists():
            continue
        added += _series(clinic, plan, "SCIM", SCIM_COURSE, alert=False)
    clinic.report.assessments += added
    return added


def nihss_course(admission: int, days: list[int]) -> list[int]:
    """NIHSS totals on the given days after admission, from the admission score: about 70%
    of the deficit recovered by three months, most of it early (the proportional recovery
    rule: Prabhakaran S et al., Neurorehabil Neural Repair 2008;22:64-71; recovery mostly
    within 90 days: Duncan PW et al., Stroke 1992;23:1084-9), never worse than before."""
    totals = []
    for day in days:
        recovered = 0.7 * admission * min(day, 90) / 90
        totals.append(min(totals[-1] if totals else admission, round(admission - recovered)))
    return totals


def _nihss(clinic, plan) -> int:
    """The NIHSS series: the admission score on the day the baseline was recorded, then
    half way to yesterday, then yesterday."""
    record = plan.diagnosis.baseline_severity
    yesterday = clinic.today - timedelta(days=1)
    first = record.assessed_on
    days = [first, first + timedelta(days=(yesterday - first).days // 2), yesterday]
    totals = nihss_course(record.nihss, [(day - first).days for day in days])
    return _series(clinic, plan, "NIHSS", totals, alert=False, days=days)


def _series(clinic, plan, code: str, totals, *, alert: bool, days=None) -> int:
    today = clinic.today
    if days is None:
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
