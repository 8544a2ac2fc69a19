"""Roles, their competencies, versioned competency models and the question bank."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from candor.models._base import json_field, utcnow


class RoleBase(SQLModel):
    key: str = Field(index=True, unique=True, max_length=64, description="stable slug, the external id")
    name_en: str = Field(max_length=200)
    name_zh: str = Field(max_length=200)
    pass_mark: float = Field(default=70.0, ge=0, le=100, description="weighted total needed to pass")
    min_role_match: float = Field(default=0.6, ge=0, le=1, description="share of required skills needed")


class Role(RoleBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    aliases: list[str] = json_field()
    required_skills: list[str] = json_field()
    # The performance metrics (PerformanceMetric keys) this role's hires are measured by, first = main.
    metrics: list[str] = json_field()
    # The scale the company scores this role on (candor/scales.py); stored scores are always 0–100.
    score_scale: str = Field(default="0-100", max_length=16)


class RolePublic(RoleBase):
    id: int
    aliases: list[str]
    required_skills: list[str]


class CompetencyBase(SQLModel):
    key: str = Field(max_length=64)
    name_en: str = Field(max_length=200)
    name_zh: str = Field(max_length=200)


class Competency(CompetencyBase, table=True):
    __table_args__ = (UniqueConstraint("role_id", "key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    role_id: int = Field(foreign_key="role.id", index=True)
    aliases: list[str] = json_field()


class CompetencyModel(SQLModel, table=True):
    """A versioned set of weights for a role; interviews record the version they were scored with."""

    __table_args__ = (UniqueConstraint("role_id", "version"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    role_id: int = Field(foreign_key="role.id", index=True)
    version: int = Field(ge=1)
    active: bool = Field(default=True)
    source: str = Field(default="seed", max_length=32, description="seed | index | import | proposal")
    note: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)


class CompetencyWeight(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("model_id", "competency_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="competencymodel.id", index=True)
    competency_id: int = Field(foreign_key="competency.id")
    weight: float = Field(ge=0, le=1)
    minimum_score: float = Field(ge=0, le=100)


class Question(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    external_id: Optional[str] = Field(default=None, index=True, unique=True, max_length=128)
    role_id: int = Field(foreign_key="role.id", index=True)
    competency_id: Optional[int] = Field(default=None, foreign_key="competency.id")
    kind: str = Field(max_length=32, description="behavioral | situational | scenario")
    text_en: str = Field(default="")
    text_zh: str = Field(default="")


class PerformanceMetric(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=64)
    name_en: str = Field(max_length=200)
    name_zh: str = Field(max_length=200)
    higher_is_better: bool = True
    unit: str = Field(default="", max_length=32)
