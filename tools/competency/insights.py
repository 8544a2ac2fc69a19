"""Competency insights: do a role's interview scores predict how its hires perform and whether they stay?"""

from __future__ import annotations

from statistics import fmean
from typing import Literal, Optional

from pydantic import BaseModel, Field

from candor.models import Competency, Role
from candor.periods import (
    Period,
    PeriodError,
    default_period,
    parse_period,
    period_bounds,
)
from knowledge.sync import active_model
from tools.base import ToolDeps, ToolError, ToolSpec, pct
from tools.shared.hires import (
    HireData,
    Notes,
    add_months,
    load_hires,
    load_metrics,
    model_weights,
    persona_counts,
)
from tools.shared.lookup import (
    CompetencyRef,
    RoleRef,
    Vocabulary,
    competency_ref,
    resolve_role,
    role_ref,
    vocabulary_of,
)
from tools.shared.performance import (
    FIRST_MONTHS,
    MIN_HIRES,
    MetricRef,
    metric_ref,
    p_label,
    role_metric_keys,
    role_spec,
)
from tools.shared.stats import (
    ALPHA,
    Correlation,
    correlate,
    fisher_exact,
    proposed_targets,
    support,
)

SENSITIVITY = 20.0  # weight points per unit of support above the role's mean (see competency_stats)
VERDICT_POINTS = 3.0  # smaller moves than this count as "in line with the weight"
SMALL_LEAVERS = 10


class InsightsArgs(BaseModel):
    role: str = Field(description="Role name or alias in English or Chinese, e.g. 'Production Supervisor' or '生产主管'.")
    metric: Optional[str] = Field(None, description="Performance metric key to compare the weights against, e.g. "
                                                    "'production_efficiency', 'downtime_hours'. Default: the role's "
                                                    "main metric.")
    months: int = Field(FIRST_MONTHS, ge=1, le=24, description="Use each hire's first N months of performance.")
    min_hires: int = Field(MIN_HIRES, ge=4, le=100_000, description="Hires with N months of data needed before "
                                                                     "any correlation is reported.")
    period: Optional[str] = Field(None, description="Period for the persona analysis of failed candidates, e.g. "
                                                    "'last 6 months', '近半年'. Default: the last 12 months.")


class CompetencyLink(BaseModel):
    competency: CompetencyRef
    metric: str
    metric_name_en: str
    metric_name_zh: str
    n: int
    r: float = Field(description="Pearson r of the interview score with the metric's mean over the first months")
    p_value: float
    p_label: str
    ci_low: float
    ci_high: float
    spearman_rho: float
    spearman_p: float
    effect: float = Field(description="r signed so that positive means better performance (flipped for "
                                      "lower-is-better metrics such as downtime)")
    direction: Literal["better", "worse", "unclear"]
    significant: bool = Field(description="p below 0.05 divided by the role's number of competencies (Bonferroni)")


class RetentionLink(BaseModel):
    competency: CompetencyRef
    n: int
    r: float = Field(description="point-biserial r of the interview score with staying (1) vs leaving (0)")
    p_value: float
    p_label: str
    ci_low: float
    ci_high: float
    significant: bool


class WeightedRef(BaseModel):
    competency: CompetencyRef
    weight: float
    r: Optional[float]
    support: float


class WeightCheck(BaseModel):
    competency: CompetencyRef
    weight: float = Field(description="current weight, percent")
    minimum: float
    r: Optional[float] = Field(description="raw r with the main metric")
    effect: Optional[float]
    retention_r: Optional[float]
    support: float = Field(description="sum of the significant effects (main metric, staying)")
    indicated_change: float = Field(description="points the evidence alone would move the weight")
    verdict: Literal["more", "less", "in_line", "no_evidence"]
    heavier: list[WeightedRef] = Field(default_factory=list,
                                       description="competencies weighted at least as much with weaker support")


