"""The assistant: one LangChain agent per audience, with conversation memory and audited tools.

Surfaces call `Assistant.ask(principal, text, conversation_id)`; it loads the conversation, runs the
agent with only the tools the principal's audience may use, stores the new messages and returns
the answer together with every tool call and its structured result.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from pydantic import BaseModel
from sqlmodel import Session

from assistant.deps import tool_deps
from assistant.memory import load_history, open_conversation, save_messages
from candor.clock import current_time
from candor.db import get_engine
from candor.language import language_of
from candor.principal import Principal
from candor.settings import Settings
from tools.base import ToolDeps
from tools.registry import tools_for
from tools.shared.lookup import Vocabulary, load_vocabulary

MAX_MESSAGE_CHARS = 4000
VOCABULARY_TTL_S = 5.0  # roles added by an import elsewhere are seen within this time


class MessageError(ValueError):
    """The user's message cannot be answered as sent (empty, too long)."""


class ToolCallRecord(BaseModel):
    tool: str
    arguments: dict[str, Any]
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None


def in_call_order(results: list[dict[str, Any]], messages: list) -> list[ToolCallRecord]:
    """The turn's tool results in the order the model called the tools (they run in parallel threads and are recorded
    as each finishes: "the report, then the audit" must not come back as the audit, then the report)."""
    order = {call["id"]: n for n, call in enumerate(c for m in messages for c in getattr(m, "tool_calls", None) or [])}
    ranked = sorted(results, key=lambda r: order.get(r.get("call_id"), len(order)))
    return [ToolCallRecord(**{k: v for k, v in r.items() if k != "call_id"}) for r in ranked]


class Turn(BaseModel):
    conversation_id: str
    answer: str
    language: str
    tool_calls: list[ToolCallRecord]
    duration_ms: float


class Assistant:
    def __init__(self, settings: Settings, *, model: Any = None, clock: Callable[[], Any] | None = None,
                 knowledge: Any = None):
        self.settings = settings
        # The role-profile retriever; None opens the configured index on the first question that needs it.
        self.knowledge = knowledge
        self.engine = get_engine(settings.database_url)
        self.clock = clock or (lambda: current_time(settings.now))
        self._vocabulary: Vocabulary | None = None
        self._vocabulary_at = 0.0
        self._model = model
        self._agents: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._vocabulary_lock = threading.Lock()
        self._turn = threading.local()

    # The planner and the tools read names through this. During a turn it is the vocabulary the turn started
    # with, so a turn never opens a second connection while it holds one; a stale cache is refreshed by one
    # thread at a time, outside any session (others keep using the previous copy meanwhile).
    def vocabulary(self) -> Vocabulary:
        during_turn = getattr(self._turn, "vocabulary", None)
        if during_turn is not None:
            return during_turn
        if self._vocabulary is None or time.monotonic() - self._vocabulary_at > VOCABULARY_TTL_S:
            if self._vocabulary is None:
                with self._vocabulary_lock:
                    self._refresh_vocabulary()
            elif self._vocabulary_lock.acquire(blocking=False):
                try:
                    self._refresh_vocabulary()
                finally:
                    self._vocabulary_lock.release()
        return self._vocabulary

    def _refresh_vocabulary(self) -> None:
        if self._vocabulary is not None and time.monotonic() - self._vocabulary_at <= VOCABULARY_TTL_S:
            return  # another thread refreshed it while this one waited
        with Session(self.engine) as session:
            self._vocabulary = load_vocabulary(session)
        self._vocabulary_at = time.monotonic()

    def tool_deps(self, session: Session, principal: Principal, **overrides: Any) -> ToolDeps:
        """The runtime this assistant gives its tools: its clock, settings, vocabulary and role index."""
        base = dict(now=self.clock(), settings=self.settings, vocabulary=self.vocabulary(), knowledge=self.knowledge)
        return tool_deps(session, principal, **{**base, **overrides})

    @property
    def model(self):
        if self._model is None:
            from assistant.providers import build_chat_model

            self._model = build_chat_model(self.settings, vocabulary=self.vocabulary, clock=self.clock)
        return self._model

    def agent_for(self, audience: str):
        with self._lock:
            if audience not in self._agents:
                from langchain.agents import create_agent

                from prompts import system_prompt
                from tools.base import to_langchain

                self._agents[audience] = create_agent(
                    self.model, [to_langchain(spec) for spec in tools_for(audience)],
                    system_prompt=system_prompt(audience), context_schema=ToolDeps)
            return self._agents[audience]

    def ask(self, principal: Principal, text: str, conversation_id: str | None = None) -> Turn:

        text = (text or "").strip()
        if not text:
            raise MessageError("The message is empty: type a question, e.g. "
                               "\"What is the failure rate for Marketing Planner over the last 3 months?\"")
        if len(text) > MAX_MESSAGE_CHARS:
            raise MessageError(f"The message is {len(text)} characters long; the limit is {MAX_MESSAGE_CHARS}.")
        started = time.perf_counter()
        self._turn.vocabulary = self.vocabulary()  # before the turn's session takes its connection
        try:
            return self._ask(principal, text, conversation_id, started)
        finally:
            self._turn.vocabulary = None

    def _ask(self, principal: Principal, text: str, conversation_id: str | None, started: float) -> Turn:
        from langchain_core.messages import AIMessage, HumanMessage

        with Session(self.engine, expire_on_commit=False) as session:
            convo = open_conversation(session, conversation_id, principal.id, principal.audience)
            # A new conversation has no history to load.
            history = load_history(session, convo.id, self.settings.history_turns) if conversation_id else []
            deps = self.tool_deps(session, principal, conversation_id=convo.id)
            human = HumanMessage(content=text)
            state = self.agent_for(principal.audience).invoke({"messages": [*history, human]}, context=deps)
            new_messages = [human, *state["messages"][len(history) + 1:]]
            # The turn's writes, in one short transaction at the end.
            session.add_all(deps.pending_audit)
            save_messages(session, convo, new_messages)
            session.commit()
        final = next((m for m in reversed(new_messages) if isinstance(m, AIMessage) and not m.tool_calls), None)
        answer = str(final.content) if final is not None else ""
        return Turn(conversation_id=convo.id, answer=answer, language=language_of(text),
                    tool_calls=in_call_order(deps.results, new_messages),
                    duration_ms=round((time.perf_counter() - started) * 1000, 2))
