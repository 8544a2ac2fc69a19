"""Candor as a promptfoo Python provider, so a suite can name it the way promptfoo documents providers:

    providers:
      - id: file://../promptfoo_provider.py
        label: candor-embedded
        config: {provider: embedded, workers: 1}

Candor's own runner (`python app.py eval`) recognises this file and runs Candor in process on a fresh
copy of the demo company instead of calling it. Under promptfoo itself, each Python worker seeds the same
demo company (seed 7, 3,000 candidates, the clock at 2026-11-15) into a temporary SQLite file on its first
call, so both runners see the same data. The response carries what Candor's assertions need in its
metadata (tool calls with their results, language, audience, the database) and Candor's own latency.
Tests that share `metadata.conversationId` continue one conversation (keep `workers: 1`, and run them in
order with `options.runSerially`). `config.warm` lists questions asked once, unscored, before the first case.

Run promptfoo with the project's Python: PROMPTFOO_PYTHON=.venv/bin/python (docs/evals.md).
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path
from typing import Any

# promptfoo loads this file by path, from whatever folder it runs in: the repository goes on sys.path first.
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from candor.principal import AUDIENCES  # noqa: E402
from evals.runner import PROVIDERS, CandorTarget, DemoData, _openai_overrides  # noqa: E402

_TARGETS: dict[tuple, CandorTarget] = {}
_THREADS: dict[tuple, str] = {}  # (conversationId, audience, candidate, repeat) → Candor's conversation id
_DEMO: list[DemoData] = []


def _target(config: dict[str, Any]) -> CandorTarget:
    kind = config.get("provider", "embedded")
    if kind not in PROVIDERS:
        raise ValueError(f"config.provider must be one of {', '.join(PROVIDERS)}, not {kind!r}")
    key = (kind, config.get("model"), config.get("apiBaseUrl"))
    if key not in _TARGETS:
        if not _DEMO:
            _DEMO.append(DemoData())
            atexit.register(_close)
        target = CandorTarget(_DEMO[0].fresh(), kind, _openai_overrides(config, config.get("model")))
        target.warm(set(AUDIENCES))
        for question in config.get("warm") or []:
            target.ask(str(question), None, "hr_manager", None, {})
        _TARGETS[key] = target
    return _TARGETS[key]


def _close() -> None:
    for target in _TARGETS.values():
        target.close()
    for demo in _DEMO:
        demo.close()


def call_api(prompt: str, options: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    config = (options or {}).get("config") or {}
    context = context or {}
    variables = context.get("vars") or {}
    audience = variables.get("audience", "hr_manager")
    if audience not in AUDIENCES:
        return {"error": f"the audience var must be one of {', '.join(AUDIENCES)}, not {audience!r}"}
    candidate_id = int(variables.get("candidate_id") or 1) if audience == "candidate" else None
    try:
        target = _target(config)
    except Exception as exc:
        return {"error": f"cannot start Candor: {type(exc).__name__}: {exc}"}
    conversation = ((context.get("test") or {}).get("metadata") or {}).get("conversationId")
    thread = (str(conversation), audience, candidate_id, context.get("repeatIndex")) if conversation else None
    answer = target.ask(prompt, _THREADS.get(thread) if thread else None, audience, candidate_id, variables)
    if answer.error:
        return {"error": answer.error, "latencyMs": answer.latency_ms}
    if thread:
        _THREADS[thread] = answer.conversation_id
    return {"output": answer.output, "latencyMs": answer.latency_ms, "metadata": answer.metadata}
