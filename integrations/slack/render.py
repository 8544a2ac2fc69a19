"""A Turn as Slack Block Kit: headline, the assistant's answer, a compact data table, a context line,
and buttons for what can be decided from the message.

Every number here is read from a tool result in the Turn; the prose is the assistant's own answer.
Renderers are per tool (`RENDERERS`); a tool without one still shows its answer and a context line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from assistant.agent import Turn

MAX_BLOCKS = 50
SECTION_CHARS = 2900  # Slack allows 3000 per section text
HEADER_CHARS = 150
MAX_FIELDS = 10
TABLE_ROWS = 8

LABELS = {
    "en": {"failure_rate": "Failure rate", "pass_rate": "Pass rate", "interviews": "Interviews", "failed": "Failed",
           "passed": "Passed", "under_review": "Under review", "reason": "Failure reason", "competency": "Competency",
           "role": "Role", "share": "Share", "mean_gap": "Gap", "n": "n", "trend": "Trend", "all_roles": "All roles",
           "interviews_ctx": "interviews", "approve": "Approve", "reject": "Reject",
           "approve_feedback": "Approve feedback", "proposal": "Competency proposal", "draft": "Feedback draft",
           "csv": "Download report as CSV"},
    "zh": {"failure_rate": "失败率", "pass_rate": "通过率", "interviews": "面试数", "failed": "未通过",
           "passed": "通过", "under_review": "待复核", "reason": "失败原因", "competency": "胜任力", "role": "岗位",
           "share": "占比", "mean_gap": "差距", "n": "数量", "trend": "趋势", "all_roles": "全部岗位",
           "interviews_ctx": "场面试", "approve": "批准", "reject": "驳回", "approve_feedback": "批准反馈",
           "proposal": "胜任力调整提案", "draft": "反馈草稿", "csv": "下载报告 CSV"},
}
SHORT_REASON = {"job_match": ("job match", "岗位匹配不足"), "competency_gap": ("competency gap", "胜任力差距"),
                "behavior_inconsistency": ("behaviour inconsistency", "行为不一致")}


@dataclass
class Card:
    """What one tool result contributes to the message."""

    headline: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    table: str = ""
    context: list[str] = field(default_factory=list)


# ---- text helpers ---------------------------------------------------------------------------------

def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(answer: str) -> str:
    """The assistant's Markdown in Slack's dialect: **bold** → *bold*, '- ' bullets → '• '."""
    text = escape(answer)
    text = re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)
    return re.sub(r"(?m)^(\s*)[-*] ", r"\1• ", text)


def width(text: str) -> int:
    """Columns a monospace font gives the text (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cut(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def table(headers: list[str], rows: list[list[str]], first_col: int = 28) -> str:
    """A preformatted table: the first column left-aligned (cut to fit), the rest right-aligned."""
    rows = [[cut(r[0], first_col), *r[1:]] for r in rows]
    all_rows = [headers, *rows]
    widths = [max(width(r[i]) for r in all_rows) for i in range(len(headers))]
    lines = []
    for r in all_rows:
        cells = [r[0] + " " * (widths[0] - width(r[0]))]
        cells += [" " * (widths[i] - width(r[i])) + r[i] for i in range(1, len(r))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value}%"


def name(ref: dict | None, lang: str, fallback: str = "") -> str:
    if not ref:
        return fallback
    return ref.get("name_zh" if lang == "zh" else "name_en") or ref.get("name_en") or fallback


# ---- per-tool cards ---------------------------------------------------------------------------------

def failure_stats_card(result: dict[str, Any], lang: str) -> Card:
    t = LABELS[lang]
    who = name(result.get("role"), lang, t["all_roles"])
    rate = result.get("failure_rate")
    card = Card(headline=f"{who} — {t['failure_rate']} {pct(rate)}")
    card.fields = [(t["failure_rate"], pct(rate)), (t["interviews"], str(result["interviews"])),
                   (t["failed"], str(result["failed"])), (t["passed"], str(result["passed"])),
                   (t["under_review"], str(result["under_review"])), (t["pass_rate"], pct(result.get("pass_rate")))]
    parts = []
    if result.get("reasons"):
        parts.append(table([t["reason"], t["n"], t["share"]],
                           [[SHORT_REASON.get(r["category"], (r["label_en"], r["label_zh"]))[lang == "zh"],
                             str(r["failed_interviews"]), pct(r["share"])] for r in result["reasons"]]))
    if result.get("top_competencies"):
        rows = []
        for c in result["top_competencies"][:TABLE_ROWS]:
            comp = name(c["competency"], lang)
            if not result.get("role"):
                comp += f" ({c['competency']['role_name_zh' if lang == 'zh' else 'role_name_en']})"
            rows.append([comp, str(c["failed_interviews"]), pct(c["share"]), f"-{c['mean_gap']}"])
        parts.append(table([t["competency"], t["n"], t["share"], t["mean_gap"]], rows))
    if result.get("by_role"):
        parts.append(table([t["role"], t["interviews"], t["failed"], t["failure_rate"]],
                           [[name(r["role"], lang), str(r["interviews"]), str(r["failed"]), pct(r["failure_rate"])]
                            for r in result["by_role"][:TABLE_ROWS]]))
    trend = [p for p in result.get("trend", []) if p.get("interviews")]
    if len(trend) > 1:
        parts.append(f"{t['trend']}: " + " · ".join(f"{p['month'][2:]} {pct(p['failure_rate'])}" for p in trend[-12:]))
    card.table = "\n\n".join(parts)
    period = result.get("period") or {}
    card.context = [period.get("label_zh" if lang == "zh" else "label_en", ""),
                    f"{result['interviews']} {t['interviews_ctx']}", *result.get("notes", [])]
    return card


RENDERERS: dict[str, Callable[[dict[str, Any], str], Card]] = {"failure_stats": failure_stats_card}


# ---- buttons ----------------------------------------------------------------------------------------

def _find(result: Any, key: str) -> list[dict]:
    """Dicts anywhere in a result that carry `key` (a proposal id, a draft id)."""
    found = []
    if isinstance(result, dict):
        if key in result:
            found.append(result)
        for value in result.values():
            found += _find(value, key)
    elif isinstance(result, list):
        for value in result:
            found += _find(value, key)
    return found


def button(text: str, action_id: str, value: dict, style: str | None = None) -> dict:
    out = {"type": "button", "text": {"type": "plain_text", "text": text[:75]}, "action_id": action_id,
           "value": json.dumps(value, separators=(",", ":"))}
    if style:
        out["style"] = style
    return out


def action_blocks(turn: Turn) -> list[dict]:
    """Approve/reject a proposed competency change; approve a feedback draft."""
    t = LABELS[turn.language if turn.language in LABELS else "en"]
    blocks, seen = [], set()
    for call in turn.tool_calls:
        for item in _find(call.result, "proposal_id"):
            pid = item["proposal_id"]
            if item.get("status", "proposed") != "proposed" or ("p", pid) in seen:
                continue
            seen.add(("p", pid))
            blocks.append({"type": "actions", "block_id": f"candor_proposal_{pid}", "elements": [
                button(f"{t['approve']} #{pid}", "candor_proposal_approve", {"proposal_id": pid}, "primary"),
                button(f"{t['reject']} #{pid}", "candor_proposal_reject", {"proposal_id": pid}, "danger")]})
        for item in _find(call.result, "draft_id"):
            did = item["draft_id"]
            if item.get("status", "draft") != "draft" or ("d", did) in seen:
                continue
            seen.add(("d", did))
            blocks.append({"type": "actions", "block_id": f"candor_feedback_{did}", "elements": [
                button(f"{t['approve_feedback']} #{did}", "candor_feedback_approve", {"draft_id": did}, "primary")]})
        if call.tool == "build_report" and call.result and call.result.get("csv_path"):
            value = {"role": (call.result.get("role") or {}).get("key"), "period": call.result["period"]["expression"],
                     "language": call.result.get("language") or turn.language}
            blocks.append({"type": "actions", "block_id": "candor_report_csv", "elements": [
                button(t["csv"], "candor_report_csv", value)]})
    return blocks


# ---- the message --------------------------------------------------------------------------------------

def render_turn(turn: Turn) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for one answer."""
    lang = turn.language if turn.language in LABELS else "en"
    cards = [RENDERERS[c.tool](c.result, lang) for c in turn.tool_calls
             if c.result is not None and c.tool in RENDERERS]
    blocks: list[dict] = []
    if cards and cards[0].headline:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": cut(cards[0].headline, HEADER_CHARS)}})
    answer = to_mrkdwn(turn.answer or "…")
    for start in range(0, len(answer), SECTION_CHARS):
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": answer[start:start + SECTION_CHARS]}})
    for i, card in enumerate(cards):
        if i and card.headline:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*{escape(card.headline)}*"}})
        if card.fields:
            blocks.append({"type": "section", "fields": [{"type": "mrkdwn", "text": f"*{escape(k)}*\n{escape(v)}"}
                                                         for k, v in card.fields[:MAX_FIELDS]]})
        if card.table:
            blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                       "text": f"```{escape(card.table)[:SECTION_CHARS - 6]}```"}})
        context = " · ".join(escape(c) for c in card.context if c)
        if context:
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": context[:3000]}]})
    tools = sorted({c.tool for c in turn.tool_calls})
    if tools and not cards:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(tools)}]})
    blocks += action_blocks(turn) + option_blocks(turn)
    return (turn.answer or "…")[:3000], blocks[:MAX_BLOCKS]


OPTION = re.compile(r"^([1-3])\. (.+)$", re.M)


def option_blocks(turn: Turn) -> list[dict]:
    """When Candor asked back ("1. … 2. …"), one button per reading; a click answers with that number."""
    if turn.tool_calls:
        return []
    options = OPTION.findall(turn.answer or "")
    if len(options) < 2:
        return []
    return [{"type": "actions", "block_id": "candor_options", "elements": [
        button(f"{n}. {text}", f"candor_pick_{n}", {"conversation": turn.conversation_id, "n": int(n)})
        for n, text in options]}]


def charts_of(turn: Turn) -> list[tuple[Path, str]]:
    """PNG charts a tool wrote (`chart_path` / `chart_png` in its result), to upload into the thread."""
    out = []
    for call in turn.tool_calls:
        for key in ("chart_path", "chart_png"):
            for item in _find(call.result, key):
                path = Path(str(item[key]))
                if path.suffix.lower() == ".png" and path.is_file():
                    out.append((path, str(item.get("chart_title") or item.get("title") or path.stem)))
    return out
