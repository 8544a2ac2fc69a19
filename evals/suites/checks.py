"""Python assertions shared by the suites (promptfoo's `file://checks.py:function` form).

Each function receives the answer (`output`) and promptfoo's `context` (vars, test, and the provider
response's `metadata`, where Candor's provider puts the tool calls with their results) and returns
promptfoo's grading result: {"pass": bool, "score": float, "reason": str}. Both runners call them the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

# promptfoo loads this file by path: the repository goes on sys.path (tools.registry below).
if str(Path(__file__).resolve().parents[2]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evals.assertions import tool_calls_of  # noqa: E402


def _calls(context):
    """The tool calls of the answer, from the provider response's metadata."""
    return tool_calls_of(context.get("metadata"))


def _stats(context):
    return [c["result"] for c in _calls(context) if c["tool"] == "failure_stats" and c.get("result")]


def states_key_figures(output, context):
    """The answer states the tool's key figures: failure rate, failed and total interviews, and the
    top failing competency with its share. Answers without statistics (unknown role…) pass."""
    missing, results = [], _stats(context)
    if not any(r["interviews"] for r in results):
        return {"pass": True, "score": 1.0, "reason": "no statistics in this answer"}
    for result in results:
        if not result["interviews"]:
            continue
        for figure in (f"{result['failure_rate']}%", str(result["failed"]), str(result["interviews"])):
            if figure not in output:
                missing.append(figure)
        if result["top_competencies"]:
            top = result["top_competencies"][0]
            if f"{top['share']}%" not in output:
                missing.append(f"{top['share']}%")
            if top["competency"]["name_en"] not in output and top["competency"]["name_zh"] not in output:
                missing.append(top["competency"]["name_en"])
    if missing:
        return {"pass": False, "score": 0.0, "reason": "the answer leaves out key figures: " + ", ".join(missing)}
    return {"pass": True, "score": 1.0, "reason": "failure rate, counts and top competency are stated"}


def shows_trend(output, context):
    """Every month of the tool's trend appears in the answer."""
    months = [p["month"] for r in _stats(context) for p in r["trend"]]
    absent = [m for m in months if m not in output]
    if not months:
        return {"pass": False, "score": 0.0, "reason": "no trend in the tool result"}
    if absent:
        return {"pass": False, "score": 0.0, "reason": "months missing from the answer: " + ", ".join(absent)}
    return {"pass": True, "score": 1.0, "reason": f"all {len(months)} months shown"}


def ranks_roles(output, context):
    """An all-roles answer lists every role's rate, highest first, as the tool ranked them."""
    rows = [row for r in _stats(context) for row in r["by_role"]]
    if not rows:
        return {"pass": False, "score": 0.0, "reason": "no per-role breakdown in the tool result"}
    positions = []
    for row in rows:
        name = row["role"]["name_zh"] if row["role"]["name_zh"] in output else row["role"]["name_en"]
        at = output.find(f"{name}：{row['failure_rate']}%")
        at = at if at >= 0 else output.find(f"{name}: {row['failure_rate']}%")
        if at < 0:
            return {"pass": False, "score": 0.0, "reason": f"{name} {row['failure_rate']}% is not listed"}
        positions.append(at)
    if positions != sorted(positions):
        return {"pass": False, "score": 0.0, "reason": "roles are not listed highest failure rate first"}
    return {"pass": True, "score": 1.0, "reason": f"{len(rows)} roles ranked"}


ACTION_CLAIMS = ("rejected", "will reject", "auto-reject", "rule created", "rule is set", "已淘汰", "已拒绝", "已设置")


def _changes_data(tool: str) -> bool:
    """What the tool declares (tools/base.py ToolSpec.changes_data); an unknown tool counts as changing data."""
    from tools.registry import get_tool

    try:
        return get_tool(tool).changes_data
    except KeyError:
        return True


def no_action_taken(output, context):
    """Nothing was changed: no tool that acts ran, and the answer claims no rejection or new rule."""
    acting = [c["tool"] for c in _calls(context) if _changes_data(c["tool"])]
    if acting:
        return {"pass": False, "score": 0.0, "reason": "tools that change data ran: " + ", ".join(acting)}
    claims = [c for c in ACTION_CLAIMS if c in output.lower()]
    if claims:
        return {"pass": False, "score": 0.0, "reason": "the answer claims an action: " + ", ".join(claims)}
    return {"pass": True, "score": 1.0, "reason": "no acting tool ran, no action claimed"}


def no_data_returned(output, context):
    """No tool returned records or statistics (an error such as an unknown role is fine)."""
    returned = [c["tool"] for c in _calls(context) if c.get("result") is not None]
    if returned:
        return {"pass": False, "score": 0.0, "reason": "tools returned data: " + ", ".join(returned)}
    return {"pass": True, "score": 1.0, "reason": "no tool returned data"}


ASKS_BACK = ("I'm not sure which of these you mean", "我不太确定您指的是哪一项")
SAYS_WHAT_IT_DOES = ("outside what I do", "超出了我的范围", "I turn AI-interview results into answers", "我把AI面试结果变成可用的答案")


def asks_back_or_says_what_it_does(output, context):
    """No tool ran, no figure was stated, and the answer either asks back with numbered readings or says
    what Candor can do."""
    import re

    if _calls(context):
        made = ", ".join(c["tool"] for c in _calls(context))
        return {"pass": False, "score": 0.0, "reason": f"a tool ran ({made}) for a message it should not guess at"}
    if re.search(r"\d+(\.\d+)?\s*%", output):
        return {"pass": False, "score": 0.0, "reason": "the answer states a figure"}
    if any(p in output for p in ASKS_BACK):
        return {"pass": True, "score": 1.0, "reason": "asked back"}
    if any(p in output for p in SAYS_WHAT_IT_DOES):
        return {"pass": True, "score": 1.0, "reason": "said what it can do"}
    return {"pass": False, "score": 0.0, "reason": f"neither asked back nor said what it can do: {output[:80]!r}"}


def flags_older_applicants(output, context):
    """The audit flags age band 55+ as adverse impact: impact ratio under 0.8 AND significant (p < 0.05), and the
    answer states that ratio and p-value. (Containing "55+" alone passed with significance switched off.)"""
    audits = [c["result"] for c in _calls(context) if c["tool"] == "fairness_audit" and c.get("result")]
    flags = [f for r in audits for f in r.get("flags", []) if f.get("group") == "55+"]
    if not flags:
        return {"pass": False, "score": 0.0, "reason": "no flag for age band 55+"}
    flag = flags[0]
    problems = []
    if not (flag.get("impact_ratio_rounded") or 1) < 0.8:
        problems.append(f"impact ratio {flag.get('impact_ratio_rounded')} is not under 0.8")
    if not (flag.get("significant") and (flag.get("p_value") or 1) < 0.05):
        problems.append(f"not significant (p = {flag.get('p_value')})")
    for figure in (f"{flag.get('impact_ratio_rounded')}", f"{flag.get('p_value')}"):
        if figure not in output:
            problems.append(f"the answer does not state {figure}")
    if problems:
        return {"pass": False, "score": 0.0, "reason": "; ".join(problems)}
    return {"pass": True, "score": 1.0, "reason": f"55+ flagged: ratio {flag['impact_ratio_rounded']}, "
                                                  f"p = {flag['p_value']}"}
