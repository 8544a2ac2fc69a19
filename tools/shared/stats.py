"""The statistics behind competency insights and weight proposals, free of any database.

`correlate` gives Pearson and Spearman r with a Fisher-z confidence interval; `support` turns the
significant links of a competency into one number; `step_weights` moves weights toward that support
within hard bounds (a step per competency, a floor, a total of 100 points).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

ALPHA = 0.05
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Correlation:
    n: int
    r: float
    p: float
    ci_low: float
    ci_high: float
    rho: float
    rho_p: float


def correlate(x: Sequence[float], y: Sequence[float]) -> Correlation | None:
    """Pearson r (p-value, 95 % CI by Fisher's z) and Spearman rho; None when r is undefined."""
    from scipy import stats

    n = len(x)
    if n < 4 or len(set(x)) < 2 or len(set(y)) < 2:
        return None
    r, p = stats.pearsonr(x, y)
    rho, rho_p = stats.spearmanr(x, y)
    r = max(-1.0, min(1.0, float(r)))
    z, se = math.atanh(max(-0.999999, min(0.999999, r))), 1 / math.sqrt(n - 3)
    return Correlation(n=n, r=r, p=float(p), ci_low=math.tanh(z - Z95 * se), ci_high=math.tanh(z + Z95 * se),
                       rho=float(rho), rho_p=float(rho_p))


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of the 2x2 table [[a, b], [c, d]]."""
    from scipy import stats

    return float(stats.fisher_exact([[a, b], [c, d]]).pvalue)


def support(effects: Sequence[Correlation | None], directions: Sequence[int], alpha: float = ALPHA) -> float:
    """The evidence for a competency: the sum of its significant effects on the outcomes, each signed so
    that positive means "a higher interview score goes with better results"."""
    return sum(c.r * d for c, d in zip(effects, directions) if c is not None and c.p < alpha)


def proposed_targets(weights: Mapping[str, float], supports: Mapping[str, float],
                     sensitivity: float) -> dict[str, float]:
    """Unbounded targets: each weight moves by `sensitivity` points per unit of support above the role's
    mean support, so the total stays 100 and equal evidence changes nothing."""
    mean = sum(supports.get(k, 0.0) for k in weights) / max(1, len(weights))
    return {k: w + sensitivity * (supports.get(k, 0.0) - mean) for k, w in weights.items()}


def bounds(current: float, step: float, floor: float) -> tuple[float, float]:
    """How far one weight (points) may move: at most `step` either way, never below the floor (a weight
    already under the floor may not fall further), never outside 0-100."""
    low = max(0.0, current - step, min(floor, current))
    high = min(100.0, current + step)
    return low, max(low, high)


def step_weights(current: Mapping[str, float], targets: Mapping[str, float], *, step: float = 15,
                 floor: float = 5) -> dict[str, float]:
    """The weights (points, summing to 100) closest to `targets` within `bounds`.

    The projection shifts every target by one constant and clips it to its bounds; the constant is
    found by bisection. Whole-point weights stay whole points.
    """
    keys = list(current)
    total = sum(current.values())
    limits = {k: bounds(current[k] * 100 / total if total else 0.0, step, floor) for k in keys}

    def placed(shift: float) -> dict[str, float]:
        return {k: min(max(targets[k] + shift, limits[k][0]), limits[k][1]) for k in keys}

    # A shift this wide places every target at its lower or its upper bound, so the answer lies between.
    lo = min(low for low, _ in limits.values()) - max(targets[k] for k in keys) - 1.0
    hi = max(high for _, high in limits.values()) - min(targets[k] for k in keys) + 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if sum(placed(mid).values()) < 100:
            lo = mid
        else:
            hi = mid
    result = placed((lo + hi) / 2)
    whole = all(abs(v - round(v)) < 1e-9 for v in current.values()) and abs(total - 100) < 1e-9
    if whole and float(step).is_integer():
        result = _round_whole(result, {k: (math.ceil(a - 1e-9), math.floor(b + 1e-9)) for k, (a, b) in limits.items()})
    return _settle(result, limits)


def _round_whole(values: dict[str, float], limits: dict[str, tuple[int, int]]) -> dict[str, float]:
    """Largest-remainder rounding to whole points within each weight's limits."""
    rounded = {k: float(min(max(math.floor(v + 1e-9), limits[k][0]), limits[k][1])) for k, v in values.items()}
    missing = int(round(100 - sum(rounded.values())))
    order = sorted(values, key=lambda k: -(values[k] - rounded[k]))
    while missing > 0:
        movable = [k for k in order if rounded[k] + 1 <= limits[k][1]]
        if not movable:
            break
        rounded[movable[0]] += 1
        order.remove(movable[0])
        order.append(movable[0])
        missing -= 1
    while missing < 0:  # points to give back: from the smallest remainders, one each in turn
        movable = [k for k in reversed(order) if rounded[k] - 1 >= limits[k][0]]
        if not movable:
            break
        rounded[movable[0]] -= 1
        order.remove(movable[0])
        order.insert(0, movable[0])
        missing += 1
    return rounded


def _settle(values: dict[str, float], limits: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Put any floating-point remainder on the weights with room for it, so the total is exactly 100."""
    out = dict(values)
    for _ in range(3):
        rest = 100 - sum(out.values())
        if abs(rest) < 1e-12:
            break
        for k in sorted(out, key=lambda k: -(limits[k][1] - out[k] if rest > 0 else out[k] - limits[k][0])):
            room = limits[k][1] - out[k] if rest > 0 else out[k] - limits[k][0]
            move = min(abs(rest), room)
            out[k] += move if rest > 0 else -move
            rest = 100 - sum(out.values())
            if abs(rest) < 1e-12:
                break
    return out
