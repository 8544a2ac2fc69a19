"""Attrition risk from the hiring interview: a role's recent hires ranked by their risk of leaving, or one
candidate's (or hire's) own risk. A logistic model trained on the role's earlier hires; its AUC is always
reported, and the risks claim no more accuracy than that."""

from __future__ import annotations

from datetime import date
from statistics import fmean
from typing import Optional

from pydantic import BaseModel, Field, model_validator
from sqlmodel import select

from candor.models import (
    CompetencyScore,
    Employee,
    FailureCategory,
    FailureReason,
    Interview,
)
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.prediction.models import cached, train_attrition
from tools.prediction.predict import (
    MIN_LEAVERS,
    database_of,
    person_and_interview,
)
from tools.shared.hires import HireData, Notes, add_months, data_version, load_hires
from tools.shared.lookup import RoleRef, resolve_role, role_ref, vocabulary_of
from tools.shared.performance import MIN_HIRES


class AttritionArgs(BaseModel):
    role: Optional[str] = Field(None, description="Role name in English or Chinese (needed unless a candidate is "
                                                  "given).")
    candidate: Optional[str] = Field(None, description="One candidate or hire (external id, e.g. C000456): their own "
                                                       "risk of leaving, from their latest interview.")
    interview: Optional[str] = Field(None, description="Or one of their interviews (e.g. I0002917): the risk of the "
                                                       "candidate who took it, read from that interview.")
    recent_months: int = Field(6, ge=1, le=24, description="Hires from the last N months count as recent.")
    top: int = Field(10, ge=1, le=100, description="How many of the highest-risk recent hires to list.")

    @model_validator(mode="after")
    def _role_or_candidate(self) -> "AttritionArgs":
        if not self.role and not self.candidate and not self.interview:
            raise ValueError("give a role (its recent hires), or a candidate or interview (their own risk)")
        return self


class RiskDriver(BaseModel):
    feature: str
    label_en: str
    label_zh: str
    value: float
    effect: float = Field(description="log-odds added by this feature relative to the average hire")


class HireRisk(BaseModel):
    employee: str
    hired_at: date
    override: bool
    risk: float = Field(description="model-estimated probability of leaving, percent")
    drivers: list[RiskDriver]


class CandidateRisk(BaseModel):
    candidate: str
    interview: str = Field(description="the interview the estimate reads (their latest decided one for the role)")
    hired: bool
    employee: Optional[str]
    left: bool = Field(description="already left: the estimate is what the model would have said at hiring")
    risk: float = Field(description="model-estimated probability of leaving, percent")
    drivers: list[RiskDriver]


class AttritionResult(BaseModel):
    role: RoleRef
    sufficient: bool
    trained_on: int
    leavers: int
    base_rate: Optional[float]
    test_auc: Optional[float] = Field(description="AUC on a held-out quarter of the hires")
    n_test: int
    cv_auc: Optional[float]
    from_cache: bool
    recent_months: int
    recent_hires: int
    high_risk_threshold: float = 50.0
    high_risk: int = Field(description="recent hires with an estimated risk of at least high_risk_threshold %")
    mean_risk: Optional[float]
    hires: list[HireRisk]
    candidate: Optional[CandidateRisk] = Field(None, description="the one candidate asked about, if any")
    notes: list[str]
    notes_zh: list[str]


def _features(role_comps: list, hire: HireData) -> list[float]:
    return [hire.scores.get(c.id, 0.0) for c in role_comps] + [float(hire.override), float(len(hire.failed))]


