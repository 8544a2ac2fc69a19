"""What a competency-model change did: failure rate and new-hire performance before and after it."""

from __future__ import annotations

from datetime import datetime, timedelta
from statistics import fmean
from typing import Literal, Optional

from pydantic import BaseModel, Field
from sqlalchemy import case, func
from sqlmodel import select

from candor.clock import as_utc
from candor.models import DECIDED_OUTCOMES as DECIDED
from candor.models import (
    CompetencyChangeProposal,
    CompetencyModel,
    Employee,
    Interview,
    Outcome,
)
from knowledge.sync import active_model
from tools.base import ToolDeps, ToolError, ToolSpec, pct
from tools.competency.insights import (
    FIRST_MONTHS,
    MetricRef,
    metric_ref,
    p_label,
)
from tools.competency.proposals import AppliedWeight
from tools.shared.hires import Notes, load_hires, load_metrics, model_weights
from tools.shared.lookup import (
    RoleRef,
    competency_ref,
    resolve_role,
    role_ref,
    vocabulary_of,
)
from tools.shared.performance import role_metric_keys
from tools.shared.stats import fisher_exact

SMALL = 30


class OutcomeArgs(BaseModel):
    role: Optional[str] = Field(None, description="Role name in English or Chinese: its latest model change.")
    proposal_id: Optional[int] = Field(None, ge=1, description="An applied proposal's number.")
    metric: Optional[str] = Field(None, description="Performance metric key; default: the role's main metric.")
    months: int = Field(FIRST_MONTHS, ge=1, le=24, description="Average at most each hire's first N months.")
    before_days: Optional[int] = Field(None, ge=7, le=730, description="Length of the before window in days; "
                                                                       "default: as long as the after window "
                                                                       "(30 to 365 days).")


class Window(BaseModel):
    model_version: int
    start: datetime
    end: datetime
    interviews: int
    failed: int
    failure_rate: Optional[float]
    hires: int = Field(description="hires from these interviews with at least one month of the metric")
    performance_mean: Optional[float]
    months_covered: Optional[float] = Field(description="average months of performance behind each hire's mean")


class OutcomeResult(BaseModel):
    role: RoleRef
    proposal_id: Optional[int]
    changed_at: datetime
    before: Window
    after: Window
    failure_rate_change_points: Optional[float]
    failure_rate_change_pct: Optional[float] = Field(description="relative change of the failure rate, percent")
    failure_p_label: Optional[str] = Field(description="Fisher's exact test, failed vs not, before vs after")
    metric: Optional[MetricRef]
    performance_change_pct: Optional[float]
    performance_direction: Literal["better", "worse", "unchanged", "unknown"]
    performance_p_label: Optional[str] = Field(description="Welch's t-test on the hires' means")
    weights: list[AppliedWeight]
    notes: list[str]
    notes_zh: list[str]


def _models(deps: ToolDeps, args: OutcomeArgs) -> tuple[CompetencyModel, CompetencyModel, int | None]:
    session = deps.session
    if args.proposal_id is not None:
        proposal = session.get(CompetencyChangeProposal, args.proposal_id)
        if proposal is None:
            raise ToolError("unknown_proposal", f"There is no proposal {args.proposal_id}; list them with 'which "
                            "proposals are waiting for approval?'.", proposal_id=args.proposal_id,
                            message_zh=f"没有编号为 {args.proposal_id} 的方案；可以问“有哪些待审批的方案？”查看。")
        if proposal.applied_model_id is None:
            raise ToolError("not_applied", f"Proposal {proposal.id} is {proposal.status}, not applied, so there is "
                                           "no before/after to compare.", proposal_id=proposal.id,
                            status=proposal.status,
                        message_zh=f"{proposal.id}号提案的状态是 {proposal.status}，尚未应用，没有前后可以对比。")
        return (session.get(CompetencyModel, proposal.base_model_id),
                session.get(CompetencyModel, proposal.applied_model_id), proposal.id)
    if not args.role:
        raise ToolError("missing_argument", "Say which change: a role (its latest model change) or a proposal number.",
                        message_zh="请说明是哪次调整：一个岗位（看它最近一次模型调整）或一个提案编号。")
    role = resolve_role(vocabulary_of(deps), args.role, deps.settings)
    new = active_model(session, role.id)
    previous = session.exec(select(CompetencyModel).where(CompetencyModel.role_id == role.id,
                                                          CompetencyModel.version < (new.version if new else 0))
                            .order_by(CompetencyModel.version.desc())).first() if new else None
    if new is None or previous is None:
        raise ToolError("no_change", f"{role.name_en} has only ever had one competency model"
                                     + (f" (version {new.version})" if new else "")
                                     + ", so there is no change to compare.", role=role.key,
                        message_zh=f"{role.name_zh}只有过一个胜任力模型，没有调整可以对比。")
    proposal = session.exec(select(CompetencyChangeProposal.id)
                            .where(CompetencyChangeProposal.applied_model_id == new.id)).first()
    return previous, new, proposal


def _counts(conn, role_id: int, model_id: int, start: datetime, end: datetime) -> tuple[int, int]:
    row = conn.execute(select(func.count(), func.coalesce(func.sum(case((Interview.outcome == Outcome.failed, 1),
                                                                        else_=0)), 0))
                       .where(Interview.role_id == role_id, Interview.competency_model_id == model_id,
                              Interview.interviewed_at >= start, Interview.interviewed_at < end,
                              Interview.outcome.in_(DECIDED))).one()
    return int(row[0]), int(row[1])


