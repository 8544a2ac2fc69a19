"""The FeedbackDraft lifecycle: draft → approved → sent, one open letter per interview, every change audited.

    save_draft   new letter, or replaces the interview's letter while it is still a draft
                 (an approved one only with replace_approved; a sent one never)
    approve      draft → approved (recruiter or HR manager)
    edit         new body, re-checked against the facts; an approved letter goes back to draft
    mark_sent    approved → sent
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Optional

from sqlmodel import Session, select

from candor import audit
from candor.models import FeedbackDraft
from candor.principal import Principal
from tools.base import ToolError
from tools.feedback.check import FactCheckError, check_body

APPROVERS = ("hr_manager", "recruiter")


def open_draft(session: Session, interview_id: int) -> Optional[FeedbackDraft]:
    """The interview's current letter (the newest), whatever its status."""
    return session.exec(select(FeedbackDraft).where(FeedbackDraft.interview_id == interview_id)
                        .order_by(FeedbackDraft.id.desc())).first()


def get_draft(session: Session, draft_id: int) -> FeedbackDraft:
    draft = session.get(FeedbackDraft, draft_id)
    if draft is None:
        raise ToolError("unknown_draft", f"There is no feedback draft {draft_id}: check the number (drafts are "
                        "listed when you draft feedback).", draft_id=draft_id,
                        message_zh=f"没有编号为 {draft_id} 的反馈草稿：请检查编号。")
    return draft


def save_draft(session: Session, principal: Principal, now: datetime, *, interview_id: int, facts: dict, body: str,
               polished_by: Optional[str], replace_approved: bool = False) -> tuple[FeedbackDraft, str]:
    """(the stored draft, "created" | "replaced")."""
    draft = open_draft(session, interview_id)
    if draft is not None and draft.status == "sent":
        raise ToolError("already_sent", f"Feedback draft {draft.id} for interview {facts['interview_external_id']} "
                        "was already sent to the candidate; a sent letter is never replaced.", draft_id=draft.id,
                        status=draft.status, message_zh=f"反馈草稿 {draft.id} 已发送给候选人，已发送的信不能被替换。")
    if draft is not None and draft.status == "approved" and not replace_approved:
        raise ToolError("already_approved", f"Feedback draft {draft.id} for interview "
                        f"{facts['interview_external_id']} is already approved; to draft it again anyway (it goes "
                        "back to draft and needs a new approval), ask again with replace_approved.",
                        draft_id=draft.id, status=draft.status,
                        message_zh=f"面试 {facts['interview_external_id']} 的反馈草稿 {draft.id} 已批准；如仍要重新起草"
                                   "（将退回草稿状态并需重新批准），请注明“即使已批准”。")
    if draft is None:
        draft = FeedbackDraft(interview_id=interview_id, created_by=principal.id, created_at=now)
        outcome, before = "created", None
    else:
        outcome, before = "replaced", draft.status
    draft.language, draft.kind, draft.facts, draft.body = facts["language"], facts["kind"], facts, body
    draft.polished_by, draft.status = polished_by, "draft"
    draft.approved_by = draft.approved_at = None
    draft.updated_by, draft.updated_at = principal.id, now
    _saved(session, principal, now, f"feedback_draft.{outcome}", draft, before)
    return draft, outcome


def approve(session: Session, principal: Principal, now: datetime, draft_id: int) -> tuple[FeedbackDraft, str]:
    draft = get_draft(session, draft_id)
    if principal.audience not in APPROVERS:
        raise ToolError("forbidden", "Only a recruiter or an HR manager can approve feedback.", draft_id=draft_id,
                        message_zh="只有招聘人员或HR经理可以批准反馈。")
    before = draft.status
    if before != "draft":
        raise ToolError("bad_transition", f"Feedback draft {draft_id} is already {before}; only a draft can be "
                        "approved." + (" Edit it first to change it." if before == "approved" else ""),
                        draft_id=draft_id, status=before, action="approve",
                        message_zh=f"反馈草稿 {draft_id} 当前状态为 {before}，只有草稿可以批准。")
    draft.status, draft.approved_by, draft.approved_at = "approved", principal.id, now
    draft.updated_by, draft.updated_at = principal.id, now
    return _saved(session, principal, now, "feedback_draft.approved", draft, before)


def edit(session: Session, principal: Principal, now: datetime, draft_id: int, body: str,
         role_competencies: Iterable[tuple[str, str]] = ()) -> tuple[FeedbackDraft, str]:
    draft = get_draft(session, draft_id)
    before = draft.status
    if before == "sent":
        raise ToolError("bad_transition", f"Feedback draft {draft_id} was already sent; a sent letter cannot be "
                        "edited.", draft_id=draft_id, status=before, action="edit",
                        message_zh=f"反馈草稿 {draft_id} 已发送，已发送的信不能修改。")
    body = (body or "").strip()
    if not body:
        raise ToolError("empty_body", "The new letter is empty: send the full text of the letter.", draft_id=draft_id,
                        message_zh="新的信件内容为空：请提供信件全文。")
    try:
        check_body(body, draft.facts, role_competencies=role_competencies)
    except FactCheckError as exc:
        raise ToolError("fact_check_failed", str(exc), message_zh=exc.message_zh, problems=exc.problems,
                        draft_id=draft_id) from None
    draft.body, draft.status = body, "draft"
    draft.approved_by = draft.approved_at = None
    draft.updated_by, draft.updated_at = principal.id, now
    return _saved(session, principal, now, "feedback_draft.edited", draft, before)


def mark_sent(session: Session, principal: Principal, now: datetime, draft_id: int) -> tuple[FeedbackDraft, str]:
    draft = get_draft(session, draft_id)
    before = draft.status
    if before != "approved":
        raise ToolError("bad_transition", f"Feedback draft {draft_id} is {before}; only an approved letter can be "
                        "marked sent." + (" Approve it first." if before == "draft" else ""),
                        draft_id=draft_id, status=before, action="send",
                        message_zh=f"反馈草稿 {draft_id} 当前状态为 {before}，只有已批准的信才能标记为已发送。")
    draft.status, draft.sent_at = "sent", now
    draft.updated_by, draft.updated_at = principal.id, now
    return _saved(session, principal, now, "feedback_draft.sent", draft, before)


def _saved(session: Session, principal: Principal, now: datetime, action: str, draft: FeedbackDraft,
           before: Optional[str]) -> tuple[FeedbackDraft, str]:
    session.add(draft)
    session.flush()
    _audit(session, principal, now, action, draft, before)
    return draft, before or ""


def _audit(session: Session, principal: Principal, now: datetime, action: str, draft: FeedbackDraft,
           before: Optional[str]) -> None:
    # Written at once, not queued with the turn: a lifecycle change and its record commit together.
    audit.record(session, principal, action,
                 {"draft_id": draft.id, "interview_id": draft.interview_id, "from": before, "to": draft.status},
                 detail=f"feedback draft {draft.id}: {before or 'new'} → {draft.status}", at=now)
