"""The statistics behind competency insights and weight proposals (tools/shared/stats.py), checked against
the textbook formulas and hand-worked cases; fast, with no database."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm, rankdata
from scipy.stats import t as student_t

from tools.shared.stats import (
    ALPHA,
    Z95,
    Correlation,
    bounds,
    correlate,
    fisher_exact,
    proposed_targets,
    step_weights,
    support,
)

EXAMPLES = settings(max_examples=150, deadline=None, derandomize=True, database=None)


def t_test_p(r: float, n: int) -> float:
    """Two-sided p-value of a correlation coefficient, by the t statistic with n - 2 degrees of freedom."""
    t = r * math.sqrt((n - 2) / (1 - r * r))
    return 2 * student_t.sf(abs(t), n - 2)


def fisher_interval(r: float, n: int) -> tuple[float, float]:
    z, half = 0.5 * math.log((1 + r) / (1 - r)), norm.ppf(0.975) / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


# ------------------------------------------------------------------------------ correlate


def test_correlate_gives_pearson_and_spearman_with_their_p_values_and_fisher_interval():
    x, y = [1.0, 2, 3, 4, 5, 6], [2.0, 1, 4, 3, 7, 5]
    found = correlate(x, y)
    r = float(np.corrcoef(x, y)[0, 1])
    rho = float(np.corrcoef(rankdata(x), rankdata(y))[0, 1])
    low, high = fisher_interval(r, 6)
    assert found == Correlation(n=6, r=pytest.approx(r), p=pytest.approx(t_test_p(r, 6)),
                                ci_low=pytest.approx(low), ci_high=pytest.approx(high),
                                rho=pytest.approx(rho), rho_p=pytest.approx(t_test_p(rho, 6)))
    assert Z95 == pytest.approx(norm.ppf(0.975), abs=1e-12)


def test_spearman_reads_ranks_so_a_monotone_curve_is_a_perfect_rank_correlation():
    x = [1.0, 2, 3, 4, 5, 6, 7]
    y = [v ** 3 for v in x]
    found = correlate(x, y)
    assert found.rho == pytest.approx(1.0) and found.r < 0.99
    flipped = correlate(x, [-v for v in y])
    assert flipped.rho == pytest.approx(-1.0) and flipped.r == pytest.approx(-found.r)


def test_the_interval_of_a_smallest_sample_is_wide_and_contains_r():
    x, y = [1.0, 2, 3, 4], [1.0, 3, 2, 4]
    found = correlate(x, y)
    r = float(np.corrcoef(x, y)[0, 1])  # 0.8
    assert found.n == 4 and found.r == pytest.approx(r)
    assert (found.ci_low, found.ci_high) == pytest.approx(fisher_interval(r, 4))  # standard error 1/sqrt(1)
    assert found.ci_low < 0 < found.r < found.ci_high < 1


@pytest.mark.parametrize("sign", [1, -1])
def test_a_perfect_correlation_has_a_finite_interval_inside_minus_one_to_one(sign):
    x = [1.0, 2, 3, 4, 5]
    found = correlate(x, [sign * 2 * v for v in x])
    assert found.r == sign * 1.0 and found.p < 1e-6 and found.rho == pytest.approx(sign)
    z = math.atanh(sign * 0.999999)  # r is held just inside +-1, where Fisher's z is finite
    half = Z95 / math.sqrt(2)
    assert (found.ci_low, found.ci_high) == pytest.approx((math.tanh(z - half), math.tanh(z + half)), abs=1e-12)
    assert -1 <= found.ci_low <= found.ci_high <= 1


@pytest.mark.parametrize("x, y", [
    ([1.0, 2, 3], [1.0, 3, 2]),  # fewer than four pairs
    ([1.0, 2, 3, 5], [2.0, 2, 2, 2]),  # y does not vary
    ([4.0, 4, 4, 4, 4], [1.0, 2, 3, 5, 4]),  # x does not vary
    ([], []),
])
def test_no_correlation_without_four_pairs_that_both_vary(x, y):
    assert correlate(x, y) is None


def test_two_distinct_values_on_each_side_are_enough():
    found = correlate([0.0, 0, 1, 1], [0.0, 1, 0, 1])
    assert found is not None and found.n == 4 and found.r == pytest.approx(0.0, abs=1e-12)
    assert correlate([0.0, 1, 0, 1, 1], [5.0, 5, 6, 6, 7]).n == 5


# ------------------------------------------------------------------------------ fisher_exact


def hypergeometric_p(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher p by enumeration: the probability of every table with the same margins that is no
    more likely than the observed one."""
    row1, col1, n = a + b, a + c, a + b + c + d

    def prob(k: int) -> float:
        return math.comb(col1, k) * math.comb(n - col1, row1 - k) / math.comb(n, row1)

    observed = prob(a)
    ks = range(max(0, row1 + col1 - n), min(row1, col1) + 1)
    return min(1.0, sum(prob(k) for k in ks if prob(k) <= observed * (1 + 1e-7)))


