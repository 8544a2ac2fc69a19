"""Direct actions a surface takes without the model: a button click that approves a proposal runs
the named tool with the clicking principal, and a refused click is written to the audit log.

Surfaces call these instead of opening database sessions themselves.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from tools.base import Principal, ToolDeps, ToolError

from .agent import Assistant
from .models import AuditEvent


class ActionUnavailable(LookupError):
    """The tool behind an action is not installed in this deployment."""


def call_tool(assistant: Assistant, principal: Principal, name: str, arguments: dict[str, Any],
              conversation_id: str | None = None, **deps_extra: Any) -> BaseModel:
    """Run one tool as `principal` outside a conversation (CLI, web endpoints, buttons), audited.

    Arguments left as None take the tool's defaults; invalid arguments raise a ToolError saying which.
    """
    from tools.registry import get_tool

    try:
        spec = get_tool(name)
    except KeyError:
        raise ActionUnavailable(name) from None
    with Session(assistant.engine, expire_on_commit=False) as session:
        # The assistant's settings and retriever, as in a chat turn: not the process-global defaults.
        deps_extra = {"settings": assistant.settings, "knowledge": assistant.knowledge, **deps_extra}
        deps = ToolDeps(session=session, principal=principal, now=assistant.clock(), pending_audit=[],
                        conversation_id=conversation_id, vocabulary=assistant.vocabulary(), **deps_extra)
        try:
            result = spec.call(deps, {k: v for k, v in arguments.items() if v is not None})
        except Exception as exc:
            # A refused or failed call changes nothing, but its audit event is kept.
            session.rollback()
            session.add_all(deps.pending_audit)
            session.commit()
            if isinstance(exc, ValidationError):
                raise ToolError("bad_arguments", "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                                           for e in exc.errors())) from None
            raise
        session.add_all(deps.pending_audit)
        session.commit()
    return result


def run_tool(assistant: Assistant, principal: Principal, name: str, arguments: dict[str, Any],
             conversation_id: str | None = None) -> dict[str, Any]:
    """Run one tool as `principal` (audited by the tool adapter) and return its result as JSON data."""
    return call_tool(assistant, principal, name, arguments, conversation_id).model_dump(mode="json")


def record_denied(assistant: Assistant, principal: Principal, action: str, arguments: dict[str, Any],
                  detail: str) -> None:
    """Write a refused action (wrong audience, unknown user) to the audit log."""
    with Session(assistant.engine) as session:
        session.add(AuditEvent(principal_id=principal.id, audience=principal.audience, action=action[:64],
                               arguments=arguments, outcome="denied", detail=detail[:2000], duration_ms=0.0))
        session.commit()
