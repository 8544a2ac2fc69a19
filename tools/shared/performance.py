"""What the performance analyses share (insights, proposals, outcomes, monitoring, prediction)."""

from __future__ import annotations

from pydantic import BaseModel

from candor.models import Role
from knowledge.catalogue import RoleSpec, default_roles
from tools.shared.hires import PerformanceMetric

MIN_HIRES = 30  # fewer hires than this: no correlation is reported
FIRST_MONTHS = 6  # performance is read over a hire's first months


class MetricRef(BaseModel):
    key: str
    name_en: str
    name_zh: str
    higher_is_better: bool
    unit: str


def metric_ref(m: PerformanceMetric) -> MetricRef:
    return MetricRef(key=m.key, name_en=m.name_en, name_zh=m.name_zh, higher_is_better=m.higher_is_better,
                     unit=m.unit)


def p_label(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def role_spec(role: Role) -> RoleSpec | None:
    return next((s for s in default_roles() if s.key == role.key), None)


def role_metric_keys(role: Role) -> list[str]:
    """The role's performance metrics as stored (imported or synced), main first; a row stored before roles
    carried metrics falls back to the shipped profile of the same key."""
    if role.metrics:
        return list(role.metrics)
    spec = role_spec(role)
    return list(spec.metrics) if spec else []
