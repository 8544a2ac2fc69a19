"""Feedback letters for candidates: draft one (or a batch), then show, edit, approve and mark them sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Optional

from pydantic import BaseModel, Field
from sqlmodel import select

from candor.models import Candidate, Competency, FeedbackDraft, Interview, Outcome, Role
from candor.periods import PeriodError, default_period, parse_period, period_bounds
from tools.base import ToolDeps, ToolError, ToolSpec, settings_of
from tools.feedback import store
from tools.feedback.build import build_facts, latest_decided_interview
from tools.feedback.check import FactCheckError, check_body
from tools.feedback.edits import TextChange, changed_body
from tools.feedback.letter import Polish, polish_enabled, polish_letter, render_letter
from tools.shared.lookup import RoleRef, resolve_role, role_ref, vocabulary_of
from tools.shared.people import find_candidate, find_interview

STAFF = ("hr_manager", "recruiter")
BATCH_LISTED = 20  # drafts listed by id in a batch result; the counts cover all of them


class DraftFeedbackArgs(BaseModel):
    interview: Optional[str] = Field(None, description="Interview external id (e.g. 'I0000812') or number.")
    draft: Optional[int] = Field(None, description="A feedback draft's number: its interview's letter again, e.g. in "
                                                   "another `language` ('a Chinese version of draft 62').")
    candidate: Optional[str] = Field(None, description="Candidate external id (e.g. 'C000123'): drafts for their "
                                                       "latest decided interview.")
    role: Optional[str] = Field(None, description="Batch: draft for everyone who failed this role (English or "
                                                  "Chinese name) in `period`.")
    period: Optional[str] = Field(None, description="Batch period, e.g. 'October', 'last month', '10月份'; default: "
                                                    "the last 12 months.")
    language: Optional[Literal["en", "zh"]] = Field(None, description="Letter language; default: the candidate's.")
    replace_approved: bool = Field(False, description="Re-draft even if the letter is already approved (it goes "
                                                      "back to draft).")
    polish: bool = Field(True, description="Let the configured LLM polish the letter (facts are re-checked).")


class DraftView(BaseModel):
    id: int
    draft_id: int = Field(description="the same as id; surfaces find drafts by it (Slack's Approve button)")
    interview_external_id: str
    candidate_external_id: str
    role: RoleRef
    kind: str
    status: str
    language: str
    body: str
    facts: dict[str, Any]
    polished_by: Optional[str]
    created_by: str
    updated_by: Optional[str]
    updated_at: datetime
    approved_by: Optional[str]
    approved_at: Optional[datetime]
    sent_at: Optional[datetime]


class PolishInfo(BaseModel):
    status: str = Field(description="polished | rejected | failed | off")
    model: Optional[str] = None
    error: Optional[str] = None
    error_zh: Optional[str] = None


class BatchItem(BaseModel):
    draft_id: Optional[int]
    interview_external_id: str
    candidate_external_id: str
    language: Optional[str]
    status: Optional[str] = Field(None, description="the letter's status now: draft | approved | sent")
    outcome: str = Field(description="created | replaced | skipped_approved | skipped_sent | error")
    error: Optional[str] = None


class BatchSummary(BaseModel):
    role: RoleRef
    period_label_en: str
    period_label_zh: str
    start: str
    end: str
    failed: int = Field(description="failed interviews of the role in the period")
    created: int
    replaced: int
    skipped_approved: int
    skipped_sent: int
    errors: int
    polish_rejected: int
    listed: list[BatchItem] = Field(description=f"the first {BATCH_LISTED} interviews, in date order")


class DraftFeedbackResult(BaseModel):
    mode: Literal["single", "batch"]
    draft: Optional[DraftView] = None
    outcome: Optional[str] = Field(None, description="single: created | replaced")
    polish: Optional[PolishInfo] = None
    batch: Optional[BatchSummary] = None


def draft_feedback(deps: ToolDeps, args: DraftFeedbackArgs) -> DraftFeedbackResult:
    """Draft a transparent feedback letter for a candidate, stored for a recruiter or HR manager to approve.

    Give `interview` (external id or number), or `candidate` (their latest decided interview), or `role` (and
    `period`) to draft for everyone who failed that role in the period. The letter is in the candidate's
    language: for each competency below its minimum it states the score and the required score, the evidence
    from the interview, learning resources from the role profile, and when and how to re-apply; for a job-match
    failure, the required skills that were missing. Passed and under-review interviews get their own letters.
    Interviews whose letter is already approved or sent are skipped in a batch.
    """
    if args.interview or args.candidate or args.draft is not None:
        if args.draft is not None:  # the letter of that draft's interview, e.g. in another language
            interview = deps.session.get(Interview, store.get_draft(deps.session, args.draft).interview_id)
        elif args.interview:
            interview = find_interview(deps.session, args.interview)
        else:
            interview = latest_decided_interview(deps.session, find_candidate(deps.session, args.candidate))
        draft, outcome, polish = _draft_one(deps, interview, args)
        return DraftFeedbackResult(mode="single", draft=draft_view(deps, draft), outcome=outcome,
                                   polish=PolishInfo(**{k: v for k, v in polish.__dict__.items()
                                                        if k != "rejected_body"}))
    if args.role:
        return DraftFeedbackResult(mode="batch", batch=_draft_batch(deps, args))
    raise ToolError("target_needed", "Say whose feedback to draft: an interview (e.g. I0000812), a candidate "
                    "(e.g. C000123), or a role and period (e.g. everyone who failed Field Technician in October).",
                    message_zh="请说明为谁起草反馈：一场面试（如 I0000812）、一位候选人（如 C000123），或岗位和时间段"
                               "（如 10月份一线技术未通过的候选人）。")


def _draft_one(deps: ToolDeps, interview: Interview, args: DraftFeedbackArgs) -> tuple[FeedbackDraft, str, Polish]:
    settings = settings_of(deps)
    facts = build_facts(deps.session, interview, settings, args.language).stored()
    names = role_competency_names(deps, interview.role_id)
    body = render_letter(facts)
    try:
        check_body(body, facts, role_competencies=names)  # the templates are HR's to edit: guard them too
    except FactCheckError as exc:
        raise ToolError("template_fact_check_failed", f"The letter template produced text the facts do not back "
                        f"(prompts/feedback/{facts['kind']}.{facts['language']}.j2): {exc}",
                        problems=exc.problems, message_zh=exc.message_zh) from None
    polish = Polish(status="off")
    if args.polish and polish_enabled(settings):
        body, polish = polish_letter(body, facts, settings, names)
    draft, outcome = store.save_draft(deps.session, deps.principal, deps.now, interview_id=interview.id, facts=facts,
                                      body=body, polished_by=polish.model if polish.status == "polished" else None,
                                      replace_approved=args.replace_approved)
    return draft, outcome, polish


def _draft_batch(deps: ToolDeps, args: DraftFeedbackArgs) -> BatchSummary:
    role = resolve_role(vocabulary_of(deps), args.role, deps.settings)
    try:
        period = parse_period(args.period, deps.now) if args.period else default_period(deps.now)
    except PeriodError as exc:
        raise ToolError("bad_period", str(exc), period=args.period) from None
    start, end = period_bounds(period)
    rows = deps.session.exec(select(Interview, Candidate.external_id)
                             .join(Candidate, Candidate.id == Interview.candidate_id)
                             .where(Interview.role_id == role.id, Interview.outcome == Outcome.failed,
                                    Interview.interviewed_at >= start, Interview.interviewed_at < end)
                             .order_by(Interview.interviewed_at, Interview.id)).all()
    counts = {"created": 0, "replaced": 0, "skipped_approved": 0, "skipped_sent": 0, "error": 0}
    listed, polish_rejected = [], 0
    for interview, candidate_ext in rows:
        existing = store.open_draft(deps.session, interview.id)
        item = BatchItem(draft_id=existing.id if existing else None, interview_external_id=interview.external_id,
                         candidate_external_id=candidate_ext, language=existing.language if existing else None,
                         status=existing.status if existing else None, outcome="")
        if existing is not None and existing.status in ("approved", "sent"):
            item.outcome = f"skipped_{existing.status}"
        else:
            try:
                draft, item.outcome, polish = _draft_one(deps, interview, args)
                item.draft_id, item.language, item.status = draft.id, draft.language, draft.status
                polish_rejected += polish.status == "rejected"
            except ToolError as exc:
                item.outcome, item.error = "error", exc.message
        counts[item.outcome] += 1
        if len(listed) < BATCH_LISTED:
            listed.append(item)
    return BatchSummary(role=role_ref(role), period_label_en=period.label_en, period_label_zh=period.label_zh,
                        start=period.start.isoformat(), end=period.end.isoformat(), failed=len(rows),
                        created=counts["created"], replaced=counts["replaced"],
                        skipped_approved=counts["skipped_approved"], skipped_sent=counts["skipped_sent"],
                        errors=counts["error"], polish_rejected=polish_rejected, listed=listed)


class ReviewFeedbackArgs(BaseModel):
    draft_id: Optional[int] = Field(None, ge=1, description="The feedback draft's number (not needed to list).")
    action: Literal["list", "show", "approve", "edit", "send"] = Field(
        "show", description="list the letters in `status` (default: drafts waiting for approval); show one; approve "
                            "it; edit its body (an approved letter goes back to draft); or mark an approved letter sent.")
    status: Literal["draft", "approved", "sent"] = Field("draft", description="list: which letters.")
    candidate: Optional[str] = Field(None, description="Instead of draft_id: the candidate (e.g. C000123) whose letter "
                                                       "it is, when they have one; list: only their letters.")
    body: Optional[str] = Field(None, max_length=20000, description="edit: the full new letter text.")
    changes: list[TextChange] = Field(default_factory=list, max_length=20, description=(
        "edit, instead of `body`: words of the stored letter (`find`, as the letter has them) and what replaces them "
        "(`replace_with`; empty removes them)."))
    append: Optional[str] = Field(None, max_length=5000, description="edit, instead of `body`: a paragraph added at "
                                                                     "the end of the stored letter.")


class DraftLine(BaseModel):
    draft_id: int
    candidate_external_id: str
    interview_external_id: str
    role: RoleRef
    status: str
    language: str
    updated_at: Optional[datetime]


class ReviewFeedbackResult(BaseModel):
    action: str
    previous_status: Optional[str] = None
    draft: Optional[DraftView] = None
    status: Optional[str] = None  # list: the status listed
    drafts: list[DraftLine] = []  # list: oldest first, at most LIST_LIMIT
    total: int = 0  # list: how many letters have that status


def review_feedback(deps: ToolDeps, args: ReviewFeedbackArgs) -> ReviewFeedbackResult:
    """List feedback letters waiting for approval (or approved, or sent); show, approve, edit or mark sent one
    stored letter (draft → approved → sent).

    Recruiters and HR managers approve; an edited letter is re-checked against the stored scores and an
    approved letter that is edited goes back to draft; only an approved letter can be marked sent.
    """
    if args.action == "list":
        return _list_drafts(deps, args.status, args.candidate)
    if args.draft_id is None and args.candidate:
        args.draft_id = _letter_of(deps, args.candidate)
    if args.draft_id is None:
        raise ToolError("draft_needed", f"Which feedback draft? Give its number, e.g. \"{args.action.capitalize()} "
                        "feedback draft 3\", or ask for the drafts waiting for approval.",
                        message_zh="请给出反馈草稿编号，例如“批准反馈草稿3”，或询问有哪些草稿待审批。")
    if args.action == "show":
        draft, before = store.get_draft(deps.session, args.draft_id), None
    elif args.action == "approve":
        draft, before = store.approve(deps.session, deps.principal, deps.now, args.draft_id)
    elif args.action == "send":
        draft, before = store.mark_sent(deps.session, deps.principal, deps.now, args.draft_id)
    else:
        current = store.get_draft(deps.session, args.draft_id)
        if args.body is not None:
            body = args.body
        elif args.changes or args.append:
            body = changed_body(current.body, current.id, args.changes, args.append)
        else:
            raise ToolError(
                "body_needed", f"Say what to change in feedback draft {args.draft_id}, quoting the words: replace "
                "“Dear candidate” with “Dear Ms Li”, remove “…”, or add “…” at the end (or send the full new letter as "
                "`body`).", draft_id=args.draft_id,
                message_zh=f"请说明要如何修改反馈草稿 {args.draft_id}，并用引号引用原文：把“此致”改成“祝好”、删掉“……”，"
                           "或在结尾加上“……”（也可以在 body 中提供完整的新内容）。")
        names = role_competency_names(deps, deps.session.get(Interview, current.interview_id).role_id)
        draft, before = store.edit(deps.session, deps.principal, deps.now, args.draft_id, body, names)
    return ReviewFeedbackResult(action=args.action, previous_status=before, draft=draft_view(deps, draft))


LIST_LIMIT = 20


def _letter_of(deps: ToolDeps, ref: str) -> int:
    """"Open the letter for C003350": that candidate's letter, when they have exactly one."""
    candidate = find_candidate(deps.session, ref)
    letters = deps.session.exec(select(FeedbackDraft).join(Interview, Interview.id == FeedbackDraft.interview_id)
                                .where(Interview.candidate_id == candidate.id).order_by(FeedbackDraft.id.desc())).all()
    if len(letters) == 1:
        return letters[0].id
    who = candidate.external_id
    if not letters:
        raise ToolError("no_letter", f"There is no feedback letter for candidate {who} yet: draft one with \"Draft "
                        f"feedback for candidate {who}\".", candidate=who,
                        message_zh=f"候选人 {who} 还没有反馈信：可以说“给候选人{who}起草反馈”。")
    listed = ", ".join(f"draft {d.id} ({d.status})" for d in letters[:5])
    raise ToolError("which_draft", f"Candidate {who} has {len(letters)} feedback letters ({listed}): say which, e.g. "
                    f"\"Show feedback draft {letters[0].id}\".", candidate=who, drafts=[d.id for d in letters],
                    message_zh=f"候选人 {who} 有 {len(letters)} 封反馈信（{listed}）：请说明是哪一封，例如“查看反馈草稿"
                               f"{letters[0].id}”。")


