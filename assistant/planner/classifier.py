"""The intent classifier: which intent a staff message has, with a calibrated probability.

Trained from the catalogue (planner/intents/*.yaml) and the tuning splits earlier writers wrote (evals/nlu/, see
nlu_eval.trained_splits) with scikit-learn (TF-IDF over character n-grams and
words, multinomial logistic regression) by `python app.py nlu train`, and shipped as plain weights in
planner/intent_model.bin (or the file CANDOR_INTENT_MODEL names): answering needs no numpy or scikit-learn, so a
chat turn starts fast and the model is the same on every machine. Names are masked before either step (a role → §role, an id → §id…), so
the model learns how people ask, not which roles they ask about; a company's own roles, competencies and
metrics are masked the same way and need no retraining.
"""

from __future__ import annotations

import json
import math
import re
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from assistant.planner.shorthand import expand
from candor.language import CJK
from candor.periods import YEAR_EARLIER

MODEL_FILE = Path(__file__).with_name("intent_model.bin")
MAGIC = b"CANDOR-INTENTS/2\n"  # then the header's length (4 bytes), the header (JSON), names, idf, weights
NGRAMS = (1, 2, 3, 4)

# Placeholders: lower-case after masking, so they must not look like words people type.
ROLE, COMPETENCY, METRIC, ID, NUMBER, PERIOD = "§role", "§comp", "§metric", "§id", "§n", "§period"
IDS = re.compile(r"(?<![A-Za-z0-9])[IiCc]\d{3,9}(?![0-9])")
# A number said to be a candidate's or an interview's ("candidate 1043", "1087号候选人", "面试编号1650") is an id like C001043.
SAID_IDS = re.compile(r"(?<=candidate )#?\d{1,7}(?![0-9.%])|(?<=applicant )#?\d{1,7}(?![0-9.%])|(?<=interview )#?\d{1,7}(?![0-9.%])"
                      r"|(?<![0-9])\d{1,7}\s*号\s*(?=候选人|应聘者)|(?<=候选人)\s*\d{1,7}(?![0-9.%]|\s*[个位名人次场])"
                      r"|(?<=应聘者)\s*\d{1,7}(?![0-9.%]|\s*[个位名人次场])|(?<=面试)(?:编号|号)?\s*\d{1,7}(?![0-9.%]|\s*[个位名人次场])")
NUMBERS = re.compile(r"[#＃]?\s*\d+(?:\.\d+)?")
_N = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of|several)"
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?<!i )(?<!we )(?<!you )(?<!they )(?<!he )(?<!she )(?<!it )(?<!that )may(?!\s+(?:be|have|not|also|need|want|help|ask|request|get|see|know|take|share|please|kindly|i|we|you)\b)|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_ZN = r"[0-9一二两三四五六七八九十半]+"
# Period phrases, only to mask them (candor.periods reads their meaning).
PERIOD_HINTS = re.compile(
    r"(?<![a-z])(?:(?:in|over|during|for|within)\s+)?(?:the\s+)?(?:last|past|previous|prior|this|next|current)\s+"
    r"(?:" + _N + r"\s+)?(?:days?|weeks?|fortnight|months?|quarters?|years?|half(?:[- ]year)?|fiscal year|fy)(?![a-z])"
    r"|(?<![a-z])(?:since|from|until|before|after)\s+(?:the\s+)?(?:start|beginning|end)?\s*(?:of\s+)?"
    + _MONTHS + r"(?:\s+(?:19|20)\d\d)?(?![a-z])"
    r"|(?<![a-z])(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?" + _MONTHS
    + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?(?![0-9]))?(?:,?\s+(?:19|20)\d\d)?(?![a-z])"  # "Dec 23", "23rd of May 2026"
    r"|(?<![a-z0-9])(?:q[1-4]|h[12]|fy)\s*(?:(?:19|20)?\d\d)?(?![a-z0-9])|(?<![a-z0-9])\d{1,2}\s?(?:m|mo|mos|months?)(?![a-z])"
    r"|(?<![a-z])(?:ytd|year to date|year-to-date|yesterday|today|last year|this year|so far this year)(?![a-z])"
    r"|(?<![0-9])(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]"  # a day: "12月23日"
    r"|(?<![0-9])(?<!interview )(?<!interview #)(?<!candidate )(?<!applicant )(?<!#)(?:19|20)\d\d\s*年?(?:度)?"
    r"|(?:近|最近|过去|前|这|上|本|今|去|前)\s*" + _ZN + r"?\s*(?:个)?\s*(?:天|日|周|星期|月|季度|季|年|半年)(?:度|份)?(?:以来|里|内|中)?"
    r"|" + _ZN + r"\s*(?:个)?\s*(?:月|季度)(?:份)?(?:以来)?|第[一二三四1-4]季度|[上下]半年|年初(?:至今|以来)?|今年|去年|本月|上月|本季度|上季度"
    r"|(?<![a-z])(?:(?:since|from|until|before|after|over|during|in)\s+(?:the\s+)?(?:(?:start|beginning|end)\s+of\s+)?)?"
    r"(?:(?:this|last|previous|past)\s+)?(?:spring|summer|autumn|winter)(?:\s+(?:19|20)\d\d)?(?![a-z])"  # seasons
    r"|(?<![a-z])(?:this|last|since|during)\s+fall(?![a-z])|(?<![a-z])fall\s+(?:19|20)\d\d"
    r"|[春夏秋冬](?:季(?!度)|天)|[春秋]招"
    r"|(?<![0-9/])\d{1,2}/\d{1,2}\s*(?:到|至|to|-|–|~|till|until|through)\s*\d{1,2}/\d{1,2}(?![0-9/])"  # "3/1 到 4/15"
    r"|(?<![a-z])since\s+\d{1,2}/\d{1,2}(?![0-9/])"
    r"|" + YEAR_EARLIER.pattern, re.I)
