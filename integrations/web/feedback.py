"""Staff feedback-letter API: draft (one or a batch), show, approve, edit, mark sent.

    POST  /api/feedback/drafts               {"interview": "I0000812"} | {"candidate": "C000123"} |
                                             {"role": "Field Technician", "period": "October"}
    GET   /api/feedback/drafts/{id}
    POST  /api/feedback/drafts/{id}/approve
    PATCH /api/feedback/drafts/{id}          {"body": "<the full new letter>"}
    POST  /api/feedback/drafts/{id}/send
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field

from assistant.actions import call_tool
from integrations.web.deps import AssistantDep, StaffPrincipal
from tools.base import ToolError
from tools.feedback.draft import (
    SPEC,
    SPEC_REVIEW,
    DraftFeedbackArgs,
    DraftFeedbackResult,
    ReviewFeedbackResult,
)

router = APIRouter(prefix="/api/feedback", tags=["feedback"])
STATUS = {"forbidden": status.HTTP_403_FORBIDDEN, "unknown_draft": status.HTTP_404_NOT_FOUND,
          "unknown_interview": status.HTTP_404_NOT_FOUND, "unknown_candidate": status.HTTP_404_NOT_FOUND,
          "unknown_role": status.HTTP_404_NOT_FOUND, "already_approved": status.HTTP_409_CONFLICT,
          "already_sent": status.HTTP_409_CONFLICT, "bad_transition": status.HTTP_409_CONFLICT,
          "no_decided_interview": status.HTTP_409_CONFLICT, "not_decided": status.HTTP_409_CONFLICT,
          "fact_check_failed": 422,  # the body disagrees with the stored scores
          "template_fact_check_failed": status.HTTP_500_INTERNAL_SERVER_ERROR}


class EditBody(BaseModel):
    body: str = Field(max_length=20000, description="The full new letter; it is checked against the stored scores.")


def _run(assistant, principal, spec, args: dict):
    try:
        return call_tool(assistant, principal, spec.name, args)
    except ToolError as exc:
        raise HTTPException(STATUS.get(exc.code, status.HTTP_400_BAD_REQUEST), detail=exc.payload()) from None


@router.post("/drafts", response_model=DraftFeedbackResult, status_code=status.HTTP_201_CREATED,
             summary="Draft feedback for an interview, a candidate, or everyone who failed a role in a period")
def create_drafts(body: DraftFeedbackArgs, principal: StaffPrincipal, assistant: AssistantDep):
    """Recruiters and HR managers. A plain `def`: FastAPI runs the database work on its thread pool."""
    return _run(assistant, principal, SPEC, body.model_dump(exclude_none=True))


@router.get("/drafts/{draft_id}", response_model=ReviewFeedbackResult, summary="Show a feedback draft")
def show_draft(draft_id: int, principal: StaffPrincipal, assistant: AssistantDep):
    return _run(assistant, principal, SPEC_REVIEW, {"draft_id": draft_id, "action": "show"})


@router.post("/drafts/{draft_id}/approve", response_model=ReviewFeedbackResult, summary="Approve a draft")
def approve_draft(draft_id: int, principal: StaffPrincipal, assistant: AssistantDep):
    return _run(assistant, principal, SPEC_REVIEW, {"draft_id": draft_id, "action": "approve"})


@router.patch("/drafts/{draft_id}", response_model=ReviewFeedbackResult,
              summary="Edit a draft's letter (an approved draft goes back to draft)")
def edit_draft(draft_id: int, body: EditBody, principal: StaffPrincipal, assistant: AssistantDep):
    return _run(assistant, principal, SPEC_REVIEW, {"draft_id": draft_id, "action": "edit", "body": body.body})


@router.post("/drafts/{draft_id}/send", response_model=ReviewFeedbackResult, summary="Mark an approved letter sent")
def send_draft(draft_id: int, principal: StaffPrincipal, assistant: AssistantDep):
    return _run(assistant, principal, SPEC_REVIEW, {"draft_id": draft_id, "action": "send"})
