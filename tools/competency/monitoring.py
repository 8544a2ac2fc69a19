"""Monitoring rules: watch each competency's monthly failure share and turn a lasting trend into a proposal.

Rules only ever propose. A proposal is applied without an HR manager's approval only when a rule
says `auto_apply: true` (a deployment decision, off by default). Rules live in
`knowledge/monitoring.yaml`; `run_monitoring(deps)` is what `python app.py monitor` and the
scheduler call, and `monitor_competencies` is the same as a tool.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Literal, Optional

import yaml
from pydantic import BaseModel, Field
from sqlalchemy import extract, func, select
from sqlalchemy.orm import aliased

from candor import audit
from candor.models import (
    CompetencyChangeProposal,
    FailureCategory,
    FailureReason,
    Interview,
    Outcome,
)
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.competency.insights import FIRST_MONTHS, MIN_HIRES, SENSITIVITY, RoleAnalysis
from tools.competency.proposals import (
    FLOOR,
    MAX_STEP,
    ProposalResult,
    apply_proposal,
    build_proposal,
)
from tools.shared.hires import add_months
from tools.shared.lookup import (
    CompetencyRef,
    RoleRef,
    competency_ref,
    resolve_role,
    role_ref,
    vocabulary_of,
)

RULES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "monitoring.yaml"


class MonitoringRule(BaseModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")
    kind: Literal["above", "falling"]
    # above: the share exceeds `limit` in each of the last `months` complete months
    limit: float = Field(40.0, ge=0, le=100, description="percent of the month's failed interviews")
    months: int = Field(3, ge=2, le=24)
    # falling: over the last `months` months the share fell from at least `from_share` to at most `to_share`
    # without rising by more than `tolerance` points from one month to the next
    from_share: float = Field(50.0, ge=0, le=100)
    to_share: float = Field(20.0, ge=0, le=100)
    tolerance: float = Field(5.0, ge=0, le=100)
    min_failed: int = Field(5, ge=1, description="months with fewer failed interviews do not count")
    roles: list[str] = Field(default_factory=list, description="role keys; empty: every role")
    auto_apply: bool = False


class MonitoringConfig(BaseModel):
    rules: list[MonitoringRule]
    max_step: float = Field(MAX_STEP, ge=1, le=50)
    floor: float = Field(FLOOR, ge=0, le=25)
    months: int = Field(FIRST_MONTHS, ge=1, le=24, description="first months of performance behind a proposal")
    min_hires: int = Field(MIN_HIRES, ge=4)


DEFAULT_CONFIG = MonitoringConfig(rules=[
    MonitoringRule(name="high_failure_share", kind="above", limit=40, months=3),
    MonitoringRule(name="steady_fall", kind="falling", months=4, from_share=50, to_share=20),
])


def load_config(path: Path = RULES_FILE) -> MonitoringConfig:
    if not path.exists():
        return DEFAULT_CONFIG
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return MonitoringConfig.model_validate(data)


class MonthShare(BaseModel):
    month: str
    failed: int
    on_competency: int
    share: Optional[float] = Field(description="percent of the month's failed interviews with a gap on it")


class Alert(BaseModel):
    rule: str
    kind: str
    role: RoleRef
    competency: CompetencyRef
    months: list[MonthShare]
    summary_en: str
    summary_zh: str
    proposal_id: Optional[int] = None
    proposal_created: bool = False
    applied_version: Optional[int] = None
    no_proposal_reason: Optional[str] = None
    no_proposal_reason_zh: Optional[str] = None


class MonitoringResult(BaseModel):
    checked_roles: int
    months: list[str] = Field(description="the complete months looked at")
    alerts: list[Alert]
    proposals_created: int
    proposals_applied: int


def complete_months(today: date, count: int) -> list[date]:
    """First days of the last `count` complete calendar months, oldest first."""
    return [add_months(today, -i) for i in range(count, 0, -1)]


def monthly_shares(conn, role_id: int, first: date, last_excl: date) -> dict[int, dict[str, tuple[int, int]]]:
    """competency id -> {"YYYY-MM": (failed interviews that month, of them with a gap on it)}."""
    start = datetime.combine(first, time.min, tzinfo=timezone.utc)
    end = datetime.combine(last_excl, time.min, tzinfo=timezone.utc)
    scope = [Interview.role_id == role_id, Interview.interviewed_at >= start, Interview.interviewed_at < end,
             Interview.outcome == Outcome.failed]
    year, month = extract("year", Interview.interviewed_at), extract("month", Interview.interviewed_at)
    totals = {f"{int(y):04d}-{int(m):02d}": int(n)
              for y, m, n in conn.execute(select(year, month, func.count()).where(*scope).group_by(year, month))}
    gap = aliased(FailureReason)
    rows = conn.execute(
        select(gap.competency_id, year, month, func.count(func.distinct(gap.interview_id)))
        .select_from(gap).join(Interview, Interview.id == gap.interview_id)
        .where(*scope, gap.category == FailureCategory.competency_gap, gap.competency_id.is_not(None))
        .group_by(gap.competency_id, year, month))
    out: dict[int, dict[str, tuple[int, int]]] = {}
    for cid, y, m, n in rows:
        key = f"{int(y):04d}-{int(m):02d}"
        out.setdefault(int(cid), {})[key] = (totals.get(key, 0), int(n))
    for cid in out:
        for key, n in totals.items():
            out[cid].setdefault(key, (n, 0))
    return out


def evaluate(rule: MonitoringRule, series: list[MonthShare]) -> bool:
    """Whether the last `rule.months` points of a monthly series trigger the rule."""
    window = series[-rule.months:]
    if len(window) < rule.months or any(p.failed < rule.min_failed or p.share is None for p in window):
        return False
    shares = [p.share for p in window]
    if rule.kind == "above":
        return all(s > rule.limit for s in shares)
    rises = all(b - a <= rule.tolerance for a, b in zip(shares, shares[1:]))
    return shares[0] >= rule.from_share and shares[-1] <= rule.to_share and rises


def _summary(rule: MonitoringRule, role, comp, window: list[MonthShare]) -> tuple[str, str]:
    trail = ", ".join(f"{p.month} {p.share:g}%" for p in window)
    trail_zh = "，".join(f"{p.month} {p.share:g}%" for p in window)
    if rule.kind == "above":
        return (f"{comp.name_en} caused over {rule.limit:g}% of {role.name_en} failures for {len(window)} months "
                f"in a row ({trail}).",
                f"{role.name_zh}连续{len(window)}个月超过{rule.limit:g}%的未通过面试因{comp.name_zh}不达标（{trail_zh}）。")
    return (f"The share of {role.name_en} failures on {comp.name_en} fell steadily over {len(window)} months "
            f"({trail}).",
            f"{role.name_zh}因{comp.name_zh}未通过的占比在{len(window)}个月内持续下降（{trail_zh}）。")


def run_monitoring(deps: ToolDeps, config: MonitoringConfig | None = None) -> MonitoringResult:
    """Evaluate every rule on every role; each trend becomes an alert and, where the performance data
    support a weight change, a proposal (applied at once only for rules with auto_apply)."""
    config = config or load_config()
    conn, vocab = deps.session.connection(), vocabulary_of(deps)
    longest = max((r.months for r in config.rules), default=0)
    months = complete_months(deps.now.date(), longest)
    labels = [m.strftime("%Y-%m") for m in months]
    alerts, created, applied = [], 0, 0
    analyses: dict[int, RoleAnalysis] = {}
    for role in vocab.roles:
        rules = [r for r in config.rules if not r.roles or role.key in r.roles]
        if not rules or not months:
            continue
        shares = monthly_shares(conn, role.id, months[0], add_months(months[-1], 1))
        for comp in (c for c in vocab.competencies if c.role_id == role.id):
            per_month = shares.get(comp.id, {})
            series = []
            for label in labels:
                failed, on = per_month.get(label, (0, 0))
                series.append(MonthShare(month=label, failed=failed, on_competency=on,
                                         share=round(100 * on / failed, 1) if failed else None))
            for rule in rules:
                if not evaluate(rule, series):
                    continue
                window = series[-rule.months:]
                en, zh = _summary(rule, role, comp, window)
                alert = Alert(rule=rule.name, kind=rule.kind, role=role_ref(role),
                              competency=competency_ref(comp, vocab), months=window, summary_en=en, summary_zh=zh)
                if role.id not in analyses:
                    analyses[role.id] = RoleAnalysis(deps, role, metric=None, months=config.months,
                                                     min_hires=config.min_hires)
                _propose(deps, config, rule, alert, analyses[role.id])
                created += alert.proposal_created
                if alert.applied_version is not None:
                    applied += 1
                    analyses.pop(role.id)  # the active model changed
                alerts.append(alert)
    return MonitoringResult(checked_roles=len(vocab.roles), months=labels, alerts=alerts, proposals_created=created,
                            proposals_applied=applied)


def _propose(deps: ToolDeps, config: MonitoringConfig, rule: MonitoringRule, alert: Alert, a: RoleAnalysis) -> None:
    trigger = {"kind": "monitoring", "rule": rule.name, "competency": alert.competency.key,
               "months": [m.model_dump() for m in alert.months]}
    result: ProposalResult = build_proposal(
        deps, a, max_step=config.max_step, floor=config.floor, sensitivity=SENSITIVITY, questions=[],
        created_by=f"rule:{rule.name}", trigger=trigger, lead_en=alert.summary_en, lead_zh=alert.summary_zh)
    if result.proposal_id is None:
        alert.no_proposal_reason = result.notes[-1] if result.notes else "no weight change is supported"
        alert.no_proposal_reason_zh = result.notes_zh[-1] if result.notes_zh else "没有需要调整的权重"
        return
    alert.proposal_id, alert.proposal_created = result.proposal_id, result.created
    if result.created:
        audit.record(deps.session, deps.principal, "monitoring_proposal",
                     {"rule": rule.name, "proposal_id": result.proposal_id, "competency": alert.competency.key},
                     detail=alert.summary_en)
    if rule.auto_apply and result.created:
        proposal = deps.session.get(CompetencyChangeProposal, result.proposal_id)
        model, _ = apply_proposal(deps, proposal, f"auto-applied by rule {rule.name}")
        proposal.status, proposal.applied_model_id = "applied", model.id
        proposal.decided_by, proposal.decided_at = f"rule:{rule.name}", deps.now
        deps.session.add(proposal)
        audit.record(deps.session, deps.principal, "competency_model_applied",
                     {"proposal_id": proposal.id, "model_id": model.id, "version": model.version,
                      "auto_apply_rule": rule.name}, detail="auto-applied by a monitoring rule")
        alert.applied_version = model.version
    deps.session.flush()


class MonitorArgs(BaseModel):
    role: Optional[str] = Field(None, description="Only this role (English or Chinese name); default: every role.")


def monitor_competencies(deps: ToolDeps, args: MonitorArgs) -> MonitoringResult:
    """Run the competency monitoring rules now: competencies whose share of failed interviews stayed above
    the limit for several months (default 40 % for 3 months) or fell steadily (e.g. 50 % to 20 %). Each
    trend is reported and turned into a weight proposal for an HR manager to approve; nothing is applied."""
    config = load_config()
    if args.role:
        role = resolve_role(vocabulary_of(deps), args.role, deps.settings)
        config = config.model_copy(update={"rules": [r.model_copy(update={"roles": [role.key], "auto_apply": False})
                                                     for r in config.rules if not r.roles or role.key in r.roles]})
    else:
        config = config.model_copy(update={"rules": [r.model_copy(update={"auto_apply": False})
                                                     for r in config.rules]})
    if not config.rules:
        raise ToolError("no_rules", "No monitoring rule applies; see knowledge/monitoring.yaml.",
                        message_zh="没有适用的监控规则；请查看 knowledge/monitoring.yaml。")
    return run_monitoring(deps, config)


SPEC = ToolSpec(name="monitor_competencies", func=monitor_competencies, args_model=MonitorArgs,
                audiences=("hr_manager",), changes_data=True)