class LeaverGap(BaseModel):
    competency: CompetencyRef
    leavers: int
    share_of_leavers: float
    stayers: int
    share_of_stayers: float
    p_value: float
    p_label: str


class AttritionInsight(BaseModel):
    hires: int
    leavers: int
    attrition_rate: Optional[float]
    override_hires: int
    override_leavers: int
    override_attrition_rate: Optional[float]
    other_attrition_rate: Optional[float]
    override_share_of_leavers: Optional[float]
    p_value: Optional[float] = Field(description="Fisher's exact test, override hires vs the others leaving")
    p_label: Optional[str]
    leavers_failed: list[LeaverGap] = Field(description="competencies leavers had failed in their hiring interview")


class PersonaGap(BaseModel):
    competency: CompetencyRef
    failed_interviews: int
    share: float


class PersonaInsight(BaseModel):
    persona_en: str
    persona_zh: str
    industries: list[str]
    period: Period
    failed_interviews: int
    failed_matching: int
    failed_matching_share: Optional[float]
    passed_interviews: int
    passed_matching: int
    passed_matching_share: Optional[float]
    failing_competencies: list[PersonaGap]


class InsightsResult(BaseModel):
    role: RoleRef
    model_version: int
    months: int
    min_hires: int
    ci_level: int = 95
    main_metric: Optional[MetricRef]
    metrics: list[MetricRef]
    hires: int
    hires_with_performance: int = Field(description="hires with all first N months of the main metric")
    sufficient: bool
    links: list[CompetencyLink]
    retention: list[RetentionLink]
    weights: list[WeightCheck]
    mismatches: list[WeightCheck] = Field(description="competencies that matter more than their weight says")
    attrition: AttritionInsight
    persona: Optional[PersonaInsight]
    notes: list[str]
    notes_zh: list[str]


def _sig(p: float) -> float:
    return float(f"{p:.3g}")