@pytest.mark.parametrize("table", [(3, 1, 1, 3), (1, 9, 11, 3), (0, 5, 5, 0), (10, 10, 10, 10), (2, 7, 8, 2)])
def test_fisher_exact_is_the_two_sided_hypergeometric_p_value(table):
    assert fisher_exact(*table) == pytest.approx(hypergeometric_p(*table), rel=1e-9)


def test_fisher_exact_of_the_tea_tasting_table():
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70)  # (1 + 16 + 16 + 1) / C(8, 4)


# ------------------------------------------------------------------------------ support


def effect(r: float, p: float) -> Correlation:
    return Correlation(n=50, r=r, p=p, ci_low=r - 0.2, ci_high=r + 0.2, rho=r, rho_p=p)


def test_support_adds_the_significant_effects_signed_by_direction():
    effects = [effect(0.5, 0.01), effect(-0.4, 0.02), None, effect(0.9, 0.2)]
    # A metric where lower is better (direction -1) turns r = -0.4 into evidence for the competency.
    assert support(effects, [1, -1, 1, 1]) == pytest.approx(0.5 + 0.4)
    assert support(effects, [-1, 1, 1, 1]) == pytest.approx(-0.5 - 0.4)


def test_an_effect_exactly_at_alpha_is_not_significant():
    assert ALPHA == 0.05
    assert support([effect(0.6, 0.05)], [1]) == 0
    assert support([effect(0.6, 0.0499)], [1]) == pytest.approx(0.6)
    assert support([effect(0.6, 0.08)], [1], alpha=0.1) == pytest.approx(0.6)


def test_no_evidence_is_zero_support():
    assert support([None, None], [1, 1]) == 0
    assert support([], []) == 0


# ------------------------------------------------------------------------------ proposed_targets


def test_targets_move_by_sensitivity_per_unit_of_support_above_the_mean():
    weights = {"a": 40.0, "b": 30.0, "c": 30.0}
    supports = {"a": 0.6, "b": 0.0, "other_role": 5.0}  # c has no support; other roles' keys are ignored
    # mean support over the role's competencies: (0.6 + 0 + 0) / 3 = 0.2
    assert proposed_targets(weights, supports, 10) == pytest.approx({"a": 44.0, "b": 28.0, "c": 28.0})
    assert sum(proposed_targets(weights, supports, 37.5).values()) == pytest.approx(100)


def test_equal_support_changes_no_target():
    weights = {"a": 55.0, "b": 45.0}
    assert proposed_targets(weights, {"a": 0.7, "b": 0.7}, 50) == pytest.approx(weights)
    assert proposed_targets({"a": 100.0}, {"a": 0.5}, 20) == pytest.approx({"a": 100.0})
    assert proposed_targets({}, {"a": 1.0}, 20) == {}


# ------------------------------------------------------------------------------ bounds


@pytest.mark.parametrize("current, step, floor, expected", [
    (30, 15, 5, (15, 45)),  # a step either way
    (10, 15, 5, (5, 25)),  # the floor stops the fall
    (3, 15, 5, (3, 18)),  # already under the floor: may not fall further
    (3, 1, 5, (3, 4)),
    (0, 15, 5, (0, 15)),  # never under zero
    (0, 15, 0, (0, 15)),
    (95, 15, 5, (80, 100)),  # never over 100
    (50, 60, 5, (5, 100)),
])
def test_bounds_of_one_weight(current, step, floor, expected):
    assert bounds(current, step, floor) == pytest.approx(expected)


