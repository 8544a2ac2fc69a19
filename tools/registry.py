"""The tools that exist, and which audience may use each (filtered before the model sees them)."""

from __future__ import annotations

from .base import ToolSpec
from .failure_stats import SPEC as FAILURE_STATS

ALL_TOOLS: tuple[ToolSpec, ...] = (FAILURE_STATS,)


def tools_for(audience: str) -> tuple[ToolSpec, ...]:
    return tuple(t for t in ALL_TOOLS if audience in t.audiences)


def get_tool(name: str) -> ToolSpec:
    for spec in ALL_TOOLS:
        if spec.name == name:
            return spec
    raise KeyError(name)
