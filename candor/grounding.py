"""Grounding: every number an answer or a letter states must come from the data behind it.

The one place numbers are read out of text, for the chat answers (tests and the `candor:grounded` eval
assertion), the feedback letters' fact check and the candidate red-team tests.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

# A number not glued to a Latin letter, digit or decimal point before it. CJK text is not a word boundary
# problem: "失败率为62.5%" states 62.5 (a `\w` look-behind would skip it, as ideographs are word characters).
NUMBER = re.compile(r"(?<![0-9A-Za-z.])-?\d+(?:[.,]\d+)*")
# Leak checks read every digit run, ids included ("I900124" states 900124).
ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# "1. …" at the start of a line numbers a list of options; it states no figure.
LIST_MARKER = re.compile(r"^(\s*)\d{1,2}[.)、](?=\s)", re.M)
_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")


def number_tokens(text: str, *, inside_words: bool = False) -> list[tuple[str, float]]:
    """(as written, value) for every number in `text`; full-width digits and thousands separators understood.
    `inside_words`: digit runs inside ids and words count too (leak checks)."""
    return [(token, round(value, 6)) for token, value, _ in stated_figures(text, inside_words=inside_words)]


def numbers_in(text: str, *, inside_words: bool = False) -> set[float]:
    return {value for _, value in number_tokens(text, inside_words=inside_words)}


def numbers_in_data(value: Any) -> set[float]:
    """Every number in structured data: numeric values and the digits inside its texts (dates, titles…)."""
    if isinstance(value, bool) or value is None:
        return set()
    if isinstance(value, (int, float)):
        return {round(float(value), 6)}
    if isinstance(value, str):
        return numbers_in(value)
    if isinstance(value, dict):
        return set().union(*(numbers_in_data(v) for v in value.values())) if value else set()
    if isinstance(value, (list, tuple, set)):
        return set().union(*(numbers_in_data(v) for v in value)) if value else set()
    return numbers_in(str(value))


# Result fields that count things (interviews, hires, people): a count never backs a stated percentage, so
# "62%" is not grounded by 62 failed interviews. Fractions of one (a weight of 0.25) back "25%".
COUNT_KEYS = re.compile(r"^(n|count|interviews|failed|passed|under_review|hires|leavers|stayers|applications|candidates|"
                        r"answers|drafts|requests|version|id|year|month|day|days|hours|seconds)$|"
                        r"^(n|count|number)_|_(n|count|id|version|interviews|hires|leavers|applications|ms)$", re.I)
MEASURE_KEYS = re.compile(r"share|rate|pct|percent|ratio|median|mean|average|score|probability|risk|weight|level",
                          re.I)  # "share_of_leavers" is a share, whatever it ends with
FRACTION_KEYS = re.compile(r"(weight|fraction|proportion|role_match)s?$", re.I)
_PERCENT_AFTER = re.compile(r"\s*(%|％|percent\b|per cent\b|个百分点|pp\b)", re.I)


def stated_figures(text: str, *, inside_words: bool = False) -> list[tuple[str, float, bool]]:
    """(as written, value, stated as a percentage) for every number in a text."""
    text = LIST_MARKER.sub(r"\1", text.translate(_FULL_WIDTH))
    out = []
    for m in (ANY_NUMBER if inside_words else NUMBER).finditer(text):
        token = m.group(0)
        plain = token.replace(",", "") if _THOUSANDS.fullmatch(token) else token
        try:
            value = float(plain)
        except ValueError:
            continue  # "1,2" lists and the like: not one number
        out.append((token, value, bool(_PERCENT_AFTER.match(text, m.end()))))
    return out


def result_figures(value: Any, key: str = "") -> tuple[set[float], set[float]]:
    """(every number, the numbers that are percentages) in a tool result."""
    numbers: set[float] = set()
    percents: set[float] = set()
    if isinstance(value, bool) or value is None:
        return numbers, percents
    if isinstance(value, (int, float)):
        numbers.add(float(value))
        if not COUNT_KEYS.search(key) or MEASURE_KEYS.search(key):
            percents.add(float(value))
        if FRACTION_KEYS.search(key) and 0 <= value <= 1:
            percents.add(round(float(value) * 100, 6))
    elif isinstance(value, str):
        for token, number, is_percent in stated_figures(value):
            numbers.add(number)
            if is_percent:
                percents.add(number)
    elif isinstance(value, dict):
        for k, v in value.items():
            n, p = result_figures(v, str(k))
            numbers |= n
            percents |= p
    elif isinstance(value, (list, tuple)):
        for v in value:
            n, p = result_figures(v, key)
            numbers |= n
            percents |= p
    return numbers, percents


def _within_rounding(stated: str, value: float, candidates: set[float]) -> bool:
    decimals = len(stated.split(".")[1]) if "." in stated else 0
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    return any(abs(c - value) <= tolerance for c in candidates)


def ungrounded_numbers(answer: str, results: Iterable[Any]) -> list[float]:
    """Numbers in `answer` that no tool result backs: a percentage must match (within the rounding it is stated
    with) a rate, share or percentage in the results; any other number a number of the results, a date's part
    included."""
    numbers: set[float] = set()
    percents: set[float] = set()
    for result in results:
        n, p = result_figures(result)
        numbers |= n
        percents |= p
    missing = set()
    for stated, value, is_percent in stated_figures(answer):
        if not _within_rounding(stated, value, percents if is_percent else numbers | percents):
            missing.add(value)
    return sorted(missing)
