"""The demo clinic's precautions: what a neuro-rehab caseload carries on any day.

A stroke patient on IDDSI level 4 with a blood-pressure limit, the spinal cord injury
patient at risk of autonomic dysreflexia, a post-operative hip with hip precautions, and
a falls risk for the patient with the lowest Berg score.
"""

from datetime import date, timedelta

from delivery.models import Assessment
from domain.precautions import BERG_FALLS_CUTOFF
from patients.models import Patient
from patients.precautions import FallsBasis, Precaution, PrecautionKind
from plans.models import RehabPlan


def _first_plan(icd10: str) -> RehabPlan | None:
    plans = (
        RehabPlan.objects.filter(diagnosis__condition__icd10=icd10)
        .select_related("patient", "lead_physician")
        .order_by("pk")
    )
    # A plan in force when there is one: its patient is the one seen this week.
    return plans.in_force().first() or plans.first()


def add_precautions(today: date) -> int:
    """Set the demo's precautions once (a second seed adds none); answers how many."""
    if Precaution.objects.exists():
        return 0
    made = []
    stroke = _first_plan("I63.9")
    if stroke:
        made.append(
            Precaution(
                patient=stroke.patient,
                kind=PrecautionKind.SWALLOWING,
                iddsi_food=4,
                iddsi_drink=4,
                meal_supervision=True,
                details="Upright 90° for all intake and 30 minutes after; SLT review weekly.",
                starts_on=max(stroke.start_date, today - timedelta(days=10)),
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
                starts_on=max(stroke.start_date, today - timedelta(days=10)),
                set_by=stroke.lead_physician,
            )
        )
    sci = _first_plan("T09.3")
    if sci:
        made.append(
            Precaution(
                patient=sci.patient,
                kind=PrecautionKind.AUTONOMIC_DYSREFLEXIA,
                details="SCI at T4 (AIS B). Headache, flushing or a systolic rise of 20 mmHg "
                "or more: sit up, loosen clothing, check the bladder and bowel, call the "
                "physician.",
                starts_on=sci.start_date,
                set_by=sci.lead_physician,
            )
        )
    hip = _first_plan("Z47.8")
    if hip:
        made.append(
            Precaution(
                patient=hip.patient,
                kind=PrecautionKind.HIP,
                details="Posterior approach total hip replacement (right): no flexion past "
                "90°, no adduction across the midline, no internal rotation; raised seat.",
                starts_on=hip.start_date,
                until=hip.start_date + timedelta(weeks=6),
                set_by=hip.lead_physician,
            )
        )
    lowest = _lowest_berg()
    if lowest is not None:
        patient, score = lowest
        plan = RehabPlan.objects.filter(patient=patient).select_related("lead_physician").first()
        made.append(
            Precaution(
                patient=patient,
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


def _lowest_berg() -> tuple[Patient, int] | None:
    """The patient whose latest Berg score is the lowest, below the falls cut-off."""
    latest: dict[int, tuple] = {}
    for result in (
        Assessment.objects.filter(measure_id="BERG")
        .select_related("patient")
        .order_by("assessed_at", "pk")
    ):
        latest[result.patient_id] = (result.patient, result.value)
    scores = [
        (int(value), patient)
        for patient, value in latest.values()
        if str(value).isdigit() and int(value) < BERG_FALLS_CUTOFF
    ]
    if not scores:
        return None
    score, patient = min(scores, key=lambda pair: (pair[0], pair[1].pk))
    return patient, score
