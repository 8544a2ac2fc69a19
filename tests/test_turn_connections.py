"""A turn holds one database connection: a slow vocabulary query under concurrency must not drain the pool."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import assistant.agent as agent_module
from assistant.agent import Assistant
from candor.principal import Principal
from tests.conftest import make_settings


def test_thirty_concurrent_turns_with_a_stale_slow_vocabulary_all_answer(seeded_sqlite_url, monkeypatch):
    real = agent_module.load_vocabulary

    def slow(session):
        time.sleep(0.05)  # a database under load
        return real(session)

    monkeypatch.setattr(agent_module, "load_vocabulary", slow)
    monkeypatch.setattr(agent_module, "VOCABULARY_TTL_S", 0.0)  # every read finds the cache stale
    assistant = Assistant(make_settings(seeded_sqlite_url))
    hr = Principal(id="ana", audience="hr_manager")
    first = assistant.ask(hr, "What is the failure rate for Sales Manager?")

    def follow_up(i: int):
        started = time.monotonic()
        turn = assistant.ask(hr, "And for Field Technician?", first.conversation_id)
        return time.monotonic() - started, turn

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(follow_up, range(30)))
    assert first.tool_calls
    assert all(t.tool_calls and t.tool_calls[0].result for _, t in results)
    assert max(seconds for seconds, _ in results) < 15, sorted(s for s, _ in results)[-3:]  # pool timeout: 30 s
