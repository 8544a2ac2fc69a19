"""The statistics of a bias audit (tools/fairness/stats.py) on hand-made counts: rates and LL144 impact
ratios, the four-fifths rule, the significance tests, Holm's correction and the small-group rules."""

from __future__ import annotations

import math
import statistics
import string
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact

from tools.fairness.stats import (
    FISHER,
    Z_TEST,
    Counts,
    GroupStats,
    Moments,
    Rules,
    compare_groups,
    holm,
    impact_ratios,
    median,
    selection_rates,
    smd,
    standardised_mean_difference,
    two_by_two_p,
)

COMPLEMENT = "hidden so that a smaller group's figures cannot be worked out by subtraction"
EXAMPLES = settings(max_examples=150, deadline=None, derandomize=True, database=None)


def z_test_p(k1: int, n1: int, k2: int, n2: int) -> float:
    """Two-sided pooled two-proportion z-test, written out: p = erfc(|z| / sqrt 2)."""
    pooled = (k1 + k2) / (n1 + n2)
    z = (k1 / n1 - k2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))


def by_group(stats) -> dict:
    return {s.group: s for s in stats}


def counts(**groups: tuple[int, int]) -> dict[str, Counts]:
    return {g: Counts(n=n, selected=k) for g, (n, k) in groups.items()}


# ------------------------------------------------------------------------------ rates and ratios


def test_selection_rate_is_selected_over_candidates_and_empty_groups_have_none():
    assert selection_rates(counts(a=(10, 4), b=(0, 0), c=(8, 8))) == {"a": 0.4, "c": 1.0}


def test_impact_ratio_is_each_rate_over_the_highest():
    assert impact_ratios({"a": 0.5, "b": 0.25, "c": 0.0}) == {"a": 1.0, "b": 0.5, "c": 0.0}
    assert impact_ratios({"a": 0.0, "b": 0.0}) == {"a": None, "b": None}  # nobody selected anywhere
    assert impact_ratios({}) == {}


def test_median_of_odd_even_and_empty_samples():
    assert median([3, 1, 2]) == 2 and median([5.0]) == 5.0
    assert median([4, 1, 3, 2]) == 2.5 and median([6, 1, 5, 2, 4, 3]) == 3.5
    assert median([]) is None


@pytest.mark.parametrize("ref, other, flagged", [(100, 79, True), (100, 80, False), (100, 81, False),
                                                 (3, 2, True), (5, 4, False)])
def test_the_four_fifths_rule_flags_a_ratio_under_0_8_but_not_0_8_itself(ref, other, flagged):
    groups = counts(ref=(200, 2 * ref), other=(200, 2 * other))
    stats = by_group(compare_groups(groups, Rules(), sample_median=None))
    assert stats["other"].impact_ratio == pytest.approx(other / ref)
    assert stats["other"].below_four_fifths is flagged and stats["other"].four_fifths(Rules()) is flagged
    assert stats["ref"].reference and not stats["ref"].below_four_fifths


def test_the_four_fifths_threshold_is_a_rule():
    stats = by_group(compare_groups(counts(a=(100, 40), b=(100, 34)), Rules(four_fifths=0.9), sample_median=None))
    assert stats["b"].below_four_fifths  # 0.85 < 0.9


def test_compare_groups_gives_rates_shares_ratios_and_z_tests_against_the_highest_rate():
    groups = counts(b=(100, 40), e=(0, 0), a=(100, 50), d=(100, 41), c=(100, 39))
    stats = compare_groups(groups, Rules(), sample_median=None)
    assert [s.group for s in stats] == ["a", "b", "c", "d"]  # sorted by label; the empty group is left out
    s = by_group(stats)
    assert s["a"].reference and [g for g in s if s[g].reference] == ["a"]
    assert s["a"].impact_ratio == 1.0 and s["a"].p_value is None and s["a"].test is None
    for g, k in (("b", 40), ("c", 39), ("d", 41)):
        assert s[g].n == 100 and s[g].selected == k and s[g].rate == k / 100 and s[g].share == 0.25
        assert s[g].impact_ratio == pytest.approx(k / 50)
        assert s[g].test == Z_TEST and s[g].p_value == pytest.approx(z_test_p(k, 100, 50, 100), rel=1e-9)
        assert s[g].hidden is None and s[g].excluded is None
        assert s[g].scored == 0 and s[g].above_median == 0 and s[g].scoring_rate is None
    assert [g for g in s if s[g].below_four_fifths] == ["c"]  # 0.78; b is exactly 0.8