class RoleAnalysis:
    """Everything the insights, proposals and monitoring need about one role, computed once."""

    def __init__(self, deps: ToolDeps, role: Role, *, metric: str | None, months: int, min_hires: int):
        conn, self.vocab = deps.session.connection(), vocabulary_of(deps)
        self.role, self.months, self.min_hires, self.now = role, months, min_hires, deps.now
        self.model = active_model(deps.session, role.id)
        if self.model is None:
            raise ToolError("no_model", f"{role.name_en} has no active competency model; sync the role profiles "
                                        "(python app.py seed, or the knowledge sync) first.", role=role.key,
                        message_zh=f"{role.name_zh}没有生效的胜任力模型：请先同步岗位画像（python app.py seed 或知识库同步）。")
        self.weights = model_weights(conn, self.model.id)
        self.competencies = [c for c in self.vocab.competencies if c.role_id == role.id and c.id in self.weights]
        # Bonferroni across the role's competencies: a link counts only if it survives the many tests run.
        self.alpha = ALPHA / max(1, len(self.competencies))
        self.spec = role_spec(role)
        self.hires = load_hires(conn, role.id, months)
        all_metrics = load_metrics(conn)
        present = {m for h in self.hires for m in h.performance}
        wanted = role_metric_keys(role)
        keys = [m for m in wanted if m in present] + sorted(present - set(wanted))
        if metric is not None and metric not in all_metrics:
            raise ToolError("unknown_metric", f"Unknown performance metric '{metric}'. Known metrics: "
                            + ", ".join(sorted(all_metrics)) + ".", metric=metric,
                        message_zh=f"未知的绩效指标“{metric}”。已知指标：" + "、".join(sorted(all_metrics)) + "。")
        self.metrics = [all_metrics[k] for k in keys if k in all_metrics]
        main_key = metric or (wanted[0] if wanted else (keys[0] if keys else None))
        self.main = all_metrics.get(main_key) if main_key else None
        if self.main is not None and self.main.key not in keys:
            self.metrics.insert(0, self.main)
        self.complete = {m.key: [h for h in self.hires if len(h.performance.get(m.key, [])) >= months]
                         for m in self.metrics}
        self.n_main = len(self.complete.get(self.main.key, [])) if self.main else 0
        self.sufficient = self.n_main >= min_hires
        self.links = self._links() if self.sufficient else {}
        self.retention = self._retention() if self.sufficient else {}

    # -- correlations ------------------------------------------------------------------------------
    def _links(self) -> dict[tuple[int, str], Correlation]:
        out = {}
        for metric in self.metrics:
            hires = self.complete[metric.key]
            if len(hires) < self.min_hires:
                continue
            for comp in self.competencies:
                pairs = [(h.scores[comp.id], fmean(h.performance[metric.key][:self.months]))
                         for h in hires if comp.id in h.scores]
                found = correlate([a for a, _ in pairs], [b for _, b in pairs])
                if found is not None:
                    out[(comp.id, metric.key)] = found
        return out

    def retention_sample(self) -> list[HireData]:
        """Hires who have had at least the N months to leave."""
        cutoff = add_months(self.now.date(), -self.months)
        return [h for h in self.hires if h.hired_at < cutoff]

    def _retention(self) -> dict[int, Correlation]:
        sample = self.retention_sample()
        if len(sample) < self.min_hires or not any(h.left_at for h in sample):
            return {}
        out = {}
        for comp in self.competencies:
            pairs = [(h.scores[comp.id], 0.0 if h.left_at else 1.0) for h in sample if comp.id in h.scores]
            found = correlate([a for a, _ in pairs], [b for _, b in pairs])
            if found is not None:
                out[comp.id] = found
        return out

    def direction(self, metric_key: str) -> int:
        metric = next(m for m in self.metrics if m.key == metric_key)
        return 1 if metric.higher_is_better else -1

    def supports(self) -> dict[int, float]:
        """competency id -> support (significant effect on the main metric + on staying)."""
        if not self.sufficient or self.main is None:
            return {}
        sign = self.direction(self.main.key)
        return {c.id: support([self.links.get((c.id, self.main.key)), self.retention.get(c.id)], [sign, 1],
                              self.alpha)
                for c in self.competencies}

    def weight_points(self) -> dict[int, float]:
        return {c.id: round(self.weights[c.id][0] * 100, 6) for c in self.competencies}

    def targets(self, sensitivity: float = SENSITIVITY) -> dict[int, float]:
        return proposed_targets(self.weight_points(), self.supports(), sensitivity)

    # -- result pieces -----------------------------------------------------------------------------
    def ref(self, comp: Competency) -> CompetencyRef:
        return competency_ref(comp, self.vocab)

    def link_models(self) -> list[CompetencyLink]:
        out = []
        for metric in self.metrics:
            sign = 1 if metric.higher_is_better else -1
            for comp in self.competencies:
                c = self.links.get((comp.id, metric.key))
                if c is None:
                    continue
                effect, significant = c.r * sign, c.p < self.alpha
                out.append(CompetencyLink(
                    competency=self.ref(comp), metric=metric.key, metric_name_en=metric.name_en,
                    metric_name_zh=metric.name_zh, n=c.n, r=round(c.r, 3), p_value=_sig(c.p),
                    p_label=p_label(c.p), ci_low=round(c.ci_low, 3), ci_high=round(c.ci_high, 3),
                    spearman_rho=round(c.rho, 3), spearman_p=_sig(c.rho_p), effect=round(effect, 3),
                    direction=("better" if effect > 0 else "worse") if significant else "unclear",
                    significant=significant))
        return out

    def retention_models(self) -> list[RetentionLink]:
        return [RetentionLink(competency=self.ref(comp), n=c.n, r=round(c.r, 3), p_value=_sig(c.p),
                              p_label=p_label(c.p), ci_low=round(c.ci_low, 3), ci_high=round(c.ci_high, 3),
                              significant=c.p < self.alpha)
                for comp in self.competencies if (c := self.retention.get(comp.id)) is not None]

    def weight_checks(self) -> list[WeightCheck]:
        if not self.sufficient or self.main is None:
            return []
        supports, targets, points = self.supports(), self.targets(), self.weight_points()
        sign = self.direction(self.main.key)
        checks = []
        for comp in self.competencies:
            link, stay = self.links.get((comp.id, self.main.key)), self.retention.get(comp.id)
            delta = targets[comp.id] - points[comp.id]
            if supports[comp.id] == 0:
                verdict = "no_evidence"
            else:
                verdict = "more" if delta >= VERDICT_POINTS else "less" if delta <= -VERDICT_POINTS else "in_line"
            heavier = [WeightedRef(competency=self.ref(o), weight=round(points[o.id], 2),
                                   r=round(ol.r, 3) if (ol := self.links.get((o.id, self.main.key))) else None,
                                   support=round(supports[o.id], 3))
                       for o in self.competencies
                       if o.id != comp.id and points[o.id] >= points[comp.id] and supports[o.id] < supports[comp.id]]
            checks.append(WeightCheck(
                competency=self.ref(comp), weight=round(points[comp.id], 2), minimum=self.weights[comp.id][1],
                r=round(link.r, 3) if link else None, effect=round(link.r * sign, 3) if link else None,
                retention_r=round(stay.r, 3) if stay else None, support=round(supports[comp.id], 3),
                indicated_change=round(delta, 1), verdict=verdict,
                heavier=sorted(heavier, key=lambda w: -w.weight)))
        return sorted(checks, key=lambda c: -c.indicated_change)

    def attrition(self) -> AttritionInsight:
        hires = self.hires
        leavers = [h for h in hires if h.left_at]
        over = [h for h in hires if h.override]
        over_left = [h for h in over if h.left_at]
        others, others_left = len(hires) - len(over), len(leavers) - len(over_left)
        p = fisher_exact(len(over_left), len(over) - len(over_left), others_left, others - others_left) \
            if over and others else None
        stayers = [h for h in hires if not h.left_at]
        gaps = []
        for comp in self.competencies:
            n_left = sum(1 for h in leavers if comp.id in h.failed)
            if not n_left:
                continue
            n_stay = sum(1 for h in stayers if comp.id in h.failed)
            gp = fisher_exact(n_left, len(leavers) - n_left, n_stay, len(stayers) - n_stay)
            gaps.append(LeaverGap(competency=self.ref(comp), leavers=n_left, share_of_leavers=pct(n_left, len(leavers)),
                                  stayers=n_stay, share_of_stayers=pct(n_stay, len(stayers)) or 0.0,
                                  p_value=_sig(gp), p_label=p_label(gp)))
        return AttritionInsight(
            hires=len(hires), leavers=len(leavers), attrition_rate=pct(len(leavers), len(hires)),
            override_hires=len(over), override_leavers=len(over_left),
            override_attrition_rate=pct(len(over_left), len(over)), other_attrition_rate=pct(others_left, others),
            override_share_of_leavers=pct(len(over_left), len(leavers)) if over else None,
            p_value=_sig(p) if p is not None else None, p_label=p_label(p) if p is not None else None,
            leavers_failed=sorted(gaps, key=lambda g: -g.leavers))

    def persona(self, deps: ToolDeps, period: Period) -> PersonaInsight | None:
        spec = self.spec
        if spec is None or not spec.persona_industries:
            return None
        start, end = period_bounds(period)
        counts = persona_counts(deps.session.connection(), self.role.id, list(spec.persona_industries), start, end)
        comps = {c.id: c for c in self.vocab.competencies}
        return PersonaInsight(
            persona_en=spec.persona.en if spec.persona else "", persona_zh=spec.persona.zh if spec.persona else "",
            industries=list(spec.persona_industries), period=period,
            failed_interviews=counts.failed, failed_matching=counts.failed_matching,
            failed_matching_share=pct(counts.failed_matching, counts.failed),
            passed_interviews=counts.passed, passed_matching=counts.passed_matching,
            passed_matching_share=pct(counts.passed_matching, counts.passed),
            failing_competencies=[PersonaGap(competency=self.ref(comps[cid]), failed_interviews=n,
                                             share=pct(n, counts.failed_matching) or 0.0)
                                  for cid, n in counts.gaps_of_matching if cid in comps])

    def data_notes(self) -> Notes:
        notes, n, main = Notes(), len(self.hires), self.main
        if main is None:
            notes.add(f"no performance data for any of the {n} hires, so nothing links interview scores to "
                      "performance yet", f"{n} 名录用者都没有绩效数据，暂时无法把面试得分与绩效联系起来")
        elif not self.sufficient:
            first = min((h.hired_at for h in self.hires), default=None)
            notes.add(f"insufficient data: {self.n_main} of {n} hires have {self.months} months of {main.name_en} "
                      f"data and at least {self.min_hires} are needed, so no correlation is reported"
                      + (f" (earliest hire {first.isoformat()})" if first else ""),
                      f"数据不足：{n} 名录用者中只有 {self.n_main} 人有 {self.months} 个月的{main.name_zh}数据，"
                      f"至少需要 {self.min_hires} 人，因此不报告相关系数"
                      + (f"（最早录用于 {first.isoformat()}）" if first else ""))
        elif self.n_main < n:
            notes.add(f"{n - self.n_main} of {n} hires have fewer than {self.months} months of {main.name_en} "
                      "data yet and are left out of the correlations",
                      f"{n} 名录用者中有 {n - self.n_main} 人的{main.name_zh}数据还不满 {self.months} 个月，"
                      "未计入相关分析")
        return notes