# ------------------------------------------------------------------------------ step_weights


def test_the_defaults_are_a_step_of_15_and_a_floor_of_5():
    assert step_weights({"a": 50, "b": 50}, {"a": 100, "b": 0}) == {"a": 65, "b": 35}
    assert step_weights({"a": 90, "b": 10}, {"a": 100, "b": 0}) == {"a": 95, "b": 5}


def test_reachable_targets_are_taken_as_they_are():
    current = {"a": 40.5, "b": 29.5, "c": 30.0}
    targets = {"a": 44.25, "b": 27.25, "c": 28.5}
    assert step_weights(current, targets) == pytest.approx(targets, abs=1e-9)


def test_a_capped_weight_passes_its_excess_to_the_others_equally():
    current = {"a": 40.5, "b": 29.5, "c": 30.0}
    # a wants +30 but may take only +15; the 15 extra points come off b and c alike.
    out = step_weights(current, {"a": 70.5, "b": 14.5, "c": 15.0})
    assert out == pytest.approx({"a": 55.5, "b": 22.0, "c": 22.5}, abs=1e-9)


def test_weights_given_as_fractions_are_read_as_shares_of_their_total():
    out = step_weights({"a": 0.5, "b": 0.3, "c": 0.2}, {"a": 80.0, "b": 15.0, "c": 5.0}, step=10, floor=5)
    # current points 50/30/20: a may rise only to 60, so b and c both get 10 points over their targets.
    assert out == pytest.approx({"a": 60.0, "b": 25.0, "c": 15.0}, abs=1e-9)


def test_whole_point_weights_stay_whole_points_by_largest_remainder():
    out = step_weights({"a": 34, "b": 33, "c": 33}, {"a": 40.4, "b": 30.3, "c": 29.3})
    assert out == {"a": 41, "b": 30, "c": 29}  # 40.4/30.3/29.3 floors to 99; a has the largest remainder
    assert all(isinstance(v, float) and v.is_integer() for v in out.values())
    out = step_weights({"a": 25, "b": 25, "c": 25, "d": 25}, {"a": 30.8, "b": 24.1, "c": 25.7, "d": 19.4})
    assert out == {"a": 31, "b": 24, "c": 26, "d": 19}  # two points to the two largest remainders, .8 and .7


def test_a_weight_at_its_bound_keeps_it_when_rounding():
    # a stops at 65; b and c are both pulled to 17.5, and of the two equal remainders the first wins the point.
    assert step_weights({"a": 50, "b": 30, "c": 20}, {"a": 90.0, "b": 5.0, "c": 5.0}) == {"a": 65, "b": 18, "c": 17}


def test_the_spare_point_goes_to_the_largest_remainder_not_the_largest_weight():
    assert step_weights({"a": 50, "b": 30, "c": 20}, {"a": 40.2, "b": 30.7, "c": 29.1}) == {"a": 40, "b": 31, "c": 29}


def test_a_weight_one_point_under_its_upper_bound_may_take_the_spare_point():
    # a may rise to 65: 64.6 rounds up to exactly its bound
    assert step_weights({"a": 50, "b": 30, "c": 20}, {"a": 64.6, "b": 20.2, "c": 15.2}) == {"a": 65, "b": 20, "c": 15}


def test_whole_points_rounded_up_to_a_fractional_floor_are_paid_by_the_smallest_remainder():
    current = {"a": 20, "b": 20, "c": 20, "d": 20, "e": 20}
    targets = {"a": 0.0, "d": 0.0, "e": 0.0, "b": 41.2, "c": 42.3}
    # a, d, e stop at the floor 5.5, i.e. 6 whole points: 18 + 41 + 42 = 101, so b (remainder .2) gives one back.
    assert step_weights(current, targets, step=25, floor=5.5) == {"a": 6, "b": 40, "c": 42, "d": 6, "e": 6}
    # b has the smallest remainder and may give a point back as long as it stays at or above its floor (6)
    targets = {"a": 0.0, "d": 0.0, "e": 0.0, "b": 7.2, "c": 76.3}
    assert step_weights(current, targets, step=60, floor=5.5) == {"a": 6, "b": 6, "c": 76, "d": 6, "e": 6}