def test_ties_for_the_highest_rate_go_to_the_larger_group_then_the_later_label():
    s = by_group(compare_groups(counts(a=(50, 25), b=(50, 25), c=(80, 40)), Rules(), sample_median=None))
    assert [g for g in s if s[g].reference] == ["c"]
    s = by_group(compare_groups(counts(a=(50, 25), b=(50, 25)), Rules(), sample_median=None))
    assert [g for g in s if s[g].reference] == ["b"]
    assert s["a"].p_value == pytest.approx(1.0) and s["a"].impact_ratio == 1.0


def test_when_nobody_is_selected_there_is_no_ratio_and_no_flag():
    s = by_group(compare_groups(counts(a=(20, 0), b=(30, 0)), Rules(), sample_median=None))
    assert s["b"].reference  # the larger group
    assert all(x.impact_ratio is None and not x.below_four_fifths for x in s.values())
    assert s["a"].test == FISHER and s["a"].p_value == pytest.approx(1.0)


def test_scoring_rate_is_the_share_strictly_above_the_sample_median():
    groups = {"a": Counts(4, 2, [90, 80, 70, 60]), "b": Counts(3, 1, [60, 55, 50]), "c": Counts(3, 1, [])}
    s = by_group(compare_groups(groups, Rules(min_group_size=1), sample_median=60))
    assert (s["a"].scored, s["a"].above_median, s["a"].scoring_rate) == (4, 3, 0.75)  # 60 is not above 60
    assert (s["b"].scored, s["b"].above_median, s["b"].scoring_rate) == (3, 0, 0.0)
    assert (s["c"].scored, s["c"].scoring_rate, s["c"].scoring_impact_ratio) == (0, None, None)
    assert s["a"].scoring_impact_ratio == 1.0 and s["b"].scoring_impact_ratio == 0.0
    without = by_group(compare_groups(groups, Rules(min_group_size=1), sample_median=None))
    assert all(x.above_median == 0 and x.scoring_rate is None and x.scoring_impact_ratio is None
               for x in without.values())


# ------------------------------------------------------------------------------ significance


def test_fisher_is_used_when_an_expected_count_is_under_5():
    p, test = two_by_two_p(2, 6, 30, 40)  # expected failures in the first group: 6 * 14 / 46 < 5
    assert test == FISHER and p == pytest.approx(fisher_exact([[2, 4], [30, 10]])[1], rel=1e-12)
    p, test = two_by_two_p(8, 10, 7, 10)  # 5 not selected of 20: 2.5 expected in each group
    assert test == FISHER and p == pytest.approx(fisher_exact([[8, 2], [7, 3]])[1], rel=1e-12)
    p, test = two_by_two_p(3, 10, 6, 10)  # 9 selected of 20: 4.5 expected
    assert test == FISHER and p == pytest.approx(fisher_exact([[3, 7], [6, 4]])[1], rel=1e-12)


def test_the_z_test_is_used_from_an_expected_count_of_exactly_5():
    p, test = two_by_two_p(3, 10, 7, 10)  # every expected count is 10 * 10 / 20 = 5
    assert test == Z_TEST and p == pytest.approx(z_test_p(3, 10, 7, 10), rel=1e-12)


