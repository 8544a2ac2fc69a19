"""POST /api/interviews, GET /api/jobs/{id}, GET /api/interviews/{id} over real HTTP: transcripts scored at
once, real espeak-ng recordings through the job queue and the worker to scores, and every bad request a
clear 4xx with nothing stored."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.workers import worker_for
from candor.db import get_engine
from integrations.web.app import create_app
from tests.conftest import make_settings
from tests.live_server import serve
from tests.media import have_media_tools, speak
from tests.scoring_fixtures import (
    MD,
    STRONG,
    catalogue,
    catalogue_sqlite,
    interview_payload,
)

TOKEN = "recruiter-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def api(tmp_path):
    """The app on SQLite; `api_pg` on PostgreSQL (the end-to-end media test, so both databases carry a job)."""
    yield from _serve(catalogue_sqlite(tmp_path), tmp_path)


@pytest.fixture
def api_pg(pg_server_url, tmp_path):
    from candor.migrate import upgrade
    from tests.conftest import _reset_postgres

    _reset_postgres(pg_server_url)
    upgrade(pg_server_url)
    yield from _serve(catalogue(pg_server_url), tmp_path)


def _serve(url, tmp_path):
    settings = make_settings(url, CANDOR_STAFF_TOKENS=json.dumps({TOKEN: {"id": "rita", "audience": "recruiter"}}),
                             CANDOR_MEDIA_DIR=str(tmp_path / "media"), CANDOR_UPLOAD_MAX_MB="2",
                             CANDOR_WORKER_POLL_S="0.1")
    with serve(create_app(settings)) as base:
        yield base, settings


def _poll(base, job_id, timeout=240):
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        job = httpx.get(f"{base}/api/jobs/{job_id}", headers=AUTH, timeout=30).json()
        seen.append((job["status"], job["stage"]))
        if job["status"] in ("done", "failed"):
            return job, seen
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish: {seen[-5:]}")


def test_transcripts_are_scored_at_once_and_resubmission_returns_the_same(api):
    base, _ = api
    first = httpx.post(f"{base}/api/interviews", json=interview_payload("API-1"), headers=AUTH, timeout=300)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["created"] and body["status"] == "scored" and body["result"]["total_score"] is not None
    again = httpx.post(f"{base}/api/interviews", json=interview_payload("API-1"), headers=AUTH, timeout=60)
    assert again.status_code == 200 and not again.json()["created"]
    assert again.json()["result"]["total_score"] == body["result"]["total_score"]
    read = httpx.get(f"{base}/api/interviews/API-1", headers=AUTH).json()
    assert read["outcome"] == body["result"]["outcome"] and len(read["competencies"]) == 4
    assert all(c["evidence"] for c in read["competencies"])


@pytest.mark.slow
@pytest.mark.skipif(not have_media_tools(), reason="espeak-ng and ffmpeg are needed (make install)")
def test_recordings_go_through_the_job_and_the_worker_to_scores(api_pg, tmp_path):
    base, settings = api_pg
    fea = speak(STRONG["finite_element_analysis"], tmp_path / "fea.wav")
    corrupt = tmp_path / "broken.wav"
    corrupt.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64)
    answers = {k: v for k, v in STRONG.items() if k in ("structural_design", "communication")}
    payload = interview_payload("API-MEDIA", answers=answers,
                                media={"finite_element_analysis": "fea.wav", "problem_solving": "broken.wav"})
    files = [("files", ("fea.wav", fea.read_bytes(), "audio/wav")),
             ("files", ("broken.wav", corrupt.read_bytes(), "audio/wav"))]
    response = httpx.post(f"{base}/api/interviews", data={"interview": json.dumps(payload)}, files=files,
                          headers=AUTH, timeout=60)
    assert response.status_code == 202, response.text
    job_id = response.json()["job"]["id"]
    assert (settings.media_dir / "API-MEDIA" / "fea.wav").read_bytes() == fea.read_bytes()
    again = httpx.post(f"{base}/api/interviews", data={"interview": json.dumps(payload)}, files=files, headers=AUTH)
    assert again.json()["job"]["id"] == job_id and not again.json()["created"]  # idempotent
    worker = worker_for(settings, get_engine(settings.database_url)).start()  # what `serve` runs in-process
    try:
        job, seen = _poll(base, job_id)
    finally:
        worker.stop()
    assert job["status"] == "done" and job["progress"] == 1.0, job
    assert len(job["result"]["media_answers"]) == 2 and job["result"]["outcome"] in ("passed", "failed", "under_review")
    assert job["attempts"] == 1, job  # one worker, one attempt: nothing was retried
    assert any("transcribing" in stage for _, stage in seen), seen  # progress shows through GET /api/jobs/{id}
    assert any("broken.wav" in n and "corrupt_media" in n for n in job["notes"]), job["notes"]
    result = httpx.get(f"{base}/api/interviews/API-MEDIA", headers=AUTH).json()
    assert result["outcome"] in ("passed", "failed", "under_review")
    fea_score = next(c for c in result["competencies"] if c["key"] == "finite_element_analysis")
    assert fea_score["level"] >= 3 and fea_score["evidence"]  # scored from the recognised speech
    quotes = " ".join(fea_score["evidence"]).lower()
    assert "welded frame" in quotes or "fatigue analysis" in quotes, quotes
    assert not any(c["key"] == "problem_solving" for c in result["competencies"])  # nothing invented for it
    assert any(n["code"] == "corrupt_media" and n["message_zh"] for n in result["notes"])


def test_the_interview_may_come_as_a_json_file_part_as_curl_sends_it(api):
    """`curl -F interview=@interview.json` sends a file part, not a text field (docs/scoring-input.md)."""
    base, _ = api
    payload = json.dumps(interview_payload("API-FILE-PART")).encode()
    response = httpx.post(f"{base}/api/interviews", headers=AUTH, timeout=60,
                          files=[("interview", ("interview.json", payload, "application/json"))])
    assert response.status_code == 200, response.text
    assert response.json()["created"] and response.json()["status"] == "scored"
    text_field = httpx.post(f"{base}/api/interviews", headers=AUTH, timeout=60,
                            data={"interview": payload.decode()}, files=[("unused", ("", b"", "text/plain"))])
    assert text_field.status_code == 200 and not text_field.json()["created"]  # the same interview, as a text field


def test_bad_requests_are_clear_and_store_nothing(api):
    base, settings = api
    post = lambda **kw: httpx.post(f"{base}/api/interviews", headers={**AUTH, **kw.pop("headers", {})}, timeout=60, **kw)
    assert httpx.post(f"{base}/api/interviews", json=interview_payload("X-1")).status_code == 401

    bad_json = post(content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 400 and "not valid JSON" in bad_json.json()["detail"]["message"]

    empty = interview_payload("X-2")
    empty["answers"][0]["transcript"] = ""
    invalid = post(json=empty)
    detail = invalid.json()["detail"]
    assert invalid.status_code == 422 and MD.format("structural_design") in detail["message"]
    assert "empty transcript" in detail["message"] and "文字记录" in detail["message_zh"]

    unknown = interview_payload("X-3")
    unknown["answers"][0]["question"] = "mechanical_design/juggling/behavioral/1"
    response = post(json=unknown)
    assert response.status_code == 422 and response.json()["detail"]["questions"] == [unknown["answers"][0]["question"]]

    role = interview_payload("X-4", role="Astronaut")
    assert post(json=role).json()["detail"]["error"] == "unknown_role"

    mismatch = post(data={"interview": json.dumps(interview_payload("X-5", media={"communication": "a.wav"}))},
                    files=[("files", ("b.wav", b"RIFF", "audio/wav"))])
    assert mismatch.status_code == 400 and "a.wav" in mismatch.json()["detail"]["message"]

    too_big = post(data={"interview": json.dumps(interview_payload("X-6", media={"communication": "a.wav"}))},
                   files=[("files", ("a.wav", b"RIFF" + b"\0" * (3 << 20), "audio/wav"))])
    assert too_big.status_code == 413 and "CANDOR_UPLOAD_MAX_MB" in too_big.json()["detail"]["message"]

    assert post(content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    for external_id in ("X-1", "X-2", "X-3", "X-4", "X-5", "X-6"):
        assert httpx.get(f"{base}/api/interviews/{external_id}", headers=AUTH).status_code == 404
    assert not (settings.media_dir / "X-6").exists() and not (settings.media_dir / "X-5").exists()
    missing = httpx.get(f"{base}/api/jobs/424242", headers=AUTH)
    assert missing.status_code == 404 and "POST /api/interviews" in missing.json()["detail"]["message"]


def test_serve_starts_an_in_process_worker_when_asked(sqlite_url):
    on = create_app(make_settings(sqlite_url, CANDOR_WORKER="true"))
    with TestClient(on):
        assert on.state.worker is not None and on.state.worker._thread.is_alive()
    assert not on.state.worker._thread.is_alive()  # stopped with the app
    off = create_app(make_settings(sqlite_url))
    with TestClient(off):
        assert off.state.worker is None  # CANDOR_ENV=test: off unless asked
