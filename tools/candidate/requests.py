"""Candidates' requests (a human review, deletion of recordings): opened by the candidate, handled by staff.

Plain functions over a session; the candidate tools and the staff API both call them. Opening is
idempotent while a request of the same kind is open or in progress.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from candor import audit
from candor.clock import as_utc
from candor.models import Candidate, CandidateRequest, Interview
from candor.principal import Principal
from tools.base import ToolDeps, ToolError, ToolSpec, settings_of
from tools.candidate.recordings import delete_recordings

RequestKind = Literal["human_review", "delete_recordings"]
OPEN_STATUSES = ("open", "in_progress")
STAFF_STATUSES = ("in_progress", "done", "declined")
STATUS_ZH = {"open": "待处理", "in_progress": "处理中", "done": "已完成", "declined": "已拒绝"}
HANDLERS = ("hr_manager", "recruiter")


class RequestResult(BaseModel):
    """What the candidate sees of their request."""

    request_id: int
    kind: str
    status: str
    created_on: datetime
    already_open: bool = False
    resolution: str = ""


class StaffRequest(BaseModel):
    """What staff see: who asked (external id only), about which interview, and the handling so far."""

    id: int
    kind: str
    status: str
    candidate_external_id: str
    interview_external_id: Optional[str]
    message: str
    created_at: datetime
    handled_by: Optional[str]
    handled_at: Optional[datetime]
    resolution: str


def _public(row: CandidateRequest, already_open: bool = False) -> RequestResult:
    return RequestResult(request_id=row.id, kind=row.kind, status=row.status, created_on=as_utc(row.created_at),
                         already_open=already_open, resolution=row.resolution if row.status in ("done", "declined")
                         else "")


def open_request(session: Session, candidate_id: int, kind: str, message: str, now: datetime) -> RequestResult:
    """Opens a request for the candidate's latest interview, or returns the one of that kind still open."""
    existing = session.exec(select(CandidateRequest).where(
        CandidateRequest.candidate_id == candidate_id, CandidateRequest.kind == kind,
        CandidateRequest.status.in_(OPEN_STATUSES)).order_by(CandidateRequest.id)).first()
    if existing is not None:
        return _public(existing, already_open=True)
    latest = session.exec(select(Interview.id).where(Interview.candidate_id == candidate_id)
                          .order_by(Interview.interviewed_at.desc())).first()
    row = CandidateRequest(candidate_id=candidate_id, interview_id=latest, kind=kind,
                           message=(message or "").strip()[:2000], created_at=as_utc(now))
    try:
        with session.begin_nested():  # a concurrent click may have opened one since the check above
            session.add(row)
            session.flush()
    except IntegrityError:
        existing = session.exec(select(CandidateRequest).where(
            CandidateRequest.candidate_id == candidate_id, CandidateRequest.kind == kind,
            CandidateRequest.status.in_(OPEN_STATUSES))).first()
        if existing is None:
            raise
        return _public(existing, already_open=True)
    return _public(row)


def my_requests(session: Session, candidate_id: int) -> list[RequestResult]:
    rows = session.exec(select(CandidateRequest).where(CandidateRequest.candidate_id == candidate_id)
                        .order_by(CandidateRequest.id.desc())).all()
    return [_public(r) for r in rows]


