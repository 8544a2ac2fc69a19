"""Grounding checks: every number an answer states must appear in the tool results behind it."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:[.,]\d+)*")


def _values(text: str) -> set[float]:
    found = set()
    for token in NUMBER.findall(text):
        token = token.replace(",", "") if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", token) else token
        try:
            found.add(round(float(token), 6))
        except ValueError:
            continue
    return found


def numbers_in(text: str) -> set[float]:
    return _values(text)


def ungrounded_numbers(answer: str, results: Iterable[Any]) -> list[float]:
    """Numbers in `answer` that no tool result contains (as a number or inside a string such as a date)."""
    source = " ".join(json.dumps(r, ensure_ascii=False) for r in results)
    known = _values(source)
    return sorted(v for v in _values(answer) if v not in known)
