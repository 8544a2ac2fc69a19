"""The statistics of a bias audit, on plain counts and scores (no database, no demographics table).

Selection rate and impact ratio follow NYC Local Law 144 (rate / the highest included group's rate);
the EEOC four-fifths rule flags a ratio under 0.8; significance is Fisher's exact test when a 2x2
table has an expected count under 5, the pooled two-proportion z-test otherwise (two-sided).
Small groups: a group under `min_share` of the known sample is left out of impact ratios (its count
and rate are still shown); a group under `min_group_size` is never shown by rate, and a second group
is hidden where one hidden group could otherwise be worked out by subtraction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Hashable, Iterable, Mapping, Sequence

FISHER = "fisher_exact"
Z_TEST = "two_proportion_z"


@dataclass(frozen=True)
class Rules:
    min_share: float = 0.02  # of the candidates whose value is known
    min_group_size: int = 5
    four_fifths: float = 0.8
    alpha: float = 0.05


@dataclass
class Counts:
    """One group's raw material: how many, how many selected, and the total scores behind the scoring rate."""

    n: int = 0
    selected: int = 0
    scores: list[float] = field(default_factory=list)


@dataclass
class GroupStats:
    group: Hashable
    n: int
    share: float
    selected: int
    rate: float
    scored: int
    above_median: int
    scoring_rate: float | None
    excluded: str | None = None  # why the group is left out of impact ratios
    hidden: str | None = None  # why its rate is not shown
    reference: bool = False
    impact_ratio: float | None = None
    scoring_impact_ratio: float | None = None
    p_value: float | None = None
    test: str | None = None
    below_four_fifths: bool = False  # decided on exact fractions, so a ratio of exactly 0.8 is not flagged

    def four_fifths(self, rules: Rules) -> bool:
        return self.below_four_fifths

    def significant(self, rules: Rules) -> bool:
        return self.p_value is not None and self.p_value < rules.alpha


def selection_rates(groups: Mapping[Hashable, Counts]) -> dict[Hashable, float]:
    return {g: c.selected / c.n for g, c in groups.items() if c.n}


def impact_ratios(rates: Mapping[Hashable, float]) -> dict[Hashable, float | None]:
    """Each rate over the highest one (LL144); undefined when nobody in any group was selected."""
    best = max(rates.values(), default=0.0)
    return {g: (r / best if best > 0 else None) for g, r in rates.items()}


