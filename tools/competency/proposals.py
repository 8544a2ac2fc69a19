"""Competency-weight proposals: propose from the evidence, approve or reject, apply as a new model version."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional

from pydantic import BaseModel, Field
from sqlmodel import select

from candor import audit
from candor.clock import as_utc
from candor.language import language_of
from candor.models import (
    Competency,
    CompetencyChangeProposal,
    CompetencyModel,
    CompetencyWeight,
    Question,
    Role,
)
from knowledge.sync import active_model
from tools.base import ToolDeps, ToolError, ToolSpec
from tools.competency.insights import (
    FIRST_MONTHS,
    MIN_HIRES,
    SENSITIVITY,
    MetricRef,
    RoleAnalysis,
    metric_ref,
)
from tools.shared.lookup import (
    CompetencyRef,
    RoleRef,
    competency_ref,
    resolve_competencies,
    resolve_role,
    role_ref,
    vocabulary_of,
)
from tools.shared.stats import step_weights

MAX_STEP = 15.0
FLOOR = 5.0
MIN_CHANGE = 1.0  # a proposal whose largest move is under this many points is not worth a decision


class ScenarioQuestionIn(BaseModel):
    text: str = Field(min_length=5, max_length=2000, description="The question, in English or Chinese.")
    competency: Optional[str] = Field(None, description="The competency it tests; default: the one that rises most.")


class ProposeArgs(BaseModel):
    role: str = Field(description="Role name or alias in English or Chinese, e.g. 'Production Supervisor', '生产主管'.")
    metric: Optional[str] = Field(None, description="Performance metric key the weights should serve; default: the "
                                                    "role's main metric.")
    months: int = Field(FIRST_MONTHS, ge=1, le=24, description="Use each hire's first N months of performance.")
    min_hires: int = Field(MIN_HIRES, ge=4, le=100_000, description="Hires with N months of data needed.")
    max_step: float = Field(MAX_STEP, ge=1, le=50, description="Most points any one weight may move.")
    floor: float = Field(FLOOR, ge=0, le=25, description="No weight falls below this many points.")
    sensitivity: float = Field(SENSITIVITY, gt=0, le=100, description="Points of weight per unit of evidence.")
    questions: list[ScenarioQuestionIn] = Field(default_factory=list, description="New scenario questions to add "
                                                "for competencies whose weight rises.")


class WeightChange(BaseModel):
    competency: CompetencyRef
    current: float = Field(description="percent")
    proposed: float = Field(description="percent")
    change: float = Field(description="points")
    minimum: float
    r: Optional[float]
    effect: Optional[float]
    retention_r: Optional[float]
    support: float


class ScenarioQuestion(BaseModel):
    competency: CompetencyRef
    text_en: str
    text_zh: str
    source: Literal["bank", "profile", "user"]
    question_id: Optional[int] = None


class ProposalResult(BaseModel):
    proposal_id: Optional[int]
    status: Optional[str]
    created: bool
    reused: bool = Field(description="an identical open proposal already existed and is returned instead")
    role: RoleRef
    base_version: int
    main_metric: Optional[MetricRef]
    months: int
    hires: int
    hires_with_performance: int
    sufficient: bool
    changes: list[WeightChange]
    rationale_en: str
    rationale_zh: str
    questions: list[ScenarioQuestion]
    rising_without_questions: list[CompetencyRef]
    max_step: float
    floor: float
    total: float = 100.0
    notes: list[str]
    notes_zh: list[str]


def _fmt(value: float) -> str:
    return f"{value:g}" if value == round(value, 2) else f"{value:.2f}"


def compute_changes(a: RoleAnalysis, *, max_step: float, floor: float, sensitivity: float) -> list[WeightChange]:
    points = a.weight_points()
    targets = a.targets(sensitivity)
    proposed = step_weights(points, targets, step=max_step, floor=floor)
    supports = a.supports()
    sign = a.direction(a.main.key)
    out = []
    for comp in a.competencies:
        link, stay = a.links.get((comp.id, a.main.key)), a.retention.get(comp.id)
        out.append(WeightChange(
            competency=a.ref(comp), current=round(points[comp.id], 2), proposed=round(proposed[comp.id], 2),
            change=round(proposed[comp.id] - points[comp.id], 2), minimum=a.weights[comp.id][1],
            r=round(link.r, 3) if link else None, effect=round(link.r * sign, 3) if link else None,
            retention_r=round(stay.r, 3) if stay else None, support=round(supports[comp.id], 3)))
    return sorted(out, key=lambda c: -c.change)


def rationale(a: RoleAnalysis, changes: list[WeightChange]) -> tuple[str, str]:
    """One sentence per moved weight, from the statistics behind it (English, Chinese)."""
    metric, by_key = a.main, {c.key: c for c in a.competencies}
    en, zh = [], []
    for c in changes:
        if abs(c.change) < 0.005:
            continue
        comp = by_key[c.competency.key]
        link, stay = a.links.get((comp.id, metric.key)), a.retention.get(comp.id)
        why_en, why_zh = [], []
        if link is not None:
            weak_en, weak_zh = ("", "") if link.p < a.alpha else (", not significant", "，不显著")
            why_en.append(f"r {c.r:g} with {metric.name_en} (n {link.n}{weak_en})")
            why_zh.append(f"与{metric.name_zh}的相关系数 r={c.r:g}（n={link.n}{weak_zh}）")
        if stay is not None and stay.p < a.alpha:
            why_en.append(f"r {c.retention_r:g} with staying (n {stay.n})")
            why_zh.append(f"与留任的相关系数 r={c.retention_r:g}（n={stay.n}）")
        if link is None and not why_en:
            why_en.append(f"no link to {metric.name_en} measured")
            why_zh.append(f"未测得与{metric.name_zh}的关联")
        verb_en, verb_zh = ("raise", "提高") if c.change > 0 else ("lower", "降低")
        en.append(f"{verb_en} {c.competency.name_en} from {_fmt(c.current)}% to {_fmt(c.proposed)}%: "
                  + "; ".join(why_en))
        zh.append(f"{c.competency.name_zh}权重由{_fmt(c.current)}%{verb_zh}至{_fmt(c.proposed)}%：" + "；".join(why_zh))
    return ". ".join(s[0].upper() + s[1:] for s in en) + ("." if en else ""), "。".join(zh) + ("。" if zh else "")


def scenario_questions(deps: ToolDeps, a: RoleAnalysis, rising: list[Competency],
                       supplied: list[ScenarioQuestionIn]) -> list[ScenarioQuestion]:
    """Questions for the competencies whose weight rises: the bank first, then the role profile, then the user's."""
    vocab, out = a.vocab, []
    if rising:
        bank = deps.session.exec(select(Question).where(Question.role_id == a.role.id,
                                                        Question.competency_id.in_([c.id for c in rising]))
                                 .order_by(Question.kind != "scenario", Question.id)).all()
        by_id = {c.id: c for c in rising}
        for q in bank:
            out.append(ScenarioQuestion(competency=competency_ref(by_id[q.competency_id], vocab), text_en=q.text_en,
                                        text_zh=q.text_zh, source="bank", question_id=q.id))
        covered = {q.competency.key for q in out}
        for comp in rising:
            if comp.key in covered or a.spec is None:
                continue
            for q in _profile_questions(a, comp.key):
                out.append(ScenarioQuestion(competency=competency_ref(comp, vocab), text_en=q.get("en", ""),
                                            text_zh=q.get("zh", ""), source="profile"))
    for q in supplied:
        if q.competency:
            comp = resolve_competencies(vocab, q.competency, a.role)[0]
        elif rising:
            comp = rising[0]
        else:
            raise ToolError("no_rising_competency", "No weight rises in this proposal, so the question needs a "
                                                    "competency: pass questions=[{text, competency}].",
                        message_zh="这个提案没有上调任何权重，所以面试题需要指定胜任力：questions=[{text, competency}]。")
        zh = language_of(q.text) == "zh"
        out.append(ScenarioQuestion(competency=competency_ref(comp, vocab), text_en="" if zh else q.text,
                                    text_zh=q.text if zh else "", source="user"))
    return out


