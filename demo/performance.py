"""Monthly performance of the demo hires, with the planted score-performance correlations built in."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from demo.generate import RoleCtx
from demo.plan import (
    DEFAULT_SCALE,
    FIRST_MONTHS,
    METRIC_LINKS,
    METRIC_SCALES,
    RATING_LINK,
)
from demo.quota import centred_noise, correlated_series
from knowledge.catalogue import load_metrics


@dataclass(slots=True)
class Hire:
    employee_id: int
    hired_at: date
    left_at: date | None
    scores: dict[str, float]  # competency key -> score in the hiring interview


def months_worked(hired_at: date, last_day: date) -> list[date]:
    """First days of the months from the hire month through the month of `last_day`."""
    months, year, month = [], hired_at.year, hired_at.month
    while date(year, month, 1) <= last_day:
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def role_metrics(role: RoleCtx) -> list[str]:
    return list(role.metrics) + ([] if "performance_rating" in role.metrics else ["performance_rating"])


def _levels(rng: random.Random, role: RoleCtx, hires: list[Hire], months: list[list[date]],
            primary_links: dict[str, float]) -> list[float]:
    """Standardised per-person level of the main KPI: the first-six-months mean, in sd units.

    Built separately for hires with a full six months and for the rest, so the planted r is exact in
    the full-six-months group and very close over everyone.
    """
    keys = [c.key for c in role.competencies if c.key in primary_links]
    levels = [0.0] * len(hires)
    full = [i for i, m in enumerate(months) if len(m) >= FIRST_MONTHS]
    partial = [i for i, m in enumerate(months) if len(m) < FIRST_MONTHS]
    for group in (full, partial):
        if not group:
            continue
        predictors = [[hires[i].scores[k] for i in group] for k in keys]
        series = correlated_series(predictors, [primary_links[k] for k in keys], rng) if keys else \
            [rng.gauss(0, 1) for _ in group]
        for i, z in zip(group, series):
            levels[i] = z
    return levels


def performance_rows(rng: random.Random, role: RoleCtx, hires: list[Hire], today: date) -> Iterator[dict]:
    """PerformanceRecord rows (without ids) for every hire of a role, month by month."""
    metrics = role_metrics(role)
    primary, links = METRIC_LINKS.get(role.key, ("performance_rating", {}))
    if primary not in metrics:
        primary, links = metrics[0], {}
    months = [months_worked(h.hired_at, min(h.left_at or today, today)) for h in hires]
    levels = _levels(rng, role, hires, months, links)
    lower_is_better = {m.key for m in load_metrics() if not m.higher_is_better}
    # Good performers rate well: with a lower-is-better KPI (downtime) the other metrics follow -z.
    link = {m: -RATING_LINK if (primary in lower_is_better) != (m in lower_is_better) else RATING_LINK
            for m in metrics}
    for hire, worked, z in zip(hires, months, levels):
        first = min(FIRST_MONTHS, len(worked))
        for metric in metrics:
            scale = METRIC_SCALES.get(metric, DEFAULT_SCALE)
            zm = z if metric == primary else link[metric] * z + math.sqrt(1 - RATING_LINK ** 2) * rng.gauss(0, 1)
            level = scale.mean + scale.sd * zm
            noise = centred_noise(rng, first, scale.monthly_sd) + \
                [rng.gauss(0, scale.monthly_sd) for _ in worked[first:]]
            for month, wobble in zip(worked, noise):
                value = level + wobble
                if scale.low is not None:
                    value = max(scale.low, value)
                if scale.high is not None:
                    value = min(scale.high, value)
                yield {"employee_id": hire.employee_id, "month": month, "metric": metric,
                       "value": round(value, scale.decimals)}