def list_requests(session: Session, status: Optional[str] = None, kind: Optional[str] = None,
                  request_id: Optional[int] = None, candidate: Optional[str] = None) -> list[StaffRequest]:
    """Requests for staff, newest first; `status` "open" also lists those in progress; `candidate`: one candidate's
    (external id)."""
    query = (select(CandidateRequest, Candidate.external_id, Interview.external_id)
             .join(Candidate, CandidateRequest.candidate_id == Candidate.id)
             .join(Interview, CandidateRequest.interview_id == Interview.id, isouter=True))
    if status == "open":
        query = query.where(CandidateRequest.status.in_(OPEN_STATUSES))
    elif status:
        query = query.where(CandidateRequest.status == status)
    if kind:
        query = query.where(CandidateRequest.kind == kind)
    if request_id is not None:
        query = query.where(CandidateRequest.id == request_id)
    if candidate:
        query = query.where(func.upper(Candidate.external_id) == candidate.strip().upper())
    rows = session.exec(query.order_by(CandidateRequest.id.desc())).all()
    return [StaffRequest(id=r.id, kind=r.kind, status=r.status, candidate_external_id=cand, interview_external_id=iv,
                         message=r.message, created_at=as_utc(r.created_at), handled_by=r.handled_by,
                         handled_at=as_utc(r.handled_at) if r.handled_at else None, resolution=r.resolution)
            for r, cand, iv in rows]


def resolve_request(session: Session, principal: Principal, request_id: int, status: str, resolution: str,
                    now: datetime, media_dir: Path | None = None) -> StaffRequest:
    """Moves a request to in_progress, done or declined, audited; the caller commits. A deletion request marked
    done deletes the recordings first (tools/candidate/recordings.py): it is done only when they are gone."""
    if principal.audience not in HANDLERS:
        raise ToolError("forbidden", "Only HR managers and recruiters handle candidate requests.")
    if status not in STAFF_STATUSES:
        raise ToolError("bad_status", f"status must be one of {', '.join(STAFF_STATUSES)} (got {status!r}).",
                        message_zh=f"状态只能是 {', '.join(STAFF_STATUSES)} 之一（收到的是 {status!r}）。")
    row = session.get(CandidateRequest, request_id)
    if row is None:
        raise ToolError("not_found", f"There is no candidate request {request_id}; list them with 'show open "
                                     "candidate requests' (or GET /api/candidate-requests).", request_id=request_id,
                        message_zh=f"没有编号为 {request_id} 的候选人申请；可以问“有哪些待处理的候选人申请？”查看。")
    if row.status in ("done", "declined"):
        raise ToolError("closed", f"Request {request_id} is already {row.status}; a candidate can open a new one.",
                        message_zh=f"申请 {request_id} 已经是 {row.status} 状态；候选人可以重新提交一条。")
    deleting = row.kind == "delete_recordings" and status == "done"  # the deletion report is the resolution
    if status in ("done", "declined") and not resolution.strip() and not deleting:
        raise ToolError("resolution_needed", "Say what was done (or why it was declined) in `resolution`: "
                                             "the candidate sees it.",
                        message_zh="请在 resolution 里写明处理结果（或驳回理由）：候选人会看到。")
    if deleting:
        if media_dir is None:
            raise ToolError("media_dir_needed", "Deleting recordings needs the media folder (CANDOR_MEDIA_DIR).",
                        message_zh="删除录音需要配置媒体目录（CANDOR_MEDIA_DIR）。")
        report = delete_recordings(session, row.candidate_id, media_dir, now)
        resolution = f"{resolution.strip()} {report.summary()}".strip()
        audit.record(session, principal, "delete_recordings",
                     {"request_id": request_id, "files": len(report.deleted_files),
                      "outside_media_folder": len(report.outside_media_folder), "answers": report.answers_cleared})
    row.status, row.handled_by, row.handled_at = status, principal.id, as_utc(now)
    row.resolution = resolution.strip()[:4000]
    session.add(row)
    audit.record(session, principal, "resolve_candidate_request", {"request_id": request_id, "status": status})
    return list_requests(session, request_id=request_id)[0]


# --- the staff tool: list and handle candidates' requests from chat or Slack -------------------------------

class CandidateRequestsArgs(BaseModel):
    action: Literal["list", "resolve"] = "list"
    status: Optional[Literal["open", "in_progress", "done", "declined"]] = Field(
        None, description="list filter; 'open' also lists requests in progress")
    kind: Optional[RequestKind] = None
    request_id: Optional[int] = Field(None, description="the request to resolve (or to show)")
    candidate: Optional[str] = Field(None, description="list: only this candidate's requests, whatever their status "
                                                       "(external id, e.g. C000123); resolve: this candidate's one open "
                                                       "request, when no request_id is given")
    new_status: Optional[Literal["in_progress", "done", "declined"]] = Field(
        None, description="resolve: the new status")
    resolution: str = Field("", description="resolve: what was done or why it was declined; the candidate sees it")


