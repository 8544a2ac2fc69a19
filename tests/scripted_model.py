"""A scripted chat model for plumbing tests: `enqueue()` the replies and tool calls the model will make, in order;
`history` keeps every list of messages it was called with. Surfaces can then be tested without the planner."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import PrivateAttr


class ScriptedChatModel(BaseChatModel):
    _queue: list[AIMessage] = PrivateAttr(default_factory=list)
    _history: list[list[BaseMessage]] = PrivateAttr(default_factory=list)
    _tools_seen: list[list[str]] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def history(self) -> list[list[BaseMessage]]:
        return self._history

    @property
    def tools_seen(self) -> list[list[str]]:
        """The tool names offered on each call (what the audience may use)."""
        return self._tools_seen

    def enqueue(self, reply: str | None = None, *, tool: str | None = None, args: dict | None = None) -> "ScriptedChatModel":
        if tool is not None:
            self._queue.append(AIMessage(content="", tool_calls=[{"name": tool, "args": args or {},
                                                                  "id": f"call_{uuid.uuid4().hex[:8]}",
                                                                  "type": "tool_call"}]))
        else:
            self._queue.append(AIMessage(content=reply or ""))
        return self

    def bind_tools(self, tools, *, tool_choice: str | None = None, **kwargs: Any):
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any) -> ChatResult:
        self._history.append(list(messages))
        self._tools_seen.append([t["function"]["name"] for t in kwargs.get("tools") or []])
        if not self._queue:
            raise AssertionError("the scripted model was called more often than replies were enqueued")
        return ChatResult(generations=[ChatGeneration(message=self._queue.pop(0))])
