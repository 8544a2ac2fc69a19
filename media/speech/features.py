"""Speech features per answer (rate, pauses, fillers) and their change against the candidate's own baseline."""

from __future__ import annotations

import re
import statistics

from media.speech.model import Transcript

PAUSE_S = 0.3        # a gap between words at least this long is a pause
LONG_PAUSE_S = 1.0   # and at least this long, a long pause
# Longest first, so "you know" is not also counted as something shorter, and 就是说 not also as 就是.
FILLERS_EN = ("you know", "i mean", "sort of", "kind of", "um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah",
              "hmm", "like", "basically")
FILLERS_ZH = ("就是说", "那个", "这个", "就是", "然后", "嗯", "呃", "额", "啊")
NUMERIC_FEATURES = ("words_per_minute", "pause_ratio", "long_pauses", "filler_rate", "speaking_s")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# "I like it" is not a filler; "like" after these words is a verb or a preposition.
LIKE_AS_WORD = {"i", "you", "we", "they", "would", "looks", "look", "felt", "feel", "something", "things", "just"}


def _count_units(word: str) -> int:
    """Chinese is counted in characters (the usual unit of Chinese speech rate), other languages in words."""
    cjk = len(CJK.findall(word))
    return cjk if cjk else (1 if re.search(r"\w", word) else 0)


def count_fillers(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    zh = text
    for filler in FILLERS_ZH:
        n = zh.count(filler)
        if n:
            counts[filler] = n
            zh = zh.replace(filler, " ")
    tokens = re.findall(r"[a-z']+", text.lower())
    i = 0
    while i < len(tokens):
        for filler in FILLERS_EN:
            parts = filler.split()
            if tokens[i:i + len(parts)] == parts:
                if filler == "like" and i > 0 and tokens[i - 1] in LIKE_AS_WORD:
                    continue
                counts[filler] = counts.get(filler, 0) + 1
                i += len(parts) - 1
                break
        i += 1
    return counts


def speech_features(t: Transcript) -> dict:
    """words_per_minute counts speaking time only (pauses excluded) and Chinese characters as words;
    pause_ratio is paused time over the span from the first to the last word; filler_rate is fillers per 100 words."""
    words = t.words
    units = sum(_count_units(w.word) for w in words)
    if t.pauses:  # measured on the audio
        pauses = [end - start for start, end in t.pauses if end - start >= PAUSE_S]
        span = max((words[-1].end if words else 0.0), t.pauses[-1][1]) - min(words[0].start if words else 0.0,
                                                                              t.pauses[0][0])
    else:  # a transcript with word timings only
        pauses = [g for g in (b.start - a.end for a, b in zip(words, words[1:])) if g >= PAUSE_S]
        span = (words[-1].end - words[0].start) if words else 0.0
    paused = sum(pauses)
    speaking = max(span - paused, 0.0)
    fillers = count_fillers(t.text)
    n_fillers = sum(fillers.values())
    return {
        "words": units,
        "words_per_minute": round(units / speaking * 60, 1) if speaking > 0 else None,
        "pause_ratio": round(paused / span, 3) if span > 0 else None,
        "pauses": len(pauses),
        "long_pauses": sum(1 for g in pauses if g >= LONG_PAUSE_S),
        "longest_pause_s": round(max(pauses), 2) if pauses else 0.0,
        "filler_rate": round(100 * n_fillers / units, 2) if units else None,
        "fillers": fillers,
        "speaking_s": round(speaking, 2),
        "duration_s": round(t.duration_s, 2),
        "language": t.language,
    }


def baseline_deltas(features: list[dict], baseline: list[int]) -> list[dict]:
    """For each answer, each numeric feature's difference and ratio against the mean of the candidate's baseline
    answers (indexes into `features`); with no baseline, against the median of all the candidate's answers."""
    bad = [i for i in baseline if not 0 <= i < len(features)]
    if bad:
        raise ValueError(f"baseline answer indexes {bad} are out of range: there are {len(features)} answers")
    pool = [features[i] for i in baseline] if baseline else features
    reference_kind = "baseline_mean" if baseline else "own_median"
    reference: dict[str, float | None] = {}
    for key in NUMERIC_FEATURES:
        values = [f[key] for f in pool if f.get(key) is not None]
        if not values:
            reference[key] = None
        else:
            reference[key] = statistics.fmean(values) if baseline else statistics.median(values)
    out = []
    for f in features:
        deltas = {}
        for key in NUMERIC_FEATURES:
            value, ref = f.get(key), reference[key]
            if value is None or ref is None:
                deltas[key] = {"value": value, "reference": ref, "difference": None, "ratio": None}
                continue
            deltas[key] = {"value": value, "reference": round(ref, 3), "difference": round(value - ref, 3),
                           "ratio": round(value / ref, 3) if ref else None}
        out.append({"reference": reference_kind, "baseline_answers": list(baseline), "deltas": deltas})
    return out
