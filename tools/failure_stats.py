"""Failure statistics: how often AI interviews fail, why, on which competencies, and the trend."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Literal, Optional

from pydantic import BaseModel, Field

from assistant.models import FailureCategory

from .base import ToolDeps, ToolError, ToolSpec
from .failure_queries import Shape, statements
from .lookup import (CompetencyRef, RoleRef, competency_ref, resolve_competencies, resolve_role, role_ref,
                     vocabulary_of)
from .periods import Period, PeriodError, default_period, parse_period

CATEGORY_LABELS = {
    "job_match": ("job match (background below the role's requirements)", "岗位匹配不足"),
    "competency_gap": ("competency gap (a score under its minimum)", "胜任力差距"),
    "behavior_inconsistency": ("behaviour inconsistency (sent to human review)", "行为不一致"),
}
SMALL_SAMPLE = 30


class FailureStatsArgs(BaseModel):
    role: Optional[str] = Field(None, description="Role name or alias in English or Chinese, e.g. 'Marketing Planner' "
                                                  "or '市场策划'. Omit for all roles (adds a per-role breakdown).")
    period: Optional[str] = Field(None, description="Time period in English or Chinese, e.g. 'last 3 months', "
                                                    "'this quarter', '2026-Q3', 'since March', '近半年'. "
                                                    "Default: the last 12 months.")
    competency: Optional[str] = Field(None, description="Only failures on this competency, e.g. 'event execution'.")
    category: Optional[Literal["job_match", "competency_gap", "behavior_inconsistency"]] = Field(
        None, description="Only failures of this category.")
    top: int = Field(5, ge=1, le=20, description="How many top failing competencies to return.")


class ReasonShare(BaseModel):
    category: str
    label_en: str
    label_zh: str
    failed_interviews: int
    share: float = Field(description="percent of failed interviews with at least one reason of this category")


class CompetencyFailure(BaseModel):
    competency: CompetencyRef
    failed_interviews: int
    share: float = Field(description="percent of failed interviews with a gap on this competency")
    mean_gap: float = Field(description="mean points below the competency's minimum")


class MonthPoint(BaseModel):
    month: str
    interviews: int
    failed: int
    failure_rate: Optional[float]


class RoleRow(BaseModel):
    role: RoleRef
    interviews: int
    failed: int
    failure_rate: Optional[float]


class FailureStatsResult(BaseModel):
    role: Optional[RoleRef]
    period: Period
    competency: Optional[CompetencyRef] = None
    category: Optional[str] = None
    category_label_en: Optional[str] = None
    category_label_zh: Optional[str] = None
    interviews: int = Field(description="scored interviews in the period (passed, failed, under review)")
    failed: int = Field(description="failed interviews (matching the competency/category filter if any)")
    passed: int
    under_review: int
    failure_rate: Optional[float] = Field(description="failed / interviews, percent; null without interviews")
    pass_rate: Optional[float] = Field(description="passed / interviews, percent")
    reasons: list[ReasonShare]
    top_competencies: list[CompetencyFailure]
    trend: list[MonthPoint]
    by_role: list[RoleRow] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


def pct(part: int, whole: int) -> Optional[float]:
    return round(100.0 * part / whole, 1) if whole else None


def period_bounds(period: Period) -> tuple[datetime, datetime]:
    start = datetime.combine(period.start, time.min, tzinfo=timezone.utc)
    return start, datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=timezone.utc)


def failure_stats(deps: ToolDeps, args: FailureStatsArgs) -> FailureStatsResult:
    """Failure statistics for AI interviews: failure rate with the number of interviews behind it,
    the share of each failure category (job match, competency gap, behaviour inconsistency), the
    competencies candidates fail most with their mean gap to the minimum, the monthly trend, and for
    all roles a per-role breakdown. Filter by role, period, competency and category."""
    # Core statements on the session's connection: the ORM layer adds nothing to aggregates.
    conn, vocab = deps.session.connection(), vocabulary_of(deps)
    role = resolve_role(vocab, args.role) if args.role else None
    try:
        period = parse_period(args.period, deps.now) if args.period else default_period(deps.now)
    except PeriodError as exc:
        raise ToolError("bad_period", str(exc), period=args.period) from None
    comps = resolve_competencies(vocab, args.competency, role) if args.competency else []
    start, end = period_bounds(period)

    sql = statements(Shape(by_role=role is None, category=bool(args.category), competencies=bool(comps)))
    params = {"start": start, "end": end, "top": args.top}
    if role is not None:
        params["role_id"] = role.id
    if args.category:
        params["category"] = FailureCategory(args.category)
    if comps:
        params["comp_ids"] = [c.id for c in comps]
    interviews, failed, passed, under_review = (int(v) for v in conn.execute(sql.totals, params).one())
    reasons = _reason_shares(conn.execute(sql.reasons, params).all(), failed, args.category)
    top = _top_competencies(conn.execute(sql.top, params).all(), failed, vocab)
    trend = _trend(conn.execute(sql.trend, params).all(), period)
    by_role = _by_role(conn.execute(sql.per_role, params).all(), vocab) if role is None else []

    notes = []
    if interviews == 0:
        notes.append("no scored interviews in this period")
    elif interviews < SMALL_SAMPLE:
        notes.append(f"small sample: {interviews} interviews, so rates can swing widely")
    return FailureStatsResult(
        role=role_ref(role) if role else None, period=period,
        competency=competency_ref(comps[0], vocab) if comps else None, category=args.category,
        category_label_en=CATEGORY_LABELS[args.category][0] if args.category else None,
        category_label_zh=CATEGORY_LABELS[args.category][1] if args.category else None,
        interviews=interviews, failed=failed, passed=passed, under_review=under_review,
        failure_rate=pct(failed, interviews), pass_rate=pct(passed, interviews), reasons=reasons,
        top_competencies=top, trend=trend,
        by_role=by_role, notes=notes)


def _reason_shares(rows, failed: int, category: str | None) -> list[ReasonShare]:
    counts = {FailureCategory(c).value: int(n) for c, n in rows}
    if category:
        counts = {k: v for k, v in counts.items() if k == category}
    shares = [ReasonShare(category=k, label_en=CATEGORY_LABELS[k][0], label_zh=CATEGORY_LABELS[k][1],
                          failed_interviews=n, share=pct(n, failed) or 0.0) for k, n in counts.items()]
    return sorted(shares, key=lambda s: (-s.failed_interviews, s.category))


def _top_competencies(rows, failed: int, vocab) -> list[CompetencyFailure]:
    comps = {c.id: c for c in vocab.competencies}
    return [CompetencyFailure(competency=competency_ref(comps[cid], vocab), failed_interviews=int(cnt),
                              share=pct(int(cnt), failed) or 0.0, mean_gap=round(float(gap or 0), 1))
            for cid, cnt, gap in rows]


def _trend(rows, period: Period) -> list[MonthPoint]:
    found = {f"{int(y):04d}-{int(m):02d}": (int(n), int(f)) for y, m, n, f in rows}
    points = []
    for month in period.months():
        n, f = found.get(month, (0, 0))
        points.append(MonthPoint(month=month, interviews=n, failed=f, failure_rate=pct(f, n)))
    return points


def _by_role(rows, vocab) -> list[RoleRow]:
    out = [RoleRow(role=role_ref(vocab.role_by_id(rid)), interviews=int(n), failed=int(f),
                   failure_rate=pct(int(f), int(n))) for rid, n, f in rows]
    return sorted(out, key=lambda r: (-(r.failure_rate or 0), r.role.key))


SPEC = ToolSpec(name="failure_stats", func=failure_stats, args_model=FailureStatsArgs,
                audiences=("hr_manager", "recruiter", "evaluator"))
