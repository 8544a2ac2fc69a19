"""Resolve role and competency names (English, Chinese, aliases, keys) to database rows."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Optional

from pydantic import BaseModel
from sqlmodel import Session, select

from candor.models import Competency, PerformanceMetric, Role
from knowledge.catalogue import default_roles, load_metrics
from tools.base import ToolError


class RoleRef(BaseModel):
    key: str
    name_en: str
    name_zh: str
    # The user's own words when the role was recognised from a description, not a name or alias.
    matched_from: Optional[str] = None


class CompetencyRef(BaseModel):
    key: str
    name_en: str
    name_zh: str
    role_key: str
    role_name_en: str
    role_name_zh: str


CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# Initials that mean something else at work: never read as a role's.
COMMON_ACRONYMS = frozenset({
    "HR", "AI", "KPI", "CSV", "NPS", "OK", "ID", "IT", "QA", "CEO", "CFO", "COO", "CTO", "CHRO", "VP", "MD", "HRBP",
    "PDF", "FAQ", "US", "UK", "USA", "EU", "EOD", "ASAP", "FYI", "PTO", "DM", "PM", "AM", "TA", "DC", "FT", "PT",
    "PS", "PO", "HQ", "TBD", "LGTM", "SLA", "ROI", "YTD", "MTD", "QTD", "FY", "HC", "JD", "OT", "PR", "BD", "GM"})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    text = re.sub(r"[\s\-_/]+", " ", text)
    return re.sub(r"^(the|a|an) |( role| position| roles| positions|岗位|职位|岗)$", "", text).strip()


@dataclass(frozen=True)
class Vocabulary:
    """Every name a role or competency is known by, for resolution and for the planner's slot finding."""

    roles: tuple[Role, ...]
    competencies: tuple[Competency, ...]
    metrics: tuple[PerformanceMetric, ...] = ()  # shipped and imported: the planner understands their names

    def role_names(self) -> dict[str, Role]:
        return self._role_names

    @cached_property
    def _role_names(self) -> dict[str, Role]:
        names: dict[str, Role] = {}
        for role in self.roles:
            for name in (role.key, role.key.replace("_", " "), role.name_en, role.name_zh, *role.aliases):
                names.setdefault(normalise(name), role)
        return names

    def role_acronyms(self) -> dict[str, Role]:
        """Initials people type for a role ("LP" for Loss Prevention, "MP" for Marketing Planner), from its English
        name and aliases of two words or more: only those that stand for one role and for nothing else in HR talk."""
        return self._role_acronyms

    @cached_property
    def _role_acronyms(self) -> dict[str, Role]:
        owners: dict[str, set[str]] = {}
        for role in self.roles:
            for name in (role.name_en, *role.aliases):
                words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("and", "of", "the", "for")]
                if len(words) >= 2 and not CJK_CHAR.search(name):
                    owners.setdefault("".join(w[0] for w in words).upper(), set()).add(role.key)
        by_key = {r.key: r for r in self.roles}
        return {acronym: by_key[next(iter(keys))] for acronym, keys in owners.items()
                if len(keys) == 1 and 2 <= len(acronym) <= 4 and acronym not in COMMON_ACRONYMS}

    def competency_names(self, role: Role | None = None) -> dict[str, list[Competency]]:
        return self._competency_names(role.id if role is not None else None)

    def _competency_names(self, role_id: int | None) -> dict[str, list[Competency]]:
        cache = self.__dict__.setdefault("_competency_cache", {})
        if role_id not in cache:
            cache[role_id] = self._build_competency_names(role_id)
        return cache[role_id]

    def _build_competency_names(self, role_id: int | None) -> dict[str, list[Competency]]:
        names: dict[str, list[Competency]] = {}
        for comp in self.competencies:
            if role_id is not None and comp.role_id != role_id:
                continue
            for name in (comp.key, comp.key.replace("_", " "), comp.name_en, comp.name_zh, *comp.aliases):
                bucket = names.setdefault(normalise(name), [])
                if comp not in bucket:
                    bucket.append(comp)
        return names

    def role_by_id(self, role_id: int) -> Role:
        return next(r for r in self.roles if r.id == role_id)


def load_vocabulary(session: Session) -> Vocabulary:
    return Vocabulary(roles=tuple(session.exec(select(Role).order_by(Role.id))),
                      competencies=tuple(session.exec(select(Competency).order_by(Competency.id))),
                      metrics=tuple(session.exec(select(PerformanceMetric).order_by(PerformanceMetric.key))))