def _profile_questions(a: RoleAnalysis, competency_key: str) -> list[dict]:
    """The role profile's questions for one competency, scenario questions first (used when the
    question bank in the database has none, e.g. before `python app.py index` has run)."""
    spec = next((c for c in a.spec.competencies if c.key == competency_key), None)
    questions = sorted(spec.questions if spec else [], key=lambda q: q.kind != "scenario")
    return [{"en": q.text.en, "zh": q.text.zh} for q in questions]


def _stored_weights(changes: list[WeightChange]) -> dict:
    return {c.competency.key: {"weight": round(c.proposed / 100, 6), "minimum": c.minimum} for c in changes}


def _open_duplicate(deps: ToolDeps, role: Role, base_id: int, weights: dict) -> CompetencyChangeProposal | None:
    for p in deps.session.exec(select(CompetencyChangeProposal).where(
            CompetencyChangeProposal.role_id == role.id, CompetencyChangeProposal.status == "proposed",
            CompetencyChangeProposal.base_model_id == base_id)):
        if p.proposed_weights == weights:
            return p
    return None


def build_proposal(deps: ToolDeps, a: RoleAnalysis, *, max_step: float, floor: float, sensitivity: float,
                   questions: list[ScenarioQuestionIn], created_by: str, trigger: dict | None = None,
                   lead_en: str = "", lead_zh: str = "") -> ProposalResult:
    """Compute, and store when it changes anything, a proposal for one analysed role."""
    notes = a.data_notes()
    base = dict(role=role_ref(a.role), base_version=a.model.version,
                main_metric=metric_ref(a.main) if a.main else None, months=a.months, hires=len(a.hires),
                hires_with_performance=a.n_main, sufficient=a.sufficient, max_step=max_step, floor=floor)
    if not a.sufficient:
        return ProposalResult(proposal_id=None, status=None, created=False, reused=False, changes=[],
                              rationale_en="", rationale_zh="", questions=[], rising_without_questions=[],
                              **notes.add("no proposal: the weights stay as they are until there is enough data",
                                          "不提出方案：数据足够之前权重保持不变").fields(), **base)
    changes = compute_changes(a, max_step=max_step, floor=floor, sensitivity=sensitivity)
    if max(abs(c.change) for c in changes) < MIN_CHANGE:
        return ProposalResult(proposal_id=None, status=None, created=False, reused=False, changes=changes,
                              rationale_en="", rationale_zh="", questions=[], rising_without_questions=[],
                              **notes.add("no proposal: the performance data support the current weights (no weight "
                                          f"would move by {_fmt(MIN_CHANGE)} point or more)",
                                          f"不提出方案：绩效数据支持现有权重（没有权重需要调整 {_fmt(MIN_CHANGE)} 个百分点"
                                          "或以上）").fields(), **base)
    by_key = {c.key: c for c in a.competencies}
    rising = [by_key[c.competency.key] for c in changes if c.change > 0]
    found = scenario_questions(deps, a, rising, questions)
    covered = {q.competency.key for q in found}
    missing = [a.ref(c) for c in rising if c.key not in covered]
    if missing:
        notes.add("no scenario questions in the question bank for " + ", ".join(m.name_en for m in missing)
                  + "; add some with questions=[…]",
                  "题库中没有" + "、".join(m.name_zh for m in missing) + "的情景题，可通过 questions=[…] 补充")
    en, zh = rationale(a, changes)
    en, zh = (lead_en + " " + en).strip(), (lead_zh + zh).strip()
    weights = _stored_weights(changes)
    existing = _open_duplicate(deps, a.role, a.model.id, weights)
    if existing is not None and not questions:
        return ProposalResult(proposal_id=existing.id, status=existing.status, created=False, reused=True,
                              changes=changes, rationale_en=en, rationale_zh=zh, questions=found,
                              rising_without_questions=missing, **notes.fields(), **base)
    statistics = {
        "trigger": trigger or {"kind": "performance"}, "metric": a.main.key, "months": a.months,
        "hires": len(a.hires), "hires_with_performance": a.n_main, "alpha": a.alpha,
        "max_step": max_step, "floor": floor, "sensitivity": sensitivity,
        "changes": [c.model_dump(mode="json") for c in changes], "rationale_zh": zh,
    }
    proposal = CompetencyChangeProposal(
        role_id=a.role.id, base_model_id=a.model.id, proposed_weights=weights, statistics=statistics,
        new_questions=[q.model_dump(mode="json") for q in found], rationale=en[:20000], status="proposed",
        created_by=created_by, created_at=deps.now)
    deps.session.add(proposal)
    deps.session.flush()
    return ProposalResult(proposal_id=proposal.id, status=proposal.status, created=True, reused=False,
                          changes=changes, rationale_en=en, rationale_zh=zh, questions=found,
                          rising_without_questions=missing, **notes.fields(), **base)


