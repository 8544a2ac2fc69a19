"""The recruiter report outside the chat: `python app.py report` and `GET /api/reports` run the
`build_report` tool (audited, as the caller) and hand back its result and files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.actions import call_tool
from candor.principal import Principal
from tools.base import ToolError
from tools.reports.build import BuildReportResult


class ReportError(RuntimeError):
    """The report could not be built as asked; the message says what to change."""

    def __init__(self, message: str, code: str = "bad_request", payload: dict[str, Any] | None = None):
        super().__init__(message)
        self.code, self.payload = code, payload or {"error": code, "message": message}


def run_report(assistant, principal: Principal, *, reports_dir: Path | None = None, **arguments) -> BuildReportResult:
    """Run build_report with the assistant's database, clock and names; the audit event is kept either way."""
    try:
        return call_tool(assistant, principal, "build_report", arguments,
                         reports_dir=reports_dir or assistant.settings.reports_dir)
    except ToolError as exc:
        raise ReportError(exc.message, exc.code, exc.payload()) from None


def render_report(result: BuildReportResult) -> str:
    """The report as the assistant would say it, in the report's language."""
    from prompts import render

    return render(f"answers/build_report.{result.language}.j2", result=result.model_dump(mode="json"))
