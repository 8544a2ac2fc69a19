"""Score a stored interview: competencies against the role's rubric, role match, consistency, outcome.

`score_stored_interview` is the one entry point (the score_interview tool, the media pipeline and the
CLI call it). It reads the interview's Answer rows and the Candidate, replaces any earlier scores and
failure reasons of that interview (re-scoring is idempotent), fills the interview's total, role match,
model version, outcome and `scoring` detail, and flushes; the caller commits.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlmodel import Session, select

from candor.llm import vendor_chat_model
from candor.models import (
    Answer,
    Candidate,
    Competency,
    CompetencyModel,
    CompetencyScore,
    CompetencyWeight,
    FailureReason,
    Interview,
    Question,
    Role,
)
from tools.base import ToolError
from tools.scoring.consistency import check_consistency, is_baseline
from tools.scoring.embedded import EmbeddedScorer
from tools.scoring.outcome import ScoredCompetency, decide
from tools.scoring.role_match import match_role
from tools.scoring.rubric import load_rubric, role_spec
from tools.scoring.text import is_chinese


class CompetencyResult(BaseModel):
    key: str
    name_en: str
    name_zh: str
    level: int | None  # None: no answer addressed it, so it was not scored
    score: float | None
    required: float
    weight: float
    gap: float  # points below the minimum (0 when met or not scored)
    evidence: list[str]
    scorer: str | None
    answers: int


class ReasonResult(BaseModel):
    category: str
    competency_key: str | None = None
    score: float | None = None
    required: float | None = None
    detail: str


class ScoringResult(BaseModel):
    interview_id: int
    external_id: str
    role_key: str
    role_name_en: str
    role_name_zh: str
    competency_model_id: int
    model_version: int
    competencies: list[CompetencyResult]
    total_score: float | None
    pass_mark: float
    role_match: float
    min_role_match: float
    missing_skills: list[str]
    missing_skills_zh: list[str]
    reasons: list[ReasonResult]
    outcome: str
    scorer: str
    notes: list[str]


def _active_model(session: Session, role: Role) -> CompetencyModel:
    model = session.exec(select(CompetencyModel).where(CompetencyModel.role_id == role.id,
                                                       CompetencyModel.active == True)  # noqa: E712
                         .order_by(CompetencyModel.version.desc())).first()
    if model is None:
        raise ToolError("no_active_model",
                        f"{role.name_en} has no active competency model, so there are no weights or minimums to score "
                        "against. Run `python app.py index` to load the role profile's model, or approve a "
                        f"competency-change proposal. / {role.name_zh}没有生效的胜任力模型，无法评分；请运行 "
                        "`python app.py index` 或批准一个胜任力调整方案。", role=role.key)
    return model


def _is_llm(chat_model) -> bool:
    return chat_model is not None and getattr(chat_model, "_llm_type", "") != "candor-embedded-planner"


def _scorer_choice(settings, chat_model) -> str:
    choice = getattr(settings, "scorer", "auto")
    # The embedded planner is a chat model too, but it cannot rate answers: it never counts as an LLM.
    llm_available = _is_llm(chat_model) or settings.provider != "embedded"
    if choice == "llm" and not llm_available:
        raise ToolError("no_llm_provider", "CANDOR_SCORER=llm needs an LLM provider: set CANDOR_PROVIDER=openai "
                                           "(with OPENAI_API_KEY) or openai-compatible, or use CANDOR_SCORER=embedded. "
                                           "/ 使用大模型评分需要配置大模型服务。")
    return "llm" if choice == "llm" or (choice == "auto" and llm_available) else "embedded"


def _note_text(note) -> str:
    # media/speech and vision write a string or {"signal": ..., "reason": ...}.
    if isinstance(note, dict):
        return ": ".join(str(note[k]) for k in ("signal", "message", "reason") if note.get(k)) or str(note)
    return str(note)


def _chat_model(settings):
    return vendor_chat_model(settings)


def _judge(comp: Competency, transcripts: list[str], comp_rubric, chat_model, embedded: EmbeddedScorer,
           notes: list[str], fallbacks: list[dict]):
    """One competency's judgement from its answers: the LLM when given one, else (or when rejected) embedded."""
    if comp_rubric is None:
        notes.append(f"{comp.name_en} has no rating scale in the role profile; not scored")
        return None
    if chat_model is not None:
        from tools.scoring.llm import LlmScoreRejected, llm_judgement

        language = "zh" if is_chinese(" ".join(transcripts)) else "en"
        try:
            return llm_judgement(chat_model, comp_rubric, transcripts, language)
        except LlmScoreRejected as exc:
            fallbacks.append({"competency": comp.key, "reason": str(exc)})
            notes.append(f"{comp.name_en}: {exc}; scored by the embedded scorer instead")
    judgement = embedded.score(comp_rubric, transcripts)
    if judgement is None:
        notes.append(f"{comp.name_en}: its answers have no words; not scored")
    return judgement


