"""The candidate chat page (`/c/{token}`) and the staff API for links and candidate requests.

A candidate is whoever holds a signed, unexpired, unrevoked link; every call here verifies the token
and builds a candidate principal bound to the link's candidate. The page reads and writes only
through the candidate tools, so it sees exactly what the candidate assistant sees.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from assistant import actions
from assistant.actions import call_tool
from assistant.agent import Assistant, MessageError
from assistant.memory import ConversationError
from candor import candidate_links as links
from candor.principal import Principal
from integrations.web.deps import AssistantDep, SettingsDep, StaffPrincipal, limit_rate
from prompts import render
from tools.base import ToolError
from tools.candidate.own import (
    SPEC_DATA,
    SPEC_DELETION,
    SPEC_FEEDBACK,
    SPEC_REVIEW,
    MyDataResult,
    MyFeedbackResult,
)
from tools.candidate.requests import HANDLERS, RequestResult, StaffRequest

STATIC = Path(__file__).parent / "static"
PAGE = STATIC / "candidate" / "index.html"
# The token is in the URL: never send it on as a referrer, never cache the page.
PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                   "X-Frame-Options": "DENY",
                   "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                                              "connect-src 'self'; img-src 'self'; form-action 'self'; "
                                              "frame-ancestors 'none'; base-uri 'none'"}
LINK_ERRORS = {
    "expired": ("This link has expired", "Links to your feedback last a limited time. Please ask the recruiter "
                "who contacted you for a new link.", "此链接已过期", "查看反馈的链接有有效期，请联系与您沟通的招聘人员获取新链接。"),
    "revoked": ("This link is no longer valid", "It was withdrawn. Please ask the recruiter who contacted you for "
                "a new link.", "此链接已失效", "该链接已被撤回，请联系与您沟通的招聘人员获取新链接。"),
    "invalid": ("This link is not valid", "It may have been copied incompletely. Open the link from your email "
                "again, or ask the recruiter for a new one.", "此链接无效", "链接可能没有完整复制。请重新打开邮件中的链接，或联系招聘人员获取新链接。"),
}

page_router = APIRouter(tags=["candidate page"], include_in_schema=False)
candidate_api = APIRouter(prefix="/c/{token}/api", tags=["candidate page"])
staff_api = APIRouter(prefix="/api", tags=["candidate links and requests"])


def mount(app: FastAPI) -> None:
    if app.state.settings.env == "production":  # no secret: fail at start-up, not at the first candidate
        links.link_secret(app.state.settings)
    app.include_router(page_router)
    app.include_router(candidate_api)
    app.include_router(staff_api)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


# -- the link holder -------------------------------------------------------------------------------------

def _holder(request: Request, token: str) -> links.LinkHolder:
    settings, assistant = request.app.state.settings, request.app.state.assistant
    return actions.verify_candidate_link(assistant, token, settings)


def _principal(holder: links.LinkHolder) -> Principal:
    # One id per candidate (not per link): a new link continues the same conversations.
    return Principal(id=f"candidate:{holder.candidate_id}", audience="candidate", candidate_id=holder.candidate_id)


def link_holder(request: Request, token: str) -> links.LinkHolder:
    try:
        holder = _holder(request, token)
    except links.LinkError as exc:
        key = exc.reason if exc.reason in LINK_ERRORS else "invalid"
        raise HTTPException(exc.status_code, detail={"error": key, "en": LINK_ERRORS[key][1],
                                                     "zh": LINK_ERRORS[key][3]}, headers=PRIVATE_HEADERS) from None
    settings = request.app.state.settings
    limit_rate(request, f"candidate:{holder.candidate_id}", settings.rate_limit_candidate, "CANDOR_RATE_LIMIT_CANDIDATE")
    return holder


LinkHolderDep = Annotated[links.LinkHolder, Depends(link_holder)]


def _call(assistant: Assistant, holder: links.LinkHolder, spec, args: dict):
    """Runs a candidate tool for the page, audited like a chat turn (a refused call's audit event too)."""
    return call_tool(assistant, _principal(holder), spec.name, args)


# -- the page --------------------------------------------------------------------------------------------

def error_page(reason: str) -> str:
    key = reason if reason in LINK_ERRORS else "invalid"
    en_title, en_text, zh_title, zh_text = LINK_ERRORS[key]
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{en_title} · {zh_title}</title><link rel="stylesheet" href="/static/candidate/page.css"></head>'
            f'<body><main class="card error" data-error="{key}"><h1>{en_title}</h1><p>{en_text}</p>'
            f'<h1 lang="zh">{zh_title}</h1><p lang="zh">{zh_text}</p></main></body></html>')


@page_router.get("/c/{token}", response_class=HTMLResponse)
def candidate_page(request: Request, token: str) -> HTMLResponse:
    try:
        holder = _holder(request, token)
    except links.LinkError as exc:
        return HTMLResponse(error_page(exc.reason), status_code=exc.status_code, headers=PRIVATE_HEADERS)
    html = PAGE.read_text(encoding="utf-8").replace('lang="en"', f'lang="{holder.language}"', 1)
    return HTMLResponse(html, headers=PRIVATE_HEADERS)


class PageData(BaseModel):
    language: str
    expires_at: datetime
    feedback: MyFeedbackResult
    data: MyDataResult


@candidate_api.get("/me", response_model=PageData, summary="The candidate's approved feedback and data")
async def page_data(holder: LinkHolderDep, assistant: AssistantDep) -> PageData:
    def load() -> PageData:
        return PageData(language=holder.language, expires_at=holder.expires_at,
                        feedback=_call(assistant, holder, SPEC_FEEDBACK, {"which": "all"}),
                        data=_call(assistant, holder, SPEC_DATA, {"which": "all"}))
    return await run_in_threadpool(load)


