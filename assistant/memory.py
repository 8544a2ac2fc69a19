"""Conversation memory in the database, so a restart (or another worker) keeps the context."""

from __future__ import annotations

import uuid

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from sqlalchemy import insert
from sqlmodel import Session, func, select

from candor.models import Conversation, Message
from candor.models._base import utcnow


class ConversationError(ValueError):
    """The conversation cannot be used by this principal."""


def open_conversation(session: Session, conversation_id: str | None, principal_id: str, audience: str) -> Conversation:
    if conversation_id:
        convo = session.get(Conversation, conversation_id)
        if convo is not None:
            if convo.principal_id != principal_id:
                raise ConversationError(f"Conversation {conversation_id} belongs to another user; "
                                        "start a new one by leaving conversation_id out.")
            return convo
        if len(conversation_id) > 64:
            raise ConversationError("conversation_id must be at most 64 characters.")
    # Not added yet: save_messages writes it with the turn, so no write lock is held while the agent runs.
    return Conversation(id=conversation_id or uuid.uuid4().hex, principal_id=principal_id, audience=audience)


def load_history(session: Session, conversation_id: str, max_turns: int) -> list[BaseMessage]:
    """The last `max_turns` whole turns (a turn starts at a human message)."""
    humans = session.exec(select(Message.seq).where(Message.conversation_id == conversation_id,
                                                    Message.kind == "human")
                          .order_by(Message.seq.desc()).limit(max_turns)).all()
    if not humans:
        return []
    rows = session.exec(select(Message).where(Message.conversation_id == conversation_id,
                                              Message.seq >= min(humans)).order_by(Message.seq)).all()
    return [_to_langchain(row) for row in rows]


def save_messages(session: Session, convo: Conversation, messages: list[BaseMessage]) -> None:
    with session.no_autoflush:
        last = session.exec(select(func.max(Message.seq)).where(Message.conversation_id == convo.id)).one() or 0
    convo.updated_at = utcnow()
    session.add(convo)
    session.flush()  # the conversation row first: messages refer to it
    rows = [_from_langchain(convo.id, last + i, m).model_dump(exclude={"id"}) for i, m in enumerate(messages, 1)]
    session.execute(insert(Message), rows)  # one executemany instead of an ORM object per message


def _to_langchain(row: Message) -> BaseMessage:
    if row.kind == "human":
        return HumanMessage(content=row.content)
    if row.kind == "tool":
        return ToolMessage(content=row.content, tool_call_id=row.tool_call_id or "", name=row.name)
    return AIMessage(content=row.content, tool_calls=row.tool_calls or [])


def _from_langchain(conversation_id: str, seq: int, message: BaseMessage) -> Message:
    content = message.content if isinstance(message.content, str) else str(message.content)
    if isinstance(message, HumanMessage):
        return Message(conversation_id=conversation_id, seq=seq, kind="human", content=content)
    if isinstance(message, ToolMessage):
        return Message(conversation_id=conversation_id, seq=seq, kind="tool", content=content,
                       tool_call_id=message.tool_call_id, name=message.name)
    calls = [{"name": c["name"], "args": c["args"], "id": c["id"], "type": "tool_call"}
             for c in getattr(message, "tool_calls", [])]
    return Message(conversation_id=conversation_id, seq=seq, kind="ai", content=content, tool_calls=calls)