def propose_competency_changes(deps: ToolDeps, args: ProposeArgs) -> ProposalResult:
    """Propose new competency weights for a role from how interview scores relate to later performance
    and staying: each weight moves toward what the evidence supports, by at most max_step points
    (default 15), never below a floor (default 5 %), summing to 100 %, with the statistics as the
    rationale and scenario questions for the competencies whose weight rises. The proposal is stored
    with status 'proposed'; nothing changes until an HR manager approves it (decide_proposal)."""
    role = resolve_role(vocabulary_of(deps), args.role, deps.settings)
    a = RoleAnalysis(deps, role, metric=args.metric, months=args.months, min_hires=args.min_hires)
    return build_proposal(deps, a, max_step=args.max_step, floor=args.floor, sensitivity=args.sensitivity,
                          questions=args.questions, created_by=deps.principal.id)


# --------------------------------------------------------------------------------------- decisions

class DecideArgs(BaseModel):
    proposal_id: int = Field(ge=1, description="The proposal's number, e.g. 12 for 'approve proposal 12'.")
    decision: Literal["approve", "reject"]
    note: str = Field("", max_length=1000, description="Why, in a sentence (kept with the decision).")


class AppliedWeight(BaseModel):
    competency: CompetencyRef
    before: float
    after: float
    minimum: float


