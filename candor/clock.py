"""The product's notion of "now": the real clock, or a fixed one from settings (demos, tests, evals)."""

from __future__ import annotations

from datetime import datetime, timezone


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def current_time(fixed: datetime | None = None) -> datetime:
    return as_utc(fixed) if fixed is not None else datetime.now(timezone.utc)
