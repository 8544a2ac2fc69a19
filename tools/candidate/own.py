"""The candidate's own tools: their approved feedback, next steps, the data used, and their requests.

Every query is bound to `deps.principal.candidate_id` in SQL; none of these tools takes a candidate id
(or any other identifier) as an argument, so no message can point them at someone else.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, Optional

from pydantic import BaseModel, Field
from sqlmodel import Session, func, select

from candor.models import Answer, Candidate, FeedbackDraft, Interview, Outcome, Role
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.candidate.recordings import deleted_on
from tools.candidate.requests import RequestResult, open_request

CANDIDATE = ("candidate",)
VISIBLE = ("approved", "sent")  # drafts are for staff until a person approves them


class MineArgs(BaseModel):
    # No identifier of any kind: the signed link says whose application it is. (A schema needs one field,
    # or LangChain calls the tool without its runtime.)
    which: Literal["latest", "all"] = Field("latest", description="latest: the most recent interview only; "
                                                                   "all: every interview of this candidate.")


class RequestArgs(BaseModel):
    message: str = Field("", max_length=2000, description="Optional: the candidate's own words for staff.")


class Bilingual(BaseModel):
    en: str = ""
    zh: str = ""


class Resource(BaseModel):
    title: str
    title_i18n: Optional[Bilingual] = None
    url: Optional[str] = None
    kind: Optional[str] = None


class Gap(BaseModel):
    competency_key: str
    name: Bilingual
    score: float
    required: float
    reason: Bilingual = Bilingual()
    target_behaviour: Optional[Bilingual] = None
    resources: list[Resource] = []


class Feedback(BaseModel):
    role_name: Bilingual
    interviewed_on: date
    outcome: str
    kind: str
    language: str
    body: str
    below_minimum: list[Gap] = []
    missing_skills: list[Bilingual] = []
    skills_resources: list[Resource] = []
    reapply_after: Optional[date] = None
    reapply_how: Bilingual = Bilingual()
    # The dates as the letter writes them ("3 October 2026", "2026年10月3日"), when drafting stored them.
    interviewed_on_text: Optional[Bilingual] = None
    reapply_after_text: Optional[Bilingual] = None


class MyFeedbackResult(BaseModel):
    has_feedback: bool
    # Decided interviews whose feedback a person has not approved yet: "it is being prepared".
    in_preparation: bool
    interviews_with_feedback: int
    feedback: list[Feedback] = Field(default_factory=list, description="latest interview first")


class InterviewData(BaseModel):
    role_name: Bilingual
    interviewed_on: date
    answers: int
    transcripts: bool
    speech_timing: bool
    recordings: bool
    face_analysis: bool
    recordings_deleted_on: Optional[date] = None  # when they were deleted at the candidate's request


class MyDataResult(BaseModel):
    interviews: list[InterviewData]
    face_consent: bool
    application_skills: bool
    requests: list[RequestResult]


def _candidate_id(deps: ToolDeps) -> int:
    if deps.principal.audience != "candidate" or deps.principal.candidate_id is None:
        raise ToolError("no_candidate", "These tools answer only a candidate who opened their signed link.",
                        message_zh="这些工具只回答通过签名链接进入的候选人本人。")
    return deps.principal.candidate_id


def _bilingual(value: Any) -> Bilingual:
    if isinstance(value, dict):
        return Bilingual(en=str(value.get("en") or ""), zh=str(value.get("zh") or ""))
    return Bilingual(en=str(value or ""), zh=str(value or ""))


def _resources(items: Any) -> list[Resource]:
    return [Resource(title=str(r["title"]), title_i18n=_bilingual(r["title_i18n"]) if r.get("title_i18n") else None,
                     url=r.get("url"), kind=r.get("kind"))
            for r in items or [] if isinstance(r, dict) and r.get("title")]


def _gap(item: dict) -> Gap:
    # Only the keys of the facts contract pass (tools/feedback/facts.py); the raw evidence quote and
    # anything else a draft stored stay with staff.
    target = item.get("target_behaviour")
    return Gap(competency_key=str(item.get("competency_key", "")), name=_bilingual(item.get("name")),
               score=float(item["score"]), required=float(item["required"]), reason=_bilingual(item.get("reason")),
               target_behaviour=_bilingual(target) if target else None, resources=_resources(item.get("resources")))


def _missing_skills(facts: dict) -> list[Bilingual]:
    details = [d for d in facts.get("missing_skill_details") or [] if isinstance(d, dict) and d.get("name")]
    if details:
        return [_bilingual(d["name"]) for d in details]
    return [_bilingual(str(s)) for s in facts.get("missing_skills") or []]


def _feedback(draft: FeedbackDraft, interview: Interview, role: Role) -> Feedback:
    facts = draft.facts or {}
    reapply = facts.get("reapply_after")
    return Feedback(
        role_name=_bilingual(facts.get("role_name") or {"en": role.name_en, "zh": role.name_zh}),
        interviewed_on=interview.interviewed_at.date(), outcome=interview.outcome.value, kind=draft.kind,
        language=draft.language, body=draft.body,
        below_minimum=[_gap(g) for g in facts.get("below_minimum") or [] if isinstance(g, dict)],
        missing_skills=_missing_skills(facts), skills_resources=_resources(facts.get("skills_resources")),
        reapply_after=date.fromisoformat(str(reapply)[:10]) if reapply else None,
        reapply_how=_bilingual(facts.get("reapply_how") or {}),
        interviewed_on_text=_bilingual(facts["interviewed_on_text"]) if facts.get("interviewed_on_text") else None,
        reapply_after_text=_bilingual(facts["reapply_after_text"]) if facts.get("reapply_after_text") else None)


def approved_feedback(session: Session, candidate_id: int) -> list[Feedback]:
    """The candidate's approved or sent feedback, one letter per interview, latest interview first."""
    rows = session.exec(
        select(FeedbackDraft, Interview, Role)
        .join(Interview, FeedbackDraft.interview_id == Interview.id)
        .join(Role, Interview.role_id == Role.id)
        .where(Interview.candidate_id == candidate_id, FeedbackDraft.status.in_(VISIBLE))
        .order_by(Interview.interviewed_at.desc(), FeedbackDraft.id.desc())).all()
    seen: set[int] = set()
    letters = []
    for draft, interview, role in rows:
        if interview.id not in seen:
            seen.add(interview.id)
            letters.append(_feedback(draft, interview, role))
    return letters


