"""Work around the data: proposals, feedback, conversations, the audit log and background jobs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Index, Text, text
from sqlmodel import Field, SQLModel

from candor.models._base import json_field, json_field_nullable, utcnow


class CompetencyChangeProposal(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    role_id: int = Field(foreign_key="role.id", index=True)
    base_model_id: int = Field(foreign_key="competencymodel.id")
    proposed_weights: dict = json_field(default_factory=dict)
    statistics: dict = json_field(default_factory=dict)
    new_questions: list = json_field()
    rationale: str = Field(default="")
    status: str = Field(default="proposed", max_length=16, description="proposed | approved | rejected | applied")
    created_by: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow)
    decided_by: Optional[str] = Field(default=None, max_length=128)
    decided_at: Optional[datetime] = None
    applied_model_id: Optional[int] = Field(default=None, foreign_key="competencymodel.id")


class FeedbackDraft(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", index=True)
    language: str = Field(default="en", max_length=8)
    body: str = Field(default="", sa_type=Text)
    kind: str = Field(default="failed", max_length=16, description="failed | passed | under_review")
    status: str = Field(default="draft", max_length=16, description="draft | approved | sent")
    # The stored scores the letter states, so a polished or edited body can be checked against them.
    facts: dict = json_field(default_factory=dict)
    polished_by: Optional[str] = Field(default=None, max_length=128, description="the model that polished it")
    created_by: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow)
    updated_by: Optional[str] = Field(default=None, max_length=128)
    updated_at: datetime = Field(default_factory=utcnow)
    approved_by: Optional[str] = Field(default=None, max_length=128)
    approved_at: Optional[datetime] = None
    sent_at: Optional[datetime] = None


class Conversation(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    principal_id: str = Field(max_length=128, index=True)
    audience: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Message(SQLModel, table=True):
    __table_args__ = (Index("ix_message_conversation_seq", "conversation_id", "seq"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    conversation_id: str = Field(foreign_key="conversation.id", max_length=64)
    seq: int
    kind: str = Field(max_length=16, description="human | ai | tool")
    content: str = Field(default="", sa_type=Text)
    tool_calls: list = json_field()
    tool_call_id: Optional[str] = Field(default=None, max_length=128)
    name: Optional[str] = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    principal_id: str = Field(max_length=128, index=True)
    audience: str = Field(max_length=32)
    conversation_id: Optional[str] = Field(default=None, max_length=64)
    action: str = Field(max_length=64, description="tool name or an administrative action")
    arguments: dict = json_field(default_factory=dict)
    outcome: str = Field(max_length=16, description="ok | error | denied")
    detail: str = Field(default="", max_length=2000)
    duration_ms: Optional[float] = None


class Job(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str = Field(max_length=64)
    # Idempotency: one job per key (e.g. "score:<interview external id>"); submitting again returns it.
    key: Optional[str] = Field(default=None, unique=True, max_length=200)
    status: str = Field(default="queued", max_length=16, index=True, description="queued | running | done | failed")
    payload: dict = json_field(default_factory=dict)
    result: Optional[dict] = json_field_nullable()
    error: str = Field(default="")
    progress: float = Field(default=0.0, ge=0, le=1)
    stage: str = Field(default="", max_length=200, description="what the worker is doing now")
    notes: list = json_field(description="degraded signals and warnings met on the way")
    attempts: int = 0
    # A running job whose lease lapsed (its worker died) is picked up again by the next worker.
    worker: Optional[str] = Field(default=None, max_length=128)
    lease_until: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    started_at: Optional[datetime] = None
    finished_at: Optional[datetime] = None


class CandidateLink(SQLModel, table=True):
    """A signed candidate link that was issued: its token id, so a link can be revoked and audited."""

    id: Optional[int] = Field(default=None, primary_key=True)
    token_id: str = Field(unique=True, max_length=64)
    candidate_id: int = Field(foreign_key="candidate.id", index=True)
    expires_at: datetime
    created_by: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: Optional[datetime] = None


class CandidateRequest(SQLModel, table=True):
    """A candidate's request from the chat page (a human review, deletion of recordings), tracked for staff."""

    # At most one unfinished request per candidate and kind, even when two clicks race.
    __table_args__ = (Index("uq_candidaterequest_open", "candidate_id", "kind", unique=True,
                            sqlite_where=text("status IN ('open', 'in_progress')"),
                            postgresql_where=text("status IN ('open', 'in_progress')")),)
    id: Optional[int] = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidate.id", index=True)
    interview_id: Optional[int] = Field(default=None, foreign_key="interview.id")
    kind: str = Field(max_length=32, description="human_review | delete_recordings")
    status: str = Field(default="open", max_length=16, index=True, description="open | in_progress | done | declined")
    message: str = Field(default="", max_length=4000)
    created_at: datetime = Field(default_factory=utcnow)
    handled_by: Optional[str] = Field(default=None, max_length=128)
    handled_at: Optional[datetime] = None
    resolution: str = Field(default="", max_length=4000)


class FairnessAuditRun(SQLModel, table=True):
    """A recorded fairness audit (the monthly schedule, or on demand): aggregates and flags only."""

    id: Optional[int] = Field(default=None, primary_key=True)
    # The schedule slot the run claimed; unique, so several processes never run the same slot twice.
    slot: Optional[str] = Field(default=None, unique=True, max_length=64)
    trigger: str = Field(default="schedule", max_length=16, description="schedule | manual")
    status: str = Field(default="running", max_length=16, description="running | done")
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: Optional[datetime] = None
    period_expression: str = Field(default="", max_length=200)
    period_start: Optional[date] = None
    period_end: Optional[date] = None
    role_key: Optional[str] = Field(default=None, max_length=64, description="null: every role")
    applications: int = 0
    flags: list = json_field()
    new_flags: list = json_field()
    summary: dict = json_field(default_factory=dict)
    notified_at: Optional[datetime] = None


class SlackDelivery(SQLModel, table=True):
    """A Slack delivery already taken (event id, or the trigger id of a command or click): shared by every
    process and kept across restarts, so a redelivery or a replay is answered once."""

    key: str = Field(primary_key=True, max_length=128)
    seen_at: datetime = Field(default_factory=utcnow, index=True)


class RateCounter(SQLModel, table=True):
    """Requests one caller (a staff token, a candidate link) made in one fixed window, when
    CANDOR_RATE_LIMIT_STORAGE=database: every API process counts in the same row."""

    key: str = Field(primary_key=True, max_length=160)
    window_start: int = Field(primary_key=True)  # the window's start, in seconds since the epoch
    count: int = 0
