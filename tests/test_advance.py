from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.advance import Result, StageFacts, advance_reasons

IST = ZoneInfo("Asia/Kolkata")
ONSET = datetime(2026, 1, 10, 8, 0, tzinfo=IST)


def reasons(stage, now, latest=None, *, stroke=True, has_next=True):
    return advance_reasons(
        stage=stage, has_next_stage=has_next, stroke_rule=stroke, onset=ONSET, now=now,
        latest=latest,
    )  # fmt: skip


def test_stroke_phase_moved_past_the_stage():
    acute = StageFacts(phase="acute", planned_end=date(2026, 1, 16))
    assert reasons(acute, ONSET + timedelta(days=6, hours=23)) == []
    (why,) = reasons(acute, ONSET + timedelta(days=7))
    assert "Day 7" in why and "Early subacute" in why


def test_stroke_uses_phases_not_the_planned_window():
    early = StageFacts(phase="early_subacute", planned_end=date(2026, 1, 20))
    assert reasons(early, datetime(2026, 2, 1, tzinfo=IST)) == []


def test_day_windows_for_other_templates():
    protection = StageFacts(phase="protection", planned_end=date(2026, 1, 23))
    assert reasons(protection, datetime(2026, 1, 23, 18, 0, tzinfo=IST), stroke=False) == []
    (why,) = reasons(protection, datetime(2026, 1, 24, 9, 0, tzinfo=IST), stroke=False)
    assert "ended on 23 Jan 2026" in why


def test_open_ended_stage_has_no_time_suggestion():
    chronic = StageFacts(phase="maintenance", planned_end=None)
    assert reasons(chronic, datetime(2030, 1, 1, tzinfo=IST), stroke=False) == []


def test_exit_criterion_met_by_the_latest_assessment():
    early = StageFacts(
        phase="early_subacute", planned_end=None, exit_measure="BERG", exit_value="45"
    )
    now = datetime(2026, 2, 1, tzinfo=IST)
    assert reasons(early, now, Result("BERG", "44", date(2026, 1, 30))) == []
    (why,) = reasons(early, now, Result("BERG", "45", date(2026, 1, 30)))
    assert why == "Berg Balance Scale 45 on 30 Jan 2026 meets the exit criterion (≥ 45)."


def test_exit_criterion_is_direction_aware():
    strength = StageFacts(
        phase="strengthening", planned_end=None, exit_measure="TUG", exit_value="10"
    )
    now = datetime(2026, 2, 1, tzinfo=IST)
    assert reasons(strength, now, Result("TUG", "12.5", date(2026, 1, 30)), stroke=False) == []
    assert reasons(strength, now, Result("TUG", "9.8", date(2026, 1, 30)), stroke=False)


def test_another_measure_does_not_count():
    early = StageFacts(
        phase="early_subacute", planned_end=None, exit_measure="BERG", exit_value="45"
    )
    assert (
        reasons(early, datetime(2026, 2, 1, tzinfo=IST), Result("BARTHEL", "90", date(2026, 1, 30)))
        == []
    )


def test_both_reasons_together_and_none_for_the_last_stage():
    acute = StageFacts(phase="acute", planned_end=None, exit_measure="BERG", exit_value="30")
    now = ONSET + timedelta(days=8)
    assert len(reasons(acute, now, Result("BERG", "35", date(2026, 1, 17)))) == 2
    assert reasons(acute, now, Result("BERG", "35", date(2026, 1, 17)), has_next=False) == []


def test_an_onset_later_than_now_suggests_nothing_and_raises_nothing():
    """A mistyped onset time later today reached the dashboard as a ValueError (a 500)."""
    hyperacute = StageFacts(phase="hyperacute", planned_end=date(2026, 1, 10))
    assert reasons(hyperacute, ONSET - timedelta(hours=3)) == []


def test_a_time_suggestion_from_a_date_only_onset_says_so():
    from domain.phases import onset_moment

    onset = onset_moment(date(2026, 1, 10), None)
    reasons = advance_reasons(
        stage=StageFacts(phase="hyperacute", planned_end=None),
        has_next_stage=True,
        stroke_rule=True,
        onset=onset,
        now=onset + timedelta(days=2),
        onset_time_known=False,
    )
    assert reasons == [
        "Day 2 since onset: the stroke is now Acute (1-7 days) "
        "(onset time unknown: phase from the end of 10 Jan 2026)."
    ]
