"""Run a feedback tool outside a chat turn (the HTTP API, the CLI): one session, one transaction.

A refused change rolls back, but its audit event (written by the tool adapter) is still committed.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from ..base import Principal, ToolDeps, ToolError, ToolSpec


def run_tool(assistant: Any, principal: Principal, spec: ToolSpec, args: dict) -> Any:
    """`assistant`: an `assistant.agent.Assistant` (its engine, settings, clock and vocabulary)."""
    with Session(assistant.engine, expire_on_commit=False) as session:
        deps = ToolDeps(session=session, principal=principal, now=assistant.clock(), pending_audit=[],
                        vocabulary=assistant.vocabulary(), settings=assistant.settings)
        try:
            result = spec.call(deps, args)
        except Exception:
            session.rollback()
            session.add_all(deps.pending_audit)
            session.commit()
            raise
        session.add_all(deps.pending_audit)
        session.commit()
        return result


__all__ = ["run_tool", "ToolError"]
