"""Competency-weight proposals to look at before deciding: those waiting for a decision, or any one by its number,
with what each would change and why. Reads only; approving or rejecting is decide_proposal."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from pydantic import BaseModel, Field
from sqlmodel import func, select

from candor.clock import as_utc
from candor.models import CompetencyChangeProposal, CompetencyModel
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.shared.lookup import (
    CompetencyRef,
    RoleRef,
    resolve_role,
    role_ref,
    vocabulary_of,
)


class ReviewProposalsArgs(BaseModel):
    proposal_id: Optional[int] = Field(None, ge=1, description="Show this proposal (e.g. 14 for 'show proposal 14').")
    role: Optional[str] = Field(None, description="Only this role's proposals (English or Chinese name).")
    status: Literal["proposed", "applied", "rejected", "all"] = Field(
        "proposed", description="Which proposals to list: waiting for a decision (default), applied, rejected or all.")
    limit: int = Field(20, ge=1, le=200, description="At most this many, newest first.")


class ProposedChange(BaseModel):
    competency: CompetencyRef
    current: float = Field(description="percent")
    proposed: float = Field(description="percent")
    change: float = Field(description="points")


class ProposalView(BaseModel):
    proposal_id: int
    role: RoleRef
    status: str = Field(description="proposed | applied | rejected")
    trigger: str = Field(description="'performance' (from hires' performance) or the monitoring rule that raised it")
    created_by: str
    created_at: datetime
    decided_by: Optional[str]
    decided_at: Optional[datetime]
    base_version: Optional[int] = Field(description="the competency-model version the proposal would replace")
    changes: list[ProposedChange]
    rationale_en: str
    rationale_zh: str


class ReviewProposalsResult(BaseModel):
    status: str
    role: Optional[RoleRef]
    total: int = Field(description="proposals that match, of which `proposals` lists the newest `limit`")
    proposals: list[ProposalView]


def review_proposals(deps: ToolDeps, args: ReviewProposalsArgs) -> ReviewProposalsResult:
    """List the competency-weight proposals waiting for a decision (or applied, rejected, all), newest first,
    or show one by its number: the weights it would change, from what to what, and the evidence it gives.
    Nothing is changed; an HR manager decides with decide_proposal."""
    vocab = vocabulary_of(deps)
    role = resolve_role(vocab, args.role, deps.settings) if args.role else None
    query = select(CompetencyChangeProposal)
    if args.proposal_id is not None:
        query = query.where(CompetencyChangeProposal.id == args.proposal_id)
    else:
        if role is not None:
            query = query.where(CompetencyChangeProposal.role_id == role.id)
        if args.status != "all":
            query = query.where(CompetencyChangeProposal.status == args.status)
    total = deps.session.exec(select(func.count()).select_from(query.subquery())).one()
    if args.proposal_id is not None and not total:
        raise ToolError("unknown_proposal", f"There is no proposal {args.proposal_id}; list the open ones with "
                                            "'which proposals are waiting for approval?'.", proposal_id=args.proposal_id,
                        message_zh=f"没有编号为 {args.proposal_id} 的方案；可以问“有哪些待审批的方案？”查看。")
    rows = deps.session.exec(query.order_by(CompetencyChangeProposal.created_at.desc(),
                                            CompetencyChangeProposal.id.desc()).limit(args.limit)).all()
    versions = {m.id: m.version for m in deps.session.exec(
        select(CompetencyModel).where(CompetencyModel.id.in_({p.base_model_id for p in rows})))} if rows else {}
    return ReviewProposalsResult(status="all" if args.proposal_id else args.status,
                                 role=role_ref(role) if role else None, total=total,
                                 proposals=[_view(p, vocab, versions.get(p.base_model_id)) for p in rows])


def _view(p: CompetencyChangeProposal, vocab, base_version: int | None) -> ProposalView:
    stats = p.statistics or {}
    trigger = stats.get("trigger") or {}
    changes = [ProposedChange(competency=c["competency"], current=c["current"], proposed=c["proposed"],
                              change=c["change"]) for c in stats.get("changes") or []]
    return ProposalView(
        proposal_id=p.id, role=role_ref(vocab.role_by_id(p.role_id)), status=p.status,
        trigger=trigger.get("rule") or trigger.get("kind") or "performance", created_by=p.created_by,
        created_at=as_utc(p.created_at), decided_by=p.decided_by,
        decided_at=as_utc(p.decided_at) if p.decided_at else None, base_version=base_version,
        changes=sorted(changes, key=lambda c: -abs(c.change)), rationale_en=p.rationale,
        rationale_zh=stats.get("rationale_zh", ""))


SPEC = ToolSpec(name="review_proposals", func=review_proposals, args_model=ReviewProposalsArgs,
                audiences=("hr_manager",))