@pytest.mark.parametrize("k1, n1, k2, n2", [(40, 100, 60, 100), (30, 80, 60, 120), (55, 90, 20, 60), (7, 14, 50, 100)])
def test_the_z_test_is_the_pooled_two_proportion_test(k1, n1, k2, n2):
    p, test = two_by_two_p(k1, n1, k2, n2)
    assert test == Z_TEST and p == pytest.approx(z_test_p(k1, n1, k2, n2), rel=1e-9)
    assert two_by_two_p(k2, n2, k1, n1)[0] == pytest.approx(p, rel=1e-12)  # two-sided


def test_equal_rates_have_a_p_value_of_one():
    assert two_by_two_p(30, 60, 50, 100) == (pytest.approx(1.0), Z_TEST)


def test_holm_adjusts_in_step_down_order_and_keeps_the_p_values_monotone():
    # sorted: a .01 x3, c .03 x2 = .06, b .04 x1 = .04 -> raised to .06 to stay monotone
    assert holm({"a": 0.01, "b": 0.04, "c": 0.03}) == pytest.approx({"a": 0.03, "b": 0.06, "c": 0.06})
    assert holm({"x": 0.7, "y": 0.8}) == {"x": 1.0, "y": 1.0}  # capped at 1
    assert holm({"only": 0.02}) == {"only": 0.02} and holm({}) == {}


@EXAMPLES
@given(st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=3), st.floats(0, 1), max_size=8))
def test_holm_equals_its_definition(p_values):
    """adjusted(i) = min(1, max over p_j <= p_i of (m - rank_j) p_j), rank_j counting the smaller p-values."""
    m = len(p_values)
    adjusted = holm(p_values)
    assert set(adjusted) == set(p_values)
    for key, p in p_values.items():
        expected = min(1.0, max((m - sum(q < pj for q in p_values.values())) * pj
                                for pj in p_values.values() if pj <= p))
        assert adjusted[key] == pytest.approx(expected, abs=1e-12)
        assert p <= adjusted[key] + 1e-12 <= 1 + 1e-12


def test_holm_is_applied_only_when_asked():
    groups = counts(a=(100, 50), b=(100, 38), c=(100, 45))
    raw = {g: z_test_p(k, 100, 50, 100) for g, k in (("b", 38), ("c", 45))}
    plain = by_group(compare_groups(groups, Rules(), sample_median=None))
    adjusted = by_group(compare_groups(groups, Rules(), sample_median=None, adjust=True))
    assert plain["b"].p_value == pytest.approx(raw["b"]) and plain["c"].p_value == pytest.approx(raw["c"])
    assert adjusted["b"].p_value == pytest.approx(2 * raw["b"]) and adjusted["c"].p_value == pytest.approx(raw["c"])
    assert adjusted["a"].p_value is None


def test_significance_is_a_p_value_under_alpha():
    row = GroupStats(group="g", n=10, share=0.5, selected=2, rate=0.2, scored=0, above_median=0, scoring_rate=None)
    assert not row.significant(Rules())
    row.p_value = 0.05
    assert not row.significant(Rules()) and row.significant(Rules(alpha=0.1))
    row.p_value = 0.0499
    assert row.significant(Rules())


# ------------------------------------------------------------------------------ small groups


def test_a_group_under_the_minimum_share_keeps_its_rate_but_leaves_the_ratios():
    groups = counts(x=(91, 50), y=(5, 1), z=(4, 1))
    s = by_group(compare_groups(groups, Rules(min_share=0.05, min_group_size=1), sample_median=None))
    assert s["z"].excluded == "under 5% of the candidates with a known value" and s["z"].hidden is None
    assert s["z"].rate == 0.25 and s["z"].impact_ratio is None and s["z"].p_value is None
    assert s["y"].excluded is None and s["y"].share == 0.05  # exactly the minimum share is enough
    assert s["y"].impact_ratio == pytest.approx(0.2 / (50 / 91)) and s["y"].test == FISHER
    assert compare_groups(counts(a=(99, 50), b=(1, 0)), Rules(min_group_size=1), sample_median=None)[1].excluded \
        == "under 2% of the candidates with a known value"