def resolve_period(deps: ToolDeps, expression: str | None) -> Period:
    try:
        return parse_period(expression, deps.now) if expression else default_period(deps.now)
    except PeriodError as exc:
        raise ToolError("bad_period", str(exc), period=expression) from None


def competency_insights(deps: ToolDeps, args: InsightsArgs) -> InsightsResult:
    """How a role's AI-interview competency scores relate to what happened after hiring: the Pearson and
    Spearman correlation of each competency score with each performance metric over the hires' first
    months (n, 95 % confidence interval, p-value; the sign respects lower-is-better metrics such as
    downtime), which competencies matter more or less than their current weight says, attrition of
    hires who were hired despite failing (override hires) and which competencies leavers had failed,
    and for roles with a talent persona the share of failed candidates who match it and what they fail.
    Says plainly when there are too few hires for a figure."""
    vocab: Vocabulary = vocabulary_of(deps)
    role = resolve_role(vocab, args.role, deps.settings)
    period = resolve_period(deps, args.period)
    a = RoleAnalysis(deps, role, metric=args.metric, months=args.months, min_hires=args.min_hires)
    checks = a.weight_checks()
    attrition = a.attrition()
    notes = a.data_notes()
    if attrition.leavers and attrition.leavers < SMALL_LEAVERS:
        notes.add(f"only {attrition.leavers} leavers, so the attrition shares can swing widely",
                  f"离职者只有 {attrition.leavers} 人，流失相关比例可能波动很大")
    return InsightsResult(
        role=role_ref(role, args.role), model_version=a.model.version, months=args.months, min_hires=args.min_hires,
        main_metric=metric_ref(a.main) if a.main else None, metrics=[metric_ref(m) for m in a.metrics],
        hires=len(a.hires), hires_with_performance=a.n_main, sufficient=a.sufficient, links=a.link_models(),
        retention=a.retention_models(), weights=checks, mismatches=[c for c in checks if c.verdict == "more"],
        attrition=attrition, persona=a.persona(deps, period), **notes.fields())


SPEC = ToolSpec(name="competency_insights", func=competency_insights, args_model=InsightsArgs,
                audiences=("hr_manager", "recruiter"))
