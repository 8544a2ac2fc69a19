"""Search the role profiles: competencies, rating scales, question bank, learning resources, personas."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field
from sqlmodel import select

from candor.models import Competency, CompetencyWeight
from knowledge.sync import active_model
from tools.base import ToolDeps, ToolError, ToolSpec, settings_of
from tools.shared.lookup import (
    RoleRef,
    resolve_competencies,
    resolve_role,
    role_ref,
    vocabulary_of,
)

Section = Literal["profile", "competency", "scale", "questions", "resources"]


class SearchRoleProfilesArgs(BaseModel):
    query: str = Field(..., min_length=1, max_length=500, description="What to look for, in English or Chinese.")
    role: Optional[str] = Field(None, description="Only this role (English or Chinese name, or an alias).")
    competency: Optional[str] = Field(None, description="Only this competency (name in English or Chinese).")
    section: Optional[Section] = Field(None, description="Only this part of the profiles: profile (summary, "
                                       "persona), competency (definitions), scale (rating levels), questions "
                                       "(interview question bank), resources (learning resources).")
    k: int = Field(5, ge=1, le=20, description="How many passages to return.")


class ProfilePassage(BaseModel):
    source_id: str
    role_key: str
    section: str
    competency: Optional[str]
    text_en: str
    text_zh: str
    score: float


class ModelWeight(BaseModel):
    competency: str
    name_en: str
    name_zh: str
    weight: float  # percent
    minimum: float


class RoleModel(BaseModel):
    role: RoleRef
    version: int
    weights: list[ModelWeight]


class SearchRoleProfilesResult(BaseModel):
    query: str
    role: Optional[RoleRef]
    competency: Optional[str]
    section: Optional[str]
    passages: list[ProfilePassage]
    # The active competency model of each role in the passages, from the database (not the YAML text).
    models: list[RoleModel]


def search_role_profiles(deps: ToolDeps, args: SearchRoleProfilesArgs) -> SearchRoleProfilesResult:
    """Search the role profiles (what each role requires, competency definitions, five-level rating
    scales, the interview question bank, learning resources, talent personas) in English or Chinese.
    Returns passages with stable source ids (role/section/item) and scores, plus the active competency
    weights and minimum scores of the roles found. Cite the source ids in the answer."""
    vocab = vocabulary_of(deps)
    role = resolve_role(vocab, args.role, deps.settings) if args.role else None
    competency = resolve_competencies(vocab, args.competency, role)[0].key if args.competency else None
    retriever = deps.knowledge
    if retriever is None:
        # Imported here: chromadb and torch load only when a question needs retrieval.
        from knowledge.index import open_retriever

        retriever, _ = open_retriever(settings_of(deps))
    hits = retriever.search(args.query, role=role.key if role else None, section=args.section,
                            competency=competency, k=args.k)
    if not hits:
        raise ToolError("no_passages", "Nothing in the role profiles matches; try other words or drop the filters.",
                        query=args.query,
                        message_zh="岗位画像里没有匹配的内容；换个说法或去掉筛选条件再试。")
    passages = [ProfilePassage(source_id=h.passage.source_id, role_key=h.passage.role, section=h.passage.section,
                               competency=h.passage.competency, text_en=h.passage.text_en, text_zh=h.passage.text_zh,
                               score=round(h.score, 5)) for h in hits]
    keys = list(dict.fromkeys([role.key] if role else [p.role_key for p in passages]))
    return SearchRoleProfilesResult(query=args.query, role=role_ref(role, args.role) if role else None, competency=competency,
                                    section=args.section,
                                    passages=passages, models=[m for m in (_model(deps, vocab, k) for k in keys) if m])


def _model(deps: ToolDeps, vocab, role_key: str) -> RoleModel | None:
    role = next((r for r in vocab.roles if r.key == role_key), None)
    model = active_model(deps.session, role.id) if role else None
    if model is None:
        return None
    rows = deps.session.exec(select(CompetencyWeight, Competency).join(Competency, Competency.id == CompetencyWeight.competency_id)
                             .where(CompetencyWeight.model_id == model.id).order_by(CompetencyWeight.weight.desc(),
                                                                                   Competency.id)).all()
    return RoleModel(role=role_ref(role), version=model.version,
                     weights=[ModelWeight(competency=c.key, name_en=c.name_en, name_zh=c.name_zh,
                                          weight=round(w.weight * 100, 1), minimum=w.minimum_score) for w, c in rows])


SPEC = ToolSpec(name="search_role_profiles", func=search_role_profiles, args_model=SearchRoleProfilesArgs,
                audiences=("hr_manager", "recruiter", "evaluator"))