def test_a_group_under_the_minimum_size_is_hidden_and_so_is_the_next_smallest():
    groups = counts(big=(60, 30), mid=(30, 12), five=(5, 2), four=(4, 1))
    s = by_group(compare_groups(groups, Rules(), sample_median=None))
    assert s["four"].hidden == "fewer than 5 candidates"
    assert s["five"].hidden == COMPLEMENT  # five candidates are enough on their own, but would reveal "four"
    assert s["four"].excluded == s["five"].excluded == "not shown by rate"
    assert s["four"].impact_ratio is None and s["five"].p_value is None
    assert s["big"].reference and s["mid"].impact_ratio == pytest.approx(0.8) and not s["mid"].below_four_fifths
    assert s["big"].hidden is None and s["mid"].hidden is None


@pytest.mark.parametrize("unknown, hidden", [(0, []), (1, ["c"]), (3, ["c"]), (4, ["c"]), (5, []), (9, [])])
def test_fewer_than_5_unknown_values_hide_the_smallest_group(unknown, hidden):
    """The unknowns are a hidden cell: with the total known, a shown group's figures would reveal theirs."""
    groups = counts(a=(40, 20), b=(30, 12), c=(20, 8))
    s = by_group(compare_groups(groups, Rules(), sample_median=None, unknown=unknown))
    assert [g for g in s if s[g].hidden] == hidden
    assert all(s[g].hidden == COMPLEMENT for g in hidden)


def test_the_default_is_no_unknowns():
    s = compare_groups(counts(a=(40, 20), b=(30, 12), c=(20, 8)), Rules(), sample_median=None)
    assert not any(x.hidden for x in s)


def test_a_hidden_group_and_unknowns_already_hide_each_other():
    s = by_group(compare_groups(counts(a=(40, 20), b=(30, 12), c=(3, 1)), Rules(), sample_median=None, unknown=2))
    assert [g for g in s if s[g].hidden] == ["c"]


def test_the_next_smallest_is_chosen_by_size_then_selected_then_label():
    groups = counts(tiny=(2, 1), b=(10, 5), a=(10, 5), c=(10, 4), big=(40, 20))
    s = by_group(compare_groups(groups, Rules(), sample_median=None))
    assert sorted(g for g in s if s[g].hidden) == ["c", "tiny"]
    groups = counts(tiny=(2, 1), b=(10, 5), a=(10, 5), big=(40, 20))
    s = by_group(compare_groups(groups, Rules(), sample_median=None))
    assert sorted(g for g in s if s[g].hidden) == ["a", "tiny"]


def test_hiding_repeats_until_no_slice_has_a_lone_hidden_cell():
    """Intersections: hiding mx to protect fx leaves mx alone among the m groups, so my is hidden too."""
    groups = counts(fx=(3, 1), fy=(20, 9), fz=(0, 0), mx=(15, 6), my=(25, 10))
    slices = [(["mx", "my"], 0), (["fx", "mx", "fz"], 0)]  # fz has no candidates: ignored
    s = by_group(compare_groups(groups, Rules(), sample_median=None, slices=slices))
    assert {g: s[g].hidden for g in s} == {"fx": "fewer than 5 candidates", "fy": None, "mx": COMPLEMENT,
                                           "my": COMPLEMENT}
    assert s["fy"].reference and s["fy"].impact_ratio == 1.0


def test_a_slice_needing_nothing_does_not_stop_the_others():
    groups = counts(a=(30, 10), b=(30, 12), c=(2, 1), d=(40, 20))
    s = by_group(compare_groups(groups, Rules(), sample_median=None, slices=[(["a", "b"], 0), (["c", "d"], 0)]))
    assert [g for g in s if s[g].hidden] == ["c", "d"]


# ------------------------------------------------------------------------------ score gaps


