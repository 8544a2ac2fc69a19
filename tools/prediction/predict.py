"""Predictions from interview scores: a candidate's expected performance (with compensating strengths
worth a second interview) and the attrition risk of recent hires. Model quality is always reported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from statistics import fmean
from typing import Literal, Optional

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import func
from sqlmodel import select

from candor.models import (
    Candidate,
    CompetencyScore,
    FailureReason,
    Interview,
    Outcome,
    Role,
)
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.prediction.models import (
    INTERVAL,
    PerformanceModel,
    cached,
    middle,
    percentile_of,
    train_performance,
)
from tools.shared.hires import (
    Notes,
    add_months,
    data_version,
    load_hires,
    load_metrics,
)
from tools.shared.lookup import (
    CompetencyRef,
    RoleRef,
    competency_ref,
    resolve_role,
    role_ref,
    vocabulary_of,
)
from tools.shared.people import find_interview
from tools.shared.performance import (
    FIRST_MONTHS,
    MIN_HIRES,
    MetricRef,
    metric_ref,
    p_label,
    role_metric_keys,
)
from tools.shared.stats import ALPHA, Correlation, correlate

STRONG_PERCENTILE = 75  # "strong" on a competency: at or above this percentile of the role's hires
MIN_LEAVERS = 10


class PredictArgs(BaseModel):
    candidate: Optional[str] = Field(None, description="Candidate id: external id such as 'C001043', or the number, "
                                                       "e.g. '1043'.")
    interview: Optional[str] = Field(None, description="Or an interview id (e.g. I0002917): the candidate who took "
                                                       "it, read from that interview.")
    role: Optional[str] = Field(None, description="Role (English or Chinese); default: the role of the "
                                                  "candidate's latest interview.")
    metric: Optional[str] = Field(None, description="Performance metric key; default: the role's main metric.")
    months: int = Field(FIRST_MONTHS, ge=1, le=24, description="Predict the mean of the first N months.")

    @model_validator(mode="after")
    def _someone(self) -> "PredictArgs":
        if not self.candidate and not self.interview:
            raise ValueError("give a candidate (e.g. C001043) or one of their interviews (e.g. I0002917)")
        return self


class CandidateRef(BaseModel):
    id: int
    external_id: str


class ScoreLine(BaseModel):
    competency: CompetencyRef
    score: float
    minimum: float
    below_minimum: bool
    hires_percentile: float = Field(description="percent of the role's hires who scored at or below this")


class ModelQuality(BaseModel):
    n: int = Field(description="hires the model was trained on")
    cv_r2: float
    cv_mae: float
    calibration_slope: float = Field(description="actual on out-of-fold predicted; 1 is perfectly calibrated")
    calibration_intercept: float
    interval_coverage: float = Field(description="percent of out-of-fold actuals inside their interval")
    folds: int
    from_cache: bool


class Compensation(BaseModel):
    weak: CompetencyRef
    weak_score: float
    weak_minimum: float
    weak_r: Optional[float]
    strong: CompetencyRef
    strong_score: float
    strong_percentile: float
    strong_r: float
    strong_p_label: str
    n: int
    lift: float = Field(description="how much the strong score improves the prediction against an average hire, "
                                    "metric units, positive = better")
    drag: float = Field(description="the same for the weak score (negative = worse)")
    similar_hires: int = Field(description="hires below the minimum on the weak competency")
    similar_hires_mean: Optional[float]


class PredictionResult(BaseModel):
    candidate: CandidateRef
    interview: str
    interviewed_at: date
    outcome: str
    role: RoleRef
    scores: list[ScoreLine]
    metric: Optional[MetricRef]
    months: int
    sufficient: bool
    expected: Optional[float]
    interval_low: Optional[float]
    interval_high: Optional[float]
    interval_level: int
    hires_median: Optional[float]
    percentile: Optional[float] = Field(description="percent of hires whose actual result this beats or equals, "
                                                    "in the metric's better direction")
    quality: Optional[ModelQuality]
    compensations: list[Compensation]
    recommendation: Literal["second_interview", "none", "already_passed", "job_match"]
    notes: list[str]
    notes_zh: list[str]


# ------------------------------------------------------------------------------------------- lookup

def find_candidate(deps: ToolDeps, ref: str) -> Candidate:
    text = ref.strip()
    session = deps.session
    found = session.exec(select(Candidate).where(func.upper(Candidate.external_id) == text.upper())).first()
    number = re.fullmatch(r"(?i)c?0*(\d+)", text)
    if found is None and number:
        n = int(number.group(1))
        found = session.exec(select(Candidate).where(Candidate.external_id == f"C{n:06d}")).first() \
            or session.get(Candidate, n)
    if found is None:
        raise ToolError("unknown_candidate", f"No candidate '{ref}'; use the external id (e.g. C001043) or the "
                                             "candidate number.", candidate=ref,
                        message_zh=f"没有候选人“{ref}”；请用候选人编号（如 C001043）。")
    return found


def person_and_interview(deps: ToolDeps, candidate: str | None, interview: str | None,
                         role: Role | None) -> tuple[Candidate, Interview]:
    """Who is asked about and the interview read: an interview id stands for the candidate who took it; a candidate
    alone, for their latest scored interview (for the role, when one is given)."""
    if not interview:
        person = find_candidate(deps, candidate)
        return person, latest_interview(deps, person, role)
    taken = find_interview(deps.session, interview)
    person = deps.session.get(Candidate, taken.candidate_id)
    if candidate and find_candidate(deps, candidate).id != person.id:
        raise ToolError("interview_of_another", f"Interview {taken.external_id} was taken by {person.external_id}, not "
                        f"{candidate}: give one of them.", interview=taken.external_id, candidate=candidate,
                        message_zh=f"面试 {taken.external_id} 的候选人是 {person.external_id}，不是 {candidate}：请只给出其一。")
    if taken.outcome not in SCORED:
        raise ToolError("not_scored", f"Interview {taken.external_id} is not scored yet: score it first (\"score "
                        f"interview {taken.external_id}\").", interview=taken.external_id,
                        message_zh=f"面试 {taken.external_id} 尚未评分：请先评分（“给面试{taken.external_id}打分”）。")
    return person, taken


SCORED = (Outcome.passed, Outcome.failed, Outcome.under_review)


def latest_interview(deps: ToolDeps, candidate: Candidate, role: Role | None) -> Interview:
    query = select(Interview).where(Interview.candidate_id == candidate.id,
                                    Interview.outcome.in_(SCORED))
    if role is not None:
        query = query.where(Interview.role_id == role.id)
    interview = deps.session.exec(query.order_by(Interview.interviewed_at.desc())).first()
    if interview is None:
        where = f" for {role.name_en}" if role else ""
        raise ToolError("no_interview", f"Candidate {candidate.external_id} has no scored interview{where}.",
                        candidate=candidate.external_id,
                        message_zh=f"候选人 {candidate.external_id} " + (f"在{role.name_zh}岗位" if role else "") + "没有已评分的面试。")
    return interview


# --------------------------------------------------------------------------------------- the model

@dataclass
class RoleModel:
    model: PerformanceModel | None
    hires: int
    complete: int
    links: dict[int, Correlation]  # competency id -> correlation with the metric
    scores: dict[int, list[float]]  # competency id -> the hires' scores
    below: dict[int, list[float]]  # competency id -> outcomes of hires below its minimum
    retention: dict[int, Correlation]  # competency id -> correlation with staying
    alpha: float


def database_of(deps: ToolDeps) -> str:
    """The database a model was trained on (part of the model cache key)."""
    return deps.session.get_bind().url.render_as_string(hide_password=True)


def role_model(deps: ToolDeps, role: Role, metric: str, months: int, features: list[int],
               minimums: dict[int, float]) -> tuple[RoleModel, bool]:
    conn = deps.session.connection()
    key = ("performance", database_of(deps), role.id, metric, months, tuple(features),
           tuple(sorted(minimums.items())), deps.now.date().isoformat(), data_version(conn, role.id))

    def build() -> RoleModel:
        hires = load_hires(conn, role.id, months, [metric])
        usable = [h for h in hires if len(h.performance.get(metric, [])) >= months and
                  all(f in h.scores for f in features)]
        y = [fmean(h.performance[metric][:months]) for h in usable]
        links = {}
        for f in features:
            found = correlate([h.scores[f] for h in usable], y)
            if found is not None:
                links[f] = found
        model = train_performance([[h.scores[f] for f in features] for h in usable], y, features) \
            if len(usable) >= MIN_HIRES else None
        below = {f: [v for h, v in zip(usable, y) if h.scores[f] < minimums.get(f, 0)] for f in features}
        cutoff = add_months(deps.now.date(), -months)
        settled = [h for h in hires if h.hired_at < cutoff and all(f in h.scores for f in features)]
        retention = {}
        for f in features:
            found = correlate([h.scores[f] for h in settled], [0.0 if h.left_at else 1.0 for h in settled])
            if found is not None:
                retention[f] = found
        return RoleModel(model=model, hires=len(hires), complete=len(usable), links=links,
                         scores={f: [h.scores[f] for h in usable] for f in features}, below=below,
                         retention=retention, alpha=ALPHA / max(1, len(features)))

    return cached(key, build)


def predict_performance(deps: ToolDeps, args: PredictArgs) -> PredictionResult:
    """Predict how a candidate would perform if hired: the expected value of the role's main performance
    metric over the first months with an 80 % interval, from a model trained on the role's past hires
    (its cross-validated R², MAE and calibration are reported with every answer). Flags compensating
    strengths: a competency below its minimum offset by a strong score on one that performance data
    show matters more, in which case a second interview is recommended, with the evidence."""
    vocab = vocabulary_of(deps)
    wanted = resolve_role(vocab, args.role, deps.settings) if args.role else None
    candidate, interview = person_and_interview(deps, args.candidate, args.interview, wanted)
    role = vocab.role_by_id(interview.role_id)
    comps = {c.id: c for c in vocab.competencies if c.role_id == role.id}
    rows = deps.session.exec(select(CompetencyScore).where(CompetencyScore.interview_id == interview.id)
                             .order_by(CompetencyScore.competency_id)).all()
    scores = {r.competency_id: (r.score, r.required) for r in rows if r.competency_id in comps}
    job_match = deps.session.exec(select(func.count()).select_from(FailureReason).where(
        FailureReason.interview_id == interview.id, FailureReason.category == "job_match")).one()

    conn = deps.session.connection()
    metrics = load_metrics(conn)
    wanted = role_metric_keys(role)
    key = args.metric or (wanted[0] if wanted else None)
    if key not in metrics:
        raise ToolError("unknown_metric", f"No performance metric '{key}' for {role.name_en}.", metric=key,
                        message_zh=f"{role.name_zh}没有绩效指标“{key}”。")
    metric = metrics[key]
    sign = 1 if metric.higher_is_better else -1
    features = sorted(scores)
    rm, from_cache = role_model(deps, role, key, args.months, features, {f: scores[f][1] for f in features})

    lines = [ScoreLine(competency=competency_ref(comps[f], vocab), score=scores[f][0], minimum=scores[f][1],
                       below_minimum=scores[f][0] < scores[f][1],
                       hires_percentile=round(percentile_of(scores[f][0], rm.scores.get(f, [])), 1))
             for f in features]
    base = dict(candidate=CandidateRef(id=candidate.id, external_id=candidate.external_id),
                interview=interview.external_id, interviewed_at=interview.interviewed_at.date(),
                outcome=interview.outcome.value if hasattr(interview.outcome, "value") else str(interview.outcome),
                role=role_ref(role), scores=lines, metric=metric_ref(metric), months=args.months,
                interval_level=round(100 * INTERVAL))
    if rm.model is None:
        return PredictionResult(
            **base, sufficient=False, expected=None, interval_low=None, interval_high=None, hires_median=None,
            percentile=None, quality=None, compensations=[],
            recommendation=_recommendation(base["outcome"], job_match, []),
            **Notes().add(f"insufficient data: {rm.complete} of {rm.hires} {role.name_en} hires have {args.months} "
                          f"months of {metric.name_en} data and at least {MIN_HIRES} are needed, so no prediction "
                          "is made",
                          f"数据不足：{role.name_zh}的 {rm.hires} 名录用者中只有 {rm.complete} 人有 {args.months} 个月的"
                          f"{metric.name_zh}数据，至少需要 {MIN_HIRES} 人，因此不做预测").fields())

    m = rm.model
    expected = m.predict([scores[f][0] for f in features])
    typical = middle(m.outcomes)
    better = [v * sign for v in m.outcomes]
    # Only a competency gap can be offset: not a background below the role's requirements, nor a pass.
    compensations = _compensations(rm, m, scores, features, comps, vocab, sign) \
        if base["outcome"] != "passed" and not job_match else []
    notes = Notes()
    if m.cv_r2 < 0.1:
        notes.add(f"the model explains little (cross-validated R² {round(m.cv_r2, 3)}); treat the figure as a rough "
                  "guide", f"模型解释力很弱（交叉验证 R² {round(m.cv_r2, 3)}），该数字只能作粗略参考")
    thin = [comps[f] for f in features if scores[f][0] < scores[f][1] and len(rm.below[f]) < 5]
    if thin:
        notes.add("few past hires scored below the minimum on " + ", ".join(c.name_en for c in thin)
                  + ", so the model extrapolates there",
                  "以往很少有录用者在" + "、".join(c.name_zh for c in thin) + "上低于最低分，模型在此属于外推")
    return PredictionResult(
        **base, sufficient=True, expected=round(expected, 2), interval_low=round(expected + m.interval_low, 2),
        interval_high=round(expected + m.interval_high, 2), hires_median=round(typical, 2),
        percentile=round(percentile_of(expected * sign, better), 1),
        quality=ModelQuality(n=m.n, cv_r2=round(m.cv_r2, 3), cv_mae=round(m.cv_mae, 2),
                             calibration_slope=round(m.calibration_slope, 2),
                             calibration_intercept=round(m.calibration_intercept, 2),
                             interval_coverage=round(100 * m.interval_coverage, 1), folds=5, from_cache=from_cache),
        compensations=compensations,
        recommendation=_recommendation(base["outcome"], job_match, compensations), **notes.fields())


def _compensations(rm: RoleModel, m: PerformanceModel, scores, features, comps, vocab, sign) -> list[Compensation]:
    """Weak (below minimum) competencies offset by a strong one that performance data show matters more."""
    import numpy as np

    contribution = {f: m.coefficients[i] * (scores[f][0] - m.feature_means[i]) * sign for i, f in enumerate(features)}
    expected = m.predict([scores[f][0] for f in features])
    if (expected - middle(m.outcomes)) * sign < 0:
        return []  # the strengths do not lift the prediction to a typical hire's level
    out = []
    for weak in (f for f in features if scores[f][0] < scores[f][1]):
        weak_link, leaving = rm.links.get(weak), rm.retention.get(weak)
        if leaving is not None and leaving.p < rm.alpha and leaving.r > 0:
            continue  # a low score here goes with leaving: no strength offsets that in the performance data
        below = rm.below.get(weak, [])
        if len(below) >= 5 and (fmean(below) - middle(m.outcomes)) * sign < 0:
            continue  # past hires below this minimum did worse than the typical hire
        weak_effect = weak_link.r * sign if weak_link and weak_link.p < rm.alpha else 0.0
        for strong in features:
            link = rm.links.get(strong)
            if strong == weak or link is None or link.p >= rm.alpha or link.r * sign <= max(0.0, weak_effect):
                continue
            threshold = float(np.percentile(rm.scores[strong], STRONG_PERCENTILE))
            if scores[strong][0] < max(threshold, scores[strong][1]) or contribution[strong] < -contribution[weak]:
                continue
            out.append(Compensation(
                weak=competency_ref(comps[weak], vocab), weak_score=scores[weak][0], weak_minimum=scores[weak][1],
                weak_r=round(weak_link.r, 3) if weak_link else None, strong=competency_ref(comps[strong], vocab),
                strong_score=scores[strong][0],
                strong_percentile=round(percentile_of(scores[strong][0], rm.scores[strong]), 1),
                strong_r=round(link.r, 3), strong_p_label=p_label(link.p), n=link.n,
                lift=round(contribution[strong], 2), drag=round(contribution[weak], 2),
                similar_hires=len(below), similar_hires_mean=round(fmean(below), 2) if below else None))
    return sorted(out, key=lambda c: -abs(c.lift))


def _recommendation(outcome: str, job_match: int, compensations: list[Compensation]) -> str:
    if outcome == "passed":
        return "already_passed"
    if job_match:
        return "job_match"
    return "second_interview" if compensations else "none"


SPEC = ToolSpec(name="predict_performance", func=predict_performance, args_model=PredictArgs,
                audiences=("hr_manager", "recruiter"))
