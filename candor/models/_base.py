"""Shared column helpers for the domain model."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def json_field(default_factory=list, **kw: Any):
    return Field(default_factory=default_factory, sa_column=Column(JSON, nullable=False), **kw)


def json_field_nullable(**kw: Any):
    return Field(default=None, sa_column=Column(JSON, nullable=True), **kw)