@lru_cache(maxsize=1)
def catalogue_vocabulary() -> Vocabulary:
    """The shipped role profiles and metrics as a vocabulary, without a database (training, evaluation, and
    the fallback when a caller has no stored vocabulary)."""
    roles, comps = [], []
    for n, spec in enumerate(default_roles(), start=1):
        roles.append(Role(id=n, key=spec.key, name_en=spec.name.en, name_zh=spec.name.zh,
                          aliases=spec.aliases.all(), metrics=list(spec.metrics)))
        for c in spec.competencies:
            comps.append(Competency(id=len(comps) + 1, role_id=n, key=c.key, name_en=c.name.en, name_zh=c.name.zh,
                                    aliases=c.aliases.all()))
    metrics = [PerformanceMetric(key=m.key, name_en=m.name.en, name_zh=m.name.zh, higher_is_better=m.higher_is_better,
                                 unit=m.unit) for m in load_metrics()]
    return Vocabulary(roles=tuple(roles), competencies=tuple(comps), metrics=tuple(metrics))


def vocabulary_of(deps) -> Vocabulary:
    if deps.vocabulary is None:
        deps.vocabulary = load_vocabulary(deps.session)
    return deps.vocabulary


def role_ref(role: Role, asked: str | None = None) -> RoleRef:
    """`asked`: the name the user gave; kept on the reference when it was a description, so answers say
    which role it was taken to mean."""
    if asked and normalise(asked) not in {normalise(n) for n in (role.key, role.name_en, role.name_zh, *role.aliases)}:
        return RoleRef(key=role.key, name_en=role.name_en, name_zh=role.name_zh, matched_from=asked)
    return _role_ref(role)


def _role_ref(role: Role) -> RoleRef:
    return RoleRef(key=role.key, name_en=role.name_en, name_zh=role.name_zh)


def competency_ref(comp: Competency, vocab: Vocabulary) -> CompetencyRef:
    role = vocab.role_by_id(comp.role_id)
    return CompetencyRef(key=comp.key, name_en=comp.name_en, name_zh=comp.name_zh, role_key=role.key,
                         role_name_en=role.name_en, role_name_zh=role.name_zh)


def closest(name: str, candidates: list[str], n: int = 3) -> list[str]:
    target = normalise(name)
    scored = sorted(candidates, key=lambda c: -difflib.SequenceMatcher(None, target, normalise(c)).ratio())
    return scored[:n]


# A description of a role rather than a name: "the people who plan our marketing events", "负责策划市场活动的人".
DESCRIPTION = re.compile(r"\b(who|that|which|whose|in charge of|responsible for)\b|\S+\s+\S+\s+\S+\s+\S+|"
                         r"(负责|专门|做|搞|管|去).{1,20}的|的(人|同事|员工|师傅|人员)$", re.I)


def resolve_role(vocab: Vocabulary, name: str, settings=None) -> Role:
    """The role a name, alias or key means; a description is matched against the role profiles' meaning,
    embedded with the configured model (`settings`: the tool's deps.settings; None: the packaged model)."""
    role = vocab.role_names().get(normalise(name))
    if role is not None:
        return role
    by_key = {r.key: r for r in vocab.roles}
    suggested: list[str] = []
    described = bool(DESCRIPTION.search(name.strip()))
    if described:
        from knowledge.onnx_encoder import query_model_path
        from knowledge.role_finder import (
            find_role,  # loads the embedding model: only for descriptions
        )

        # An existing ONNX export keeps torch off a statistics question; exporting is the index command's job.
        model_path = query_model_path(settings, export_if_missing=False) if settings is not None else ""
        guess = find_role(name, model_path=model_path)
        if guess.role_key in by_key:
            return by_key[guess.role_key]
        suggested = [key for key, _ in guess.ranked if key in by_key]
    else:  # a name: suggest the names spelled most like it
        spelled = closest(name, [r.name_en for r in vocab.roles] + [r.name_zh for r in vocab.roles])
        suggested = [vocab.role_names()[normalise(s)].key for s in spelled]
    # Report each suggested role once, in both languages.
    refs = [_role_ref(by_key[key]).model_dump(exclude_none=True) for key in dict.fromkeys(suggested)]
    raise ToolError("unknown_role", f"Unknown role '{name}'. "
                    + ("Name one of the known roles: " if described else "Known roles: ")
                    + ", ".join(r.name_en for r in vocab.roles) + ".",
                    role=name, suggestions=refs, described=described,
                    known=[_role_ref(r).model_dump(exclude_none=True) for r in vocab.roles])


def resolve_competencies(vocab: Vocabulary, name: str, role: Role | None) -> list[Competency]:
    """All competencies called `name` (one per role when no role is given)."""
    found = vocab.competency_names(role).get(normalise(name))
    if found:
        return found
    pool = vocab.competency_names(role)
    suggestions = closest(name, list(pool))
    refs = [competency_ref(pool[s][0], vocab).model_dump() for s in suggestions]
    where = f" for {role.name_en}" if role else ""
    raise ToolError("unknown_competency", f"Unknown competency '{name}'{where}.", competency=name, suggestions=refs)