def test_several_points_taken_back_come_off_the_smallest_remainders_one_each():
    current = {"a": 10, "b": 10, "c": 10, "d": 10, "e": 10, "f": 25, "g": 25}
    targets = {"a": 0.0, "b": 0.0, "c": 0.0, "d": 0.0, "e": 0.0, "f": 40.1, "g": 32.4}
    # five weights at the floor 5.5 round up to 6 (+2.5 points); f and g must give back 2 points between them
    assert step_weights(current, targets, step=60, floor=5.5) == {"a": 6, "b": 6, "c": 6, "d": 6, "e": 6, "f": 39,
                                                                  "g": 31}
    # seven at the floor (+3.5 points) and remainders .1, .15 and .25: one point back from each of f, g and h
    current = {k: 10 for k in "abcdefghij"}
    targets = {**{k: 0.0 for k in "abcdeij"}, "f": 20.1, "g": 20.15, "h": 21.25}
    assert step_weights(current, targets, step=60, floor=5.5) == {**{k: 6 for k in "abcdeij"}, "f": 19, "g": 19,
                                                                  "h": 20}


def test_weights_are_not_rounded_unless_whole_points_summing_to_100_and_a_whole_step():
    targets = {"a": 40.4, "b": 30.3, "c": 29.3}
    assert step_weights({"a": 34, "b": 33, "c": 33}, targets, step=7.5) == pytest.approx(targets, abs=1e-9)
    assert step_weights({"a": 34.5, "b": 32.5, "c": 33}, targets) == pytest.approx(targets, abs=1e-9)
    scaled = {"a": 50 * 100 / 99, "b": 49 * 100 / 99}  # whole numbers, but summing to 99
    assert step_weights({"a": 50, "b": 49}, scaled) == pytest.approx(scaled, abs=1e-9)


def test_all_zero_weights_rise_at_most_one_step_each():
    assert step_weights({"a": 0, "b": 0}, {"a": 80.0, "b": 20.0}, step=60) == pytest.approx({"a": 60, "b": 40})


def test_equal_evidence_changes_nothing():
    current = {"a": 12.5, "b": 40.0, "c": 47.5}
    assert step_weights(current, dict(current)) == pytest.approx(current, abs=1e-9)
    assert step_weights({"a": 25, "b": 35, "c": 30, "d": 10}, {"a": 25, "b": 35, "c": 30, "d": 10}) == \
        {"a": 25, "b": 35, "c": 30, "d": 10}


@pytest.mark.parametrize("current, step", [
    ({"a": 60.5, "b": 25.5, "c": 14.0}, 15),
    ({"a": 60.5, "b": 25.5, "c": 14.0}, 0.25),  # every weight pinned within half a point
    ({k: 12.5 for k in "abcdefgh"}, 0.05),
])
@pytest.mark.parametrize("far", [-1000.0, 1000.0])
def test_equal_targets_give_the_same_weights_however_far_away(current, step, far):
    """Only differences between targets count: 1000 points for everyone is no evidence for anyone."""
    near = step_weights(current, {k: 0.0 for k in current}, step=step)
    out = step_weights(current, {k: far for k in current}, step=step)
    assert out == pytest.approx(near, abs=1e-9)
    assert sum(out.values()) == pytest.approx(100, abs=1e-9)
    for k, w in current.items():
        low, high = bounds(w, step, 5)
        assert low - 1e-9 <= out[k] <= high + 1e-9


def test_weights_pinned_within_half_a_point_spread_equal_targets_evenly():
    # bounds: a 60.25-60.75, b 25.25-25.75, c 13.75-14.25; equal targets want equal weights, so a stays as low
    # and c as high as they may, and b takes the rest
    out = step_weights({"a": 60.5, "b": 25.5, "c": 14.0}, {"a": 7.0, "b": 7.0, "c": 7.0}, step=0.25)
    assert out == pytest.approx({"a": 60.25, "b": 25.5, "c": 14.25}, abs=1e-9)