class DecisionResult(BaseModel):
    proposal_id: int
    role: RoleRef
    status: str
    decided_by: str
    decided_at: datetime
    previous_version: int
    new_version: Optional[int]
    weights: list[AppliedWeight]
    questions_added: int
    note: str


def _load_proposal(deps: ToolDeps, proposal_id: int) -> CompetencyChangeProposal:
    proposal = deps.session.get(CompetencyChangeProposal, proposal_id)
    if proposal is None:
        raise ToolError("unknown_proposal", f"There is no proposal {proposal_id}; list the open ones with 'which "
                                            "proposals are waiting for approval?', or ask for a new one with 'propose "
                                            "new weights for <role>'.", proposal_id=proposal_id,
                        message_zh=f"没有编号为 {proposal_id} 的方案；可以问“有哪些待审批的方案？”查看，或说“为<岗位>提出新的能力权重方案”。")
    return proposal


def apply_proposal(deps: ToolDeps, proposal: CompetencyChangeProposal, note: str = "") -> tuple[CompetencyModel, int]:
    """Make the proposal's weights the role's active model (a new version); the old version stays."""
    session = deps.session
    current = active_model(session, proposal.role_id)
    if current is None or current.id != proposal.base_model_id:
        raise ToolError("stale_proposal", f"Proposal {proposal.id} was made for a model version that is no longer "
                                          "active; ask for a new proposal for this role.", proposal_id=proposal.id,
                        message_zh=f"{proposal.id}号提案针对的模型版本已不再生效；请为该岗位重新生成提案。")
    comps = {c.key: c for c in session.exec(select(Competency).where(Competency.role_id == proposal.role_id))}
    unknown = sorted(set(proposal.proposed_weights) - set(comps))
    if unknown:
        raise ToolError("stale_proposal", f"Proposal {proposal.id} names competencies the role no longer has: "
                                          f"{', '.join(unknown)}.", proposal_id=proposal.id,
                        message_zh=f"{proposal.id}号提案包含该岗位已没有的胜任力：{'、'.join(unknown)}。")
    latest = session.exec(select(CompetencyModel.version).where(CompetencyModel.role_id == proposal.role_id)
                          .order_by(CompetencyModel.version.desc())).first() or 0
    current.active = False
    session.add(current)
    session.flush()
    model = CompetencyModel(role_id=proposal.role_id, version=latest + 1, active=True, source="proposal",
                            note=f"proposal {proposal.id}" + (f": {note}" if note else ""), created_at=deps.now)
    session.add(model)
    session.flush()
    for key, spec in proposal.proposed_weights.items():
        session.add(CompetencyWeight(model_id=model.id, competency_id=comps[key].id, weight=float(spec["weight"]),
                                     minimum_score=float(spec["minimum"])))
    added = 0
    for q in proposal.new_questions or []:
        if q.get("source") == "user" and q.get("competency", {}).get("key") in comps:
            session.add(Question(role_id=proposal.role_id, competency_id=comps[q["competency"]["key"]].id,
                                 kind="scenario", text_en=q.get("text_en", ""), text_zh=q.get("text_zh", "")))
            added += 1
    session.flush()
    return model, added