def my_feedback(deps: ToolDeps, args: MineArgs) -> MyFeedbackResult:
    """The candidate's own approved interview feedback: outcome, each competency below its minimum with
    the score and the required score and the reason, missing skills, and the letter itself. Use it for
    "Why didn't I pass?", "Show my feedback", "我哪里需要提高？", "为什么我没通过？"."""
    candidate_id = _candidate_id(deps)
    letters = approved_feedback(deps.session, candidate_id)
    decided = deps.session.exec(select(func.count()).select_from(Interview).where(
        Interview.candidate_id == candidate_id, Interview.outcome != Outcome.pending)).one()
    return MyFeedbackResult(has_feedback=bool(letters), in_preparation=decided > len(letters),
                            interviews_with_feedback=len(letters),
                            feedback=letters if args.which == "all" else letters[:1])


def my_next_steps(deps: ToolDeps, args: MineArgs) -> MyFeedbackResult:
    """What the candidate can practise (learning resources for each competency below its minimum) and
    when and how they can apply again, from their own approved feedback. Use it for "What should I
    practise?", "When can I apply again?", "我什么时候可以再申请？"."""
    return my_feedback(deps, args)


def my_data(deps: ToolDeps, args: MineArgs) -> MyDataResult:
    """What data the AI interview used for this candidate, as categories (never raw values): transcripts,
    speech timing, recordings, face analysis (only with consent), and their open requests. Use it for
    "What data did you use?", "你们用了我的哪些数据？"."""
    from tools.candidate.requests import my_requests

    candidate_id = _candidate_id(deps)
    candidate = deps.session.exec(select(Candidate).where(Candidate.id == candidate_id)).one()
    interviews = deps.session.exec(select(Interview, Role).join(Role, Interview.role_id == Role.id)
                                   .where(Interview.candidate_id == candidate_id)
                                   .order_by(Interview.interviewed_at.desc())).all()
    answers = deps.session.exec(select(Answer).join(Interview, Answer.interview_id == Interview.id)
                                .where(Interview.candidate_id == candidate_id)).all()
    by_interview: dict[int, list[Answer]] = {}
    for answer in answers:
        by_interview.setdefault(answer.interview_id, []).append(answer)
    rows = []
    for interview, role in interviews[:1] if args.which == "latest" else interviews:
        own = by_interview.get(interview.id, [])
        rows.append(InterviewData(
            role_name=Bilingual(en=role.name_en, zh=role.name_zh), interviewed_on=interview.interviewed_at.date(),
            answers=len(own), transcripts=any(a.transcript for a in own),
            speech_timing=any(a.speech_features or a.words for a in own),
            recordings=any(a.media_ref for a in own),
            # Face signals count only with consent: without it they were never computed, whatever a row holds.
            face_analysis=candidate.consent_face_analysis and any(a.face_signals for a in own),
            recordings_deleted_on=max((d.date() for a in own if (d := deleted_on(a))), default=None)))
    return MyDataResult(interviews=rows, face_consent=candidate.consent_face_analysis,
                        application_skills=bool(candidate.background_skills or candidate.past_roles),
                        requests=my_requests(deps.session, candidate_id))


def request_human_review(deps: ToolDeps, args: RequestArgs) -> RequestResult:
    """Asks for a person to review the candidate's latest AI interview decision. Creates one tracked
    request for staff (asking again while it is open returns the same request). Use it for "I want a
    human review", "我想要人工复核"."""
    return open_request(deps.session, _candidate_id(deps), "human_review", args.message, deps.now)


def request_recording_deletion(deps: ToolDeps, args: RequestArgs) -> RequestResult:
    """Asks staff to delete the candidate's interview recordings (audio and video). Creates one tracked
    request (asking again while it is open returns the same request). Use it for "Delete my recordings",
    "删除我的录音录像"."""
    return open_request(deps.session, _candidate_id(deps), "delete_recordings", args.message, deps.now)


SPEC_FEEDBACK = ToolSpec(name="my_feedback", func=my_feedback, args_model=MineArgs, audiences=CANDIDATE)
SPEC_NEXT_STEPS = ToolSpec(name="my_next_steps", func=my_next_steps, args_model=MineArgs, audiences=CANDIDATE)
SPEC_DATA = ToolSpec(name="my_data", func=my_data, args_model=MineArgs, audiences=CANDIDATE)
SPEC_REVIEW = ToolSpec(name="request_human_review", func=request_human_review, args_model=RequestArgs,
                       audiences=CANDIDATE, changes_data=True)
SPEC_DELETION = ToolSpec(name="request_recording_deletion", func=request_recording_deletion, args_model=RequestArgs,
                         audiences=CANDIDATE, changes_data=True)
CANDIDATE_TOOLS = (SPEC_FEEDBACK, SPEC_NEXT_STEPS, SPEC_DATA, SPEC_REVIEW, SPEC_DELETION)
CANDIDATE_TOOL_NAMES = frozenset(spec.name for spec in CANDIDATE_TOOLS)
