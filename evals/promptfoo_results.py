"""A run in promptfoo's results format (`promptfoo eval -o results.json`, results version 3), so promptfoo's
viewer (`promptfoo import results.json && promptfoo view`) and tools that read promptfoo results read it.

One eval holds every suite of the run: each suite's prompts become promptfoo prompts (labelled with the
suite), each case one row of `results.results[]`. What promptfoo has no place for rides in `metadata.candor`:
per case the suite, the case id, the status (`skipped` for llm-rubric without a grader), the reason, the turns
of a multi-turn case; for the run the suites' pass rates and thresholds, which `eval compare` reads back.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

RESULTS_VERSION = 3
CANDOR_FORMAT = "candor-eval-run/2"  # the summary in metadata.candor


def _tokens() -> dict[str, Any]:
    return {"prompt": 0, "completion": 0, "cached": 0, "total": 0, "numRequests": 0}


def _prompt_id(suite: str, raw: str) -> str:
    return hashlib.sha256(f"{suite}\0{raw}".encode()).hexdigest()


def _component(a: dict[str, Any]) -> dict[str, Any]:
    assertion = {"type": a["type"], **({"metric": a["metric"]} if a.get("metric") else {})}
    return {"pass": bool(a["passed"]) or bool(a["skipped"]), "score": a["score"], "reason": a["reason"],
            "assertion": assertion}


def _result(suite: dict[str, Any], case: dict[str, Any], test_idx: int, prompt_idx: int,
            prompt_id: str) -> dict[str, Any]:
    last = case["turns"][-1] if case["turns"] else {"input": "", "output": "", "error": case["reason"],
                                                     "metadata": None, "assertions": []}
    components = [_component(a) for t in case["turns"] for a in t.get("assertions") or []]
    error = case["status"] == "error"
    success = case["status"] in ("passed", "skipped")
    named: dict[str, float] = {}
    for t in case["turns"]:
        for a in t.get("assertions") or []:
            if a.get("metric"):
                named[a["metric"]] = a["score"]
    test = case.get("test") or {"vars": case.get("vars") or {}}
    return {
        "cost": 0,
        "gradingResult": None if error else {
            "pass": success, "score": case["score"], "reason": case["reason"] or "All assertions passed",
            "namedScores": named, "tokensUsed": _tokens(), "componentResults": components},
        "id": str(uuid.uuid4()),
        "latencyMs": case["latency_ms"],
        "namedScores": named,
        "prompt": {"raw": last["input"], "label": f"{suite['name']}: {case['prompt']}", "config": {}},
        "promptId": prompt_id,
        "promptIdx": prompt_idx,
        "provider": {"id": case["provider"], "label": case["provider"]},
        "response": None if error and not last.get("output") else {
            "output": last.get("output") or "", "latencyMs": last.get("latency_ms"),
            **({"metadata": last["metadata"]} if last.get("metadata") is not None else {}), "cached": False},
        "score": case["score"] if not error else 0,
        "success": success,
        "testCase": {**test, **({"description": case["id"]} if not test.get("description") else {})},
        "testIdx": test_idx,
        "tokenUsage": _tokens(),
        "vars": case.get("vars") or {},
        "metadata": {**(last.get("metadata") or {}),
                     "candor": {"suite": suite["name"], "case": case["id"], "status": case["status"],
                                "reason": case["reason"], "repeat": case["repeat"], "audience": case.get("audience"),
                                **({"turns": [{k: t.get(k) for k in ("input", "output", "latency_ms", "error")}
                                              for t in case["turns"]]} if len(case["turns"]) > 1 else {})}},
        "failureReason": 0 if success else 2 if error else 1,  # promptfoo's ResultFailureReason
        **({"error": case["reason"]} if error else {}),
    }


def to_promptfoo(run: dict[str, Any]) -> dict[str, Any]:
    prompts, results, all_vars = [], [], set()
    test_idx = 0
    for suite in run["suites"]:
        labels = suite.get("prompt_labels") or sorted({c["prompt"] for c in suite["cases"]})
        raws = suite.get("prompts") or labels
        columns: dict[tuple[str, str], int] = {}
        for provider in suite["providers"]:
            for raw, label in zip(raws, labels):
                columns[(provider, label)] = len(prompts)
                prompts.append({"id": _prompt_id(suite["name"], raw), "raw": raw,
                                "label": f"{suite['name']}: {label}", "provider": provider,
                                "metrics": {"score": 0.0, "testPassCount": 0, "testFailCount": 0,
                                            "testErrorCount": 0, "assertPassCount": 0, "assertFailCount": 0,
                                            "totalLatencyMs": 0.0, "tokenUsage": _tokens(), "namedScores": {},
                                            "namedScoresCount": {}, "cost": 0}})
        rows: dict[tuple[str, int], int] = {}
        for case in suite["cases"]:
            row = rows.setdefault((case.get("case_index", case["id"]), case["repeat"]), len(rows) + test_idx)
            index = columns[(case["provider"], case["prompt"])]
            prompt = prompts[index]
            result = _result(suite, case, row, index, prompt["id"])
            results.append(result)
            all_vars.update(result["vars"])
            metrics = prompt["metrics"]
            metrics["score"] += result["score"]
            key = {"passed": "testPassCount", "skipped": "testPassCount", "failed": "testFailCount",
                   "error": "testErrorCount"}[case["status"]]
            metrics[key] += 1
            metrics["totalLatencyMs"] += case["latency_ms"]
            for component in (result["gradingResult"] or {}).get("componentResults", []):
                metrics["assertPassCount" if component["pass"] else "assertFailCount"] += 1
        test_idx += len(rows)
    stats = {"successes": sum(r["success"] for r in results),
             "failures": sum(not r["success"] and r["failureReason"] == 1 for r in results),
             "errors": sum(r["failureReason"] == 2 for r in results), "tokenUsage": _tokens(),
             "durationMs": round(run["duration_s"] * 1000)}
    summary = {k: v for k, v in run.items() if k != "suites"}
    summary["format"] = CANDOR_FORMAT
    summary["suites"] = [{k: v for k, v in s.items() if k != "cases"} for s in run["suites"]]
    return {
        "evalId": "eval-candor-" + run["started_at"][:19].replace(":", "-"),
        "results": {"version": RESULTS_VERSION, "timestamp": run["started_at"], "prompts": prompts,
                    "results": results, "stats": stats},
        "config": {"description": "; ".join(s["description"] for s in run["suites"]),
                   "providers": sorted({p for s in run["suites"] for p in s["providers"]}),
                   "prompts": [p["raw"] for p in prompts]},
        "shareableUrl": None,
        "metadata": {"exportedAt": run["finished_at"], "evaluationCreatedAt": run["started_at"],
                     "candor": summary},
        "vars": sorted(all_vars),
    }


def from_promptfoo(data: dict[str, Any]) -> dict[str, Any]:
    """A Candor run from a file written by to_promptfoo (what `eval compare` reads)."""
    summary = dict(data["metadata"]["candor"])
    by_suite: dict[str, list[dict[str, Any]]] = {s["name"]: [] for s in summary["suites"]}
    for result in data["results"]["results"]:
        info = result["metadata"]["candor"]
        by_suite.setdefault(info["suite"], []).append({
            "id": info["case"], "status": info["status"], "reason": info["reason"], "repeat": info["repeat"],
            "latency_ms": result["latencyMs"]})
    summary["suites"] = [{**s, "cases": by_suite.get(s["name"], [])} for s in summary["suites"]]
    return summary