def score_stored_interview(session: Session, interview: Interview, settings, *, now: datetime,
                           chat_model=None) -> ScoringResult:
    role = session.get(Role, interview.role_id)
    model = _active_model(session, role)
    weights = list(session.exec(select(CompetencyWeight).where(CompetencyWeight.model_id == model.id)))
    comps = {c.id: c for c in session.exec(select(Competency).where(Competency.role_id == role.id))}
    candidate = session.get(Candidate, interview.candidate_id)
    answers = list(session.exec(select(Answer).where(Answer.interview_id == interview.id).order_by(Answer.id)))
    question_ids = {a.question_id for a in answers if a.question_id is not None}
    questions = ({q.id: q for q in session.exec(select(Question).where(Question.id.in_(question_ids)))}
                 if question_ids else {})
    model_path = getattr(settings, "embedding_model_path", "")
    spec = role_spec(role.key)
    rubric = load_rubric(role.key, model_path)
    notes: list[str] = []

    groups: dict[int, list[Answer]] = {}
    for n, answer in enumerate(answers, 1):
        notes += [f"answer {n}: {_note_text(note)}" for note in answer.notes or []]
        face = answer.face_signals or {}
        face_noted = any(isinstance(n, dict) and n.get("signal") == "face" for n in answer.notes or [])
        if face.get("available") is False and face.get("reason") and not face_noted:
            notes.append(f"answer {n}: face signal unavailable: {face['reason']}")
        if is_baseline(answer):
            continue
        comp_id = answer.competency_id or (questions[answer.question_id].competency_id
                                           if answer.question_id in questions else None)
        if comp_id is None or comp_id not in comps:
            notes.append(f"answer {n} is not linked to a competency of this role; not scored")
        elif not answer.transcript.strip():
            notes.append(f"answer {n} has no transcript; not scored")
        else:
            groups.setdefault(comp_id, []).append(answer)

    which = _scorer_choice(settings, chat_model)
    if which == "llm" and not _is_llm(chat_model):
        chat_model = _chat_model(settings)
    embedded = EmbeddedScorer(model_path)
    results, scored, details, fallbacks = [], [], {}, []
    for weight in sorted(weights, key=lambda w: -w.weight):
        comp = comps[weight.competency_id]
        group = groups.get(comp.id, [])
        transcripts = [a.transcript for a in group]
        judgement = _judge(comp, transcripts, rubric.competencies.get(comp.key), chat_model if which == "llm" else None,
                           embedded, notes, fallbacks) if group else None
        if judgement is not None:
            details[comp.key] = judgement.detail()
            notes += [f"{comp.name_en}: {note}" for note in judgement.notes]
        score = judgement.score if judgement else None
        scored.append(ScoredCompetency(comp.id, comp.key, comp.name_en, comp.name_zh, weight.weight,
                                       weight.minimum_score, score))
        results.append(CompetencyResult(
            key=comp.key, name_en=comp.name_en, name_zh=comp.name_zh, level=judgement.level if judgement else None,
            score=score, required=weight.minimum_score, weight=weight.weight,
            gap=round(max(0.0, weight.minimum_score - score), 1) if score is not None else 0.0,
            evidence=judgement.evidence if judgement else [], scorer=judgement.scorer if judgement else None,
            answers=len(group)))

    match = match_role(role.required_skills, role.min_role_match, candidate.background_skills, spec, model_path)
    asked = {a.id: a.question_text or (questions[a.question_id].text_en if a.question_id in questions else "")
             for a in answers}
    consistency = check_consistency(candidate.claims, answers, asked)
    notes += consistency.notes
    inconsistency = ("; ".join(f.detail_en for f in consistency.findings) + " / "
                     + "；".join(f.detail_zh for f in consistency.findings)) if consistency.findings else None
    decision = decide(scored, role.pass_mark, role_match=match.role_match, min_role_match=match.min_role_match,
                      job_match_detail=f"{match.detail_en} (role match {match.role_match:.2f} < "
                                       f"{match.min_role_match:.2f}) / {match.detail_zh}",
                      inconsistency_detail=inconsistency)
    notes += decision.notes

    # Re-scoring replaces: delete through the ORM so the rollup hooks see the old reasons go.
    for old in [*session.exec(select(CompetencyScore).where(CompetencyScore.interview_id == interview.id)),
                *session.exec(select(FailureReason).where(FailureReason.interview_id == interview.id))]:
        session.delete(old)
    session.flush()
    for result, item in zip(results, scored):
        if result.score is not None:
            session.add(CompetencyScore(interview_id=interview.id, competency_id=item.competency_id, score=result.score,
                                        required=result.required, weight=result.weight, evidence=result.evidence,
                                        scorer=result.scorer, level=result.level))
    for reason in decision.reasons:
        session.add(FailureReason(interview_id=interview.id, category=reason.category, competency_id=reason.competency_id,
                                  score=reason.score, required=reason.required, detail=reason.detail, created_at=now))
    used = "llm" if which == "llm" and len(fallbacks) < len(groups) else "embedded-minilm-v1"
    interview.total_score = decision.total
    interview.role_match = match.role_match
    interview.competency_model_id = model.id
    interview.outcome = decision.outcome
    interview.decided_at = now
    interview.scoring = {"scorer": which, "scored_at": now.isoformat(), "model_version": model.version,
                         "llm_fallbacks": fallbacks, "role_match": match.model_dump(mode="json"),
                         "consistency": consistency.model_dump(mode="json"), "competencies": details, "notes": notes}
    session.add(interview)
    session.flush()
    return ScoringResult(
        interview_id=interview.id, external_id=interview.external_id, role_key=role.key, role_name_en=role.name_en,
        role_name_zh=role.name_zh, competency_model_id=model.id, model_version=model.version, competencies=results,
        total_score=decision.total, pass_mark=role.pass_mark, role_match=match.role_match,
        min_role_match=match.min_role_match, missing_skills=match.missing, missing_skills_zh=match.missing_zh,
        reasons=[ReasonResult(category=r.category.value, competency_key=r.competency_key, score=r.score,
                              required=r.required, detail=r.detail) for r in decision.reasons],
        outcome=decision.outcome.value, scorer=used, notes=notes)
