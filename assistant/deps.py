"""The one place a tool's runtime (`ToolDeps`) is built: chat turns, direct actions and scheduled runs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from candor.principal import Principal
from tools.base import ToolDeps


def tool_deps(session: Session, principal: Principal, *, now: datetime, settings: Any = None,
              vocabulary: Any = None, knowledge: Any = None, conversation_id: str | None = None,
              reports_dir: Path | None = None, defer_audit: bool = True) -> ToolDeps:
    """`defer_audit`: audit events wait in `deps.pending_audit` and the caller writes them with the rest of its
    turn, so a read-only question never holds SQLite's single write lock while it runs."""
    if reports_dir is None and settings is not None:
        reports_dir = getattr(settings, "reports_dir", None)
    return ToolDeps(session=session, principal=principal, now=now, conversation_id=conversation_id,
                    vocabulary=vocabulary, pending_audit=[] if defer_audit else None, knowledge=knowledge,
                    reports_dir=reports_dir, settings=settings)
