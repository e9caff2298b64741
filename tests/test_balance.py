import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.balance import delivered_mix, planned_mix

CODES = st.sampled_from(["PT", "OT", "NEURO", "SLT", "PSY"])
ATTENDANCE = st.sampled_from(["scheduled", "attended", "cancelled", "no_show"])


def test_planned_mix_shares_weekly_minutes():
    mix = planned_mix([("PT", 5, 60), ("OT", 3, 45), ("SLT", 2, 30)])
    assert mix == pytest.approx({"PT": 300 / 495, "OT": 135 / 495, "SLT": 60 / 495})


def test_planned_mix_adds_rows_of_the_same_discipline():
    assert planned_mix([("PT", 1, 30), ("PT", 1, 30), ("OT", 2, 30)]) == {"PT": 0.5, "OT": 0.5}


def test_empty_or_zero_plans_have_an_empty_mix():
    assert planned_mix([]) == {}
    assert planned_mix([("PT", 0, 45)]) == {}


def test_negative_allocations_are_refused():
    with pytest.raises(ValueError):
        planned_mix([("PT", -1, 45)])


def test_delivered_mix_counts_attended_sessions_only():
    sessions = [
        ("PT", 45, "attended"),
        ("PT", 45, "no_show"),
        ("OT", 45, "attended"),
        ("OT", 60, "cancelled"),
        ("SLT", 30, "scheduled"),
    ]
    assert delivered_mix(sessions) == {"PT": 0.5, "OT": 0.5}
    assert delivered_mix([("PT", 45, "cancelled")]) == {}


@given(st.lists(st.tuples(CODES, st.integers(0, 14), st.integers(0, 240))))
def test_planned_shares_sum_to_one_or_the_mix_is_empty(rows):
    mix = planned_mix(rows)
    assert mix == {} or sum(mix.values()) == pytest.approx(1.0)
    assert all(0 < share <= 1 for share in mix.values())


@given(
    st.lists(st.tuples(CODES, st.integers(1, 480), ATTENDANCE)),
    st.lists(st.tuples(CODES, st.integers(1, 480), st.sampled_from(["cancelled", "no_show"]))),
)
def test_missed_sessions_never_change_the_delivered_mix(sessions, missed):
    assert delivered_mix(sessions + missed) == delivered_mix(sessions)


def test_missed_streak_counts_the_latest_missed_sessions_in_a_row():
    from plans.balance import missed_streak

    assert missed_streak(["no_show", "cancelled", "attended", "no_show"]) == 2
    assert missed_streak(["scheduled", "no_show", "attended"]) == 1
    assert missed_streak(["attended", "no_show"]) == 0
    assert missed_streak([]) == 0
