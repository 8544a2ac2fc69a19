"""Candor as a promptfoo Python provider, so a suite can name it the way promptfoo documents providers:

    providers:
      - id: file://../promptfoo_provider.py
        config: {provider: embedded}

Candor's own runner (`python app.py eval`) recognises this file and runs Candor in process on a fresh
copy of the demo company instead of calling it. Under promptfoo itself, `call_api` asks Candor with the
settings of the environment (DATABASE_URL, CANDOR_NOW…), as the `audience` var's principal; run promptfoo
from the repository root with PYTHONPATH=. and PROMPTFOO_PYTHON=.venv/bin/python.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4)
def _assistant(provider: str):
    from assistant.agent import Assistant
    from candor.settings import load_settings

    return Assistant(load_settings(CANDOR_PROVIDER=provider))


def call_api(prompt: str, options: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    from candor.principal import Principal

    config = (options or {}).get("config") or {}
    variables = (context or {}).get("vars") or {}
    audience = variables.get("audience", "hr_manager")
    candidate_id = int(variables.get("candidate_id") or 1) if audience == "candidate" else None
    principal = Principal(id=f"promptfoo:{audience}", audience=audience, candidate_id=candidate_id)
    try:
        turn = _assistant(config.get("provider", "embedded")).ask(principal, prompt)
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"output": turn.answer,
            "metadata": {"tool_calls": [c.model_dump(mode="json") for c in turn.tool_calls],
                         "language": turn.language, "conversation_id": turn.conversation_id}}
