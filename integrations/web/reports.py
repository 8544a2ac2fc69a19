"""GET /api/reports: the recruiter report as JSON, its CSV export, or its chart (PNG)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import FileResponse

from integrations.reports.recruiter import ReportError, run_report
from integrations.web.deps import AssistantDep, StaffPrincipal
from tools.reports.build import BuildReportResult

router = APIRouter(prefix="/api", tags=["reports"])
STATUS = {"forbidden": status.HTTP_403_FORBIDDEN, "unknown_role": status.HTTP_404_NOT_FOUND}


@router.get("/reports", summary="A recruiter report", response_model=BuildReportResult,
            responses={200: {"content": {"text/csv": {}, "image/png": {}}}})
def report(principal: StaffPrincipal, assistant: AssistantDep,
           role: Optional[str] = Query(None, description="Role in English or Chinese; omit for all roles."),
           period: str = Query("last month", description="e.g. 'last month', '2026-Q3', '上个月'."),
           fmt: Literal["json", "csv", "png"] = Query("json", alias="format", description="json: the numbers; csv: "
                                                      "the export; png: the monthly failure-rate chart."),
           lang: Literal["en", "zh"] = Query("en", description="Language of the labels."),
           chart: bool = Query(False, description="With format=json, also draw the chart (png always does).")):
    """HR managers and recruiters; a plain `def`, so FastAPI runs the database work on its thread pool."""
    try:
        result = run_report(assistant, principal, role=role, period=period, language=lang,
                            chart=chart or fmt == "png")
    except ReportError as exc:
        raise HTTPException(STATUS.get(exc.code, status.HTTP_400_BAD_REQUEST), detail=exc.payload) from None
    if fmt == "csv":
        return _file(result.csv_path, "text/csv; charset=utf-8")
    if fmt == "png":
        return _file(result.chart_path, "image/png")
    return result


def _file(path: str | None, media_type: str) -> FileResponse:
    if not path or not Path(path).is_file():
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, detail="The report file was not written.")
    return FileResponse(path, media_type=media_type, filename=Path(path).name)
