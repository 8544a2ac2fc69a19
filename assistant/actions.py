"""Direct actions a surface takes without the model: a button click that approves a proposal runs
the named tool with the clicking principal, and a refused click is written to the audit log.

Surfaces call these instead of opening database sessions themselves.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from assistant.agent import Assistant
from candor import audit
from candor import candidate_links as links
from candor.db import session_scope
from candor.models import SlackDelivery
from candor.principal import Principal
from knowledge.sync import sync_catalogue
from tools.base import ToolError
from tools.candidate.requests import StaffRequest, list_requests, resolve_request
from tools.registry import get_tool


class ActionUnavailable(LookupError):
    """The tool behind an action is not installed in this deployment."""


def call_tool(assistant: Assistant, principal: Principal, name: str, arguments: dict[str, Any],
              conversation_id: str | None = None, **deps_extra: Any) -> BaseModel:
    """Run one tool as `principal` outside a conversation (CLI, web endpoints, buttons), audited.

    Arguments left as None take the tool's defaults; invalid arguments raise a ToolError saying which.
    """
    try:
        spec = get_tool(name)
    except KeyError:
        raise ActionUnavailable(name) from None
    vocabulary = assistant.vocabulary()  # before the session takes its connection
    with Session(assistant.engine, expire_on_commit=False) as session:
        # The assistant's settings and retriever, as in a chat turn: not the process-global defaults.
        deps = assistant.tool_deps(session, principal, conversation_id=conversation_id,
                                   **{"vocabulary": vocabulary, **deps_extra})
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
        audit.record(session, principal, action, arguments, outcome="denied", detail=detail, duration_ms=0.0)
        session.commit()


# -- candidate links and requests: what the web app and the CLI do for staff and for link holders ----------

class UnknownCandidate(LookupError):
    """No candidate with that reference."""


def verify_candidate_link(assistant: Assistant, token: str, settings: Any = None) -> links.LinkHolder:
    """The holder of a genuine, unexpired, unrevoked link (raises links.LinkError otherwise)."""
    with Session(assistant.engine) as session:
        return links.verify(session, links.link_secret(settings or assistant.settings), token, assistant.clock())


def issue_candidate_link(assistant: Assistant, principal: Principal, reference: str, *, days: int | None = None,
                         public_base_url: str | None = None, settings: Any = None) -> links.IssuedLink:
    """Sign and record a link for the candidate `reference` (external id, e.g. C000123), audited."""
    with Session(assistant.engine, expire_on_commit=False) as session:
        candidate = links.find_candidate(session, reference)
        if candidate is None:
            raise UnknownCandidate(f"No candidate {reference!r}: give the external id as imported or seeded, "
                                   "e.g. C000123.")
        issued = links.issue_link(session, settings or assistant.settings, candidate, issued_by=principal.id,
                                  now=assistant.clock(), days=days, public_base_url=public_base_url,
                                  audience=principal.audience)
        session.commit()
    return issued


def revoke_candidate_link(assistant: Assistant, principal: Principal, token_id: str) -> datetime | None:
    """Revoke an issued link (audited); the revocation time, or None when no such link was issued."""
    with Session(assistant.engine, expire_on_commit=False) as session:
        record = links.revoke_link(session, token_id, assistant.clock())
        if record is None:
            return None
        audit.record(session, principal, "revoke_candidate_link", {"token_id": token_id})
        session.commit()
        return record.revoked_at


def candidate_requests(assistant: Assistant, status: str | None, kind: str | None) -> list[StaffRequest]:
    with Session(assistant.engine) as session:
        return list_requests(session, status, kind)


def resolve_candidate_request(assistant: Assistant, principal: Principal, request_id: int, status: str,
                              resolution: str) -> StaffRequest:
    """Move a request on (raises ToolError: forbidden, not_found, closed)."""
    with Session(assistant.engine, expire_on_commit=False) as session:
        row = resolve_request(session, principal, request_id, status, resolution, assistant.clock(),
                              media_dir=assistant.settings.media_dir)
        session.commit()
        return row



def sync_role_profiles(database_url: str) -> dict[str, Any]:
    """Load the role profiles (knowledge/roles) into the database; the active model version per role."""
    with session_scope(database_url) as session:
        return sync_catalogue(session, source="index", questions=True)


DELIVERY_DAYS = 7  # far longer than any platform retries or replays a delivery


def first_delivery(assistant: Assistant, key: str) -> bool:
    """True the first time any process sees this delivery key (a Slack event id, a command's trigger id);
    False for a redelivery or a replay, also after a restart or on another server."""
    now = assistant.clock()
    with Session(assistant.engine) as session:
        session.add(SlackDelivery(key=key[:128], seen_at=now))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return False
        session.exec(delete(SlackDelivery).where(SlackDelivery.seen_at < now - timedelta(days=DELIVERY_DAYS)))
        session.commit()
    return True
