"""The recruiter report outside the chat: `python app.py report` and `GET /api/reports` run the
`build_report` tool (audited, as the caller) and hand back its result and files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from tools.base import Principal, ToolDeps, ToolError
from tools.build_report import SPEC, BuildReportResult


class ReportError(RuntimeError):
    """The report could not be built as asked; the message says what to change."""

    def __init__(self, message: str, code: str = "bad_request", payload: dict[str, Any] | None = None):
        super().__init__(message)
        self.code, self.payload = code, payload or {"error": code, "message": message}


def run_report(assistant, principal: Principal, *, reports_dir: Path | None = None, **arguments) -> BuildReportResult:
    """Run build_report with the assistant's database, clock and names; the audit event is kept either way."""
    with Session(assistant.engine, expire_on_commit=False) as session:
        deps = ToolDeps(session=session, principal=principal, now=assistant.clock(), vocabulary=assistant.vocabulary(),
                        reports_dir=reports_dir or assistant.settings.reports_dir)
        try:
            result = SPEC.call(deps, {k: v for k, v in arguments.items() if v is not None})
        except ValidationError as exc:
            session.commit()
            raise ReportError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) \
                from None
        except ToolError as exc:
            session.commit()  # keep the audit event of the refused call
            raise ReportError(exc.message, exc.code, exc.payload()) from None
        session.commit()
    return result


def render_report(result: BuildReportResult) -> str:
    """The report as the assistant would say it, in the report's language."""
    from prompts import render

    return render(f"answers/build_report.{result.language}.j2", result=result.model_dump(mode="json"))
