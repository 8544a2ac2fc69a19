"""Recruiter reports: a role's (or every role's) AI-interview summary for a period, with a chart and a CSV.

The failure numbers come from `failure_stats` itself, so a report and a statistics answer never
disagree; this module adds only what that tool lacks: the time from interview to decision and the
open feedback drafts. The files are written by `report_files.py` (matplotlib is imported there, when
a chart is asked for).
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, Field
from sqlalchemy import func, select

from candor.models import DECIDED_OUTCOMES as DECIDED
from candor.models import FeedbackDraft, Interview
from candor.periods import Period, PeriodError, parse_period, period_bounds
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.reports.files import write_chart, write_csv
from tools.shared.failures import (
    CATEGORY_LABELS,
    CompetencyFailure,
    FailureStatsArgs,
    ReasonShare,
    RoleRow,
    failure_stats,
)
from tools.shared.lookup import RoleRef, vocabulary_of

DEFAULT_REPORTS_DIR = Path("data/reports")
TREND_MONTHS = 6  # a one-month report still shows the months before it
OPEN_DRAFT_STATUSES = ("draft", "approved")


class BuildReportArgs(BaseModel):
    role: Optional[str] = Field(None, description="Role name or alias in English or Chinese, e.g. 'Field Technician' "
                                                  "or '市场策划'. Omit for all roles.")
    period: str = Field("last month", description="Report period in English or Chinese, e.g. 'last month' (a monthly "
                                                   "report), '2026-Q3' (a Q3 report), 'last quarter', '上个月'.")
    chart: bool = Field(False, description="Also draw the monthly failure-rate chart (PNG).")
    language: Literal["en", "zh"] = Field("en", description="Language of the chart and CSV labels.")


class ReportMonth(BaseModel):
    month: str
    in_period: bool = Field(description="the month belongs to the report period (else it is earlier context)")
    interviews: int
    failed: int
    failure_rate: Optional[float]
    reasons: dict[str, int] = Field(description="failed interviews per failure category in the month")


class DecisionTime(BaseModel):
    decided_interviews: int = Field(description="interviews in the period with a decision time")
    median_hours: Optional[float]
    p90_hours: Optional[float] = Field(description="90th percentile (linear interpolation)")


class FeedbackBacklog(BaseModel):
    draft: int = Field(description="feedback drafts awaiting approval")
    approved: int = Field(description="approved feedback not sent yet")
    total: int


class BuildReportResult(BaseModel):
    role: Optional[RoleRef]
    period: Period
    language: str
    interviews: int
    passed: int
    failed: int
    under_review: int
    failure_rate: Optional[float]
    pass_rate: Optional[float]
    reasons: list[ReasonShare] = Field(description="failure categories, most frequent first")
    top_competencies: list[CompetencyFailure] = Field(description="competencies failed most, with the mean gap")
    by_role: list[RoleRow] = Field(default_factory=list)
    trend_period: Period = Field(description="the months the trend covers: the report period, or the "
                                             f"{TREND_MONTHS} months ending with it")
    months: list[ReportMonth]
    decision_time: DecisionTime
    open_feedback_drafts: FeedbackBacklog = Field(description="feedback not sent yet, as of the report date")
    as_of: date
    csv_path: str
    chart_path: Optional[str] = None
    chart_title: Optional[str] = None
    chart_font: Optional[str] = Field(None, description="the font family the chart's labels use")
    notes: list[str] = Field(default_factory=list)
    notes_zh: list[str] = Field(default_factory=list, description="the same notes in Chinese")


def build_report(deps: ToolDeps, args: BuildReportArgs) -> BuildReportResult:
    """A recruiter report for one role (or all roles) over a period (default: last month): interview
    volume, passed / failed / under review, failure rate, the top failure reasons and their trend by
    month, the competencies failed most with their mean gap, open feedback drafts, and the median and
    p90 hours from interview to decision. Writes a CSV export and, with chart=true, a PNG chart of the
    monthly failure rate; the result holds their paths."""
    stats = failure_stats(deps, FailureStatsArgs(role=args.role, period=args.period))
    period = stats.period
    trend_period = _trend_period(period, deps)
    trend_args = dict(role=args.role, period=trend_period.expression)
    trend = stats if trend_period == period else failure_stats(deps, FailureStatsArgs(**trend_args))
    by_category = {c: failure_stats(deps, FailureStatsArgs(**trend_args, category=c)).trend for c in CATEGORY_LABELS}
    in_period = set(period.months())
    months = [ReportMonth(month=p.month, in_period=p.month in in_period, interviews=p.interviews, failed=p.failed,
                          failure_rate=p.failure_rate,
                          reasons={c: points[i].failed for c, points in by_category.items()})
              for i, p in enumerate(trend.trend)]

    role_id = _role_id(deps, stats.role)
    result = BuildReportResult(
        role=stats.role, period=period, language=args.language, interviews=stats.interviews, passed=stats.passed,
        failed=stats.failed, under_review=stats.under_review, failure_rate=stats.failure_rate,
        pass_rate=stats.pass_rate, reasons=stats.reasons, top_competencies=stats.top_competencies,
        by_role=stats.by_role, trend_period=trend_period, months=months,
        decision_time=_decision_time(deps, period, role_id), open_feedback_drafts=_open_drafts(deps, role_id),
        as_of=deps.now.date(), csv_path="", notes=list(stats.notes),
        notes_zh=list(stats.notes_zh))

    # Files last: they are written from the numbers above and nothing else.
    folder = Path(deps.reports_dir or DEFAULT_REPORTS_DIR).resolve()
    stem = f"report_{stats.role.key if stats.role else 'all_roles'}_{period.start}_{period.end}_{args.language}"
    result.csv_path = str(write_csv(result, folder / f"{stem}.csv"))
    if args.chart:
        chart = write_chart(result, folder / f"{stem}.png")
        result.chart_path, result.chart_title, result.chart_font = str(chart.path), chart.title, chart.font
        if chart.note:
            result.notes.append(chart.note)
            result.notes_zh.append(chart.note_zh)
    return result


def _trend_period(period: Period, deps: ToolDeps) -> Period:
    year, month = period.end.year, period.end.month - (TREND_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    start = min(period.start, date(year, month, 1))
    try:
        return parse_period(f"{start.isoformat()}..{period.end.isoformat()}", deps.now)
    except PeriodError as exc:  # cannot happen for a period parse_period produced; say so if it does
        raise ToolError("bad_period", str(exc), period=period.expression) from None


def _role_id(deps: ToolDeps, role: RoleRef | None) -> int | None:
    if role is None:
        return None
    return next(r.id for r in vocabulary_of(deps).roles if r.key == role.key)


def _decision_time(deps: ToolDeps, period: Period, role_id: int | None) -> DecisionTime:
    start, end = period_bounds(period)
    query = select(Interview.interviewed_at, Interview.decided_at).where(
        Interview.interviewed_at >= start, Interview.interviewed_at < end, Interview.outcome.in_(DECIDED),
        Interview.decided_at.is_not(None))
    if role_id is not None:
        query = query.where(Interview.role_id == role_id)
    hours = sorted(max((decided - interviewed).total_seconds(), 0.0) / 3600
                   for interviewed, decided in deps.session.connection().execute(query))
    return DecisionTime(decided_interviews=len(hours), median_hours=_rounded(percentile(hours, 50)),
                        p90_hours=_rounded(percentile(hours, 90)))


def percentile(ordered: list[float], q: float) -> float | None:
    """The q-th percentile of sorted values, interpolating linearly between ranks (numpy's default)."""
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _open_drafts(deps: ToolDeps, role_id: int | None) -> FeedbackBacklog:
    query = (select(FeedbackDraft.status, func.count()).where(FeedbackDraft.status.in_(OPEN_DRAFT_STATUSES))
             .group_by(FeedbackDraft.status))
    if role_id is not None:
        query = query.join(Interview, Interview.id == FeedbackDraft.interview_id).where(Interview.role_id == role_id)
    counts = {status: int(n) for status, n in deps.session.connection().execute(query)}
    return FeedbackBacklog(draft=counts.get("draft", 0), approved=counts.get("approved", 0),
                           total=sum(counts.values()))


SPEC = ToolSpec(name="build_report", func=build_report, args_model=BuildReportArgs,
                audiences=("hr_manager", "recruiter"))