def moments(values) -> Moments:
    m = Moments()
    for x in values:
        m.add(x)
    return m


def test_moments_hold_count_sum_and_squares_and_subtract():
    m = moments([1.0, 2.0, 3.0, 10.0])
    assert (m.n, m.total, m.squares) == (4, 16.0, 114.0)
    rest = m - moments([10.0])
    assert (rest.n, rest.total, rest.squares) == (3, 6.0, 14.0)


def test_variance_is_the_sample_variance_and_never_negative():
    values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
    assert moments(values).variance() == pytest.approx(statistics.variance(values))
    assert moments([0.2, 0.4, 0.9]).variance() == pytest.approx(statistics.variance([0.2, 0.4, 0.9]))
    assert moments([0.1, 0.1, 0.1]).variance() == 0.0  # rounding could make it a hair under zero


def cohens_d(group, rest) -> float:
    pooled = ((len(group) - 1) * statistics.variance(group) + (len(rest) - 1) * statistics.variance(rest)) / (
        len(group) + len(rest) - 2)
    return (statistics.fmean(group) - statistics.fmean(rest)) / math.sqrt(pooled)


@pytest.mark.parametrize("group, rest", [
    ([60.0, 62.0, 64.0], [70.0, 72.0, 74.0, 76.0]),
    ([1.0, 1.5], [2.0, 2.5]),  # a pooled SD under 1
    ([80.0, 95.0, 71.0, 88.0, 90.0], [60.0, 75.0]),
    ([3.0, 9.0, 4.0], [5.0, 5.5, 6.0, 8.0, 2.0, 7.0]),
])
def test_standardised_mean_difference_is_cohens_d_against_everyone_else(group, rest):
    assert standardised_mean_difference(group, rest) == pytest.approx(cohens_d(group, rest), rel=1e-9)
    assert smd(moments(group), moments(rest)) == pytest.approx(cohens_d(group, rest), rel=1e-9)


def test_no_score_gap_without_two_scores_on_each_side_or_any_spread():
    assert standardised_mean_difference([70.0], [60.0, 65.0, 80.0]) is None
    assert standardised_mean_difference([60.0, 65.0, 80.0], [70.0]) is None
    assert standardised_mean_difference([70.0, 70.0], [60.0, 60.0, 60.0]) is None
    assert standardised_mean_difference([], []) is None


# ------------------------------------------------------------------------------ properties


group_tables = st.dictionaries(
    st.sampled_from(list("abcdefgh")),
    st.integers(0, 60).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
    min_size=1, max_size=8)


@EXAMPLES
@given(table=group_tables, unknown=st.integers(0, 12), min_size=st.integers(1, 10))
def test_ratios_flags_and_hiding_follow_their_definitions(table, unknown, min_size):
    rules = Rules(min_group_size=min_size)
    groups = {g: Counts(n=n, selected=k) for g, (n, k) in table.items()}
    stats = compare_groups(groups, rules, sample_median=None, unknown=unknown)
    assert [s.group for s in stats] == sorted(g for g, c in groups.items() if c.n)
    hidden = [s for s in stats if s.hidden]
    for s in stats:
        assert s.hidden in (None, COMPLEMENT) if s.n >= min_size else s.hidden == f"fewer than {min_size} candidates"
    if hidden or unknown:  # no hidden cell alone in the table's total, unless the unknowns are many enough
        assert len(hidden) + (unknown > 0) != 1 or (not hidden and unknown >= min_size) or len(hidden) == len(stats)
    included = [s for s in stats if s.excluded is None]
    if included:
        ref = next(s for s in stats if s.reference)
        assert ref.rate == max(s.rate for s in included)
        for s in included:
            if ref.selected:
                assert s.impact_ratio == pytest.approx(s.rate / ref.rate)
                assert s.below_four_fifths == (
                    Fraction(s.selected, s.n) < Fraction(4, 5) * Fraction(ref.selected, ref.n))
            assert (s.p_value is None) == (s is ref)
