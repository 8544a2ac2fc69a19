"""A role's BARS rubric as the scorers use it: per competency the five anchors, their text in EN/ZH,
the English anchors' embeddings (cached per role and model) and the Chinese anchors' tokens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from knowledge.catalogue import CompetencySpec, RoleSpec, default_roles
from knowledge.minilm import embed_texts
from tools.base import ToolError


@dataclass
class CompetencyRubric:
    spec: CompetencySpec
    # anchors[i] = (level, "en text", "zh text"); two anchors per level: behaviour and evidence.
    anchors: list[tuple[int, str, str]]
    en_vectors: np.ndarray | None = None  # one row per anchor, normalised
    zh_tokens: list[Counter] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.spec.key

    def levels(self) -> np.ndarray:
        return np.array([level for level, _, _ in self.anchors])


@dataclass
class RoleRubric:
    role: RoleSpec
    competencies: dict[str, CompetencyRubric]


def role_spec(role_key: str) -> RoleSpec:
    for spec in default_roles():
        if spec.key == role_key:
            return spec
    raise ToolError("no_rubric", f"Role {role_key!r} has no profile in knowledge/roles, so there is no rubric to "
                                 f"score against. Add knowledge/roles/{role_key}.yaml with a five-level scale per "
                                 "competency and run `python app.py index`. / 该岗位没有岗位画像与评分标准，"
                                 "请先添加岗位文件并运行 `python app.py index`。", role=role_key)


def _anchors(comp: CompetencySpec) -> list[tuple[int, str, str]]:
    anchors = []
    for level in comp.scale:
        anchors.append((level.level, level.behaviour.en, level.behaviour.zh))
        anchors.append((level.level, level.evidence.en, level.evidence.zh))
    return anchors


@lru_cache(maxsize=16)
def load_rubric(role_key: str, model_path: str = "", *, embed: bool = True) -> RoleRubric:
    """The role's rubric; the anchors are embedded once per role and model path per process."""
    from knowledge.retrieval import tokenize

    spec = role_spec(role_key)
    comps = {}
    for comp in spec.competencies:
        if not comp.scale:
            continue  # a weights-only profile: nothing to score against (the caller says so)
        anchors = _anchors(comp)
        comps[comp.key] = CompetencyRubric(comp, anchors, zh_tokens=[Counter(tokenize(zh)) for _, _, zh in anchors])
    if embed and comps:
        texts = [en for c in comps.values() for _, en, _ in c.anchors]
        vectors = embed_texts(texts, model_path)
        row = 0
        for c in comps.values():
            c.en_vectors = vectors[row: row + len(c.anchors)]
            row += len(c.anchors)
    return RoleRubric(spec, comps)
