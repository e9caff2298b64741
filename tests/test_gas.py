"""Goal attainment scaling: the Kiresuk–Sherman T-score (domain.gas), worked by hand."""

from math import sqrt

import pytest

from domain import gas


def test_every_goal_met_as_expected_scores_50():
    assert gas.t_score([0]) == 50
    assert gas.t_score([0, 0, 0, 0]) == 50


def test_one_goal_moves_ten_points_a_level():
    # One goal: the denominator is sqrt(0.7 · 1 + 0.3 · 1) = 1.
    assert gas.t_score([-2]) == pytest.approx(30)
    assert gas.t_score([-1]) == pytest.approx(40)
    assert gas.t_score([1]) == pytest.approx(60)
    assert gas.t_score([2]) == pytest.approx(70)


def test_three_goals_somewhat_short_worked_by_hand():
    # 50 + 10 · (−3) / sqrt(0.7 · 3 + 0.3 · 3²) = 50 − 30 / sqrt(4.8) = 36.31
    assert gas.t_score([-1, -1, -1]) == pytest.approx(50 - 30 / sqrt(4.8))
    assert round(gas.t_score([-1, -1, -1]), 2) == 36.31


def test_levels_above_and_below_cancel_out():
    assert gas.t_score([1, -1]) == pytest.approx(50)


def test_two_goals_exceeded_worked_by_hand():
    # 50 + 10 · 3 / sqrt(0.7 · 2 + 0.3 · 2²) = 50 + 30 / sqrt(2.6) = 68.61
    assert round(gas.t_score([2, 1]), 2) == 68.61


def test_weighted_goals_worked_by_hand():
    # Σwx = 2, Σw² = 5, (Σw)² = 9: 50 + 20 / sqrt(0.7 · 5 + 0.3 · 9) = 50 + 20 / sqrt(6.2)
    assert gas.t_score([1, 0], [2, 1]) == pytest.approx(50 + 20 / sqrt(6.2))
    # Weights of 1 are the unweighted score.
    assert gas.t_score([2, -1, 0], [1, 1, 1]) == gas.t_score([2, -1, 0])


def test_no_goals_or_only_weightless_goals_have_no_score():
    assert gas.t_score([]) is None
    assert gas.t_score([1, 2], [0, 0]) is None


@pytest.mark.parametrize("levels", [[3], [-3], [0.5], [True], ["0"]])
def test_a_level_outside_minus_two_to_plus_two_is_refused(levels):
    with pytest.raises(ValueError, match="GAS level"):
        gas.t_score(levels)


def test_weights_must_match_the_goals_and_not_be_negative():
    with pytest.raises(ValueError, match="One weight per goal"):
        gas.t_score([0, 1], [1])
    with pytest.raises(ValueError, match="0 or more"):
        gas.t_score([0], [-1])


def test_turner_stokes_weight_is_importance_times_difficulty():
    assert gas.weight(3, 2) == 6
    assert gas.weight(0, 3) == 0
    with pytest.raises(ValueError):
        gas.weight(4, 1)


def test_summary_counts_only_reviewed_goals_and_compares_with_baseline():
    goals = [
        gas.GoalLevels(baseline=-1, latest=0),
        gas.GoalLevels(baseline=-1, latest=1),
        gas.GoalLevels(baseline=-2, latest=None),  # not reviewed yet: left out
    ]
    result = gas.summary(goals)
    assert result.goals == 2
    # Latest: Σx = 1 over two goals, 50 + 10 / sqrt(2.6); baseline Σx = −2: 50 − 20 / sqrt(2.6).
    assert result.latest == pytest.approx(50 + 10 / sqrt(2.6))
    assert result.baseline == pytest.approx(50 - 20 / sqrt(2.6))
    assert result.change == pytest.approx(30 / sqrt(2.6))


def test_summary_has_no_baseline_score_when_a_reviewed_goal_lacks_its_baseline():
    result = gas.summary([gas.GoalLevels(-1, 0), gas.GoalLevels(None, 1)])
    assert result.latest is not None
    assert result.baseline is None and result.change is None


def test_summary_without_reviews_has_no_score():
    result = gas.summary([gas.GoalLevels(-1, None)])
    assert result == gas.Summary(goals=0, latest=None, baseline=None)
