"""Score scales. Candor compares every score on one common 0–100 scale; a company keeps its own scale
(1–5 BARS levels, 1–10, 0–1, percent) for what it imports and for what answers show.

    to_common(4, "1-5")      → 75.0      (the range mapped linearly onto 0–100)
    from_common(75, "1-5")   → 4.0
    shown(75, "1-5")         → "4 / 5"
"""

from __future__ import annotations

import re

COMMON = "0-100"
SCALES: dict[str, tuple[float, float]] = {
    "0-100": (0.0, 100.0), "percent": (0.0, 100.0), "1-5": (1.0, 5.0), "0-5": (0.0, 5.0), "1-10": (1.0, 10.0),
    "0-10": (0.0, 10.0), "0-1": (0.0, 1.0), "1-7": (1.0, 7.0), "1-4": (1.0, 4.0),
}
NAMES = ", ".join(SCALES)


class ScaleError(ValueError):
    """An unknown scale name, or a value outside its scale; the message lists what is accepted."""


def scale_name(text: str | None) -> str:
    """'1–5', '1 to 5', '1..5', '%', 'Percent' → a scale's name; empty → the common 0–100."""
    if text is None or not str(text).strip():
        return COMMON
    raw = str(text).strip().lower()
    if raw in ("%", "pct", "percentage", "percent"):
        return "percent"
    name = re.sub(r"\s*(?:–|—|-|to|\.\.)\s*", "-", raw)
    if name not in SCALES:
        raise ScaleError(f"{text!r} is not a score scale: use one of {NAMES}")
    return name


def to_common(value: float, scale: str) -> float:
    """A score on `scale` as 0–100; refused when it lies outside the scale."""
    low, high = SCALES[scale]
    if not low <= value <= high:
        raise ScaleError(f"{value:g} is outside the {scale} scale ({low:g} to {high:g})")
    return (value - low) / (high - low) * 100.0


def from_common(value: float, scale: str) -> float:
    low, high = SCALES[scale]
    return low + value / 100.0 * (high - low)


def shown(value: float | None, scale: str, digits: int = 1) -> str:
    """A 0–100 score as the company writes it: '4 / 5', '7.5 / 10', '82%', '82'."""
    if value is None:
        return "–"
    if scale == COMMON:
        return f"{round(value, digits):g}"
    if scale == "percent":
        return f"{round(value, digits):g}%"
    low, high = SCALES[scale]
    return f"{round(from_common(value, scale), 2 if high <= 1 else digits):g} / {high:g}"
