"""The demo's baseline severity: every stroke, cord injury and brain injury diagnosis gets
one, recorded by its lead physician the day after the onset.

The first patients of each group (in the order they were registered) carry the cases the
pages show: a left-hemisphere stroke with aphasia, a right-hemisphere one with neglect and
dysphagia, a cord injury at T4 AIS A (autonomic dysreflexia risk: T6 or above), a
tetraplegia at C6 AIS B, a severe brain injury by GCS and PTA. The rest are drawn from a
seeded generator within the published ranges. Idempotent: a diagnosis that has one keeps it.
"""

import random
from datetime import date, timedelta

from patients.models import Diagnosis, DiagnosisSeverity

STROKE_CASES = [
    # Left hemisphere, partial anterior circulation: aphasia (language is left-lateralised
    # in most people).
    {"side": "left", "ocsp": "pacs", "nihss": 12, "prestroke_mrs": 0,
     "aphasia": True, "neglect": False, "dysphagia": False},
    # Right hemisphere, total anterior circulation: neglect and dysphagia.
    {"side": "right", "ocsp": "tacs", "nihss": 17, "prestroke_mrs": 1,
     "aphasia": False, "neglect": True, "dysphagia": True},
    # A lacunar stroke: pure motor, none of the three.
    {"side": "left", "ocsp": "lacs", "nihss": 5, "prestroke_mrs": 0,
     "aphasia": False, "neglect": False, "dysphagia": False},
]  # fmt: skip
SCI_CASES = [
    {"neurological_level": "T4", "ais_grade": "A"},
    {"neurological_level": "C6", "ais_grade": "B"},
    {"neurological_level": "L1", "ais_grade": "D"},
]
TBI_CASES = [
    {"gcs": 7, "pta_days": 21},  # severe
    {"gcs": 11, "pta_days": 4},  # moderate
    {"gcs": 14, "pta_days": 0},  # mild
]
TYPE_OF_CODE = {"I63": "ischaemic", "I61": "haemorrhagic", "I60": "subarachnoid"}


def _drawn_stroke(rng: random.Random) -> dict:
    side = rng.choice(["left", "right"])
    return {
        "side": side,
        "ocsp": rng.choice(["pacs", "lacs", "pocs", "pacs"]),
        "nihss": rng.randint(3, 14),
        "prestroke_mrs": rng.choice([0, 0, 1, 2]),
        "aphasia": side == "left" and rng.random() < 0.5,
        "neglect": side == "right" and rng.random() < 0.4,
        "dysphagia": rng.random() < 0.3,
    }


def add_baseline_severity(today: date, *, seed: int) -> int:
    """Record the baseline severity of every demo diagnosis that has a group and none yet;
    the number recorded."""
    rng = random.Random(f"{seed}-severity")
    seen = {"stroke": 0, "sci": 0, "tbi": 0}
    added = 0
    diagnoses = (
        Diagnosis.objects.valid()
        .select_related("condition", "patient", "severity")
        .prefetch_related("plans__lead_physician")
        .order_by("patient__registered_at", "pk")
    )
    for diagnosis in diagnoses:
        group = diagnosis.severity_group
        if group is None:
            continue
        number = seen[group]
        seen[group] += 1
        if diagnosis.baseline_severity is not None:
            continue
        if group == "stroke":
            values = STROKE_CASES[number] if number < len(STROKE_CASES) else _drawn_stroke(rng)
            values = {**values, "stroke_type": TYPE_OF_CODE.get(diagnosis.condition.icd10[:3])}
        elif group == "sci":
            values = SCI_CASES[number % len(SCI_CASES)]
        else:
            values = TBI_CASES[number % len(TBI_CASES)]
        record = DiagnosisSeverity(
            diagnosis=diagnosis,
            group=group,
            assessed_on=min(diagnosis.onset_date + timedelta(days=1), today),
            **values,
        )
        plan = next(iter(diagnosis.plans.all()), None)
        record._history_user = plan.lead_physician if plan else None
        record._change_reason = "Recorded"
        record.full_clean()
        record.save()
        added += 1
    return added
