"""The one writer of the audit log: every tool call, refused action and state change goes through here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from candor.models import AuditEvent
from candor.principal import Principal

OUTCOMES = ("ok", "error", "denied")


def audit_event(principal: Principal, action: str, arguments: dict[str, Any] | None = None, *, outcome: str = "ok",
                detail: str = "", duration_ms: float | None = None, conversation_id: str | None = None,
                at: datetime | None = None) -> AuditEvent:
    """An audit event, not yet stored (a turn keeps its events and writes them with the rest of its writes)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"audit outcome must be one of {OUTCOMES}, not {outcome!r}")
    event = AuditEvent(principal_id=principal.id[:128], audience=principal.audience, action=action[:64],
                       arguments=dict(arguments or {}), outcome=outcome, detail=(detail or "")[:2000],
                       duration_ms=duration_ms, conversation_id=conversation_id)
    if at is not None:
        event.at = at
    return event


def record(session: Session, principal: Principal, action: str, arguments: dict[str, Any] | None = None,
           **fields: Any) -> AuditEvent:
    """Add an audit event to `session` (committed with the caller's transaction)."""
    event = audit_event(principal, action, arguments, **fields)
    session.add(event)
    session.flush()
    return event
