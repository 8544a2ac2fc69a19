"""Hybrid retrieval over role-profile passages: BM25 (Chinese segmented by jieba) fused with the vector
ranking from Chroma by reciprocal-rank fusion.

MiniLM is English-only, so a Chinese query reaches the vector side through the catalogue's own
bilingual names (a role or competency named in Chinese is added to the query in English, and back).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from knowledge.catalogue import RoleSpec
from knowledge.passages import SECTIONS, Passage

RRF_K = 60
_CJK = re.compile(r"[\u3400-\u9fff]+")
_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]+")
_EN_STOP = frozenset("a an the and or of to in on for with what which who how do does is are be i we you they it "
                     "me my our your this that these those can should would could give show tell about need needs "
                     "from by at as any some there their has have please".split())
_ZH_STOP = frozenset("的 了 是 在 和 与 吗 呢 啊 哪些 什么 怎么 如何 一个 一下 给 我 你 他 她 们 有 要 都 请 就 也 对 为".split())
# Words that say which section a question is about; added in the other language so both sides see them.
_SECTION_CUES = {
    "面试题": "interview question", "面试问题": "interview question", "问题": "question", "提问": "question",
    "情景": "scenario", "情境": "situational", "行为": "behavioural", "评分": "rating scale", "等级": "levels",
    "标准": "rating scale", "练习": "practise learning resources", "学习": "learning resources",
    "资源": "resources", "课程": "course", "提升": "improve", "画像": "persona ideal candidate",
    "能力": "competencies", "职责": "what the role does", "定义": "definition",
    "级": "rating scale levels", "level": "评分标准 等级", "levels": "评分标准 等级",
    "question": "面试题", "scenario": "情景", "rating": "评分", "scale": "评分标准", "practise": "练习",
    "practice": "练习", "learn": "学习", "resources": "资源", "persona": "画像", "competencies": "能力",
}


# Words that say which section a question wants; that section's best BM25 matches join the fusion.
_SECTION_HINTS = (
    ("scale", re.compile(r"\blevels?\b|rating|scale|anchor|[1-5]\s*级|等级|评分|评级|标准")),
    ("questions", re.compile(r"\bquestions?\b|\bask\b|interview|面试|问题|提问|考察")),
    ("resources", re.compile(r"practi[cs]e|\blearn|resources?|course|books?|train|improve|练习|学习|资源|课程|培训|提升|书")),
    ("profile", re.compile(r"persona|ideal|\bneeds?\b|require|画像|理想|需要|要求|职责|做什么")),
    ("competency", re.compile(r"defin|\bmean|是什么意思|定义|含义")),
)


_KIND_HINTS = (("scenario", re.compile(r"scenario|情景|假设")), ("situational", re.compile(r"situational|情境")),
               ("behavioral", re.compile(r"behaviou?ral|行为(面试)?题")))


def question_kind_hint(query: str) -> str | None:
    folded = unicodedata.normalize("NFKC", query).casefold()
    return next((kind for kind, pattern in _KIND_HINTS if pattern.search(folded)), None)


def section_hint(query: str) -> str | None:
    folded = unicodedata.normalize("NFKC", query).casefold()
    return next((section for section, pattern in _SECTION_HINTS if pattern.search(folded)), None)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _quiet(jieba) -> None:
    # jieba announces building its dictionary on stderr for every new process ("Building prefix dict…"), through
    # a handler of its own: drop that handler, so its lines go where Candor's logs go, shown at the debug level.
    jieba.default_logger.removeHandler(jieba.log_console)
    jieba.default_logger.setLevel(logging.NOTSET)


def tokenize(text: str) -> list[str]:
    """English words (lightly stemmed) plus jieba words and character bigrams for Chinese."""
    import jieba

    _quiet(jieba)

    text = unicodedata.normalize("NFKC", text).casefold()
    out: list[str] = []
    for chunk in _TOKEN.findall(text):
        if _CJK.fullmatch(chunk):
            out.extend(w for w in jieba.lcut_for_search(chunk) if w not in _ZH_STOP)
            out.extend(chunk[i:i + 2] for i in range(len(chunk) - 1))
        elif chunk not in _EN_STOP:
            out.append(_stem(chunk))
    return out


class Bm25Index:
    """rank_bm25's Okapi statistics, scored through postings so a query touches only matching passages."""

    def __init__(self, documents: list[list[str]]):
        from rank_bm25 import BM25Okapi

        bm25 = BM25Okapi(documents)
        self.idf = bm25.idf
        lengths = np.asarray(bm25.doc_len, dtype=np.float64)
        norm = bm25.k1 * (1 - bm25.b + bm25.b * lengths / bm25.avgdl)
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc_id, freqs in enumerate(bm25.doc_freqs):
            for term, tf in freqs.items():
                postings.setdefault(term, []).append((doc_id, tf))
        self.size = len(documents)
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, rows in postings.items():
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            tf = np.fromiter((r[1] for r in rows), dtype=np.float64, count=len(rows))
            self.postings[term] = (ids, tf * (bm25.k1 + 1) / (tf + norm[ids]))

    def scores(self, query: list[str]) -> np.ndarray:
        scores = np.zeros(self.size)
        for term in set(query):
            if term in self.postings:
                ids, weights = self.postings[term]
                scores[ids] += self.idf.get(term, 0.0) * weights
        return scores


@dataclass
class Hit:
    passage: Passage
    score: float
    bm25_rank: int | None = None
    vector_rank: int | None = None


