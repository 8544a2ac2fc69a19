"""Interviews, their answers, competency scores and structured failure reasons."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Optional

from sqlalchemy import Enum as SAEnum
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from candor.models._base import json_field, utcnow


class Outcome(str, Enum):
    passed = "passed"
    failed = "failed"
    under_review = "under_review"  # behaviour inconsistencies go to a person, never auto-reject
    pending = "pending"  # not scored yet
    withdrawn = "withdrawn"  # the candidate stopped before the end
    no_show = "no_show"  # the candidate never started
    technical_failure = "technical_failure"  # the interview broke (connection, recording)


# Interviews that count in statistics: scored, whatever the outcome (pending ones are not yet).
DECIDED_OUTCOMES = (Outcome.passed, Outcome.failed, Outcome.under_review)
# Interviews that did not complete: not in failure rates, but counted so answers say how many were left out.
EXCLUDED_OUTCOMES = (Outcome.withdrawn, Outcome.no_show, Outcome.technical_failure)


class FailureCategory(str, Enum):
    job_match = "job_match"
    competency_gap = "competency_gap"
    behavior_inconsistency = "behavior_inconsistency"


class InterviewBase(SQLModel):
    external_id: str = Field(unique=True, max_length=128)
    candidate_id: int = Field(foreign_key="candidate.id", index=True)
    role_id: int = Field(foreign_key="role.id")
    competency_model_id: Optional[int] = Field(default=None, foreign_key="competencymodel.id")
    interviewed_at: datetime
    outcome: Outcome = Field(default=Outcome.pending, sa_type=SAEnum(Outcome, native_enum=False, length=32))
    round: Optional[str] = Field(default=None, max_length=64, description="stage of the process, e.g. 'AI screen'")
    attempt: Optional[int] = Field(default=None, ge=1, description="1 for a first interview, 2 for a retake…")
    total_score: Optional[float] = None
    role_match: Optional[float] = Field(default=None, ge=0, le=1)
    decided_at: Optional[datetime] = None


class Interview(InterviewBase, table=True):
    # Covering index for the statistics: role + period scans never touch the table rows.
    __table_args__ = (Index("ix_interview_role_time_outcome", "role_id", "interviewed_at", "outcome", "id"),
                      Index("ix_interview_time", "interviewed_at"))
    id: Optional[int] = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    # What the scorer recorded beyond the scores: role-match detail, consistency checks, and a note for
    # every signal that was missing or degraded (no consent, no face, silence, alignment unavailable…).
    scoring: dict = json_field(default_factory=dict)


class InterviewPublic(InterviewBase):
    id: int


class Answer(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", index=True)
    question_id: Optional[int] = Field(default=None, foreign_key="question.id")
    competency_id: Optional[int] = Field(default=None, foreign_key="competency.id")
    question_text: str = Field(default="")
    transcript: str = Field(default="")
    media_ref: Optional[str] = Field(default=None, max_length=1000)
    language: Optional[str] = Field(default=None, max_length=8)
    duration_s: Optional[float] = None
    words: list = json_field(description="word timings from speech: [{word, start, end}]")
    speech_features: dict = json_field(default_factory=dict)
    face_signals: dict = json_field(default_factory=dict)
    notes: list = json_field(description="degraded or missing signals for this answer, with the reason")


class CompetencyScore(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("interview_id", "competency_id", name="uq_competencyscore_interview"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id")
    competency_id: int = Field(foreign_key="competency.id", index=True)
    score: float = Field(ge=0, le=100)
    required: float = Field(ge=0, le=100, description="minimum score in the model version used")
    weight: float = Field(ge=0, le=1)
    evidence: list[str] = json_field()
    scorer: str = Field(default="import", max_length=64)
    level: Optional[int] = Field(default=None, ge=1, le=5, description="BARS rubric level, when scored")
    # As imported, before it became `score` on 0–100: the value and its scale (candor/scales.py).
    raw_score: Optional[float] = None
    raw_scale: Optional[str] = Field(default=None, max_length=16)


class FailureReason(SQLModel, table=True):
    __table_args__ = (Index("ix_failurereason_interview", "interview_id", "category", "competency_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id")
    category: FailureCategory = Field(sa_type=SAEnum(FailureCategory, native_enum=False, length=32))
    competency_id: Optional[int] = Field(default=None, foreign_key="competency.id")
    score: Optional[float] = None
    required: Optional[float] = None
    detail: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)


class FailureDaily(SQLModel, table=True):
    """Per role and UTC day: outcome counts, failed interviews per reason category and per competency gap.

    A rollup of the rows above, kept in step by `assistant.rollup` on every write path, so failure
    statistics read a few thousand rows whatever the number of interviews.
    """

    __tablename__ = "failure_daily"
    __table_args__ = (UniqueConstraint("day", "role_id", "dim", "key", name="uq_failure_daily"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    day: date
    role_id: int = Field(foreign_key="role.id")
    dim: str = Field(max_length=16, description="outcome | category | gap")
    key: str = Field(max_length=64, description="an outcome, a failure category, or a competency id")
    n: int = Field(description="interviews (outcome) or failed interviews (category, gap)")
    gap_sum: float = Field(default=0.0, description="gap rows: sum of points below the minimum")
    gap_count: int = Field(default=0, description="gap rows: number of gap reasons summed")