def decide_proposal(deps: ToolDeps, args: DecideArgs) -> DecisionResult:
    """Approve or reject a competency-weight proposal (HR managers only). Approval applies it at once as
    a new version of the role's competency model, used for every interview scored from then on; the
    previous version stays for history and before/after comparisons."""
    session = deps.session
    proposal = _load_proposal(deps, args.proposal_id)
    if proposal.status != "proposed":
        raise ToolError("already_decided", f"Proposal {proposal.id} is already {proposal.status}.",
                        proposal_id=proposal.id, status=proposal.status,
                        message_zh=f"{proposal.id}号提案已经是 {proposal.status} 状态。")
    base = session.get(CompetencyModel, proposal.base_model_id)
    before = {cid: w for cid, w in session.exec(select(CompetencyWeight.competency_id, CompetencyWeight.weight)
                                                .where(CompetencyWeight.model_id == base.id))}
    model, added = None, 0
    if args.decision == "approve":
        model, added = apply_proposal(deps, proposal, args.note)
        proposal.status, proposal.applied_model_id = "applied", model.id
    else:
        proposal.status = "rejected"
    proposal.decided_by, proposal.decided_at = deps.principal.id, deps.now
    proposal.statistics = {**proposal.statistics, "decision": {"decision": args.decision, "note": args.note,
                                                               "by": deps.principal.id}}
    session.add(proposal)
    if model is not None:
        audit.record(session, deps.principal, "competency_model_applied",
                     {"proposal_id": proposal.id, "model_id": model.id, "version": model.version,
                      "previous_model_id": base.id}, conversation_id=deps.conversation_id,
                     detail=f"role {proposal.role_id} v{base.version} -> v{model.version}")
    session.flush()
    vocab = vocabulary_of(deps)
    role = vocab.role_by_id(proposal.role_id)
    comps = {c.key: c for c in vocab.competencies if c.role_id == role.id}
    weights = [AppliedWeight(competency=competency_ref(comps[k], vocab),
                             before=round(before.get(comps[k].id, 0.0) * 100, 2),
                             after=round(float(v["weight"]) * 100, 2), minimum=float(v["minimum"]))
               for k, v in proposal.proposed_weights.items() if k in comps]
    return DecisionResult(proposal_id=proposal.id, role=role_ref(role), status=proposal.status,
                          decided_by=deps.principal.id, decided_at=as_utc(deps.now), previous_version=base.version,
                          new_version=model.version if model else None,
                          weights=sorted(weights, key=lambda w: -(w.after - w.before)), questions_added=added,
                          note=args.note)


SPEC_PROPOSE = ToolSpec(name="propose_competency_changes", func=propose_competency_changes, args_model=ProposeArgs,
                        audiences=("hr_manager",), changes_data=True)
SPEC_DECIDE = ToolSpec(name="decide_proposal", func=decide_proposal, args_model=DecideArgs,
                       audiences=("hr_manager",), changes_data=True)
