"""Load and validate the role profiles in `knowledge/roles/*.yaml`.

A bad file fails with the file, the field path and what is wrong; nothing is loaded then.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

ROLES_DIR = Path(__file__).parent / "roles"
METRICS_FILE = Path(__file__).parent / "metrics.yaml"


class Bilingual(BaseModel):
    en: str
    zh: str


class BilingualList(BaseModel):
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.en, *self.zh]


class ScaleLevel(BaseModel):
    """One anchor of a behaviourally anchored rating scale: what is observed, and evidence that shows it."""

    level: int = Field(ge=1, le=5)
    behaviour: Bilingual
    evidence: Bilingual


class QuestionSpec(BaseModel):
    kind: Literal["behavioral", "situational", "scenario"]
    text: Bilingual


class ResourceSpec(BaseModel):
    title: Bilingual
    kind: Literal["course", "book", "practice", "guide", "video"] = "guide"
    url: str | None = None


class CompetencySpec(BaseModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")
    name: Bilingual
    aliases: BilingualList = Field(default_factory=BilingualList)
    weight: float = Field(gt=0, le=1)
    minimum: float = Field(ge=0, le=100)
    # The profile detail is optional so a bare weights-only file stays valid.
    definition: Bilingual | None = None
    # Everyday words people use for this competency; they feed retrieval only, not name resolution.
    search_terms: BilingualList = Field(default_factory=BilingualList)
    scale: list[ScaleLevel] = Field(default_factory=list)
    questions: list[QuestionSpec] = Field(default_factory=list)
    resources: list[ResourceSpec] = Field(default_factory=list)

    @field_validator("scale")
    @classmethod
    def _five_levels(cls, scale: list[ScaleLevel]) -> list[ScaleLevel]:
        if scale and [s.level for s in scale] != [1, 2, 3, 4, 5]:
            raise ValueError(f"a rating scale has the five levels 1-5 in order, got {[s.level for s in scale]}")
        return scale


class RoleSpec(BaseModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")
    name: Bilingual
    aliases: BilingualList = Field(default_factory=BilingualList)
    pass_mark: float = Field(70, ge=0, le=100)
    min_role_match: float = Field(0.6, ge=0, le=1)
    required_skills: list[str] = Field(default_factory=list)
    persona: Bilingual | None = None
    persona_industries: list[str] = Field(default_factory=list)
    metrics: list[str] = Field(default_factory=list)
    # The company's score scale (0-100, 1-5, 1-10, 0-1, percent…): pass_mark and minimums are written on it.
    score_scale: str = "0-100"
    summary: Bilingual | None = None
    competencies: list[CompetencySpec] = Field(min_length=1)

    @field_validator("score_scale", mode="before")
    @classmethod
    def _known_scale(cls, value):
        from candor.scales import ScaleError, scale_name

        try:
            return scale_name(value)
        except ScaleError as exc:
            raise ValueError(str(exc)) from None

    def common(self, value: float) -> float:
        """A pass mark or minimum written on this role's scale, on the common 0–100 scale."""
        from candor.scales import to_common

        return to_common(value, self.score_scale)

    @model_validator(mode="after")
    def _weights(self) -> "RoleSpec":
        total = sum(c.weight for c in self.competencies)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"competency weights must sum to 1.0, got {total:.3f}")
        from candor.scales import ScaleError, to_common

        marks = [("pass_mark", self.pass_mark)] if "pass_mark" in self.model_fields_set else []
        for name, value in marks + [(f"{c.key}.minimum", c.minimum) for c in self.competencies]:
            try:
                to_common(value, self.score_scale)
            except ScaleError as exc:
                raise ValueError(f"{name}: {exc}; write it on the role's score_scale") from None
        keys = [c.key for c in self.competencies]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate competency keys: {sorted(k for k in set(keys) if keys.count(k) > 1)}")
        return self


class MetricSpec(BaseModel):
    key: str
    name: Bilingual
    higher_is_better: bool = True
    unit: str = ""


class CatalogueError(ValueError):
    """A role profile file is invalid; the message names the file and the field."""


def _load_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path}: not valid YAML: {exc}") from None


def _errors(path: Path, exc: ValidationError) -> CatalogueError:
    lines = [f"  {'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors()]
    return CatalogueError(f"{path}: invalid role profile\n" + "\n".join(lines))


def load_roles(directory: Path = ROLES_DIR) -> list[RoleSpec]:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogueError(f"no role profiles (*.yaml) in {directory}")
    roles = []
    for path in files:
        try:
            roles.append(RoleSpec.model_validate(_load_yaml(path)))
        except ValidationError as exc:
            raise _errors(path, exc) from None
    keys = [r.key for r in roles]
    if len(set(keys)) != len(keys):
        raise CatalogueError(f"{directory}: two files define the same role key")
    return roles


def load_metrics(path: Path = METRICS_FILE) -> list[MetricSpec]:
    try:
        return [MetricSpec.model_validate(m) for m in _load_yaml(path)]
    except ValidationError as exc:
        raise _errors(path, exc) from None


@lru_cache(maxsize=1)
def default_roles() -> tuple[RoleSpec, ...]:
    return tuple(load_roles())
