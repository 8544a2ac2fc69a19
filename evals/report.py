"""Writing a run: JSON in promptfoo's results format (what `compare` and promptfoo's viewer read), a
self-contained HTML page, or JUnit XML for CI."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from evals.promptfoo_results import to_promptfoo

FORMATS = (".json", ".html", ".xml")


def write(run_result: dict[str, Any], path: Path) -> Path:
    path = Path(path)
    if path.suffix not in FORMATS:
        raise ValueError(f"--output must end in {', '.join(FORMATS)}: {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = {".json": to_json, ".html": to_html, ".xml": to_junit}[path.suffix](run_result)
    path.write_text(text, encoding="utf-8")
    return path


def to_json(run_result: dict[str, Any]) -> str:
    return json.dumps(to_promptfoo(run_result), ensure_ascii=False, indent=2)


def _seconds(ms: float | None) -> str:
    return f"{(ms or 0) / 1000:.3f}"


def _case_name(case: dict[str, Any], repeats: bool) -> str:
    return case["id"] + (f" #{case['repeat']}" if repeats else "")


def _transcript(case: dict[str, Any]) -> str:
    lines = []
    for i, turn in enumerate(case["turns"], start=1):
        lines.append(f"[{i}] {case.get('audience', '')}> {turn['input']}")
        lines.append(turn["output"] or f"(error: {turn.get('error')})")
        for call in turn.get("tool_calls") or []:
            lines.append(f"    tool {call.get('tool')} {json.dumps(call.get('arguments'), ensure_ascii=False)}")
        for a in turn.get("assertions") or []:
            mark = "SKIP" if a["skipped"] else "PASS" if a["passed"] else "FAIL"
            lines.append(f"    {mark} {a['type']}: {a['reason']}")
    return "\n".join(lines)


def to_junit(run_result: dict[str, Any]) -> str:
    """JUnit XML: one <testsuite> per suite, one <testcase> per case (and repetition)."""
    root = ET.Element("testsuites", name="candor-evals")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "time": 0.0}
    for suite in run_result["suites"]:
        time_ms = sum(c["latency_ms"] for c in suite["cases"])
        node = ET.SubElement(root, "testsuite", name=suite["name"], tests=str(suite["total"]),
                             failures=str(suite["failed"]), errors=str(suite["errors"]),
                             skipped=str(suite["skipped"]), time=_seconds(time_ms),
                             timestamp=run_result["started_at"][:19])
        props = ET.SubElement(node, "properties")
        for key in ("pass_rate", "threshold", "latency_p50_ms", "latency_p95_ms"):
            ET.SubElement(props, "property", name=key, value=str(suite[key]))
        ET.SubElement(props, "property", name="provider", value=",".join(suite["providers"]))
        repeats = any(c["repeat"] > 1 for c in suite["cases"])
        for case in suite["cases"]:
            item = ET.SubElement(node, "testcase", classname=f"evals.{suite['name']}",
                                 name=_case_name(case, repeats), time=_seconds(case["latency_ms"]))
            if case["status"] == "failed":
                ET.SubElement(item, "failure", message=case["reason"][:1000], type="assertion").text = _transcript(case)
            elif case["status"] == "error":
                ET.SubElement(item, "error", message=case["reason"][:1000], type="error").text = _transcript(case)
            elif case["status"] == "skipped":
                ET.SubElement(item, "skipped", message=case["reason"][:1000])
            else:
                ET.SubElement(item, "system-out").text = _transcript(case)
        for key, value in (("tests", suite["total"]), ("failures", suite["failed"]), ("errors", suite["errors"]),
                           ("skipped", suite["skipped"]), ("time", time_ms / 1000)):
            totals[key] += value
    for key, value in totals.items():
        root.set(key, f"{value:.3f}" if key == "time" else str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
.passed{color:#17692f}.failed,.error{color:#b00020}.skipped{color:#8a6d00}pre{white-space:pre-wrap;margin:0;
font-size:12px;background:#fafafa;padding:.4rem}details summary{cursor:pointer}"""


def to_html(run_result: dict[str, Any]) -> str:
    e = html.escape
    providers = ", ".join(sorted({p for s in run_result["suites"] for p in s["providers"]})) or "–"
    parts = [f"<!doctype html><meta charset='utf-8'><title>Candor evals</title><style>{STYLE}</style>",
             f"<h1>Candor evals</h1><p>provider <b>{e(providers)}</b> · clock "
             f"{e(run_result['now'])} · started {e(run_result['started_at'])} · {run_result['duration_s']} s · "
             f"<span class='{'passed' if run_result['ok'] else 'failed'}'>"
             f"{'all suites at threshold' if run_result['ok'] else 'below threshold'}</span></p>",
             "<table><tr><th>suite</th><th>cases</th><th>passed</th><th>failed</th><th>errors</th><th>skipped</th>"
             "<th>pass rate</th><th>threshold</th><th>p50 ms</th><th>p95 ms</th></tr>"]
    for s in run_result["suites"]:
        rate = "–" if s["pass_rate"] is None else f"{s['pass_rate'] * 100:.1f}%"
        parts.append(f"<tr><td><a href='#{e(s['name'])}'>{e(s['name'])}</a></td><td>{s['total']}</td>"
                     f"<td>{s['passed']}</td><td>{s['failed']}</td><td>{s['errors']}</td><td>{s['skipped']}</td>"
                     f"<td class='{'passed' if s['ok'] else 'failed'}'>{rate}</td><td>{s['threshold'] * 100:.0f}%</td>"
                     f"<td>{s['latency_p50_ms']}</td><td>{s['latency_p95_ms']}</td></tr>")
    parts.append("</table>")
    for s in run_result["suites"]:
        parts.append(f"<h2 id='{e(s['name'])}'>{e(s['name'])}</h2><p>{e(s['description'])}</p>"
                     "<table><tr><th>case</th><th>status</th><th>reason</th><th>ms</th></tr>")
        for c in s["cases"]:
            parts.append(f"<tr><td><details><summary>{e(c['id'])}</summary><pre>{e(_transcript(c))}</pre></details>"
                         f"</td><td class='{c['status']}'>{c['status']}</td><td>{e(c['reason'])}</td>"
                         f"<td>{c['latency_ms']:.0f}</td></tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n"
