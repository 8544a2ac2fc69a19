"""Which role a description means: "the people who plan our marketing events" → Marketing Planner.

Used when a message describes a role instead of naming one. Each role is represented by what the
profiles say it is (names, aliases, summary, persona, competency names and definitions, search terms).
English descriptions are compared with MiniLM embeddings (cosine, best text per role); Chinese ones
by jieba-segmented BM25 over the Chinese texts, since the model is English-only. A role is chosen only
when it is clearly ahead; otherwise the ranked candidates come back as suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from knowledge.catalogue import RoleSpec, default_roles
from knowledge.retrieval import Bm25Index, is_chinese, tokenize

# Calibrated on descriptions of the seven demo roles and of roles we do not have; tests/test_role_finder.py holds
# descriptions written apart from that calibration, with the accuracy they reach.
# a described role scores 0.60–0.87 and leads by ≥ 0.08; unknown jobs ("nurses", "lawyers") stay under 0.50.
MIN_COSINE, MIN_COSINE_MARGIN, SUGGEST_COSINE = 0.55, 0.08, 0.42
# BM25 over Chinese texts: the winner needs some weight and 1.5× the runner-up.
MIN_BM25, MIN_BM25_RATIO = 4.0, 1.5


# Words that only say "a group of people": left out so the comparison sees what they do.
_FILLER_EN = re.compile(r"\b(the|our|my|those|these|people|persons?|folks|guys|ones|staff|team|employees|workers|"
                        r"candidates|applicants|hires|who|that|which|whose|are|is|in charge of|responsible for|"
                        r"do|does|doing|work|works|working|job|role|position)\b", re.I)
_FILLER_ZH = re.compile(r"(负责|专门|我们|公司|那些|那批|这些|的人员|的人|的同事|的员工|的候选人|的岗位|的职位|人员|岗位|职位|做|搞|干|的)")


def core(description: str) -> str:
    """The description without the words that only say it is about people."""
    if is_chinese(description):
        return _FILLER_ZH.sub(" ", description).strip()
    return " ".join(_FILLER_EN.sub(" ", description).split())


@dataclass(frozen=True)
class RoleGuess:
    role_key: str | None  # the role meant, when one is clearly ahead
    ranked: tuple[tuple[str, float], ...]  # (role key, score), best first: suggestions when role_key is None
    method: str  # "embedding" | "bm25"


def _texts(role: RoleSpec, lang: str) -> list[str]:
    pick = (lambda b: b.zh) if lang == "zh" else (lambda b: b.en)
    aliases = role.aliases.zh if lang == "zh" else role.aliases.en
    texts = [pick(role.name), pick(role.summary), pick(role.persona), *aliases]
    for comp in role.competencies:
        texts.append(f"{pick(comp.name)}: {pick(comp.definition)}")
        if lang == "zh":  # single words help BM25; for the English model they match too loosely
            texts += comp.search_terms.zh
    return [t for t in texts if t]


_CACHE: dict[tuple, tuple] = {}


def _cached(key: tuple, roles: tuple[RoleSpec, ...], build):
    """Per role catalogue (the same tuple object: `default_roles()` is cached) and model path."""
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not roles:
        hit = _CACHE[key] = (roles, build())
    return hit[1]


def _english_matrix(model_path: str, roles: tuple[RoleSpec, ...]):
    return _cached(("en", model_path, id(roles)), roles, lambda: _build_english(model_path, roles))


def _build_english(model_path: str, roles: tuple[RoleSpec, ...]):
    from knowledge.embeddings import encode_texts

    owners, texts = [], []
    for role in roles:
        for text in _texts(role, "en"):
            owners.append(role.key)
            texts.append(text)
    vectors = encode_texts(model_path, texts)
    return np.asarray(vectors), np.array(owners)


def _chinese_index(roles: tuple[RoleSpec, ...]):
    return _cached(("zh", id(roles)), roles, lambda: _build_chinese(roles))


def _build_chinese(roles: tuple[RoleSpec, ...]):
    owners, docs = [], []
    for role in roles:
        for text in _texts(role, "zh"):
            owners.append(role.key)
            docs.append(tokenize(text))
    return Bm25Index(docs), np.array(owners)


def _best_per_role(scores: np.ndarray, owners: np.ndarray) -> list[tuple[str, float]]:
    best = {key: float(scores[owners == key].max()) for key in dict.fromkeys(owners)}
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))


def find_role(description: str, *, roles: tuple[RoleSpec, ...] | None = None, model_path: str = "") -> RoleGuess:
    """The role a free-text description means, or ranked suggestions when none is clearly ahead."""
    roles = roles if roles is not None else default_roles()
    text = core(description) or description
    if is_chinese(description):
        index, owners = _chinese_index(roles)
        # One-character words ("开", "管") match short profile phrases by accident ("开不了机"): a role is found
        # by what the description is about, so only words of two characters or more count.
        words = [w for w in tokenize(text) if len(w) > 1 or not is_chinese(w)]
        ranked = [(k, s) for k, s in _best_per_role(index.scores(words), owners) if s > 0]
        top, second = (ranked + [("", 0.0), ("", 0.0)])[:2]
        chosen = top[0] if top[1] >= MIN_BM25 and top[1] >= MIN_BM25_RATIO * second[1] else None
        return RoleGuess(chosen, tuple((str(k), round(float(s), 3)) for k, s in ranked[:3]), "bm25")
    from knowledge.embeddings import _query_vector

    matrix, owners = _english_matrix(model_path, roles)
    ranked = _best_per_role(matrix @ _query_vector(model_path, text), owners)
    (top_key, top), (_, second) = ranked[0], ranked[1]
    chosen = top_key if top >= MIN_COSINE and top - second >= MIN_COSINE_MARGIN else None
    suggestions = tuple((str(k), round(float(s), 3)) for k, s in ranked[:3] if s >= SUGGEST_COSINE)
    return RoleGuess(str(chosen) if chosen else None, suggestions, "embedding")