def _list_drafts(deps: ToolDeps, status: str, candidate: Optional[str] = None) -> ReviewFeedbackResult:
    query = (select(FeedbackDraft, Interview, Candidate, Role).join(Interview, Interview.id == FeedbackDraft.interview_id)
             .join(Candidate, Candidate.id == Interview.candidate_id).join(Role, Role.id == Interview.role_id)
             .where(FeedbackDraft.status == status))
    if candidate:
        query = query.where(Candidate.id == find_candidate(deps.session, candidate).id)
    rows = deps.session.exec(query.order_by(FeedbackDraft.id)).all()
    lines = [DraftLine(draft_id=d.id, candidate_external_id=c.external_id, interview_external_id=i.external_id,
                       role=role_ref(r), status=d.status, language=d.language, updated_at=d.updated_at)
             for d, i, c, r in rows[:LIST_LIMIT]]
    return ReviewFeedbackResult(action="list", status=status, drafts=lines, total=len(rows))


def draft_view(deps: ToolDeps, draft: FeedbackDraft) -> DraftView:
    interview = deps.session.get(Interview, draft.interview_id)
    candidate = deps.session.get(Candidate, interview.candidate_id)
    role = deps.session.get(Role, interview.role_id)
    return DraftView(id=draft.id, draft_id=draft.id, interview_external_id=interview.external_id,
                     candidate_external_id=candidate.external_id, role=role_ref(role), kind=draft.kind,
                     status=draft.status, language=draft.language, body=draft.body, facts=draft.facts,
                     polished_by=draft.polished_by, created_by=draft.created_by, updated_by=draft.updated_by,
                     updated_at=draft.updated_at, approved_by=draft.approved_by, approved_at=draft.approved_at,
                     sent_at=draft.sent_at)


def role_competency_names(deps: ToolDeps, role_id: int) -> list[tuple[str, str]]:
    return [(c.name_en, c.name_zh) for c in deps.session.exec(select(Competency).where(Competency.role_id == role_id))]


SPEC = ToolSpec(name="draft_feedback", func=draft_feedback, args_model=DraftFeedbackArgs, audiences=STAFF, changes_data=True)
SPEC_REVIEW = ToolSpec(name="review_feedback", func=review_feedback, args_model=ReviewFeedbackArgs, audiences=STAFF, changes_data=True)