@st.composite
def weight_cases(draw):
    """Current weights, any targets within 1000 points (they need not sum to 100) and a fractional step (so
    no rounding to whole points)."""
    n = draw(st.integers(2, 7))
    raw = draw(st.lists(st.floats(0.05, 1), min_size=n, max_size=n))
    current = [100 * x / sum(raw) for x in raw]
    targets = draw(st.lists(st.floats(-1000, 1000), min_size=n, max_size=n))
    step = draw(st.floats(0.5, 50).filter(lambda s: not s.is_integer()))
    floor = draw(st.floats(0, 100 / n))
    keys = [f"c{i}" for i in range(n)]
    return dict(zip(keys, current)), dict(zip(keys, targets)), step, floor


@EXAMPLES
@given(weight_cases())
def test_the_result_is_the_projection_of_the_targets_onto_the_bounds(case):
    """Every weight is its target moved by one common shift, clipped to its bounds; the total is 100."""
    current, targets, step, floor = case
    out = step_weights(current, targets, step=step, floor=floor)
    assert abs(sum(out.values()) - 100) < 1e-9
    limits = {k: bounds(w, step, floor) for k, w in current.items()}
    for k, (low, high) in limits.items():
        assert low - 1e-9 <= out[k] <= high + 1e-9
        assert abs(out[k] - current[k]) <= step + 1e-9
    free = [k for k, (low, high) in limits.items() if low + 1e-6 < out[k] < high - 1e-6]
    if free:
        shift = out[free[0]] - targets[free[0]]
        for k, (low, high) in limits.items():
            if k in free:
                assert out[k] - targets[k] == pytest.approx(shift, abs=1e-6)
            elif out[k] <= low + 1e-6:
                assert targets[k] + shift <= low + 1e-6
            else:
                assert targets[k] + shift >= high - 1e-6


@EXAMPLES
@given(weight_cases(), st.floats(-1000, 1000))
def test_adding_the_same_points_to_every_target_changes_nothing(case, constant):
    current, targets, step, floor = case
    moved = {k: t + constant for k, t in targets.items()}
    assert step_weights(current, moved, step=step, floor=floor) == pytest.approx(
        step_weights(current, targets, step=step, floor=floor), abs=1e-6)


@EXAMPLES
@given(st.lists(st.floats(0.1, 1), min_size=10, max_size=25), st.data())
def test_the_total_is_100_to_the_last_rounding_error(raw, data):
    """Far-apart targets over many weights leave a rounding remainder of about 1e-12 points after the
    projection; it is put on a weight with room, so the total is 100 to within 1e-12."""
    current = {f"c{i}": 100 * x / sum(raw) for i, x in enumerate(raw)}
    targets = {k: data.draw(st.floats(-1e5, 1e5)) for k in current}
    out = step_weights(current, targets, step=50.5, floor=5)
    assert abs(100 - sum(out.values())) < 1e-12


@EXAMPLES
@given(st.lists(st.integers(1, 30), min_size=2, max_size=6), st.data())
def test_whole_points_in_whole_points_out(raw, data):
    cuts = [round(100 * sum(raw[:i]) / sum(raw)) for i in range(len(raw) + 1)]
    current = {f"c{i}": float(b - a) for i, (a, b) in enumerate(pairwise(cuts))}
    targets = {k: data.draw(st.floats(-60, 160)) for k in current}
    step = data.draw(st.integers(1, 40))
    out = step_weights(current, targets, step=step)
    assert sum(out.values()) == 100
    for k, w in current.items():
        assert out[k] == round(out[k]) and abs(out[k] - w) <= step and out[k] >= min(5, w)


def test_equal_evidence_changes_nothing_at_the_highest_sensitivity():
    """Eleven competencies, nine at the floor with strong negative evidence, two with equal strong positive
    evidence: at sensitivity 100 their targets lie more than 300 points above reach."""
    weights = {**{f"x{i}": 5.0 for i in range(9)}, "h1": 40.0, "h2": 15.0}
    supports = {**{f"x{i}": -2.0 for i in range(9)}, "h1": 2.0, "h2": 2.0}
    out = step_weights(weights, proposed_targets(weights, supports, 100), step=15, floor=5)
    assert out == weights  # h1 and h2 have the same evidence, so neither should gain at the other's expense
