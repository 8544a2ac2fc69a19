"""What changed between two runs: new failures, fixed cases, added/removed cases and latency shifts."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.promptfoo_results import RESULTS_VERSION, from_promptfoo
from evals.runner import RUN_FORMAT


class RunFileError(ValueError):
    """A file is not a run written by `eval --output run.json`."""


def load_run(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RunFileError(f"{path}: cannot read the run: {exc}") from None
    if isinstance(data, dict) and data.get("format") == RUN_FORMAT:
        return data  # a run written before runs were written in promptfoo's format
    if isinstance(data, dict) and "candor" in (data.get("metadata") or {}) and \
            (data.get("results") or {}).get("version") == RESULTS_VERSION:
        return from_promptfoo(data)
    raise RunFileError(f"{path}: not an eval run written by Candor (write one with: python app.py eval … "
                       f"--output {path})")


def _cases(run: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """One entry per case, with its repetitions folded: failed if any repetition failed."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for suite in run["suites"]:
        for case in suite["cases"]:
            grouped.setdefault((suite["name"], case["id"]), []).append(case)
    out = {}
    for key, runs in grouped.items():
        statuses = {c["status"] for c in runs}
        status = ("failed" if statuses & {"failed", "error"} else "skipped" if statuses == {"skipped"} else "passed")
        reason = next((c["reason"] for c in runs if c["status"] in ("failed", "error")), "")
        out[key] = {"status": status, "reason": reason,
                    "latency_ms": statistics.median(c["latency_ms"] for c in runs)}
    return out


@dataclass
class Comparison:
    new_failures: list[dict[str, Any]] = field(default_factory=list)
    fixed: list[dict[str, Any]] = field(default_factory=list)
    still_failing: list[dict[str, Any]] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    slower: list[dict[str, Any]] = field(default_factory=list)
    faster: list[dict[str, Any]] = field(default_factory=list)
    suites: list[dict[str, Any]] = field(default_factory=list)

    @property
    def regressed(self) -> bool:
        return bool(self.new_failures) or any(c["status"] == "failed" for c in self.added)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("new_failures", "fixed", "still_failing", "added", "removed",
                                              "slower", "faster", "suites")} | {"regressed": self.regressed}


def compare(a: dict[str, Any], b: dict[str, Any], *, ratio: float = 1.5, min_ms: float = 20.0) -> Comparison:
    """Compare run `b` (after) with run `a` (before). A latency shift needs both `ratio` and `min_ms`."""
    before, after = _cases(a), _cases(b)
    result = Comparison()
    for key in sorted(before.keys() | after.keys()):
        suite, case = key
        entry = {"suite": suite, "case": case}
        if key not in after:
            result.removed.append(entry | {"status": before[key]["status"]})
            continue
        if key not in before:
            result.added.append(entry | {"status": after[key]["status"], "reason": after[key]["reason"]})
            continue
        old, new = before[key], after[key]
        if old["status"] == "passed" and new["status"] == "failed":
            result.new_failures.append(entry | {"reason": new["reason"]})
        elif old["status"] == "failed" and new["status"] == "passed":
            result.fixed.append(entry | {"was": old["reason"]})
        elif old["status"] == new["status"] == "failed":
            result.still_failing.append(entry | {"reason": new["reason"]})
        shift = entry | {"before_ms": round(old["latency_ms"], 1), "after_ms": round(new["latency_ms"], 1)}
        if new["latency_ms"] >= old["latency_ms"] * ratio and new["latency_ms"] - old["latency_ms"] >= min_ms:
            result.slower.append(shift)
        elif old["latency_ms"] >= new["latency_ms"] * ratio and old["latency_ms"] - new["latency_ms"] >= min_ms:
            result.faster.append(shift)
    suites_a = {s["name"]: s for s in a["suites"]}
    for s in b["suites"]:
        o = suites_a.get(s["name"], {})
        result.suites.append({"suite": s["name"], "pass_rate_before": o.get("pass_rate"),
                              "pass_rate_after": s["pass_rate"],
                              "p50_before_ms": o.get("latency_p50_ms"), "p50_after_ms": s["latency_p50_ms"],
                              "p95_before_ms": o.get("latency_p95_ms"), "p95_after_ms": s["latency_p95_ms"]})
    return result


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def print_comparison(cmp: Comparison, console, a_name: str = "A", b_name: str = "B") -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Suites: {a_name} → {b_name}", title_justify="left")
    for column in ("suite", "pass rate", "p50 ms", "p95 ms"):
        table.add_column(column)
    for s in cmp.suites:
        table.add_row(s["suite"], f"{_rate(s['pass_rate_before'])} → {_rate(s['pass_rate_after'])}",
                      f"{_ms(s['p50_before_ms'])} → {_ms(s['p50_after_ms'])}",
                      f"{_ms(s['p95_before_ms'])} → {_ms(s['p95_after_ms'])}")
    console.print(table)

    def section(title: str, rows: list[dict], columns: list[tuple[str, str]], colour: str) -> None:
        if not rows:
            return
        t = Table(title=f"[{colour}]{title} ({len(rows)})[/]", title_justify="left")
        for header, _ in columns:
            t.add_column(header, overflow="fold")
        for row in rows:
            t.add_row(*(escape(str(row.get(key, ""))) for _, key in columns))
        console.print(t)

    section("New failures", cmp.new_failures, [("suite", "suite"), ("case", "case"), ("reason", "reason")], "red")
    section("Fixed", cmp.fixed, [("suite", "suite"), ("case", "case"), ("was failing with", "was")], "green")
    section("Still failing", cmp.still_failing, [("suite", "suite"), ("case", "case"), ("reason", "reason")], "yellow")
    section("Added cases", cmp.added, [("suite", "suite"), ("case", "case"), ("status", "status")], "cyan")
    section("Removed cases", cmp.removed, [("suite", "suite"), ("case", "case"), ("status", "status")], "cyan")
    latency = [("suite", "suite"), ("case", "case"), ("before ms", "before_ms"), ("after ms", "after_ms")]
    section("Slower", cmp.slower, latency, "red")
    section("Faster", cmp.faster, latency, "green")
    if not (cmp.new_failures or cmp.fixed or cmp.added or cmp.removed or cmp.slower or cmp.faster):
        console.print("No changes in outcomes or latency.")
    console.print(f"new failures: {len(cmp.new_failures)}, fixed: {len(cmp.fixed)}, "
                  f"slower: {len(cmp.slower)}, faster: {len(cmp.faster)}")
