"""Model enums are built from the domain's codes; these tests keep each pair in step, so a
code renamed on one side cannot silently stop matching the other."""

import pytest

from delivery.models import AbsenceCode, Attendance
from domain import balance, phases, triage
from plans.models import Approach, HoldReason, StageStatus
from reference.models import ConditionCategory, Phase


@pytest.mark.parametrize(
    ("choices", "codes"),
    [
        (Attendance, (balance.SCHEDULED, balance.ATTENDED, balance.CANCELLED, balance.NO_SHOW)),
        (StageStatus, (balance.UPCOMING, balance.CURRENT, balance.DONE)),
        (Approach, tuple(triage.APPROACH_STRENGTH)),
        (
            ConditionCategory,
            (triage.NEUROLOGICAL, triage.ORTHOPAEDIC, triage.OTHER),
        ),
        (AbsenceCode, tuple(balance.ABSENCE_REASONS)),
        (HoldReason, tuple(balance.HOLD_REASONS)),
    ],
    ids=["attendance", "stage status", "approach", "condition category", "absence", "hold"],
)
def test_model_enum_has_exactly_the_domain_codes(choices, codes):
    assert sorted(choices.values) == sorted(codes)


def test_missed_attendance_is_cancelled_or_no_show():
    assert set(balance.MISSED) == {Attendance.CANCELLED, Attendance.NO_SHOW}


def test_every_stroke_phase_is_a_stage_phase():
    assert set(phases.STROKE_PHASES) <= set(Phase.values)
    assert list(phases.STROKE_PHASES) == [
        Phase.HYPERACUTE,
        Phase.ACUTE,
        Phase.EARLY_SUBACUTE,
        Phase.LATE_SUBACUTE,
        Phase.CHRONIC,
    ]
