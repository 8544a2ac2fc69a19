"""Grounding: every number an answer or a letter states must come from the data behind it.

The one place numbers are read out of text, for the chat answers (tests and the `candor:grounded` eval
assertion), the feedback letters' fact check and the candidate red-team tests.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

# A number not glued to a Latin letter, digit or decimal point before it. CJK text is not a word boundary
# problem: "失败率为62.5%" states 62.5 (a `\w` look-behind would skip it, as ideographs are word characters).
NUMBER = re.compile(r"(?<![0-9A-Za-z.])-?\d+(?:[.,]\d+)*")
# Leak checks read every digit run, ids included ("I900124" states 900124).
ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")


def number_tokens(text: str, *, inside_words: bool = False) -> list[tuple[str, float]]:
    """(as written, value) for every number in `text`; full-width digits and thousands separators understood.
    `inside_words`: digit runs inside ids and words count too (leak checks)."""
    found = []
    for token in (ANY_NUMBER if inside_words else NUMBER).findall(text.translate(_FULL_WIDTH)):
        plain = token.replace(",", "") if _THOUSANDS.fullmatch(token) else token
        try:
            found.append((token, round(float(plain), 6)))
        except ValueError:
            continue  # "1,2" lists and the like: not one number
    return found


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


def ungrounded_numbers(answer: str, results: Iterable[Any]) -> list[float]:
    """Numbers in `answer` that no tool result contains (as a number or inside a string such as a date)."""
    known = numbers_in(" ".join(json.dumps(r, ensure_ascii=False) for r in results))
    return sorted(v for v in numbers_in(answer) if v not in known)
