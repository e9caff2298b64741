"""The demo clinic's precautions: what a neuro-rehab caseload carries on any day.

Each goes to the patient whose record calls for it, read from the baseline severity and the
results, never from the order plans were made: IDDSI level 4 and a blood-pressure limit for
a stroke with dysphagia at baseline, autonomic dysreflexia for the cord injury at T4, hip
precautions for the post-operative hip (a hip fracture after a hemiarthroplasty), a falls
risk for the walking patient with the lowest Berg score.
"""

from datetime import date, timedelta

from delivery.models import Assessment
from domain.precautions import BERG_FALLS_CUTOFF
from patients.models import DiagnosisSeverity
from patients.precautions import FallsBasis, Precaution, PrecautionKind
from plans.models import IN_FORCE_STATUSES, RehabPlan

# The demo's post-operative hip: the case mix's hip fracture (demo/data.py).
HIP_FRACTURE = "Z50.1"


def _plans():
    return RehabPlan.objects.select_related("patient", "lead_physician").order_by("pk")


def _in_force_first(plans) -> RehabPlan | None:
    # A plan in force when there is one: its patient is the one seen this week.
    return plans.filter(status__in=IN_FORCE_STATUSES).first() or plans.first()


def _plan_with_severity(**severity) -> tuple[RehabPlan, DiagnosisSeverity] | None:
    records = DiagnosisSeverity.objects.filter(**severity).values("diagnosis_id")
    plan = _in_force_first(_plans().filter(diagnosis_id__in=records))
    if plan is None:
        return None
    return plan, DiagnosisSeverity.objects.get(diagnosis_id=plan.diagnosis_id)


def add_precautions(today: date) -> int:
    """Set the demo's precautions once (a second seed adds none); answers how many."""
    if Precaution.objects.exists():
        return 0
    made = []
    found = _plan_with_severity(group="stroke", dysphagia=True)
    if found:
        stroke, _ = found
        since = max(stroke.start_date, today - timedelta(days=10))
        made.append(
            Precaution(
                patient=stroke.patient,
                kind=PrecautionKind.SWALLOWING,
                iddsi_food=4,
                iddsi_drink=4,
                meal_supervision=True,
                details="Dysphagia at baseline. Upright 90° for all intake and 30 minutes "
                "after; SLT review weekly.",
                starts_on=since,
                set_by=stroke.lead_physician,
            )
        )
        made.append(
            Precaution(
                patient=stroke.patient,
                kind=PrecautionKind.EXERCISE_LIMITS,
                resting_systolic=142,
                resting_diastolic=86,
                stop_systolic_above=180,
                stop_diastolic_above=105,
                max_heart_rate=120,
                min_spo2=92,
                starts_on=since,
                set_by=stroke.lead_physician,
            )
        )
    # Autonomic dysreflexia threatens injuries at T6 or above; the demo's is at T4.
    found = _plan_with_severity(group="sci", neurological_level="T4")
    if found:
        sci, record = found
        made.append(
            Precaution(
                patient=sci.patient,
                kind=PrecautionKind.AUTONOMIC_DYSREFLEXIA,
                details=f"SCI at {record.neurological_level} (AIS {record.ais_grade}). "
                "Headache, flushing or a systolic rise of 20 mmHg or more: sit up, loosen "
                "clothing, check the bladder and bowel, call the physician.",
                starts_on=sci.start_date,
                set_by=sci.lead_physician,
            )
        )
    hip = _in_force_first(_plans().filter(diagnosis__condition__icd10=HIP_FRACTURE))
    if hip:
        # Precautions against dislocation for six weeks after a posterior approach, the
        # usual practice (Smith TO et al., Cochrane Database Syst Rev 2016, CD010815).
        made.append(
            Precaution(
                patient=hip.patient,
                kind=PrecautionKind.HIP,
                details="Fractured neck of femur, hemiarthroplasty by a posterior approach "
                "(right): no flexion past 90°, no adduction across the midline, no internal "
                "rotation; raised seat.",
                starts_on=hip.start_date,
                until=hip.start_date + timedelta(weeks=6),
                set_by=hip.lead_physician,
            )
        )
    lowest = _lowest_berg()
    if lowest is not None:
        plan, score = lowest
        made.append(
            Precaution(
                patient=plan.patient,
                kind=PrecautionKind.FALLS,
                falls_basis=FallsBasis.BERG,
                falls_value=score,
                details="Stand-by assistance for all transfers and walking; gait belt.",
                starts_on=today - timedelta(days=3),
                set_by=plan.lead_physician,
            )
        )
    for precaution in made:
        precaution.full_clean()
        precaution.save()
    return len(made)


def _lowest_berg() -> tuple[RehabPlan, int] | None:
    """The plan in force whose patient's latest Berg score is the lowest, below the falls
    cut-off. Cord injuries graded AIS A or B are left out: they do not walk, so a Berg
    score does not set their falls risk."""
    non_walking = DiagnosisSeverity.objects.filter(ais_grade__in=["A", "B"])
    plans = {
        plan.patient_id: plan
        for plan in _plans()
        .filter(status__in=IN_FORCE_STATUSES)
        .exclude(diagnosis_id__in=non_walking.values("diagnosis_id"))
    }
    latest: dict[int, str] = {}
    for patient_id, value in (
        Assessment.objects.filter(measure_id="BERG", patient_id__in=plans)
        .order_by("assessed_at", "pk")
        .values_list("patient_id", "value")
    ):
        latest[patient_id] = value
    scores = [
        (int(value), patient_id)
        for patient_id, value in latest.items()
        if str(value).isdigit() and int(value) < BERG_FALLS_CUTOFF
    ]
    if not scores:
        return None
    score, patient_id = min(scores)
    return plans[patient_id], score