def _hire_ids(conn, role_id: int, model_id: int, start: datetime, end: datetime) -> set[int]:
    return {eid for (eid,) in conn.execute(
        select(Employee.id).join(Interview, Interview.id == Employee.interview_id)
        .where(Employee.role_id == role_id, Interview.competency_model_id == model_id,
               Interview.interviewed_at >= start, Interview.interviewed_at < end))}


def proposal_outcome(deps: ToolDeps, args: OutcomeArgs) -> OutcomeResult:
    """What happened after a competency-model change (an applied proposal, or a role's latest change):
    the AI-interview failure rate and the new hires' performance before and after it, with the counts
    behind each figure and a caveat when the samples are small or the new hires have worked only a
    few months."""
    conn, vocab = deps.session.connection(), vocabulary_of(deps)
    old, new, proposal_id = _models(deps, args)
    role = vocab.role_by_id(new.role_id)
    changed_at, now = as_utc(new.created_at), as_utc(deps.now)
    after_days = max(0, (now - changed_at).days)
    before_days = args.before_days or max(30, min(365, after_days))
    before_start = changed_at - timedelta(days=before_days)
    end = now + timedelta(seconds=1)

    metrics = load_metrics(conn)
    wanted = role_metric_keys(role)
    key = args.metric or (wanted[0] if wanted else None)
    if args.metric and args.metric not in metrics:
        raise ToolError("unknown_metric", f"Unknown performance metric '{args.metric}'.", metric=args.metric,
                        message_zh=f"未知的绩效指标“{args.metric}”。")
    metric = metrics.get(key) if key else None
    hires = {h.employee_id: h for h in load_hires(conn, role.id, args.months, [key] if key else [])}

    def window(model: CompetencyModel, start: datetime, stop: datetime) -> tuple[Window, list[float]]:
        n, failed = _counts(conn, role.id, model.id, start, stop)
        values, covered = [], []
        for eid in _hire_ids(conn, role.id, model.id, start, stop):
            series = hires[eid].performance.get(key, []) if key else []
            if series:
                values.append(fmean(series))
                covered.append(len(series))
        return Window(model_version=model.version, start=start, end=min(stop, now), interviews=n, failed=failed,
                      failure_rate=pct(failed, n), hires=len(values),
                      performance_mean=round(fmean(values), 2) if values else None,
                      months_covered=round(fmean(covered), 1) if covered else None), values

    before, before_values = window(old, before_start, changed_at)
    after, after_values = window(new, changed_at, end)

    change_points = change_pct = fail_p = None
    if before.failure_rate is not None and after.failure_rate is not None:
        change_points = round(after.failure_rate - before.failure_rate, 1)
        change_pct = round(100 * (after.failure_rate - before.failure_rate) / before.failure_rate, 1) \
            if before.failure_rate else None
        fail_p = p_label(fisher_exact(after.failed, after.interviews - after.failed,
                                      before.failed, before.interviews - before.failed))
    perf_pct, direction, perf_p = None, "unknown", None
    if before.performance_mean is not None and after.performance_mean is not None and metric is not None:
        if before.performance_mean:
            perf_pct = round(100 * (after.performance_mean - before.performance_mean) / abs(before.performance_mean), 1)
        gain = (after.performance_mean - before.performance_mean) * (1 if metric.higher_is_better else -1)
        direction = "better" if gain > 0 else "worse" if gain < 0 else "unchanged"
        if len(before_values) >= 2 and len(after_values) >= 2:
            from scipy import stats

            perf_p = p_label(float(stats.ttest_ind(after_values, before_values, equal_var=False).pvalue))

    notes = Notes()
    for label, label_zh, w in (("before", "调整前", before), ("after", "调整后", after)):
        if w.interviews < SMALL:
            notes.add(f"small sample: {w.interviews} interviews {label} the change, so the failure rates can "
                      "swing widely", f"样本小：{label_zh}只有 {w.interviews} 场面试，失败率可能波动很大")
        if metric is not None and w.hires < SMALL:
            notes.add(f"small sample: {w.hires} hires {label} the change with {metric.name_en} data; treat the "
                      "performance difference as a first signal, not a result",
                      f"样本小：{label_zh}只有 {w.hires} 名录用者有{metric.name_zh}数据，绩效差异只能作为初步信号，"
                      "不能视为结论")
    for label, label_zh, w in (("before", "调整前", before), ("after", "调整后", after)):
        if w.months_covered is not None and w.months_covered < args.months:
            notes.add(f"hires {label} the change have {w.months_covered:g} months of performance on average (the "
                      f"comparison uses up to {args.months}), so early months weigh heavily",
                      f"{label_zh}的录用者平均只有 {w.months_covered:g} 个月的绩效数据（比较最多使用 {args.months} 个月），"
                      "入职初期的表现占比较大")
    old_w, new_w = model_weights(conn, old.id), model_weights(conn, new.id)
    comps = {c.id: c for c in vocab.competencies if c.role_id == role.id}
    weights = [AppliedWeight(competency=competency_ref(comps[cid], vocab),
                             before=round(old_w.get(cid, (0, 0))[0] * 100, 2), after=round(w * 100, 2), minimum=m)
               for cid, (w, m) in new_w.items() if cid in comps]
    return OutcomeResult(
        role=role_ref(role), proposal_id=proposal_id, changed_at=changed_at, before=before, after=after,
        failure_rate_change_points=change_points, failure_rate_change_pct=change_pct, failure_p_label=fail_p,
        metric=metric_ref(metric) if metric else None, performance_change_pct=perf_pct,
        performance_direction=direction, performance_p_label=perf_p,
        weights=sorted(weights, key=lambda w: -(w.after - w.before)), **notes.fields())


SPEC = ToolSpec(name="proposal_outcome", func=proposal_outcome, args_model=OutcomeArgs,
                audiences=("hr_manager", "recruiter"))