class CandidateChatRequest(BaseModel):
    message: str = Field(max_length=8000)
    conversation_id: Optional[str] = Field(None, max_length=64)


class CandidateChatReply(BaseModel):
    answer: str
    conversation_id: str
    language: str


@candidate_api.post("/chat", response_model=CandidateChatReply, summary="Ask about your own application")
async def candidate_chat(body: CandidateChatRequest, holder: LinkHolderDep,
                         assistant: AssistantDep) -> CandidateChatReply:
    try:
        turn = await run_in_threadpool(assistant.ask, _principal(holder), body.message, body.conversation_id)
    except MessageError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail={
            "error": "bad_message", "en": str(exc), "zh": "消息为空或过长（最多 4000 个字符），请修改后重新发送。"}) from None
    except ConversationError:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail={
            "error": "conversation", "en": "That conversation is not yours; reload the page to start a new one.",
            "zh": "该对话不属于您，请刷新页面开始新的对话。"}) from None
    # Tool calls and their raw results stay on the server; the candidate gets the answer.
    return CandidateChatReply(answer=turn.answer, conversation_id=turn.conversation_id, language=turn.language)


class CandidateRequestBody(BaseModel):
    kind: Literal["human_review", "delete_recordings"]
    message: str = Field("", max_length=2000)
    language: Optional[Literal["en", "zh"]] = None


class CandidateRequestReply(BaseModel):
    request: RequestResult
    message: str


@candidate_api.post("/requests", response_model=CandidateRequestReply, summary="Ask for a human review or deletion")
async def candidate_request(body: CandidateRequestBody, holder: LinkHolderDep,
                            assistant: AssistantDep) -> CandidateRequestReply:
    spec = SPEC_REVIEW if body.kind == "human_review" else SPEC_DELETION
    result = await run_in_threadpool(_call, assistant, holder, spec, {"message": body.message})
    language = body.language or holder.language
    return CandidateRequestReply(request=result, message=render(f"answers/my_request.{language}.j2",
                                                                result=result.model_dump(mode="json")))


# -- staff: issue and revoke links, handle requests ---------------------------------------------------------

def _handler(principal: Principal) -> Principal:
    if principal.audience not in HANDLERS:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Only HR managers and recruiters issue candidate links "
                                                              "and handle candidate requests.")
    return principal


class LinkBody(BaseModel):
    days: Optional[int] = Field(None, ge=1, le=365, description="How long the link works (CANDOR_LINK_TTL_DAYS).")
    base_url: Optional[str] = Field(None, max_length=500, description="Override CANDOR_PUBLIC_BASE_URL.")


class LinkReply(BaseModel):
    url: str
    token_id: str
    candidate_external_id: str
    expires_at: datetime


@staff_api.post("/candidates/{external_id}/link", response_model=LinkReply, summary="Issue a candidate's signed link")
def issue_candidate_link(external_id: str, principal: StaffPrincipal, settings: SettingsDep, assistant: AssistantDep,
                         body: Optional[LinkBody] = None) -> LinkReply:
    principal, body = _handler(principal), body or LinkBody()
    try:
        issued = actions.issue_candidate_link(assistant, principal, external_id, days=body.days,
                                              public_base_url=body.base_url, settings=settings)
    except actions.UnknownCandidate:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No candidate {external_id!r}: use the "
                                                               "candidate's external id, e.g. C000123.") from None
    return LinkReply(url=issued.url, token_id=issued.token_id, candidate_external_id=issued.candidate_external_id,
                     expires_at=issued.expires_at)


@staff_api.post("/candidate-links/{token_id}/revoke", summary="Revoke a candidate link")
def revoke_candidate_link(token_id: str, principal: StaffPrincipal, assistant: AssistantDep) -> dict:
    principal = _handler(principal)
    revoked_at = actions.revoke_candidate_link(assistant, principal, token_id)
    if revoked_at is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No link with token id {token_id!r}.")
    return {"token_id": token_id, "revoked_at": revoked_at}


@staff_api.get("/candidate-requests", response_model=list[StaffRequest], summary="Candidates' requests")
def candidate_requests(principal: StaffPrincipal, assistant: AssistantDep,
                       status_: Annotated[Optional[Literal["open", "in_progress", "done", "declined"]],
                                          Query(alias="status")] = "open",
                       kind: Optional[Literal["human_review", "delete_recordings"]] = None) -> list[StaffRequest]:
    """Open requests (and those in progress) by default; `?status=done` etc. for the rest."""
    _handler(principal)
    return actions.candidate_requests(assistant, status_, kind)


class ResolveBody(BaseModel):
    status: Literal["in_progress", "done", "declined"]
    resolution: str = Field("", max_length=4000, description="What was done; the candidate sees it.")


@staff_api.post("/candidate-requests/{request_id}/resolve", response_model=StaffRequest,
                summary="Move a candidate request on")
def resolve_candidate_request(request_id: int, body: ResolveBody, principal: StaffPrincipal,
                              assistant: AssistantDep) -> StaffRequest:
    try:
        return actions.resolve_candidate_request(assistant, principal, request_id, body.status, body.resolution)
    except ToolError as exc:
        code = {"forbidden": 403, "not_found": 404, "closed": 409}.get(exc.code, 400)
        raise HTTPException(code, detail=exc.payload()) from None
