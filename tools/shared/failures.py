"""Failure statistics: how often AI interviews fail, why, on which competencies, and the trend."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field

from candor.models import EXCLUDED_OUTCOMES as EXCLUDED
from candor.periods import Period, PeriodError, default_period, parse_period
from candor.scales import COMMON, SCALES
from tools.base import ToolDeps, ToolError, pct
from tools.shared.failure_queries import Cells, read_cells
from tools.shared.lookup import (
    CompetencyRef,
    RoleRef,
    competency_ref,
    resolve_competencies,
    resolve_role,
    role_ref,
    vocabulary_of,
)

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
    score_scale: str = Field("0-100", description="the scale the role is scored on")
    mean_gap_on_scale: Optional[float] = Field(None, description="the mean gap in the role's own scale units "
                                                                 "(None when it is scored 0–100)")


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
    not_completed: dict[str, int] = Field(default_factory=dict, description="interviews left out of the rates "
                                          "because they did not complete: withdrawn, no_show, technical_failure")
    notes: list[str] = Field(default_factory=list)
    notes_zh: list[str] = Field(default_factory=list, description="the same notes in Chinese")


def failure_stats(deps: ToolDeps, args: FailureStatsArgs) -> FailureStatsResult:
    """Failure statistics for AI interviews: failure rate with the number of interviews behind it,
    the share of each failure category (job match, competency gap, behaviour inconsistency), the
    competencies candidates fail most with their mean gap to the minimum, the monthly trend, and for
    all roles a per-role breakdown. Filter by role, period, competency and category."""
    # Core statements on the session's connection: the ORM layer adds nothing to aggregates.
    conn, vocab = deps.session.connection(), vocabulary_of(deps)
    role = resolve_role(vocab, args.role, deps.settings) if args.role else None
    try:
        period = parse_period(args.period, deps.now) if args.period else default_period(deps.now)
    except PeriodError as exc:
        raise ToolError("bad_period", str(exc), period=args.period) from None
    comps = resolve_competencies(vocab, args.competency, role) if args.competency else []
    cells = read_cells(conn, period.start, period.end, role.id if role else None)
    # A filter redefines "failed": failed with a reason of that category, or a gap on that competency.
    if comps:
        failed_dim, failed_keys = "gap", [str(c.id) for c in comps]
    elif args.category:
        failed_dim, failed_keys = "category", [args.category]
    else:
        failed_dim, failed_keys = "outcome", ["failed"]

    def failed_in(role_id=None, month=None) -> int:
        return sum(cells.total(failed_dim, k, role=role_id, month=month) for k in failed_keys)

    def outcomes(role_id=None, month=None) -> int:
        return sum(cells.total("outcome", o, role=role_id, month=month) for o in ("passed", "failed", "under_review"))

    interviews, failed = outcomes(), failed_in()
    passed, under_review = cells.total("outcome", "passed"), cells.total("outcome", "under_review")
    reasons = _reason_shares(cells, failed, args.category, bool(comps))
    top = _top_competencies(cells, failed, comps, args, vocab)
    trend = [MonthPoint(month=m, interviews=outcomes(month=m), failed=failed_in(month=m),
                        failure_rate=pct(failed_in(month=m), outcomes(month=m))) for m in period.months()]
    by_role = [] if role is not None else sorted(
        (RoleRow(role=role_ref(vocab.role_by_id(r)), interviews=outcomes(r), failed=failed_in(r),
                 failure_rate=pct(failed_in(r), outcomes(r))) for r in cells.roles()),
        key=lambda row: (-(row.failure_rate or 0), row.role.key))
    by_role = [row for row in by_role if row.interviews]  # a role whose interviews all broke off has no rate
    not_completed = {o.value: n for o in EXCLUDED if (n := cells.total("outcome", o.value))}

    notes, notes_zh = [], []
    if interviews == 0:
        notes.append("no scored interviews in this period")
        notes_zh.append("该时段没有已评分的面试")
    elif interviews < SMALL_SAMPLE:
        notes.append(f"small sample: {interviews} interview{'' if interviews == 1 else 's'}, so rates can swing widely")
        notes_zh.append(f"样本较小：仅 {interviews} 场面试，比率可能大幅波动")
    return FailureStatsResult(not_completed=not_completed,
        role=role_ref(role, args.role) if role else None, period=period,
        competency=competency_ref(comps[0], vocab) if comps else None, category=args.category,
        category_label_en=CATEGORY_LABELS[args.category][0] if args.category else None,
        category_label_zh=CATEGORY_LABELS[args.category][1] if args.category else None,
        interviews=interviews, failed=failed, passed=passed, under_review=under_review,
        failure_rate=pct(failed, interviews), pass_rate=pct(passed, interviews), reasons=reasons,
        top_competencies=top, trend=trend,
        by_role=by_role, notes=notes, notes_zh=notes_zh)


def _reason_shares(cells: Cells, failed: int, category: str | None, by_competency: bool) -> list[ReasonShare]:
    if by_competency:  # failures on one competency are competency gaps by definition
        counts = {"competency_gap": failed}
    else:
        counts = {k: cells.total("category", k) for k in cells.keys("category") if not category or k == category}
    shares = [ReasonShare(category=k, label_en=CATEGORY_LABELS[k][0], label_zh=CATEGORY_LABELS[k][1],
                          failed_interviews=n, share=pct(n, failed) or 0.0) for k, n in counts.items() if n]
    return sorted(shares, key=lambda s: (-s.failed_interviews, s.category))


def _top_competencies(cells: Cells, failed: int, comps, args: FailureStatsArgs, vocab) -> list[CompetencyFailure]:
    if args.category not in (None, "competency_gap"):
        return []  # only competency gaps name a competency
    keys = [str(c.id) for c in comps] if comps else sorted(cells.keys("gap"))
    by_id = {c.id: c for c in vocab.competencies}
    rows = []
    for key in keys:
        n = cells.total("gap", key)
        if n:
            gap_sum, gap_count = cells.gap(key)
            gap = gap_sum / gap_count if gap_count else 0.0
            scale = vocab.role_by_id(by_id[int(key)].role_id).score_scale or COMMON
            low, high = SCALES.get(scale, SCALES[COMMON])
            rows.append(CompetencyFailure(competency=competency_ref(by_id[int(key)], vocab), failed_interviews=n,
                                          share=pct(n, failed) or 0.0, mean_gap=round(gap, 1), score_scale=scale,
                                          mean_gap_on_scale=None if scale in (COMMON, "percent")
                                          else round(gap / 100 * (high - low), 2)))
    rows.sort(key=lambda r: (-r.failed_interviews, r.competency.role_key, r.competency.key))
    return rows[:args.top]

