"""POST /api/chat: a staff member asks the assistant a question."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, HTTPException, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from assistant.agent import MessageError, Turn
from assistant.memory import ConversationError
from integrations.web.deps import AssistantDep, StaffPrincipal

router = APIRouter(prefix="/api", tags=["chat"])


class ChatRequest(BaseModel):
    message: str = Field(description="The question, in English or Chinese.",
                         examples=["What is the AI interview failure rate for Marketing Planner over the last 3 months?"])
    conversation_id: Optional[str] = Field(None, max_length=64,
                                           description="Continue a conversation; omit to start a new one.")


@router.post("/chat", response_model=Turn, summary="Ask Candor a question")
async def chat(body: ChatRequest, principal: StaffPrincipal, assistant: AssistantDep) -> Turn:
    """Returns the answer, the conversation id for follow-ups, and every tool call with its structured result."""
    if not body.message.strip():
        raise HTTPException(status.HTTP_400_BAD_REQUEST,
                            detail="The message is empty: send {\"message\": \"<your question>\"}.")
    try:
        return await run_in_threadpool(assistant.ask, principal, body.message, body.conversation_id)
    except MessageError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(exc)) from None
    except ConversationError as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(exc)) from None