WORDS = re.compile(r"§[a-z]+|[a-z][a-z'&-]*|[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Names:
    """What to mask: every name a role, competency or performance metric is known by (both languages)."""

    roles: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()


def names_of(vocab: Any) -> Names:
    """Every name of the vocabulary's roles, competencies and metrics (as stored: imported ones included)."""
    roles = [n for r in vocab.roles for n in (r.key.replace("_", " "), r.name_en, r.name_zh, *(r.aliases or []))]
    comps = [n for c in vocab.competencies for n in (c.key.replace("_", " "), c.name_en, c.name_zh, *(c.aliases or []))]
    metrics = [n for m in vocab.metrics for n in (m.key.replace("_", " "), m.name_en, m.name_zh)]
    return Names(tuple(roles), tuple(comps), tuple(metrics))


@lru_cache(maxsize=64)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern:
    parts = []
    for name in sorted({n.strip().lower() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        escaped = re.escape(name).replace(r"\ ", r"[\s_-]+")
        parts.append(escaped if CJK.search(name) else r"(?<![a-z0-9])" + escaped + r"(?:e?s)?(?![a-z0-9])")
    return re.compile("|".join(parts) or r"(?!x)x")


def mask(text: str, names: Names) -> str:
    """The message with names, ids, periods and numbers replaced by placeholders, lower-cased."""
    out = " ".join(expand(text).lower().split())
    out = SAID_IDS.sub(f" {ID} ", IDS.sub(f" {ID} ", out))
    for placeholder, group in ((ROLE, names.roles), (COMPETENCY, names.competencies), (METRIC, names.metrics)):
        out = _name_pattern(tuple(group)).sub(f" {placeholder} ", out)
    out = PERIOD_HINTS.sub(f" {PERIOD} ", out)
    out = NUMBERS.sub(f" {NUMBER} ", out)
    return " ".join(out.split())


SKIPS = (2, 3, 4)  # how far apart two English words of a skip pair are ("approve … letter", "draft … for them")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A crude English stem ("approving", "approved" → "approv"): enough to pair words across their endings."""
    if len(word) <= 4 or not word.isascii() or word.startswith("§"):
        return word
    return next((word[:-len(s)] for s in _SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3), word)


def features(masked: str) -> dict[str, float]:
    """Sublinear term frequencies of character n-grams (1–4, across word gaps), words and word pairs, stems and stem
    pairs, and English stem pairs two to four words apart (by grouped cross-validation over the tuning splits, 3 more
    English and 1 more Chinese message in 1 000 read right than without the stems and pairs; docs/planner.md)."""
    padded = f" {masked} "
    counts: dict[str, int] = {}

    def add(key: str) -> None:
        counts[key] = counts.get(key, 0) + 1

    for n in NGRAMS:
        for i in range(len(padded) - n + 1):
            gram = padded[i:i + n]
            if gram.strip():
                add(gram)
    words = WORDS.findall(masked)
    for w in words:
        add("w:" + w)
    for a, b in zip(words, words[1:]):
        add(f"b:{a}_{b}")
    stems = [stem(w) for w in words]  # (a Chinese character is its own stem: its word features count twice)
    for a, b in zip(stems, stems[1:]):
        add(f"s2:{a}_{b}")
    english = [s for s in stems if not CJK.match(s)]
    for a in stems:
        add("s:" + a)
    for i, a in enumerate(english):
        for gap in SKIPS:
            if i + gap < len(english):
                add(f"k:{a}_{english[i + gap]}")
    return {k: 1.0 + math.log(v) for k, v in counts.items()}


class IntentModel:
    """Plain weights: idf per feature, one weight per intent per feature, and an intercept per intent.

    Built from `train`'s output (a weight list per feature name) or read from the shipped file, where the weights are
    16-bit integers with one scale.
    """

    def __init__(self, data: dict, *, names: list[str] | None = None, idf: array | None = None,
                 weights: array | None = None):
        self.intents: list[str] = data["intents"]
        self.catalogue_hash: str = data["catalogue_hash"]
        self.splits_hash: str = data.get("splits_hash", "")
        self.threshold: float = data["threshold"]
        self.intercepts: list[float] = data["intercepts"]
        if names is not None:
            self.scale: float = data["scale"]
        else:
            names = list(data["idf"])
            idf = array("f", (data["idf"][n] for n in names))
            self.scale = max((abs(w) for ws in data["weights"].values() for w in ws), default=1.0) / 32767 or 1.0
            weights = array("h", (round(w / self.scale) for n in names for w in data["weights"][n]))
        self.index: dict[str, int] = dict(zip(names, range(len(names))))
        self.idf, self.weights, self.features = idf, weights, names

    def probabilities(self, masked: str) -> list[tuple[str, float]]:
        """(intent, probability), likeliest first."""
        tf = {self.index[k]: v * self.idf[self.index[k]] for k, v in features(masked).items() if k in self.index}
        norm = math.sqrt(sum(v * v for v in tf.values())) or 1.0
        scores = list(self.intercepts)
        n = len(self.intents)
        for i, v in tf.items():
            row = self.weights[i * n:(i + 1) * n]
            weight = v * self.scale / norm
            for j in range(n):
                scores[j] += row[j] * weight
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return sorted(((i, e / total) for i, e in zip(self.intents, exp)), key=lambda p: -p[1])

    def to_bytes(self) -> bytes:
        """The file's form: a JSON header, then the feature names (UTF-8, one a line), idf (32-bit floats) and weights
        (16-bit integers), little-endian: read with two slices and no parsing, so a cold `python app.py ask` loads
        a quarter of a million features in a few tens of milliseconds."""
        names = "\n".join(self.features).encode("utf-8")
        header = json.dumps({"intents": self.intents, "catalogue_hash": self.catalogue_hash,
                             "splits_hash": self.splits_hash, "threshold": self.threshold,
                             "intercepts": self.intercepts, "scale": self.scale, "names_bytes": len(names),
                             "features": len(self.features)}, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return b"".join((MAGIC, len(header).to_bytes(4, "little"), header, names, _little(self.idf),
                         _little(self.weights)))

    @classmethod
    def from_bytes(cls, raw: bytes, source: Path | str = "the intent model") -> IntentModel:
        if not raw.startswith(MAGIC):
            raise ValueError(f"{source} is not a Candor intent model (or one of an older format): rebuild it with "
                             "`python app.py nlu train`.")
        cut_short = ValueError(f"{source} is cut short: rebuild it with `python app.py nlu train`.")
        start = len(MAGIC) + 4
        end = start + int.from_bytes(raw[len(MAGIC):start], "little")
        try:
            header = json.loads(raw[start:end])
            count, n = header["features"], len(header["intents"])
            names_end = end + header["names_bytes"]
        except (ValueError, KeyError, TypeError):
            raise cut_short from None
        if len(raw) < names_end + 4 * count + 2 * count * n:  # checked before anything is read from the arrays
            raise cut_short
        names = raw[end:names_end].decode("utf-8").split("\n") if count else []
        idf, weights = array("f"), array("h")
        idf.frombytes(raw[names_end:names_end + 4 * count])
        weights.frombytes(raw[names_end + 4 * count:names_end + 4 * count + 2 * count * n])
        if len(names) != count:
            raise cut_short
        if sys.byteorder != "little":
            idf.byteswap()
            weights.byteswap()
        return cls(header, names=names, idf=idf, weights=weights)


def _little(values: array) -> bytes:
    if sys.byteorder == "little":
        return values.tobytes()
    swapped = array(values.typecode, values)
    swapped.byteswap()
    return swapped.tobytes()


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> IntentModel:
    if not path.exists():
        raise FileNotFoundError(f"No intent model at {path}: build it with `python app.py nlu train` (or set "
                                "CANDOR_INTENT_MODEL to the file it wrote).")
    return IntentModel.from_bytes(path.read_bytes(), path)


def train(texts: Iterable[str], labels: Iterable[str], *, c: float = 32.0) -> dict:
    """Fit the weights (scikit-learn, imported here only: answering never needs it). Deterministic."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    texts, labels = list(texts), list(labels)
    vectorizer = DictVectorizer()
    counts = vectorizer.fit_transform([features(t) for t in texts])
    # Features seen in one example only are mostly noise (and half the file).
    df = (counts > 0).sum(axis=0).A1
    keep = [i for i, d in enumerate(df) if d >= 2]
    counts = counts[:, keep]
    names = [vectorizer.feature_names_[i] for i in keep]
    tfidf = TfidfTransformer(sublinear_tf=False, smooth_idf=True, norm="l2").fit(counts)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(tfidf.transform(counts), labels)
    weights = {name: [float(w) for w in model.coef_[:, i]] for i, name in enumerate(names)}
    return {"intents": [str(x) for x in model.classes_], "idf": {n: float(v) for n, v in zip(names, tfidf.idf_)},
            "weights": weights, "intercepts": [round(float(b), 4) for b in model.intercept_]}


def save_model(model: IntentModel, path: Path = MODEL_FILE) -> None:
    # Sorted keys and no dates: the same catalogue and splits give the same bytes.
    path.write_bytes(model.to_bytes())
    load_model.cache_clear()


FOLLOWUP = "followup"  # content-free follow-ups ("and for sales manager?"): the router keeps the previous intent
_FILLER = re.compile(r"(?<![a-z])(?:and|or|what|about|how|bout|same|for|now|only|just|show|me|the|then|instead|again|please|"
                     r"switch|to|try|ok|okay|in|on|of|by|with|it|that|this|those|them|what's|whats)(?![a-z])|"
                     r"怎么样|咋样|怎样|那一项|那项|这项|那个|这个|那块|这块|那边|这边|那么|那|呢|再|换成|换|只看|仅看|只|看看|看|一下|的|吧|呀|啊|改成|改为|试试|用|对于|关于|如果是|要是|是|还有|也")
_PLACEHOLDERS = re.compile("|".join(re.escape(p) for p in (ROLE, COMPETENCY, METRIC, ID, NUMBER, PERIOD)))
_ORDINAL = re.compile(rf"第\s*{re.escape(NUMBER)}\s*[号个]?|{re.escape(NUMBER)}\s*号")


def _numbered(masked: str) -> str:
    """Counter words around a number read as the number: "第 §n 号方案" as "§n 方案"."""
    return _ORDINAL.sub(f" {NUMBER} ", masked)


def is_followup(masked: str) -> bool:
    """Nothing but follow-up words and placeholders: "and for §role?", "那§role呢", "那第2号呢"."""
    rest = _FILLER.sub(" ", _PLACEHOLDERS.sub(" ", _numbered(masked)))
    return bool(_PLACEHOLDERS.search(masked)) and not re.sub(r"[\W_]+", "", rest)


# The nouns that only say what kind of thing a name or number is ("interview 812", "草稿4", "candidate C000123").
ENTITY_NOUNS = {
    "interview": re.compile(r"(?<![a-z])interviews?(?![a-z])|面试"),
    "candidate": re.compile(r"(?<![a-z])(?:candidates?|applicants?)(?![a-z])|候选人|应聘者"),
    "proposal": re.compile(r"(?<![a-z])proposals?(?![a-z])|提案|方案"),
    "draft": re.compile(r"(?<![a-z])(?:drafts?|letters?)(?![a-z])|草稿|反馈信|反馈稿|反馈函|反馈邮件|拒信|(?<=号)稿|(?<=号)草|(?<=封)信"),  # "12号稿", "9号草搞"
    "request": re.compile(r"(?<![a-z])requests?(?![a-z])(?!\s+(?:you|that)(?![a-z]))|申请|请求"),  # not "(I) request you to …"
}


_ABOUT_IT = re.compile(r"(?<![a-z])(?:details?|contents?)(?![a-z])|详情|细节|内容")  # "proposal 8 详情" only names it


def names_something(masked: str) -> bool:
    """The message names a role, competency or metric, or gives an id."""
    return any(p in masked for p in (ROLE, COMPETENCY, METRIC, ID))


def about_the_domain(masked: str) -> bool:
    """The message names a role, competency, metric or id, or says candidate, interview, proposal, draft…"""
    return names_something(masked) or any(n.search(masked) for n in ENTITY_NOUNS.values())


_CONTENT = re.compile(r"[a-z][a-z'&-]*|[\u4e00-\u9fff]")


def _content(masked: str, *, nouns: bool = False) -> list[str]:
    """The words beside names, ids, periods and filler; with `nouns`, also beside the nouns that say what a name
    is ("interview", "草稿"). A lone letter is no word (the "s" of "what's")."""
    rest = _numbered(masked)
    if nouns:
        for noun in (*ENTITY_NOUNS.values(), _ABOUT_IT):
            rest = noun.sub(" ", rest)
    rest = _FILLER.sub(" ", _PLACEHOLDERS.sub(" ", rest))
    return [w for w in _CONTENT.findall(rest) if len(w) > 1 or CJK.match(w)]


def _count(words: list[str]) -> int:
    """Words, two Chinese characters counting one."""
    hanzi = sum(1 for w in words if CJK.match(w))
    return len(words) - hanzi + (hanzi + 1) // 2


def content_words(masked: str, *, nouns: bool = False) -> int:
    """How many words the message has beside names, ids, periods and filler (and, with `nouns`, the nouns saying what
    a name is)."""
    return _count(_content(masked, nouns=nouns))


def kinds_named(masked: str, text: str) -> set[str]:
    """The kinds of thing a message names: "candidate" (C000123, "candidate"), "interview", "proposal", "role"…"""
    kinds = {kind for kind, noun in ENTITY_NOUNS.items() if noun.search(masked)}
    kinds |= {kind for p, kind in ((ROLE, "role"), (COMPETENCY, "competency"), (METRIC, "metric")) if p in masked}
    return kinds | {"candidate" if m.group(0)[0] in "Cc" else "interview" for m in IDS.finditer(text)}


_VAGUE = re.compile(r"的?(?:情况|情形|状况|咋样|怎么样|如何)|stuff|things|situation|going|happening", re.I)  # says nothing about a name


def bare(masked: str, text: str) -> tuple[str, set[str]] | None:
    """A message that names something without asking anything about it.

    ("entity", kinds): only names, ids or numbers with at most the nouns saying what they are ("Sales Manager",
    "C000123", "interview 812", "提案3"); ("terse", ∅): no name and a single word or two Chinese characters
    ("trends", "weights?", "反馈", "approve it"), or a noun alone ("candidates?"). Either is asked back unless the
    conversation gives it a meaning."""
    content = _content(masked, nouns=True)
    placeholders = set(_PLACEHOLDERS.findall(masked))
    if placeholders and not content:
        return "entity", kinds_named(masked, text)
    said = "".join(w for w in content if CJK.match(w)) + " " + " ".join(w for w in content if not CJK.match(w))
    vague = bool(content) and not _VAGUE.sub(" ", said).strip()
    if placeholders and vague and not (kinds := kinds_named(masked, text)) & {"proposal", "draft", "request"}:
        return "entity", kinds  # "what's going on with negotiation?": which reading of it? ("… with proposal 5?": shown)
    if not placeholders and vague and any(noun.search(masked) for noun in ENTITY_NOUNS.values()):
        return "entity", kinds_named(masked, text)  # "候选人的情况", "the candidates' situation": which reading of them?
    if not placeholders and (not content  # a noun alone ("candidates?", "interviews"): routed only when the model is sure
                             or _count(content) == 1 and not any(noun.search(masked) for noun in ENTITY_NOUNS.values())):
        return "terse", set()
    return None
