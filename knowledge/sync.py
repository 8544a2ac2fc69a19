"""Bring roles, competencies, metrics and the initial competency models into the database.

Idempotent: existing rows are updated in place; a changed weight or minimum becomes a new
competency-model version, so interviews keep pointing at the version they were scored with.
"""

from __future__ import annotations

import logging

from sqlmodel import Session, select

from candor.models import (
    Competency,
    CompetencyModel,
    CompetencyWeight,
    PerformanceMetric,
    Question,
    Role,
)
from knowledge.catalogue import MetricSpec, RoleSpec, load_metrics, load_roles

log = logging.getLogger("candor.knowledge")
AUTOMATIC = ("index", "seed")  # syncs that run on their own (start-up, seeding)
DECIDED = ("proposal", "import")  # models a person chose: an approved proposal, an imported model


def sync_metrics(session: Session, metrics: list[MetricSpec]) -> None:
    for spec in metrics:
        row = session.get(PerformanceMetric, spec.key) or PerformanceMetric(key=spec.key, name_en="", name_zh="")
        row.name_en, row.name_zh = spec.name.en, spec.name.zh
        row.higher_is_better, row.unit = spec.higher_is_better, spec.unit
        session.add(row)


def sync_role(session: Session, spec: RoleSpec, source: str = "index") -> tuple[Role, CompetencyModel, bool]:
    """Upsert one role; returns (role, active model, whether a new model version was created)."""
    role = session.exec(select(Role).where(Role.key == spec.key)).first() or Role(key=spec.key, name_en="", name_zh="")
    role.name_en, role.name_zh = spec.name.en, spec.name.zh
    role.aliases = spec.aliases.all()
    # A pass mark left out is the default 70 on 0–100, whatever scale the role is scored on.
    role.pass_mark = spec.common(spec.pass_mark) if "pass_mark" in spec.model_fields_set else spec.pass_mark
    role.min_role_match = spec.min_role_match
    role.required_skills = list(spec.required_skills)
    role.metrics = list(spec.metrics)
    role.score_scale = spec.score_scale
    session.add(role)
    session.flush()

    existing = {c.key: c for c in session.exec(select(Competency).where(Competency.role_id == role.id))}
    by_key: dict[str, Competency] = {}
    for cs in spec.competencies:
        comp = existing.get(cs.key) or Competency(role_id=role.id, key=cs.key, name_en="", name_zh="")
        comp.name_en, comp.name_zh, comp.aliases = cs.name.en, cs.name.zh, cs.aliases.all()
        session.add(comp)
        by_key[cs.key] = comp
    session.flush()

    wanted = {by_key[c.key].id: (round(c.weight, 6), round(spec.common(c.minimum), 6)) for c in spec.competencies}
    active = active_model(session, role.id)
    if active is not None:
        current = {w.competency_id: (round(w.weight, 6), round(w.minimum_score, 6))
                   for w in session.exec(select(CompetencyWeight).where(CompetencyWeight.model_id == active.id))}
        if current == wanted:
            return role, active, False
        if source in AUTOMATIC and active.source in DECIDED:
            # Someone approved or imported this model: a re-index (every `make run`) never undoes it.
            log.warning("%s: the role profile's weights differ from the active model v%s (%s); keeping the "
                        "model that was decided. Propose the profile's weights to change it.", spec.key,
                        active.version, active.source)
            return role, active, False
        active.active = False
        session.add(active)
    version = 1 if active is None else active.version + 1
    model = CompetencyModel(role_id=role.id, version=version, active=True, source=source,
                            note="initial model from the role profile" if version == 1 else "role profile edited")
    session.add(model)
    session.flush()
    for comp_id, (weight, minimum) in wanted.items():
        session.add(CompetencyWeight(model_id=model.id, competency_id=comp_id, weight=weight, minimum_score=minimum))
    session.flush()
    return role, model, True


def active_model(session: Session, role_id: int) -> CompetencyModel | None:
    return session.exec(select(CompetencyModel).where(CompetencyModel.role_id == role_id,
                                                      CompetencyModel.active == True)  # noqa: E712
                        .order_by(CompetencyModel.version.desc())).first()


def question_external_id(role_key: str, competency_key: str, kind: str, n: int) -> str:
    """The stable id of a profile question: `role/competency/kind/n`, n counting from 1 within its kind."""
    return f"{role_key}/{competency_key}/{kind}/{n}"


def sync_questions(session: Session, spec: RoleSpec) -> int:
    """Upsert the role profile's question bank by external id; returns how many rows were added."""
    role = session.exec(select(Role).where(Role.key == spec.key)).one()
    comps = {c.key: c for c in session.exec(select(Competency).where(Competency.role_id == role.id))}
    wanted = {}
    for cs in spec.competencies:
        counts: dict[str, int] = {}
        for q in cs.questions:
            counts[q.kind] = counts.get(q.kind, 0) + 1
            wanted[question_external_id(spec.key, cs.key, q.kind, counts[q.kind])] = (comps[cs.key].id, q)
    existing = {q.external_id: q for q in session.exec(select(Question).where(Question.external_id.in_(list(wanted))))}
    added = 0
    for external_id, (comp_id, q) in wanted.items():
        row = existing.get(external_id)
        if row is None:
            row, added = Question(external_id=external_id, role_id=role.id, kind=q.kind), added + 1
        row.competency_id, row.kind, row.text_en, row.text_zh = comp_id, q.kind, q.text.en, q.text.zh
        session.add(row)
    session.flush()
    return added


def sync_catalogue(session: Session, roles: list[RoleSpec] | None = None, source: str = "index",
                   questions: bool = False) -> dict[str, int]:
    """Sync every role profile; returns {role key: active model version}.

    `questions=True` (what `app.py index` does) also loads each profile's question bank.
    """
    sync_metrics(session, load_metrics())
    versions = {}
    for spec in roles if roles is not None else load_roles():
        _, model, _ = sync_role(session, spec, source=source)
        versions[spec.key] = model.version
        if questions:
            sync_questions(session, spec)
    return versions