@dataclass
class HybridRetriever:
    passages: list[Passage]
    collection: object  # a Chroma collection with the MiniLM embedding function
    roles: tuple[RoleSpec, ...] = ()
    depth: int = 20
    _by_id: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self):
        self._by_id = {p.source_id: i for i, p in enumerate(self.passages)}
        self.bm25 = Bm25Index([tokenize(p.document) for p in self.passages])
        self._columns = {"role": np.array([p.role for p in self.passages]),
                         "section": np.array([p.section for p in self.passages]),
                         "competency": np.array([p.competency or "" for p in self.passages])}
        self._bridges = _name_bridges(self.roles)
        self._names = sum(1 for _, _, other in self._bridges if other not in _SECTION_CUES.values())

    def bridge(self, query: str) -> list[str]:
        """The other language's name for every role, competency or section cue the query mentions."""
        folded = unicodedata.normalize("NFKC", query).casefold()
        found = []
        for name, pattern, other in self._bridges:  # longest first; a match hides the shorter names inside it
            if pattern.search(folded) if pattern is not None else name in folded:
                found.append(other)
                folded = pattern.sub(" ", folded) if pattern is not None else folded.replace(name, " ")
        return list(dict.fromkeys(found))

    def names_in(self, query: str) -> bool:
        folded = unicodedata.normalize("NFKC", query).casefold()
        return any(pattern.search(folded) if pattern is not None else name in folded
                   for name, pattern, _ in self._bridges[: self._names])

    def search(self, query: str, *, role: str | None = None, section: str | None = None,
               competency: str | None = None, k: int = 5) -> list[Hit]:
        if section is not None and section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}; use one of {', '.join(SECTIONS)}")
        bridged = self.bridge(query)
        filters = {"role": role, "section": section, "competency": competency}
        bm25_ranked = self._bm25_ranking(" ".join([query, *bridged]), filters)
        # The English-only model sees the English words of the query and the English names bridged from
        # Chinese ones; a Chinese query with nothing to bridge is left to BM25 rather than to noise.
        english = " ".join(_CJK.sub(" ", " ".join([query, *bridged])).split())
        chinese = is_chinese(query)
        # Section cues alone ("面试题") would make every question passage look alike to the model.
        use_vector = bool(english) and (not chinese or self.names_in(query))
        vector_ranked = self._vector_ranking(english, filters) if use_vector else []
        vector_weight = 0.5 if chinese else 1.0
        hint = section_hint(query) if section is None else None
        hinted = [i for i in bm25_ranked if self.passages[i].section == hint] if hint else []
        fused: dict[int, Hit] = {}
        for rank, idx in enumerate(hinted, 1):
            fused[idx] = Hit(self.passages[idx], 1 / (RRF_K + rank))
        for rank, idx in enumerate(bm25_ranked, 1):
            hit = fused.setdefault(idx, Hit(self.passages[idx], 0.0))
            hit.score += 1 / (RRF_K + rank)
            hit.bm25_rank = rank
        for rank, idx in enumerate(vector_ranked, 1):
            hit = fused.setdefault(idx, Hit(self.passages[idx], 0.0))
            hit.score += vector_weight / (RRF_K + rank)
            hit.vector_rank = rank
        if kind := question_kind_hint(query):  # "scenario questions": that kind of question first
            for hit in fused.values():
                if f".{kind}." in hit.passage.source_id:
                    hit.score += 1 / RRF_K
        return sorted(fused.values(), key=lambda h: (-h.score, h.passage.source_id))[:k]

    def _bm25_ranking(self, query: str, filters: dict[str, str | None]) -> list[int]:
        scores = self.bm25.scores(tokenize(query))
        for name, value in filters.items():
            if value is not None:
                scores[self._columns[name] != value] = 0.0
        top = np.argpartition(-scores, min(self.depth, len(scores) - 1))[: self.depth]
        return [int(i) for i in sorted(top, key=lambda i: -scores[i]) if scores[i] > 0]

    def _vector_ranking(self, query: str, filters: dict[str, str | None]) -> list[int]:
        where = [{name: value} for name, value in filters.items() if value is not None]
        embed = self.collection._embedding_function
        result = self.collection.query(query_embeddings=embed.embed_query([query]),
                                       n_results=self.depth, include=[],
                                       where=(where[0] if len(where) == 1 else {"$and": where}) if where else None)
        ranked = []
        for source_id in result["ids"][0]:
            if source_id in self._by_id:
                ranked.append(self._by_id[source_id])
            else:  # indexed by another version of the profiles; ignored until re-indexed
                logging.getLogger(__name__).debug("passage %s is not in the loaded profiles", source_id)
        return ranked


def is_chinese(text: str) -> bool:
    cjk = sum(len(m) for m in _CJK.findall(text))
    return cjk > 0 and cjk >= len(re.findall(r"[A-Za-z]", text)) / 4


def _name_bridges(roles) -> list[tuple[str, re.Pattern | None, str]]:
    """(name as it appears in a query, its whole-word pattern, the same thing in the other language)."""
    pairs: list[tuple[str, str]] = []
    for role in roles:
        for n in [role.name.zh, *role.aliases.zh]:
            pairs.append((n, role.name.en))
        for n in [role.name.en, *role.aliases.en]:
            pairs.append((n.casefold(), role.name.zh))
        for comp in role.competencies:
            for n in [comp.name.zh, *comp.aliases.zh]:
                pairs.append((n, comp.name.en))
            for n in [comp.name.en, *comp.aliases.en]:
                pairs.append((n.casefold(), comp.name.zh))
    # English names match as whole words ("sales" is not in "wholesale"); Chinese names as substrings.
    # Role and competency names come first, then the section cues.
    names = sorted({(n, o) for n, o in pairs if len(n) >= 2}, key=lambda p: (-len(p[0]), p))
    cues = sorted(_SECTION_CUES.items(), key=lambda p: (-len(p[0]), p))
    return [(n, re.compile(rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])") if n.isascii() else None, o)
            for n, o in [*names, *cues]]
