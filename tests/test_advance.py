from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.advance import (
    Result,
    StageFacts,
    advance_advice,
    advance_reasons,
    baseline_result,
    goal_result,
    qualifying_result,
)
from domain.sites import BODY_SITES, same_site, site_key

IST = ZoneInfo("Asia/Kolkata")
ONSET = datetime(2026, 1, 10, 8, 0, tzinfo=IST)


def reasons(stage, now, latest=None, *, stroke=True, has_next=True):
    return advance_reasons(
        stage=stage, has_next_stage=has_next, stroke_rule=stroke, onset=ONSET, now=now,
        results=[latest] if latest else [],
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


# --- which results count ----------------------------------------------------------------


def test_a_result_from_before_the_stage_started_does_not_suggest_advancing():
    """A Berg of 52 recorded before the stroke made the plan suggest moving on."""
    early = StageFacts(
        phase="early_subacute", planned_end=None, exit_measure="BERG", exit_value="45",
        started=date(2026, 1, 17),
    )  # fmt: skip
    now = datetime(2026, 1, 20, 10, 0, tzinfo=IST)
    assert reasons(early, now, Result("BERG", "52", date(2025, 12, 1))) == []
    assert reasons(early, now, Result("BERG", "52", date(2026, 1, 16))) == []
    (why,) = reasons(early, now, Result("BERG", "52", date(2026, 1, 17)))
    assert why == "Berg Balance Scale 52 on 17 Jan 2026 meets the exit criterion (≥ 45)."


def test_the_suggestion_names_the_qualifying_result_not_the_latest_overall():
    early = StageFacts(
        phase="early_subacute", planned_end=None, exit_measure="BERG", exit_value="45",
        started=date(2026, 1, 17),
    )  # fmt: skip
    results = [
        Result("BERG", "46", date(2026, 1, 18)),
        Result("BERG", "47", date(2026, 1, 19)),
        Result("BARTHEL", "90", date(2026, 1, 20)),
    ]
    (why,) = advance_reasons(
        stage=early, has_next_stage=True, stroke_rule=True, onset=ONSET,
        now=datetime(2026, 1, 20, tzinfo=IST), results=results,
    )  # fmt: skip
    assert "47 on 19 Jan 2026" in why
    # The latest qualifying result decides, even when it no longer meets the criterion.
    worse = [*results, Result("BERG", "40", date(2026, 1, 20))]
    assert not advance_reasons(
        stage=early, has_next_stage=True, stroke_rule=True, onset=ONSET,
        now=datetime(2026, 1, 20, 12, tzinfo=IST), results=worse,
    )  # fmt: skip


def test_qualifying_result_keeps_the_latest_of_the_window():
    results = [
        Result("TUG", "30", date(2026, 1, 1)),
        Result("TUG", "25", date(2026, 1, 10)),
        Result("TUG", "22", date(2026, 1, 10)),
        Result("TUG", "20", date(2026, 1, 20)),
    ]
    assert qualifying_result(results, measure="TUG").value == "20"
    assert qualifying_result(results, measure="TUG", since=date(2026, 1, 21)) is None
    assert qualifying_result(results, measure="TUG", before=date(2026, 1, 20)).value == "22"
    assert qualifying_result(results, measure="BERG") is None


def test_goal_progress_reads_only_results_since_the_goal_was_set():
    results = [Result("BERG", "50", date(2026, 1, 5))]
    assert goal_result(results, measure="BERG", site="", set_on=date(2026, 1, 6)) is None
    assert goal_result(results, measure="BERG", site="", set_on=date(2026, 1, 5)).value == "50"


def test_the_baseline_is_the_latest_result_of_the_episode_up_to_the_goal():
    results = [
        Result("BERG", "55", date(2025, 6, 1)),  # before the stroke
        Result("BERG", "20", date(2026, 1, 12)),
        Result("BERG", "24", date(2026, 1, 15)),
        Result("BERG", "30", date(2026, 1, 20)),  # after the goal
    ]
    found = baseline_result(
        results, measure="BERG", site="", episode_start=date(2026, 1, 10),
        set_on=date(2026, 1, 15),
    )  # fmt: skip
    assert found.value == "24"
    before_the_stroke = baseline_result(
        results[:1], measure="BERG", site="", episode_start=date(2026, 1, 10),
        set_on=date(2026, 1, 15),
    )  # fmt: skip
    assert before_the_stroke is None


# --- per-site instruments ------------------------------------------------------------------


def test_a_right_ankle_result_does_not_count_for_a_left_elbow_goal():
    """A goal "left elbow flexors 3 → 1" showed 100 % when a right-ankle 0 was recorded."""
    results = [
        Result("MAS", "2", date(2026, 1, 12), "Elbow flexors, left"),
        Result("MAS", "0", date(2026, 1, 14), "Ankle plantarflexors, right"),
    ]
    found = goal_result(results, measure="MAS", site="Left elbow flexors ", set_on=None)
    assert found == results[0]
    assert goal_result(results, measure="MAS", site="", set_on=None) is None


def test_site_text_is_compared_without_case_spaces_or_word_order():
    assert same_site("Left elbow flexors", "left elbow flexors ")
    assert same_site("Elbow flexors, left", "LEFT  Elbow-flexors")
    assert not same_site("Elbow flexors, left", "Elbow flexors, right")
    assert not same_site("", "")
    assert len({site_key(site) for site in BODY_SITES}) == len(BODY_SITES) == 18


def test_a_per_site_measure_is_no_exit_criterion():
    spastic = StageFacts(
        phase="early_subacute", planned_end=None, exit_measure="MAS", exit_value="1"
    )
    assert reasons(spastic, datetime(2026, 2, 1, tzinfo=IST),
                   Result("MAS", "0", date(2026, 1, 30), "Elbow flexors, left")) == []  # fmt: skip


# --- a criterion that needs its time window ----------------------------------------------


def test_pain_alone_does_not_end_protection_before_its_window():
    """NPRS ≤ 3 on day 2 suggested mobilisation against the healing time of the tissue."""
    protection = StageFacts(
        phase="protection", planned_end=date(2026, 1, 23), exit_measure="NPRS",
        exit_value="3", started=date(2026, 1, 10), exit_needs_window=True,
    )  # fmt: skip
    day_2 = datetime(2026, 1, 12, 10, 0, tzinfo=IST)
    advice = advance_advice(
        stage=protection, has_next_stage=True, stroke_rule=False, onset=ONSET, now=day_2,
        results=[Result("NPRS", "2", date(2026, 1, 12))],
    )  # fmt: skip
    assert advice.reasons == []
    assert advice.notes == [
        "Numeric Pain Rating Scale 2 on 12 Jan 2026 meets the exit criterion (≤ 3), but the "
        "stage's window runs until 23 Jan 2026: the criterion needs the time as well."
    ]
    day_15 = datetime(2026, 1, 25, 10, 0, tzinfo=IST)
    advice = advance_advice(
        stage=protection, has_next_stage=True, stroke_rule=False, onset=ONSET, now=day_15,
        results=[Result("NPRS", "2", date(2026, 1, 25))],
    )  # fmt: skip
    assert advice.notes == []
    assert advice.reasons == [
        "The stage's planned window ended on 23 Jan 2026.",
        "Numeric Pain Rating Scale 2 on 25 Jan 2026 meets the exit criterion (≤ 3).",
    ]


def test_without_the_window_rule_the_measure_alone_suggests():
    protection = StageFacts(
        phase="protection", planned_end=date(2026, 1, 23), exit_measure="NPRS",
        exit_value="3", started=date(2026, 1, 10),
    )  # fmt: skip
    (why,) = reasons(
        protection, datetime(2026, 1, 12, tzinfo=IST), Result("NPRS", "2", date(2026, 1, 12)),
        stroke=False,
    )  # fmt: skip
    assert "meets the exit criterion" in why


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
