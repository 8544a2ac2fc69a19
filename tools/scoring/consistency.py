"""Behaviour consistency: what candidates claim about their composure against the signals on their answers.

A claim such as "I work well under pressure", "I am a calm communicator" or "擅长抗压" is tested by the
speech and face signals of the candidate's scored answers, each compared with the candidate's own
baseline (the mean of answers flagged `speech_features["baseline"] is True`, else the median of their
answers, as media/speech computes its baseline deltas).
An answer contradicts the claim when at least MIN_INDICATORS of these show on it:
speech rate up by SPEECH_RATE_SPIKE or more, LONG_PAUSES_EXTRA more long pauses than baseline, filler
words at FILLER_FACTOR times baseline (and +FILLER_EXTRA points), negative-affect frames at
NEGATIVE_AFFECT_SHARE or more. The finding only ever sends the interview to a person.
Claims that signals cannot test (team player, punctuality) are listed as not checked.
"""

from __future__ import annotations

import re
from statistics import fmean, median

from pydantic import BaseModel

SPEECH_RATE_SPIKE = 0.25
LONG_PAUSES_EXTRA = 2
FILLER_FACTOR = 2.0
FILLER_EXTRA = 2.0  # percentage points of words
NEGATIVE_AFFECT_SHARE = 0.4
MIN_INDICATORS = 2

COMPOSURE_CLAIM = re.compile(
    r"pressure|stress|calm|composed|cool[- ]headed|keep (my )?cool|confident (speaker|presenter|communicator)|"
    r"thrive under|unflappable|抗压|压力|冷静|沉着|从容|淡定|镇定|临危不乱|稳定的情绪|情绪稳定", re.IGNORECASE)

# Speech-feature keys as media/speech writes them, with accepted alternatives.
_KEYS = {"wpm": ("words_per_minute", "wpm", "speech_rate_wpm"),
         "long_pauses": ("long_pauses", "long_pause_count"),
         "filler_rate": ("filler_rate", "filler_word_rate", "filler_rate_pct"),
         "negative_affect": ("negative_affect_share", "negative_share", "negative_affect")}


class ConsistencyFinding(BaseModel):
    claim: str
    answer_id: int | None
    question: str
    indicators: list[str]
    detail_en: str
    detail_zh: str


class ConsistencyResult(BaseModel):
    findings: list[ConsistencyFinding] = []
    checked_claims: list[str] = []
    unchecked_claims: list[str] = []
    baseline: dict[str, float | None] = {}
    baseline_source: str = ""
    notes: list[str] = []


def _value(features: dict, name: str) -> float | None:
    for key in _KEYS[name]:
        value = features.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def signals(answer) -> dict[str, float | None]:
    speech = answer.speech_features or {}
    face = answer.face_signals or {}
    return {"wpm": _value(speech, "wpm"), "long_pauses": _value(speech, "long_pauses"),
            "filler_rate": _value(speech, "filler_rate"), "negative_affect": _value(face, "negative_affect")}


def is_baseline(answer) -> bool:
    return (answer.speech_features or {}).get("baseline") is True


def _baseline(rows: list[dict[str, float | None]], *, flagged: bool) -> dict[str, float | None]:
    # As media/speech computes its deltas: the mean of flagged baseline answers, else the median of all.
    out = {}
    for name in _KEYS:
        values = [r[name] for r in rows if r[name] is not None]
        out[name] = (fmean(values) if flagged else median(values)) if values else None
    return out


def _indicators(sig: dict, base: dict) -> list[tuple[str, str, str]]:
    """(key, English evidence, Chinese evidence) for each signal that departs from the baseline."""
    found = []
    if sig["wpm"] is not None and base["wpm"]:
        change = sig["wpm"] / base["wpm"] - 1
        if change >= SPEECH_RATE_SPIKE:
            found.append(("speech_rate_spike", f"speech rate {sig['wpm']:.0f} wpm, {change:+.0%} vs own baseline "
                          f"{base['wpm']:.0f}", f"语速 {sig['wpm']:.0f} 词/分钟，比本人基线 {base['wpm']:.0f} 高 {change:.0%}"))
    if sig["long_pauses"] is not None and base["long_pauses"] is not None:
        if sig["long_pauses"] >= base["long_pauses"] + LONG_PAUSES_EXTRA:
            found.append(("long_pauses", f"{sig['long_pauses']:.0f} long pauses vs baseline {base['long_pauses']:.0f}",
                          f"长停顿 {sig['long_pauses']:.0f} 次（基线 {base['long_pauses']:.0f} 次）"))
    if sig["filler_rate"] is not None and base["filler_rate"] is not None:
        if (sig["filler_rate"] >= FILLER_FACTOR * base["filler_rate"]
                and sig["filler_rate"] >= base["filler_rate"] + FILLER_EXTRA):
            found.append(("filler_words", f"filler words {sig['filler_rate']:.1f}% vs baseline {base['filler_rate']:.1f}%",
                          f"填充词比例 {sig['filler_rate']:.1f}%（基线 {base['filler_rate']:.1f}%）"))
    if sig["negative_affect"] is not None and sig["negative_affect"] >= NEGATIVE_AFFECT_SHARE:
        found.append(("negative_affect", f"negative affect in {sig['negative_affect']:.0%} of sampled frames",
                      f"{sig['negative_affect']:.0%} 的采样画面为负面情绪"))
    return found


def check_consistency(claims: list[str], answers: list, questions: dict[int, str]) -> ConsistencyResult:
    """`answers`: the interview's Answer rows; `questions`: answer id -> the question asked, for the evidence."""
    result = ConsistencyResult()
    composure = [c for c in claims or [] if COMPOSURE_CLAIM.search(c)]
    result.unchecked_claims = [c for c in claims or [] if c not in composure]
    if not composure:
        return result
    tested = [a for a in answers if not is_baseline(a)]
    baseline_rows = [signals(a) for a in answers if is_baseline(a)]
    result.baseline_source = "baseline answers" if baseline_rows else "median of the candidate's answers"
    base = _baseline(baseline_rows or [signals(a) for a in tested], flagged=bool(baseline_rows))
    result.baseline = {k: (round(v, 2) if v is not None else None) for k, v in base.items()}
    with_signals = [a for a in tested if any(v is not None for v in signals(a).values())]
    if not with_signals:
        result.notes.append("claims about composure not checked: no speech or face signals on the answers")
        result.unchecked_claims = list(claims)
        return result
    result.checked_claims = composure
    for answer in with_signals:
        found = _indicators(signals(answer), base)
        if len(found) < MIN_INDICATORS:
            continue
        question = questions.get(answer.id, "") if answer.id is not None else ""
        for claim in composure:
            result.findings.append(ConsistencyFinding(
                claim=claim, answer_id=answer.id, question=question, indicators=[k for k, _, _ in found],
                detail_en=f"claims \"{claim}\"; on \"{question or 'an answer'}\": " + "; ".join(e for _, e, _ in found),
                detail_zh=f"自述“{claim}”；在“{question or '某个回答'}”中：" + "；".join(z for _, _, z in found)))
    return result
