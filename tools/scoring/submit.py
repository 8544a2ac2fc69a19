"""Submitting interviews and reading their jobs: what the web API and `python app.py score` share.

Transcript-only interviews are scored at once (unless queued on purpose); interviews with media go
to the worker as a `score_interview` job keyed by the interview's external id, so a resubmission
returns the same interview and job and changes nothing.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Optional

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from candor import jobs
from candor.models import Interview, Job
from tools.base import ToolError
from tools.scoring.input import InterviewIn, store_interview
from tools.scoring.tool import (
    JOB_KIND,
    ScoreInterviewResult,
    job_key,
    process_interview,
    summary,
)
from tools.shared.media_files import interview_folder


class JobPublic(BaseModel):
    id: int
    kind: str
    key: Optional[str]
    status: str
    progress: float
    stage: str
    notes: list
    error: str
    attempts: int
    result: Optional[dict]
    created_at: datetime
    started_at: Optional[datetime]
    finished_at: Optional[datetime]


class Submitted(BaseModel):
    interview: str
    interview_id: int
    created: bool  # False: already submitted; nothing was changed
    status: str  # scored | queued | running | done | failed | stored
    job: Optional[JobPublic] = None
    result: Optional[ScoreInterviewResult] = None


def job_public(job: Job) -> JobPublic:
    return JobPublic.model_validate(job, from_attributes=True)


def submit_interview(engine: Engine, settings: Any, data: InterviewIn, *, now: datetime, queue: bool = False,
                     save_media: Callable[[Path], dict[str, str]] | None = None) -> Submitted:
    """Store the interview; score it now (transcripts only) or queue its job. `save_media(folder)` writes the
    uploaded files into the folder and returns {answer media name: stored reference}."""
    with Session(engine, expire_on_commit=False) as session:
        existing = session.exec(select(Interview).where(Interview.external_id == data.external_id)).first()
        if existing is not None:
            return _existing(session, existing)
    folder = interview_folder(settings.media_dir, data.external_id)
    refs = save_media(folder) if save_media else {}
    try:
        with Session(engine, expire_on_commit=False) as session:
            stored = store_interview(session, data, now=now, media_refs=refs)
            if not stored.created:  # a concurrent submission won the race
                return _existing(session, stored.interview)
            job = None
            if queue or any(a.media for a in data.answers):
                job, _ = jobs.submit_in(session, JOB_KIND, {"interview_id": stored.interview.id,
                                                            "external_id": data.external_id}, job_key(data.external_id))
            session.commit()
            interview_id = stored.interview.id
    except BaseException:
        if save_media and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)  # nothing was stored: leave no orphan files
        raise
    if job is not None:
        return Submitted(interview=data.external_id, interview_id=interview_id, created=True, status=job.status,
                         job=job_public(job))
    result = process_interview(engine, interview_id, settings, now=now)  # ToolError: the interview stays stored
    return Submitted(interview=data.external_id, interview_id=interview_id, created=True, status="scored",
                     result=ScoreInterviewResult.model_validate(result))


def _existing(session: Session, interview: Interview) -> Submitted:
    job = session.exec(select(Job).where(Job.key == job_key(interview.external_id))).first()
    status = job.status if job is not None else (
        "stored" if getattr(interview.outcome, "value", interview.outcome) == "pending" else "scored")
    return Submitted(interview=interview.external_id, interview_id=interview.id, created=False, status=status,
                     job=job_public(job) if job is not None else None,
                     result=summary(session, interview, status=status, job=job))


def job_status(engine: Engine, job_id: int) -> JobPublic:
    job = jobs.get_job(engine, job_id)
    if job is None:
        raise ToolError("unknown_job", f"No job {job_id}: use the job id that POST /api/interviews returned.",
                        message_zh=f"没有编号为 {job_id} 的任务：请使用 POST /api/interviews 返回的任务编号。")
    return job_public(job)


def interview_result(engine: Engine, external_id: str) -> ScoreInterviewResult:
    with Session(engine, expire_on_commit=False) as session:
        interview = session.exec(select(Interview).where(Interview.external_id == external_id)).first()
        if interview is None:
            raise ToolError("unknown_interview", f"No interview '{external_id}': submit it with POST /api/interviews.",
                            message_zh=f"没有找到面试 '{external_id}'：请先通过 POST /api/interviews 提交。")
        job = session.exec(select(Job).where(Job.key == job_key(external_id))).first()
        outcome = getattr(interview.outcome, "value", interview.outcome)
        status = job.status if job is not None and job.status != jobs.DONE else (
            "scored" if outcome != "pending" else "stored")
        return summary(session, interview, status=status, job=job)
