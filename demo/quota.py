"""Deterministic building blocks: quotas dealt in order, constructed correlations, the daytime timeline."""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from datetime import datetime, time, timedelta, timezone
from typing import Iterable, Sequence


class Quota:
    """Deals categories in proportion to their weights (smooth weighted round robin with jitter).

    Every run of consecutive draws holds each category within about one draw of its share, which is
    what makes planted rates hold in any time window; the jitter keeps the sequence from looking periodic.
    """

    def __init__(self, rng: random.Random, jitter: float = 0.5):
        self.rng, self.jitter = rng, jitter
        self.credit: dict[str, float] = {}

    def draw(self, weights: dict[str, float], allowed: Iterable[str] | None = None) -> str:
        total = sum(weights.values())
        for key, weight in weights.items():
            self.credit[key] = self.credit.get(key, 0.0) + weight / total
        permitted = None if allowed is None else set(allowed)
        keys = [k for k in weights if permitted is None or k in permitted]
        if not keys:
            raise ValueError(f"no allowed category among {list(weights)}")
        best = max(keys, key=lambda k: self.credit[k] + self.rng.random() * self.jitter)
        self.credit[best] -= 1.0
        return best

    def yes(self, share: float, forced: bool | None = None) -> bool:
        """A two-way draw (the hot path): `forced` overrides the answer but still books it."""
        # With two categories the credits are c and -c, so one number and one comparison suffice.
        credit = self.credit.get("yes", 0.0) + share
        if forced is not None:
            answer = forced
        elif share <= 0 or share >= 1:
            answer = share >= 1
        else:
            answer = 2 * credit + self.jitter * (self.rng.random() - self.rng.random()) > 0
        self.credit["yes"] = credit - 1.0 if answer else credit
        return answer


def _centre(values: Sequence[float]) -> list[float]:
    mean = sum(values) / len(values)
    return [v - mean for v in values]


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


def _unit(values: list[float]) -> list[float] | None:
    norm = math.sqrt(_dot(values, values))
    return None if norm < 1e-9 else [v / norm for v in values]


def correlated_series(predictors: Sequence[Sequence[float]], targets: Sequence[float],
                      rng: random.Random) -> list[float]:
    """A series with mean 0 and sd 1 whose sample Pearson r with each predictor is exactly its target.

    Gram-Schmidt on the centred predictors gives an orthonormal basis; the series is a combination of
    that basis plus a noise direction orthogonal to all of it, with coefficients solved so the
    correlations come out as asked (when the targets are attainable together).
    """
    n = len(predictors[0]) if predictors else 0
    if n == 0:
        return []
    basis: list[list[float]] = []
    beta: list[float] = []
    for x, target in zip(predictors, targets):
        v = _unit(_centre(x))
        if v is None:
            continue  # a constant predictor cannot correlate with anything
        coords = [_dot(v, b) for b in basis]
        residual = _unit([vi - sum(c * b[i] for c, b in zip(coords, basis)) for i, vi in enumerate(v)])
        if residual is None or len(basis) + 3 > n:  # keep a dimension for the noise
            continue
        coord_new = _dot(v, residual)
        beta.append((target - sum(c * bk for c, bk in zip(coords, beta))) / coord_new)
        basis.append(residual)
    noise = [rng.gauss(0, 1) for _ in range(n)]
    noise = _centre(noise)
    for b in basis:
        p = _dot(noise, b)
        noise = [ni - p * bi for ni, bi in zip(noise, b)]
    noise_unit = _unit(noise)
    explained = sum(b * b for b in beta)
    if explained >= 0.99 or noise_unit is None:
        scale = math.sqrt(0.99 / explained) if explained > 0.99 else 1.0
        beta = [b * scale for b in beta]
        explained = min(explained, 0.99)
    rest = math.sqrt(max(0.0, 1.0 - explained)) if noise_unit is not None else 0.0
    y = [sum(bk * b[i] for bk, b in zip(beta, basis)) + (rest * noise_unit[i] if noise_unit else 0.0)
         for i in range(n)]
    return [yi * math.sqrt(n) for yi in y]


def centred_noise(rng: random.Random, count: int, sd: float) -> list[float]:
    """`count` normal draws shifted to mean exactly zero (a person's monthly wobble around their level)."""
    if count <= 1:
        return [0.0] * count
    return _centre([rng.gauss(0, sd) for _ in range(count)])


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    cx, cy = _centre(x), _centre(y)
    return _dot(cx, cy) / math.sqrt(_dot(cx, cx) * _dot(cy, cy))


class Timeline:
    """Daytime hours (08:00-19:00 UTC) of the 365 days ending at `now`, laid end to end.

    A position in seconds along it maps monotonically to a datetime, so evenly spread positions give
    interviews in time order, and a shift of one `DAY` is one calendar day later at the same hour.
    """

    OPENS, HOURS = 8, 11
    DAY = HOURS * 3600.0

    def __init__(self, now: datetime, days: int = 365):
        self.now = now
        start = now - timedelta(days=days)
        self._starts: list[datetime] = []
        self._offsets: list[float] = []
        total = 0.0
        day = start.date()
        while day <= now.date():
            opens = datetime.combine(day, time(self.OPENS), tzinfo=timezone.utc)
            begin, end = max(opens, start), min(opens + timedelta(hours=self.HOURS), now)
            if end > begin:
                self._starts.append(begin)
                self._offsets.append(total)
                total += (end - begin).total_seconds()
            day += timedelta(days=1)
        self.length = total

    def at(self, position: float) -> datetime:
        position = min(max(position, 0.0), self.length)
        i = bisect_right(self._offsets, position) - 1
        return self._starts[i] + timedelta(seconds=int(position - self._offsets[i]))
