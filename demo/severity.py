"""The demo's baseline severity: every stroke, cord injury and brain injury diagnosis gets
one, recorded by its lead physician the day after the onset, before the plan is built (the
plan's triage problems come from it: aphasia keeps speech therapy in every stroke stage).

The first patients of each group (in the case mix's order) carry the cases the pages show:
a left-hemisphere stroke with aphasia, a right-hemisphere one with neglect and dysphagia, a
cord injury at T4 AIS A (autonomic dysreflexia risk: T6 or above), a tetraplegia at C6 AIS
B, a severe brain injury by GCS and PTA. The rest are drawn from a generator seeded per
patient within the published ranges, so whether others exist already changes nothing.
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
    ocsp = rng.choice(["pacs", "lacs", "pocs", "pacs"])
    # A lacunar syndrome has no cortical signs by definition: no aphasia, no neglect
    # (Bamford J et al., Lancet 1991;337:1521-6).
    cortical = ocsp != "lacs"
    return {
        "side": side,
        "ocsp": ocsp,
        # Lacunar strokes are mostly mild (NIHSS rarely above 7).
        "nihss": rng.randint(2, 7) if ocsp == "lacs" else rng.randint(3, 14),
        "prestroke_mrs": rng.choice([0, 0, 1, 2]),
        "aphasia": cortical and side == "left" and rng.random() < 0.5,
        "neglect": cortical and side == "right" and rng.random() < 0.4,
        "dysphagia": rng.random() < 0.3,
    }


def record_baseline_severity(
    diagnosis: Diagnosis, number: int, *, index: int, physician, today: date, seed: int
) -> DiagnosisSeverity | None:
    """Record the baseline severity of a new demo diagnosis, the ``number``-th of its group
    and the ``index``-th patient of the case mix (None: its condition has no group)."""
    group = diagnosis.severity_group
    if group is None:
        return None
    if group == "stroke":
        rng = random.Random(f"{seed}-severity-{index}")
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
    record._history_user = physician
    record._change_reason = "Recorded"
    record.full_clean()
    record.save()
    return record