class CandidateRequestsResult(BaseModel):
    action: str
    status: Optional[str] = None
    kind: Optional[str] = None
    candidate: Optional[str] = None
    count: int
    requests: list[StaffRequest]
    resolved: Optional[StaffRequest] = None


def candidate_requests(deps: ToolDeps, args: CandidateRequestsArgs) -> CandidateRequestsResult:
    """Candidates' requests from their feedback page (a human review of their interview, deletion of their
    recordings): list them (by status and kind; open ones by default), or resolve one (in_progress, done or
    declined, with a resolution the candidate will read). Shows candidate external ids only."""
    if args.action == "resolve":
        if args.request_id is None and args.candidate:
            args.request_id = _open_request_of(deps.session, args.candidate, args.kind)
        if args.request_id is None or args.new_status is None:
            raise ToolError("resolve_needs", "Say which request and how: e.g. \"Mark request 3 done: reviewed, the "
                                             "decision stands\".",
                        message_zh="请说明处理哪条申请、如何处理，例如：“把3号申请标记为已完成：已复核，结论不变”。")
        resolved = resolve_request(deps.session, deps.principal, args.request_id, args.new_status, args.resolution,
                                   deps.now, media_dir=settings_of(deps).media_dir)
        return CandidateRequestsResult(action="resolve", count=1, requests=[resolved], resolved=resolved)
    # One request, or one candidate's ("has C000123's review request been dealt with?"): whatever their status.
    status = args.status or (None if args.request_id is not None or args.candidate else "open")
    found = list_requests(deps.session, status=status, kind=args.kind, request_id=args.request_id,
                          candidate=args.candidate)
    return CandidateRequestsResult(action="list", status=status, kind=args.kind, candidate=args.candidate,
                                   count=len(found), requests=found)


def _open_request_of(session: Session, candidate: str, kind: Optional[str]) -> int:
    """"Decline the one from C002206": that candidate's open request, when there is exactly one."""
    found = list_requests(session, status="open", kind=kind, candidate=candidate)
    if len(found) == 1:
        return found[0].id
    if not found:
        past = list_requests(session, kind=kind, candidate=candidate)
        if not past:
            raise ToolError("no_open_request", f"Candidate {candidate} has no open request, and none before.",
                            candidate=candidate, message_zh=f"候选人 {candidate} 没有待处理的申请，此前也没有提过申请。")
        latest = past[0]
        raise ToolError("no_open_request", f"Candidate {candidate} has no open request. Their latest, request "
                        f"{latest.id}, is {latest.status}; to see all of theirs, ask \"show {candidate}'s requests\".",
                        candidate=candidate, past=[r.id for r in past],
                        message_zh=f"候选人 {candidate} 没有待处理的申请。其最近一条申请（{latest.id}号）状态为"
                                   f"{STATUS_ZH.get(latest.status, latest.status)}；查看其全部申请，可问“查看{candidate}的申请”。")
    ids = ", ".join(str(r.id) for r in found)
    raise ToolError("which_request", f"Candidate {candidate} has {len(found)} open requests ({ids}): say which, e.g. "
                    f"\"Mark request {found[0].id} done: what was done\".", candidate=candidate,
                    message_zh=f"候选人 {candidate} 有 {len(found)} 个待处理申请（{ids}）：请说明是哪一个，例如“完成请求"
                               f"{found[0].id}：处理说明”。")


SPEC_STAFF = ToolSpec(name="candidate_requests", func=candidate_requests, args_model=CandidateRequestsArgs,
                      audiences=HANDLERS, changes_data=True)
