"""Limits at the edge over real HTTP: a slow PostgreSQL under 30 concurrent follow-ups, a drained pool (503),
bursts over a staff token's and a candidate's rate (429 with Retry-After, counted in memory or in the
database shared by every process), and a request timeout (504) that spares the health probe."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import event

import assistant.agent as agent_module
from candor.db import get_engine
from candor.ratelimit import RateLimiter
from integrations.web.app import create_app
from tests.conftest import make_settings
from tests.live_server import serve

HR_TOKEN = "hr-token-for-edge-tests-0123"
STAFF = {HR_TOKEN: {"id": "ana", "audience": "hr_manager"},
         "recruiter-token-for-edge-0123": {"id": "rita", "audience": "recruiter"}}


def chat(base: str, message: str, conversation: str | None = None, token: str = HR_TOKEN) -> httpx.Response:
    body = {"message": message, **({"conversation_id": conversation} if conversation else {})}
    return httpx.post(f"{base}/api/chat", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def settings_for(url: str, **extra):
    return make_settings(url, CANDOR_STAFF_TOKENS=json.dumps(STAFF), **extra)


class SlowStatements:
    """Every SQL statement on `engine` waits `seconds` first: a database under load."""

    def __init__(self, engine, seconds: float):
        self.engine, self.seconds = engine, seconds

    def _delay(self, *_args):
        time.sleep(self.seconds)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._delay)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._delay)


def test_thirty_follow_ups_over_http_on_a_slow_postgres_all_answer_quickly(seeded_pg_url, monkeypatch):
    monkeypatch.setattr(agent_module, "VOCABULARY_TTL_S", 0.0)  # every turn finds the vocabulary stale
    with serve(create_app(settings_for(seeded_pg_url))) as base:
        first = chat(base, "What is the failure rate for Sales Manager?")
        assert first.status_code == 200, first.text
        conversation = first.json()["conversation_id"]

        def follow_up(_):
            started = time.monotonic()
            response = chat(base, "And for Field Technician?", conversation)
            return time.monotonic() - started, response

        with SlowStatements(get_engine(seeded_pg_url), 0.03), ThreadPoolExecutor(max_workers=30) as pool:
            results = list(pool.map(follow_up, range(30)))
    assert [r.status_code for _, r in results] == [200] * 30, [r.text[:200] for _, r in results if r.status_code != 200]
    assert all(r.json()["tool_calls"] for _, r in results)
    assert max(s for s, _ in results) < 10, sorted(round(s, 1) for s, _ in results)[-3:]


def test_a_drained_pool_is_a_503_to_retry_not_a_500(seeded_sqlite_url, monkeypatch):
    monkeypatch.setenv("CANDOR_DB_POOL_SIZE", "1")
    monkeypatch.setenv("CANDOR_DB_MAX_OVERFLOW", "0")
    monkeypatch.setenv("CANDOR_DB_POOL_TIMEOUT", "0.5")
    get_engine.cache_clear()
    try:
        engine = get_engine(seeded_sqlite_url)
        with serve(create_app(settings_for(seeded_sqlite_url))) as base:
            assert chat(base, "Failure rate for Sales Manager?").status_code == 200
            with engine.connect():  # someone holds the only connection
                started = time.monotonic()
                busy = chat(base, "Failure rate for Field Technician?")
                waited = time.monotonic() - started
            after = chat(base, "Failure rate for Field Technician?")
    finally:
        get_engine.cache_clear()
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "5", busy.text
    assert busy.json()["detail"]["error"] == "database_busy" and "CANDOR_DB_POOL_TIMEOUT" in busy.text
    assert waited < 5 and after.status_code == 200


def test_a_burst_over_a_staff_members_rate_gets_429_with_retry_after(seeded_sqlite_url):
    settings = settings_for(seeded_sqlite_url, CANDOR_RATE_LIMIT_STAFF="4/minute")
    with serve(create_app(settings)) as base:
        burst = [chat(base, "Failure rate for Sales Manager?") for _ in range(6)]
        other = chat(base, "Failure rate for Sales Manager?", token="recruiter-token-for-edge-0123")
        wrong = chat(base, "Failure rate for Sales Manager?", token="not-a-token-at-all")
    assert [r.status_code for r in burst] == [200] * 4 + [429] * 2
    refused = burst[-1]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["detail"]["error"] == "rate_limited" and "CANDOR_RATE_LIMIT_STAFF" in refused.text
    assert other.status_code == 200  # the limit is per token holder
    assert wrong.status_code == 401  # a wrong token is refused, not counted against anyone


@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
def test_database_counts_are_shared_by_every_process(db, request):
    url = request.getfixturevalue("seeded_sqlite_url" if db == "sqlite" else "seeded_pg_url")
    first, second = RateLimiter("database", get_engine(url)), RateLimiter("database", get_engine(url))
    key, now = f"staff:shared-{db}-{time.time()}", 1_000_000.0  # a window starting at 999,960 for 1/minute rates
    waits = [limiter.hit(key, "3/minute", now=now + i) for i, limiter in enumerate([first, second] * 2)]
    assert waits[:3] == [None, None, None] and waits[3] == 17  # the window ends at 1,000,020; this hit is at 1,000,003
    assert first.hit(key, "3/minute", now=now + 61) is None  # a new window


def test_a_candidates_burst_gets_429_on_their_own_page(tmp_path):
    from sqlmodel import Session

    from candor import candidate_links as links
    from candor.models import Candidate
    from tests.candidate_fixtures import built_once, copy_of
    from tests.conftest import NOW

    company = copy_of(built_once(tmp_path / "built"), tmp_path)
    settings = settings_for(company.url, CANDOR_RATE_LIMIT_CANDIDATE="3/minute", CANDOR_DATA_DIR=str(tmp_path / "d"))
    with Session(get_engine(company.url), expire_on_commit=False) as session:
        issued = links.issue_link(session, settings, session.get(Candidate, company.alice.id), issued_by="t", now=NOW)
        session.commit()
    with serve(create_app(settings)) as base:
        codes = [httpx.get(f"{base}/c/{issued.token}/api/me", timeout=30).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_a_request_with_no_answer_in_time_gets_504(seeded_sqlite_url):
    settings = settings_for(seeded_sqlite_url, CANDOR_REQUEST_TIMEOUT="0.5")
    with serve(create_app(settings)) as base:
        with SlowStatements(get_engine(seeded_sqlite_url), 0.2):
            started = time.monotonic()
            late = chat(base, "Failure rate for Sales Manager over the last 6 months?")
            waited = time.monotonic() - started
        health = httpx.get(f"{base}/healthz", timeout=10)
    assert late.status_code == 504 and late.json()["detail"]["error"] == "timeout", late.text
    assert "CANDOR_REQUEST_TIMEOUT" in late.text and waited < 2
    assert health.status_code == 200


def test_the_health_probe_is_not_cut_off_by_the_request_timeout(seeded_sqlite_url):
    """A database slower than the request timeout makes the probe slow, not a 504 that reads as the service down."""
    settings = settings_for(seeded_sqlite_url, CANDOR_REQUEST_TIMEOUT="0.5")
    with serve(create_app(settings)) as base, SlowStatements(get_engine(seeded_sqlite_url), 0.7):
        health = httpx.get(f"{base}/healthz", timeout=10)
    assert health.status_code == 200 and health.json()["database"] == "ok", health.text
