"""Candor's assertions for promptfoo, written the way promptfoo documents Python assertions:

    assert:
      - type: python
        value: file://../promptfoo/assertions.py:tool_called
        config: {name: failure_stats, arguments: {role: marketing_planner, category: null}}
      - {type: python, value: 'file://../promptfoo/assertions.py:grounded'}
      - {type: python, value: 'file://../promptfoo/assertions.py:language', config: {language: zh}}
      - {type: not-python, value: 'file://../promptfoo/assertions.py:tool_called', config: {name: my_data}}

Each function is `(output, context) -> {pass, score, reason}` and runs the same check as Candor's runner
(evals/assertions.py), on what Candor's provider puts in the response metadata: the tool calls with their
results, the answer's language, the audience and the eval database (for candor:no-pii). A CSV row, which
cannot carry `config`, names the expectation in a `__metadata:tool_called` or `__metadata:language` column.
Candor's runner reads these suites too: it gives python assertions the same `context`.
"""

from __future__ import annotations

import sys
from pathlib import Path

# promptfoo loads this file by path, from whatever folder it runs in: the repository goes on sys.path first.
if str(Path(__file__).resolve().parents[2]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import json
from functools import lru_cache
from typing import Any

from evals.assertions import Context, PiiIndex, check, tool_calls_of
from evals.config import Assertion


@lru_cache(maxsize=4)
def _pii(url: str) -> PiiIndex:
    return PiiIndex.from_database(url)


def _verdict(kind: str, value: Any, output: str, context: dict[str, Any]) -> dict[str, Any]:
    metadata = context.get("metadata") or (context.get("providerResponse") or {}).get("metadata") or {}
    variables = context.get("vars") or {}
    audience = metadata.get("audience") or variables.get("audience", "hr_manager")
    url = metadata.get("database_url")
    prompt = context.get("prompt")
    ctx = Context(output=output if isinstance(output, str) else json.dumps(output, ensure_ascii=False),
                  prompt=prompt if isinstance(prompt, str) else "", vars=variables, audience=audience,
                  candidate_id=metadata.get("candidate_id"), tool_calls=tool_calls_of(metadata),
                  pii=(lambda: _pii(url)) if url else None)
    result = check(Assertion(type=kind, value=value), ctx)
    if result.skipped:  # promptfoo has no "skipped": say why it could not be checked, and fail
        return {"pass": False, "score": 0.0, "reason": result.reason.removeprefix("skipped: ")
                + " (Candor's provider puts database_url in the response metadata)"}
    return {"pass": result.passed, "score": result.score, "reason": result.reason}


def _expected(context: dict[str, Any], key: str) -> Any:
    """The expectation: the assertion's config, else the test's metadata (a CSV `__metadata:<key>` column)."""
    config = context.get("config") or {}
    if config:
        return config
    value = ((context.get("test") or {}).get("metadata") or {}).get(key)
    if value is None:
        raise ValueError(f"candor {key}: give the expectation in the assertion's config or in the test's "
                         f"metadata.{key}")
    return value


def tool_called(output, context):
    """candor:tool-called: config {name, arguments} (arguments a subset; null means absent)."""
    expected = _expected(context, "tool_called")
    if isinstance(expected, str) and expected.lstrip().startswith("{"):
        expected = json.loads(expected)
    return _verdict("candor:tool-called", expected, output, context)


def grounded(output, context):
    """candor:grounded: every number in the answer appears in a tool result."""
    return _verdict("candor:grounded", None, output, context)


def no_pii(output, context):
    """candor:no-pii: no candidate name, email or phone the audience may not see."""
    return _verdict("candor:no-pii", None, output, context)


def language(output, context):
    """candor:language: config {language: en|zh}."""
    expected = _expected(context, "language")
    return _verdict("candor:language", expected.get("language") if isinstance(expected, dict) else expected,
                    output, context)


def refused(output, context):
    """candor:refused: no tool returned data and the answer declines."""
    return _verdict("candor:refused", None, output, context)
