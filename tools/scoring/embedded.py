"""The embedded (offline) competency scorer: which rubric anchors an answer's sentences show.

Per answer: every sentence is compared with the competency's ten anchors (behaviour and evidence text
of levels 1-5). English sentences are embedded with the knowledge MiniLM model and compared by cosine;
Chinese sentences are compared with the Chinese anchors by token overlap (jieba words and bigrams, as
in retrieval), because MiniLM is English-only. A soft-max over the best similarity per level gives the
level the wording is closest to; the answer's own structure (STAR parts, concrete actions, numbers,
hedging, improving, going beyond) gives the level it supports; the two are averaged. The sentences
closest to the anchors are kept, verbatim, as evidence.

Level -> score: level L covers the score band BANDS[L]; the continuous estimate's position inside
[L - 0.5, L + 0.5) places the score inside the band (see docs/scoring.md).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from knowledge.minilm import embed_texts
from tools.scoring.rubric import CompetencyRubric
from tools.scoring.text import Sentence, features, is_chinese, quality_level, sentences

SCORER = "embedded-minilm-v1"
BANDS = {1: (0.0, 40.0), 2: (40.0, 60.0), 3: (60.0, 75.0), 4: (75.0, 90.0), 5: (90.0, 100.0)}
SEMANTIC_WEIGHT = 0.5     # share of the level taken from anchor similarity; the rest from structure
TEMPERATURE = 0.04        # soft-max temperature over per-level similarities
OFF_TOPIC = {"en": 0.25, "zh": 0.06}  # below this best similarity the answer barely touches the competency
MAX_EVIDENCE = 3


def level_to_score(x: float) -> tuple[int, float]:
    """A continuous level estimate (1-5) -> (level, score 0-100)."""
    x = min(5.0, max(1.0, x))
    level = min(5, max(1, int(math.floor(x + 0.5))))
    lo, hi = BANDS[level]
    position = min(1.0, max(0.0, x - (level - 0.5)))
    return level, round(lo + position * (hi - lo), 1)


@dataclass
class AnswerJudgement:
    level_estimate: float
    semantic_level: float
    structure_level: float
    relevance: float
    language: str
    evidence: list[str]
    detail: dict = field(default_factory=dict)


@dataclass
class CompetencyJudgement:
    level: int
    score: float
    evidence: list[str]
    scorer: str
    answers: list[AnswerJudgement]
    notes: list[str] = field(default_factory=list)

    def detail(self) -> dict:
        return {"scorer": self.scorer, "level": self.level, "score": self.score, "notes": self.notes,
                "answers": [{"level_estimate": round(a.level_estimate, 2), "semantic_level": round(a.semantic_level, 2),
                             "structure_level": round(a.structure_level, 2), "relevance": round(a.relevance, 3),
                             "language": a.language, **a.detail} for a in self.answers]}


def _lexical(tokens: Counter, anchor: Counter) -> float:
    common = sum(min(tokens[t], anchor[t]) for t in tokens.keys() & anchor.keys())
    if not common:
        return 0.0
    return common / math.sqrt(sum(tokens.values()) * sum(anchor.values()))


class EmbeddedScorer:
    def __init__(self, model_path: str = ""):
        self.model_path = model_path
        self._vectors: dict[str, np.ndarray] = {}

    def prepare(self, transcripts: list[str]) -> None:
        """Embed every English sentence of many answers in one batch (what the benchmark measures)."""
        todo = list(dict.fromkeys(s.text for t in transcripts for s in sentences(t)
                                  if not is_chinese(s.text) and s.text not in self._vectors))
        for text, vector in zip(todo, embed_texts(todo, self.model_path)):
            self._vectors[text] = vector

    def judge_answer(self, rubric: CompetencyRubric, transcript: str) -> AnswerJudgement | None:
        from knowledge.retrieval import tokenize

        parts = sentences(transcript)
        if not parts:
            return None
        self.prepare([transcript])
        levels = rubric.levels()
        sims = np.zeros((len(parts), len(levels)))
        chinese = is_chinese(transcript)
        for i, sentence in enumerate(parts):
            if is_chinese(sentence.text):
                tokens = Counter(tokenize(sentence.text))
                sims[i] = [_lexical(tokens, anchor) for anchor in rubric.zh_tokens]
            else:
                sims[i] = rubric.en_vectors @ self._vectors[sentence.text]
        per_level = np.array([sims[:, levels == lv].max() for lv in range(1, 6)])
        weights = np.exp((per_level - per_level.max()) / TEMPERATURE)
        semantic = float((weights / weights.sum()) @ np.arange(1, 6))
        feats = features(transcript)
        structure = quality_level(feats)
        estimate = SEMANTIC_WEIGHT * semantic + (1 - SEMANTIC_WEIGHT) * structure
        relevance = float(per_level.max())
        language = "zh" if chinese else "en"
        off_topic = relevance < OFF_TOPIC[language]
        if off_topic:
            estimate = min(estimate, 2.0)
        detail = {"star": feats.star, "star_count": feats.star_count, "numbers": feats.numbers,
                  "actions": feats.actions, "hedges": feats.hedges, "improving": feats.improve,
                  "beyond_own_work": feats.beyond, "off_topic": off_topic,
                  "per_level_similarity": [round(float(v), 3) for v in per_level]}
        return AnswerJudgement(estimate, semantic, structure, relevance, language, _evidence(parts, sims), detail)

    def score(self, rubric: CompetencyRubric, transcripts: list[str]) -> CompetencyJudgement | None:
        """One competency from all the answers that address it; None when none has any words."""
        judged = [j for j in (self.judge_answer(rubric, t) for t in transcripts) if j is not None]
        if not judged:
            return None
        estimate = sum(j.level_estimate for j in judged) / len(judged)
        level, score = level_to_score(estimate)
        evidence = list(dict.fromkeys(q for j in judged for q in j.evidence))[:MAX_EVIDENCE]
        notes = [f"answer {i + 1} barely touches this competency's rubric (similarity {j.relevance:.2f})"
                 for i, j in enumerate(judged) if j.detail["off_topic"]]
        return CompetencyJudgement(level, score, evidence, SCORER, judged, notes)


def _evidence(parts: list[Sentence], sims: np.ndarray) -> list[str]:
    """The sentences closest to any anchor, in the order they were said."""
    best = sims.max(axis=1)
    ranked = sorted(range(len(parts)), key=lambda i: -best[i])[:MAX_EVIDENCE]
    kept = [parts[i].text for i in sorted(ranked) if best[i] > 0]
    return kept or [parts[0].text]  # nothing overlaps the anchors: the opening sentence stands as what was said
