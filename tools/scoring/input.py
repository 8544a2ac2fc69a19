"""An interview to score, as submitted (API, CLI, manifest): validation and storage in one transaction.

The input names the role (key, English or Chinese name), the candidate (external id plus background,
claims and face consent) and, per question (by the question bank's external id), a transcript and/or
a media file. `store_interview` checks everything first and then writes the candidate, the
Interview and its Answers together; submitting the same interview external id again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from sqlmodel import Session, select

from candor.clock import as_utc
from candor.models import Answer, Candidate, Interview, Question, Role
from tools.base import ToolError
from tools.shared.lookup import load_vocabulary, resolve_role

MEDIA_SUFFIXES = {".wav", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".flac", ".webm", ".mp4", ".mov", ".mkv",
                  ".avi", ".aac"}


class CandidateIn(BaseModel):
    external_id: str = Field(min_length=1, max_length=128, description="The candidate's id in your ATS, e.g. C004411.")
    name: str = Field("", max_length=200)
    language: Literal["en", "zh"] = "en"
    skills: list[str] = Field(default_factory=list, description="Background skills, e.g. ['3D modelling', 'CAD'].")
    years_experience: float = Field(0, ge=0, le=70)
    past_roles: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list, description="What the candidate says about themselves, "
                                                                "e.g. 'I work well under pressure' / '擅长抗压'.")
    face_consent: bool = Field(False, description="The candidate consented to face-signal analysis of their video.")
    consent_recorded_at: Optional[datetime] = Field(None, description="When the consent was given (default: now).")


class AnswerIn(BaseModel):
    question: Optional[str] = Field(None, min_length=1, max_length=128, description="The question bank's external "
                                    "id, e.g. sales_manager/negotiation/behavioral/1 (optional for a baseline answer).")
    question_text: str = Field("", max_length=2000, description="The question as asked (a baseline warm-up's text).")
    transcript: str = Field("", max_length=50_000)
    media: Optional[str] = Field(None, max_length=1000, description="An audio or video file: a name inside the "
                                                                     "interview folder / upload, or a path.")
    language: Optional[Literal["en", "zh"]] = None
    baseline: bool = Field(False, description="A warm-up answer: its speech is the candidate's own baseline and it "
                                              "is not scored.")

    @model_validator(mode="after")
    def _has_content(self) -> "AnswerIn":
        if not self.question and not self.baseline:
            raise ValueError("an answer needs `question` (the question bank's id), unless it is a `baseline` warm-up / "
                             "每个回答都需要 question（题库编号），热身回答（baseline）除外")
        if not self.transcript.strip() and not self.media:
            raise ValueError(f"answer to question {self.question!r} has an empty transcript and no media file: "
                             "send its transcript text or attach its audio/video / "
                             f"问题 {self.question!r} 的回答既没有文字记录也没有音视频文件：请提供文字记录或附上音视频")
        return self


class InterviewIn(BaseModel):
    external_id: str = Field(min_length=1, max_length=128, description="Your id for this interview (idempotency key).")
    role: str = Field(min_length=1, max_length=200, description="Role key or name, English or Chinese.")
    candidate: CandidateIn
    interviewed_at: Optional[datetime] = None
    answers: list[AnswerIn] = Field(min_length=1, max_length=100)

    @field_validator("external_id")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


@dataclass
class Stored:
    interview: Interview
    created: bool  # False: the interview was already stored (resubmission), nothing changed


def validation_problems(exc: ValidationError) -> list[str]:
    """Each problem of an invalid interview as 'where: what', for an error message (API and CLI)."""
    return [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()]


def check_media_name(name: str) -> None:
    if Path(name).suffix.lower() not in MEDIA_SUFFIXES:
        raise ToolError("unsupported_media", f"'{name}' is not a supported audio or video file; use one of "
                        + ", ".join(sorted(MEDIA_SUFFIXES)) + f" / 不支持的文件类型 '{name}'",
                        message_zh=f"不支持的音视频文件类型：'{name}'，请使用 " + "、".join(sorted(MEDIA_SUFFIXES)))


def store_interview(session: Session, data: InterviewIn, *, now: datetime,
                    media_refs: dict[str, str] | None = None) -> Stored:
    """Validate against the database and store candidate, interview and answers (caller commits).

    `media_refs` maps an answer's `media` name to the stored reference (an upload's path under the media
    folder, or a manifest file's absolute path); names not in it are stored as given.
    """
    existing = session.exec(select(Interview).where(Interview.external_id == data.external_id)).first()
    if existing is not None:
        return Stored(existing, created=False)
    role = resolve_role(load_vocabulary(session), data.role)
    questions = _questions(session, role, [a.question for a in data.answers if a.question])
    for answer in data.answers:
        if answer.media:
            check_media_name(answer.media)
    candidate = _upsert_candidate(session, data.candidate, now)
    interview = Interview(external_id=data.external_id, candidate_id=candidate.id, role_id=role.id,
                          interviewed_at=as_utc(data.interviewed_at) if data.interviewed_at else now)
    session.add(interview)
    session.flush()
    refs = media_refs or {}
    for answer in data.answers:
        q = questions.get(answer.question) if answer.question else None
        asked = (q.text_zh if (answer.language or data.candidate.language) == "zh" else q.text_en) if q else "baseline"
        session.add(Answer(interview_id=interview.id, question_id=q.id if q else None,
                           competency_id=q.competency_id if q else None, question_text=answer.question_text or asked,
                           transcript=answer.transcript.strip(),
                           media_ref=refs.get(answer.media, answer.media) if answer.media else None,
                           language=answer.language,
                           speech_features={"baseline": True} if answer.baseline else {}))
    session.flush()
    return Stored(interview, created=True)


def _questions(session: Session, role: Role, ids: list[str]) -> dict[str, Question]:
    found = {q.external_id: q for q in session.exec(select(Question).where(Question.external_id.in_(ids)))}
    unknown = [i for i in dict.fromkeys(ids) if i not in found]
    if unknown:
        raise ToolError("unknown_question", f"Unknown question id {', '.join(repr(i) for i in unknown)}: use the "
                        f"question bank's ids, e.g. {role.key}/<competency>/behavioral/1 (load them with "
                        "`python app.py index`).", questions=unknown,
                        message_zh=f"未知的问题编号 {'、'.join(unknown)}：请使用题库中的编号，例如 "
                                   f"{role.key}/<能力>/behavioral/1（用 `python app.py index` 载入题库）。")
    wrong_role = [i for i in ids if found[i].role_id != role.id]
    if wrong_role:
        raise ToolError("question_of_other_role", f"Question {', '.join(repr(i) for i in wrong_role)} belongs to "
                        f"another role, not {role.name_en}: use {role.key}/<competency>/… ids, or submit the "
                        "interview under the role the questions belong to.", questions=wrong_role,
                        message_zh=f"问题 {'、'.join(wrong_role)} 属于其他岗位，不属于{role.name_zh}：请使用 "
                                   f"{role.key}/<能力>/… 的编号，或按这些问题所属的岗位提交面试。")
    return found


def _upsert_candidate(session: Session, data: CandidateIn, now: datetime) -> Candidate:
    candidate = session.exec(select(Candidate).where(Candidate.external_id == data.external_id)).first()
    if candidate is None:
        candidate = Candidate(external_id=data.external_id)
    candidate.language, candidate.years_experience = data.language, data.years_experience
    if data.name:
        candidate.name = data.name
    for column in ("past_roles", "industries", "claims"):
        if getattr(data, column):
            setattr(candidate, column, list(getattr(data, column)))
    if data.skills:
        candidate.background_skills = list(data.skills)
    if data.face_consent != candidate.consent_face_analysis or (data.face_consent and not candidate.consent_recorded_at):
        candidate.consent_face_analysis = data.face_consent
        candidate.consent_recorded_at = as_utc(data.consent_recorded_at) if data.consent_recorded_at else now
    session.add(candidate)
    session.flush()
    return candidate
