"""Score an interview: stored answers' media → transcripts, speech and face signals → competency scores.

`process_interview` is the pipeline the worker, the API and the CLI run; it commits after each answer
so a worker that dies keeps what it computed and the next attempt carries on from there. The
`score_interview` tool scores (or re-scores) a stored interview from chat, or reports the job that
is still working on its media.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Callable, Optional

from pydantic import BaseModel, Field, model_validator
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from candor import jobs
from candor.clock import current_time
from candor.models import (
    Answer,
    Candidate,
    Competency,
    CompetencyScore,
    FailureReason,
    Interview,
    Job,
    Role,
)
from candor.scales import COMMON, SCALES, from_common
from candor.settings import get_settings
from tools.base import ToolDeps, ToolError, ToolSpec, settings_of
from tools.scoring.media import apply_baseline_deltas, media_done, process_answer_media
from tools.shared.lookup import RoleRef, role_ref
from tools.shared.people import find_candidate, find_interview

JOB_KIND = "score_interview"
ANSWER_NOTE = re.compile(r"^answer \d+: ")  # the scorer's copy of an answer's own note
Progress = Callable[..., None]


def job_key(external_id: str) -> str:
    return f"score:{external_id}"


# --- the pipeline ---------------------------------------------------------------------------------
def process_interview(engine: Engine, interview_id: int, settings: Any, *, now: datetime | None = None,
                      report: Progress | None = None, chat_model: Any = None) -> dict:
    """Process every answer's media, then score the interview; returns a summary (also the job's result)."""
    report = report or (lambda *a, **k: None)
    now = now or current_time(settings.now)
    with Session(engine, expire_on_commit=False) as session:
        interview = session.get(Interview, interview_id)
        if interview is None:
            raise ToolError("unknown_interview", f"Interview {interview_id} does not exist.",
                        message_zh=f"面试 {interview_id} 不存在。")
        candidate = session.get(Candidate, interview.candidate_id)
        answers = list(session.exec(select(Answer).where(Answer.interview_id == interview_id).order_by(Answer.id)))
    todo = [a for a in answers if a.media_ref and not media_done(a)]
    steps, done = len(todo) + 1, {}
    for i, answer in enumerate(todo):
        report(i / steps, f"answer {i + 1} of {len(todo)}: transcribing {answer.media_ref.rsplit('/', 1)[-1]}")
        added = process_answer_media(answer, candidate, settings)
        with Session(engine) as session:  # keep it before the next (slow) step
            session.merge(answer)
            session.commit()
        for item in added:
            report(note=f"answer {answer.id} ({answer.question_text[:60]}): {item['signal']} {item['code']}: "
                        f"{item['message']}")
        done[str(answer.id)] = {"transcribed": bool(answer.words), "notes": [n["code"] for n in added]}
        report(partial={"media_answers": dict(done)})  # kept in the job's result even if a later step fails
    report(len(todo) / steps, "scoring competencies")
    with Session(engine, expire_on_commit=False) as session:
        answers = list(session.exec(select(Answer).where(Answer.interview_id == interview_id).order_by(Answer.id)))
        if todo:
            apply_baseline_deltas(answers)
            for answer in answers:
                session.add(answer)
        interview = session.get(Interview, interview_id)
        score_answers(session, interview, settings, now=now, chat_model=chat_model)
        session.commit()
        return summary(session, interview).model_dump(mode="json")


def score_answers(session: Session, interview: Interview, settings: Any, *, now: datetime, chat_model: Any = None):
    """Score the stored answers (the caller commits); refuses an interview with nothing to score."""
    from tools.scoring.pipeline import score_stored_interview

    answers = session.exec(select(Answer).where(Answer.interview_id == interview.id)).all()
    scorable = [a for a in answers if a.transcript.strip() and not (a.speech_features or {}).get("baseline")]
    if not scorable:
        raise ToolError("nothing_to_score", f"Interview {interview.external_id} has no answer with a transcript to "
                        "score (recordings that could not be transcribed are listed in its notes): send the "
                        "transcripts, or upload readable recordings.",
                        message_zh=f"面试 {interview.external_id} 没有可评分的回答文字（无法转写的录音见备注）："
                                   "请提供文字记录或重新上传可读的录音。")
    return score_stored_interview(session, interview, settings, now=now, chat_model=chat_model)


def run_scoring_job(ctx: jobs.JobContext) -> dict:
    settings = ctx.settings or get_settings()
    interview_id = int(ctx.job.payload["interview_id"])
    try:
        return process_interview(ctx.engine, interview_id, settings, report=ctx.report)
    except ToolError as exc:  # bad data or a missing model: retrying will not help
        ctx.report(note=exc.message)
        raise jobs.JobFailed(exc.message) from None


# --- reading the result ---------------------------------------------------------------------------
class CompetencyResult(BaseModel):
    key: str
    name_en: str
    name_zh: str
    level: Optional[int]
    score: float
    required: float
    weight: float
    meets_minimum: bool
    evidence: list[str]
    scorer: str
    shown_score: Optional[float] = Field(None, description="score on the role's own scale (None: it is 0–100)")
    shown_required: Optional[float] = None


class ReasonResult(BaseModel):
    category: str
    competency_en: Optional[str] = None
    competency_zh: Optional[str] = None
    score: Optional[float] = None
    required: Optional[float] = None
    detail: str


class AnswerNote(BaseModel):
    question: str
    signal: str
    code: str
    message: str
    message_zh: str


class JobStatus(BaseModel):
    id: int
    status: str
    progress: float
    stage: str
    error: str
    attempts: int


class ScoreInterviewResult(BaseModel):
    interview: str = Field(description="The interview's external id.")
    interview_id: int
    candidate: str
    role: RoleRef
    status: str = Field(description="scored | already_scored | queued | running | failed | pending")
    outcome: str
    total_score: Optional[float]
    pass_mark: float
    role_match: Optional[float]
    min_role_match: float
    competency_model_id: Optional[int]
    competencies: list[CompetencyResult]
    reasons: list[ReasonResult]
    notes: list[AnswerNote]
    scoring_notes: list[str] = Field(default_factory=list)
    answers: int
    job: Optional[JobStatus] = None
    score_scale: str = Field("0-100", description="the scale the company scores this role on; scores are 0–100")
    scale_high: float = 100.0
    shown_total: Optional[float] = None
    shown_pass_mark: Optional[float] = None


def summary(session: Session, interview: Interview, status: str = "scored", job: Job | None = None
            ) -> ScoreInterviewResult:
    role = session.get(Role, interview.role_id)
    comps = {c.id: c for c in session.exec(select(Competency).where(Competency.role_id == role.id))}
    scores = session.exec(select(CompetencyScore).where(CompetencyScore.interview_id == interview.id)
                          .order_by(CompetencyScore.weight.desc(), CompetencyScore.competency_id)).all()
    reasons = session.exec(select(FailureReason).where(FailureReason.interview_id == interview.id)
                           .order_by(FailureReason.id)).all()
    answers = session.exec(select(Answer).where(Answer.interview_id == interview.id).order_by(Answer.id)).all()
    candidate = session.get(Candidate, interview.candidate_id)
    notes = [AnswerNote(question=a.question_text[:120], signal=n.get("signal", ""), code=n.get("code", ""),
                        message=n.get("message", ""), message_zh=n.get("message_zh", n.get("message", "")))
             for a in answers for n in (a.notes or []) if isinstance(n, dict)]
    scoring = interview.scoring or {}
    scoring_notes = [n if isinstance(n, str) else str(n.get("message", n)) for n in scoring.get("notes", []) or []]
    scoring_notes = [n for n in scoring_notes if not ANSWER_NOTE.match(n)]  # those are in `notes` already
    scale = role.score_scale or COMMON

    def own(value: float | None) -> float | None:
        return None if value is None or scale == COMMON else round(from_common(value, scale), 2)

    return ScoreInterviewResult(
        score_scale=scale, scale_high=SCALES[scale][1], shown_total=own(interview.total_score),
        shown_pass_mark=own(role.pass_mark),
        interview=interview.external_id, interview_id=interview.id, candidate=candidate.external_id,
        role=role_ref(role), status=status, outcome=getattr(interview.outcome, "value", interview.outcome),
        total_score=interview.total_score, pass_mark=role.pass_mark, role_match=interview.role_match,
        min_role_match=role.min_role_match, competency_model_id=interview.competency_model_id,
        competencies=[CompetencyResult(key=comps[s.competency_id].key, name_en=comps[s.competency_id].name_en,
                                       name_zh=comps[s.competency_id].name_zh, level=s.level, score=s.score,
                                       required=s.required, weight=s.weight, meets_minimum=s.score >= s.required,
                                       evidence=list(s.evidence or [])[:3], scorer=s.scorer,
                                       shown_score=own(s.score), shown_required=own(s.required))
                      for s in scores if s.competency_id in comps],
        reasons=[ReasonResult(category=getattr(r.category, "value", r.category),
                              competency_en=comps[r.competency_id].name_en if r.competency_id in comps else None,
                              competency_zh=comps[r.competency_id].name_zh if r.competency_id in comps else None,
                              score=r.score, required=r.required, detail=r.detail) for r in reasons],
        notes=notes, scoring_notes=scoring_notes, answers=len(answers),
        job=JobStatus(id=job.id, status=job.status, progress=job.progress, stage=job.stage, error=job.error,
                      attempts=job.attempts) if job is not None else None)


# --- the tool ------------------------------------------------------------------------------------
class ScoreInterviewArgs(BaseModel):
    interview: Optional[str] = Field(None, description="The interview's external id (e.g. I0000812) or its number "
                                                       "(812).")
    candidate: Optional[str] = Field(None, description="Instead of the interview: the candidate (e.g. C000123) whose "
                                                       "interview it is, when they have one (or one not yet scored).")
    rescore: bool = Field(False, description="Score again even when the interview already has scores.")

    @model_validator(mode="after")
    def _interview_or_candidate(self) -> "ScoreInterviewArgs":
        if not self.interview and not self.candidate:
            raise ValueError("give the interview (e.g. I0000812) or the candidate whose interview it is (C000123)")
        return self


def interview_of(session: Session, ref: str, *, rescore: bool) -> Interview:
    """The interview a candidate's name stands for: their only one, or (to score, not rescore) the only one not yet
    scored; otherwise the error lists their interviews and the user is asked which."""
    candidate = find_candidate(session, ref)
    mine = session.exec(select(Interview).where(Interview.candidate_id == candidate.id)
                        .order_by(Interview.interviewed_at.desc(), Interview.id.desc())).all()
    pending = [i for i in mine if getattr(i.outcome, "value", i.outcome) == "pending"]
    if len(mine) == 1 or (not rescore and len(pending) == 1):
        return mine[0] if len(mine) == 1 else pending[0]
    if not mine:
        raise ToolError("no_interview", f"Candidate {candidate.external_id} has no stored interview.",
                        candidate=candidate.external_id, message_zh=f"候选人 {candidate.external_id} 没有已保存的面试。")
    listed = ", ".join(f"{i.external_id} ({i.interviewed_at:%Y-%m-%d})" for i in mine[:5])
    raise ToolError("which_interview", f"Candidate {candidate.external_id} has {len(mine)} interviews ({listed}): say "
                    f"which, e.g. \"Score interview {mine[0].external_id}\".", candidate=candidate.external_id,
                    interviews=[i.external_id for i in mine],
                    message_zh=f"候选人 {candidate.external_id} 有 {len(mine)} 场面试（{listed}）：请说明是哪一场，例如"
                               f"“给面试 {mine[0].external_id} 打分”。")


def score_interview(deps: ToolDeps, args: ScoreInterviewArgs) -> ScoreInterviewResult:
    """Score a stored AI interview against its role's competency model (BARS rubric): each competency's
    level, score vs required minimum and evidence quotes, role match, behaviour consistency, the outcome
    (pass / fail / human review) and structured failure reasons. Use for "Score interview 812",
    "给面试 I0000812 打分" or "Rescore interview 812" (rescore=true). When the interview's recordings are
    still being transcribed, returns the job's status instead."""
    session = deps.session
    interview = (find_interview(session, args.interview) if args.interview
                 else interview_of(session, args.candidate, rescore=args.rescore))
    job = session.exec(select(Job).where(Job.key == job_key(interview.external_id))).first()
    if job is not None and job.status in (jobs.QUEUED, jobs.RUNNING):
        return summary(session, interview, status=job.status, job=job)
    answers = session.exec(select(Answer).where(Answer.interview_id == interview.id)).all()
    decided = getattr(interview.outcome, "value", interview.outcome) != "pending"
    if decided and not args.rescore:
        return summary(session, interview, status="already_scored", job=job)
    if not answers:
        raise ToolError("no_answers", f"Interview {interview.external_id} has no stored answers to score (it was "
                        "imported with its scores only).", interview=interview.external_id,
                        message_zh=f"面试 {interview.external_id} 没有保存回答（导入时只有分数），无法评分。")
    if any(a.media_ref and not media_done(a) for a in answers):  # slow media work belongs to the worker
        payload = {"interview_id": interview.id, "external_id": interview.external_id}
        job, created = jobs.submit_in(session, JOB_KIND, payload, job_key(interview.external_id))
        if not created and job.status in (jobs.DONE, jobs.FAILED):
            job = jobs.requeue_in(session, job.id)
        return summary(session, interview, status=job.status, job=job)
    settings = settings_of(deps)
    score_answers(session, interview, settings, now=deps.now)
    session.flush()
    return summary(session, interview, status="scored", job=job)


SPEC = ToolSpec(name="score_interview", func=score_interview, args_model=ScoreInterviewArgs,
                audiences=("hr_manager", "recruiter"), changes_data=True)
