"""Turn tool results into answers through the templates in prompts/answers/."""

from __future__ import annotations

import json
import re

from prompts import render

WHY = re.compile(r"(\bwhy\b|为什么|为何|怎么回事)", re.I)


def render_tool_result(tool: str, content: str, language: str, *, show_trend: bool, question: str,
                       show_pass_rate: bool = False, lead_share: str | None = None,
                       lead_trend: bool = False, lead_not_completed: bool = False, lead_weakest: bool = False) -> str:
    try:
        payload = json.loads(content)
    except (TypeError, json.JSONDecodeError):
        return render(f"answers/error.{language}.j2", error={"error": "tool_failed", "message": str(content)[:500]})
    if isinstance(payload, dict) and "error" in payload:
        return render(f"answers/error.{language}.j2", error=payload)
    # A "why" question gets the trend too: it shows when the rate moved. Asked for the weakest competency of a scoring,
    # the one least above (or most below) its minimum leads.
    weakest = _weakest(payload.get("competencies") or []) if lead_weakest and tool == "score_interview" else None
    return render(f"answers/{tool}.{language}.j2", result=payload,
                  show_trend=show_trend or bool(WHY.search(question)), show_pass_rate=show_pass_rate,
                  lead_share=lead_share, lead_trend=lead_trend, lead_not_completed=lead_not_completed,
                  weakest=weakest)


def _weakest(competencies: list[dict]) -> dict | None:
    scored = [c for c in competencies if c.get("score") is not None and c.get("required") is not None]
    return min(scored, key=lambda c: c["score"] - c["required"], default=None)


def render_help(language: str, roles: list[str], understood: bool, can: set[str] | frozenset[str] = frozenset(),
                out_of_scope: bool = False, topic: str | None = None) -> str:
    """What Candor can do for this asker (`can`: the tools their audience may use; failure statistics always);
    `topic`: how the feature asked about works, said instead of the whole list."""
    return render(f"answers/help.{language}.j2", roles=roles, understood=understood, can=can,
                  out_of_scope=out_of_scope, topic=topic)


def render_clarify(language: str, options: list[str]) -> str:
    return render(f"answers/clarify.{language}.j2", options=options)


def render_refusal(language: str, reason: str | None) -> str:
    return render(f"answers/refusal.{language}.j2", reason=reason)