def median(values: Sequence[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def two_by_two_p(selected_a: int, n_a: int, selected_b: int, n_b: int) -> tuple[float, str]:
    """Two-sided p-value for a difference in selection rates between two groups, and the test used."""
    from scipy.stats import fisher_exact, norm

    table = [[selected_a, n_a - selected_a], [selected_b, n_b - selected_b]]
    total, chosen = n_a + n_b, selected_a + selected_b
    expected = [n * k / total for n in (n_a, n_b) for k in (chosen, total - chosen)]
    if min(expected) < 5:
        return float(fisher_exact(table)[1]), FISHER
    pooled = chosen / total
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (selected_a / n_a - selected_b / n_b) / se
    return float(min(1.0, 2 * norm.sf(abs(z)))), Z_TEST


def holm(p_values: Mapping[Hashable, float]) -> dict[Hashable, float]:
    """Holm-Bonferroni adjusted p-values (monotone, capped at 1)."""
    ordered = sorted(p_values.items(), key=lambda kv: kv[1])
    m, running, out = len(ordered), 0.0, {}
    for i, (key, p) in enumerate(ordered):
        running = max(running, min(1.0, (m - i) * p))
        out[key] = running
    return out


@dataclass
class Moments:
    """Count, sum and sum of squares: enough for a mean and a variance, and subtractable."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0

    def add(self, x: float) -> None:
        self.n += 1
        self.total += x
        self.squares += x * x

    def __sub__(self, other: "Moments") -> "Moments":
        return Moments(self.n - other.n, self.total - other.total, self.squares - other.squares)

    def variance(self) -> float:
        return max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1))


def smd(group: Moments, rest: Moments) -> float | None:
    """Cohen's d of a group against everyone else: (mean - mean of the rest) / pooled SD."""
    if group.n < 2 or rest.n < 2:
        return None
    pooled = math.sqrt(((group.n - 1) * group.variance() + (rest.n - 1) * rest.variance()) / (group.n + rest.n - 2))
    return None if pooled < 1e-12 else (group.total / group.n - rest.total / rest.n) / pooled


def standardised_mean_difference(group: Sequence[float], rest: Sequence[float]) -> float | None:
    a, b = Moments(), Moments()
    for x in group:
        a.add(x)
    for x in rest:
        b.add(x)
    return smd(a, b)


def compare_groups(groups: Mapping[Hashable, Counts], rules: Rules, *, sample_median: float | None,
                   unknown: int = 0, slices: Iterable[tuple[Sequence[Hashable], int]] | None = None,
                   adjust: bool = False) -> list[GroupStats]:
    """Selection and scoring rates, impact ratios and significance for one attribute (or intersection).

    `unknown` candidates (value not known) are counted apart and their outcomes never shown. `slices` (for intersections) lists
    the groups that add up to a shown total, each with its count of hidden candidates outside the
    table; by default the whole table is one slice. `adjust` applies Holm's correction to the p-values.
    """
    known = sum(c.n for c in groups.values())
    stats: dict[Hashable, GroupStats] = {}
    for g, c in groups.items():
        if c.n == 0:
            continue
        above = sum(s > sample_median for s in c.scores) if sample_median is not None else 0
        stats[g] = GroupStats(group=g, n=c.n, share=c.n / known, selected=c.selected, rate=c.selected / c.n,
                              scored=len(c.scores), above_median=above,
                              scoring_rate=above / len(c.scores) if c.scores and sample_median is not None else None)
    for s in stats.values():
        if s.n < rules.min_group_size:
            s.hidden = f"fewer than {rules.min_group_size} candidates"
    _complementary_suppression(stats, rules, slices if slices is not None else [(list(stats), unknown)])
    for s in stats.values():
        if s.share < rules.min_share:
            s.excluded = f"under {rules.min_share * 100:g}% of the candidates with a known value"
        elif s.hidden:
            s.excluded = "not shown by rate"
    included = [s for s in stats.values() if s.excluded is None]
    if included:
        _ratios(included, rules, adjust)
    return sorted(stats.values(), key=lambda s: str(s.group))


def _ratios(included: list[GroupStats], rules: Rules, adjust: bool) -> None:
    # The reference is the highest rate; ties go to the larger group, then the label, so it is stable.
    ref = max(included, key=lambda s: (s.rate, s.n, str(s.group)))
    ref.reference = True
    selection = impact_ratios({s.group: s.rate for s in included})
    scoring = impact_ratios({s.group: s.scoring_rate for s in included if s.scoring_rate is not None})
    threshold = Fraction(str(rules.four_fifths))
    raw = {}
    for s in included:
        s.impact_ratio = selection[s.group]
        if ref.selected:
            s.below_four_fifths = Fraction(s.selected, s.n) / Fraction(ref.selected, ref.n) < threshold
        s.scoring_impact_ratio = scoring.get(s.group)
        if s is not ref:
            raw[s.group], s.test = two_by_two_p(s.selected, s.n, ref.selected, ref.n)
    final = holm(raw) if adjust else raw
    for s in included:
        if s.group in final:
            s.p_value = final[s.group]


def _complementary_suppression(stats: dict[Hashable, GroupStats], rules: Rules,
                               slices: Iterable[tuple[Sequence[Hashable], int]]) -> None:
    """No hidden cell may stand alone in a shown total, or subtraction would reveal it: hide the next
    smallest group of that total too, until none does. Candidates outside the table (value unknown)
    are a hidden cell of their own, a sensitive one when there are fewer than `min_group_size`."""
    slices = [([g for g in members if g in stats], outside) for members, outside in slices]
    changed = True
    while changed:
        changed = False
        for members, outside in slices:
            hidden = [g for g in members if stats[g].hidden]
            if len(hidden) + (outside > 0) != 1 or (not hidden and outside >= rules.min_group_size):
                continue
            shown = [stats[g] for g in members if not stats[g].hidden]
            if shown:
                smallest = min(shown, key=lambda s: (s.n, s.selected, str(s.group)))
                smallest.hidden = "hidden so that a smaller group's figures cannot be worked out by subtraction"
                changed = True
