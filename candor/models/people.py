"""Candidates, their restricted demographics, employees and monthly performance."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from candor.models._base import json_field, utcnow


class CandidateBase(SQLModel):
    external_id: str = Field(index=True, unique=True, max_length=128)
    language: str = Field(default="en", max_length=8, description="en | zh")
    years_experience: float = Field(default=0, ge=0)
    consent_face_analysis: bool = False


class Candidate(CandidateBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=64)
    background_skills: list[str] = json_field()
    past_roles: list[str] = json_field()
    industries: list[str] = json_field()
    claims: list[str] = json_field()
    consent_recorded_at: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)


class CandidatePublic(CandidateBase):
    """What staff surfaces may show; contact details and demographics stay out."""

    id: int
    background_skills: list[str]


class Demographics(SQLModel, table=True):
    """Self-reported, restricted: read only by the fairness audit, in aggregate."""

    candidate_id: int = Field(foreign_key="candidate.id", primary_key=True)
    gender: Optional[str] = Field(default=None, max_length=32)
    age_band: Optional[str] = Field(default=None, max_length=32)
    education: Optional[str] = Field(default=None, max_length=64)
    extra: dict = json_field(default_factory=dict)


class Employee(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    external_id: str = Field(index=True, unique=True, max_length=128)
    candidate_id: int = Field(foreign_key="candidate.id", index=True)
    interview_id: Optional[int] = Field(default=None, foreign_key="interview.id", index=True)
    role_id: int = Field(foreign_key="role.id", index=True)
    hired_at: date
    left_at: Optional[date] = None
    hired_by_override: bool = Field(default=False, description="hired although the interview failed")
    override_note: str = Field(default="", max_length=2000)


class PerformanceRecord(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("employee_id", "month", "metric"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    month: date = Field(description="first day of the month the value covers")
    metric: str = Field(foreign_key="performancemetric.key", max_length=64)
    value: float