def attrition_risk(deps: ToolDeps, args: AttritionArgs) -> AttritionResult:
    """Attrition risk of a role's recent hires from their hiring interview (competency scores, hired by
    override, number of competencies failed), highest first, with what drives each; or, for one candidate or
    hire, their own estimated risk of leaving read from their latest interview for the role."""
    vocab = vocabulary_of(deps)
    wanted = resolve_role(vocab, args.role, deps.settings) if args.role else None
    asked = None
    if args.candidate or args.interview:
        asked = person_and_interview(deps, args.candidate, args.interview, wanted)
        interview = asked[1]
        wanted = vocab.role_by_id(interview.role_id)
    role = wanted
    conn = deps.session.connection()
    comps = [c for c in vocab.competencies if c.role_id == role.id]
    hires = load_hires(conn, role.id, 1, [])
    cutoff = add_months(deps.now.date(), -args.recent_months)
    train = [h for h in hires if h.hired_at < cutoff and all(c.id in h.scores for c in comps)]
    recent = [h for h in hires if h.hired_at >= cutoff and h.left_at is None]
    y = [1 if h.left_at else 0 for h in train]
    names = [c.key for c in comps] + ["hired_by_override", "competencies_failed"]
    labels = [(c.name_en, c.name_zh) for c in comps] + [("hired by override", "破格录用"),
                                                        ("competencies failed", "未达标胜任力数")]
    base = dict(role=role_ref(role), trained_on=len(train), leavers=sum(y), recent_hires=len(recent),
                recent_months=args.recent_months)
    if len(train) < MIN_HIRES or sum(y) < MIN_LEAVERS or len(train) - sum(y) < MIN_LEAVERS:
        return AttritionResult(**base, sufficient=False, base_rate=None, test_auc=None, n_test=0, cv_auc=None,
                               from_cache=False, high_risk=0, mean_risk=None, hires=[],
                               **Notes().add(f"insufficient data: {len(train)} earlier hires of whom {sum(y)} left; at "
                                             f"least {MIN_HIRES} hires and {MIN_LEAVERS} leavers (and stayers) are "
                                             "needed",
                                             f"数据不足：较早录用的 {len(train)} 人中 {sum(y)} 人离职；至少需要 {MIN_HIRES} "
                                             f"名录用者以及离职、留任者各 {MIN_LEAVERS} 人").fields())
    key = ("attrition", database_of(deps), role.id, args.recent_months, deps.now.date().isoformat(),
           data_version(conn, role.id))
    model, from_cache = cached(key, lambda: train_attrition([_features(comps, h) for h in train], y, names))
    scale = model.estimator[0].scale_

    def drivers(row: list[float]) -> list[RiskDriver]:
        effects = [(i, model.coefficients[i] * (row[i] - model.feature_means[i]) / scale[i]) for i in range(len(names))]
        return [RiskDriver(feature=names[i], label_en=labels[i][0], label_zh=labels[i][1], value=row[i],
                           effect=round(e, 2)) for i, e in sorted(effects, key=lambda t: -t[1])[:2] if e > 0]

    rows = [_features(comps, h) for h in recent]
    risks = model.risk(rows) if rows else []
    listed = [HireRisk(employee=_employee_ref(deps, h.employee_id), hired_at=h.hired_at, override=h.override,
                       risk=round(100 * p, 1), drivers=drivers(row))
              for h, row, p in sorted(zip(recent, rows, risks), key=lambda t: -t[2])[:args.top]]
    one = None
    if asked is not None:
        hire = _as_hire(deps, *asked, hires)
        row = _features(comps, hire)
        employee = deps.session.get(Employee, hire.employee_id) if hire.employee_id else None
        one = CandidateRisk(candidate=asked[0].external_id, interview=asked[1].external_id,
                            hired=employee is not None, employee=employee.external_id if employee else None,
                            left=hire.left_at is not None, risk=round(100 * model.risk([row])[0], 1),
                            drivers=drivers(row))
        listed = []  # the answer is about this one person
    notes = Notes()
    if model.test_auc is not None and model.test_auc < 0.6:
        notes.add(f"held-out AUC {round(model.test_auc, 3)}: the model barely ranks leavers above stayers",
                  f"留出样本 AUC 仅 {round(model.test_auc, 3)}，模型几乎无法区分离职者与留任者")
    if model.n_test < 50:
        notes.add(f"the held-out set has only {model.n_test} hires, so the AUC itself is uncertain",
                  f"留出样本只有 {model.n_test} 人，AUC 本身也不确定")
    return AttritionResult(
        **base, sufficient=True, base_rate=round(100 * model.base_rate, 1),
        test_auc=round(model.test_auc, 3) if model.test_auc is not None else None, n_test=model.n_test,
        cv_auc=round(model.cv_auc, 3) if model.cv_auc is not None else None, from_cache=from_cache,
        high_risk=sum(1 for p in risks if p >= 0.5), mean_risk=round(100 * fmean(risks), 1) if risks else None,
        hires=listed, candidate=one, **notes.fields())


def _as_hire(deps: ToolDeps, candidate, interview: Interview, hires: list[HireData]) -> HireData:
    """The candidate as the model sees a hire: their hire record when this interview hired them, otherwise the
    interview's scores and competency gaps (not hired by override)."""
    for hire in hires:
        if hire.interview_id == interview.id:
            return hire
    scores = {cid: float(s) for cid, s in deps.session.exec(
        select(CompetencyScore.competency_id, CompetencyScore.score).where(CompetencyScore.interview_id == interview.id))}
    if not scores:
        raise ToolError("no_scores", f"Interview {interview.external_id} of candidate {candidate.external_id} has no "
                                     "competency scores yet; score it first.", interview=interview.external_id,
                        message_zh=f"候选人 {candidate.external_id} 的面试 {interview.external_id} 还没有胜任力评分，"
                                   "请先评分。")
    failed = set(deps.session.exec(select(FailureReason.competency_id).where(
        FailureReason.interview_id == interview.id, FailureReason.category == FailureCategory.competency_gap,
        FailureReason.competency_id.is_not(None))))
    return HireData(employee_id=0, interview_id=interview.id, hired_at=deps.now.date(), left_at=None, override=False,
                    scores=scores, failed=failed)


def _employee_ref(deps: ToolDeps, employee_id: int) -> str:
    return deps.session.get(Employee, employee_id).external_id


SPEC = ToolSpec(name="attrition_risk", func=attrition_risk, args_model=AttritionArgs, audiences=("hr_manager",))
