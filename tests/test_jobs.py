"""The durable job queue (candor/jobs.py) on SQLite and PostgreSQL: idempotent submission, one winner per
claim, heartbeats, a lapsed lease picked up again, retries then failure with the partial result kept, and a
real `python app.py worker` process killed mid-job whose job another worker finishes once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, update
from sqlmodel import Session, select

from assistant.workers import worker_for
from candor import jobs
from candor.db import get_engine
from candor.models import CompetencyScore, Interview, Job

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def _pg_queue(pg_server_url):
    from candor.migrate import upgrade
    from tests.conftest import _reset_postgres

    _reset_postgres(pg_server_url)
    upgrade(pg_server_url)
    return pg_server_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A migrated database of each kind with an empty job table (PostgreSQL migrated once per module)."""
    from tests.scoring_fixtures import catalogue_sqlite

    if request.param == "sqlite":
        return catalogue_sqlite(tmp_path)
    url = request.getfixturevalue("_pg_queue")
    with Session(get_engine(url)) as session:
        session.exec(delete(Job))
        session.commit()
    return url


def _expire(engine, job_id):
    """What a dead worker leaves behind: a running job whose lease lapsed."""
    with Session(engine) as session:
        session.exec(update(Job).where(Job.id == job_id).values(lease_until=jobs.utcnow() - timedelta(seconds=1)))
        session.commit()


def test_submit_is_idempotent_on_the_key(db_url):
    engine = get_engine(db_url)
    first, created = jobs.submit(engine, "echo", {"n": 1}, key="echo:1")
    again, created_again = jobs.submit(engine, "echo", {"n": 2}, key="echo:1")
    assert created and not created_again and again.id == first.id and again.payload == {"n": 1}
    other, _ = jobs.submit(engine, "echo", {"n": 3})
    assert other.id != first.id


def test_each_job_is_claimed_by_exactly_one_of_many_concurrent_workers(db_url):
    engine = get_engine(db_url)
    ids = {jobs.submit(engine, "echo", {"n": i})[0].id for i in range(12)}
    claimed: list[tuple[str, int]] = []
    lock = threading.Lock()

    def worker(name):
        while (job := jobs.claim(engine, name, 60, 3)) is not None:
            with lock:
                claimed.append((name, job.id))

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(j for _, j in claimed) == sorted(ids)  # every job once, none twice


def test_a_job_whose_worker_died_is_picked_up_again_and_finishes_once(db_url):
    engine = get_engine(db_url)
    runs: list[str] = []

    def work(ctx: jobs.JobContext) -> dict:
        runs.append(ctx.worker)
        ctx.report(0.5, "half way", note="first half done", partial={"half": True})
        return {"answer": 42}

    job, _ = jobs.submit(engine, "work", {})
    dead = jobs.claim(engine, "dead-worker", 60, 3)  # claimed, then the process "died"
    assert dead.id == job.id and dead.status == "running" and dead.attempts == 1
    survivor = jobs.Worker(engine, lease_s=60, max_attempts=3, name="survivor", handlers={"work": work})
    assert survivor.run_one() is None  # the lease still holds: nobody else may take it
    _expire(engine, job.id)
    done = survivor.run_one()
    assert done.status == "done" and done.attempts == 2 and done.worker == "survivor"
    assert done.result == {"half": True, "answer": 42} and done.notes == ["first half done"] and done.progress == 1.0
    assert survivor.run_one() is None and runs == ["survivor"]
    # The dead worker wakes up: its lease is gone, so it cannot overwrite anything.
    assert not jobs.renew(engine, job.id, "dead-worker", 60, stage="zombie")
    assert not jobs.finish(engine, job.id, "dead-worker", {"answer": 0}, [])
    assert jobs.get_job(engine, job.id).result["answer"] == 42


def test_failures_are_retried_then_fail_with_the_error_and_keep_the_partial_result(db_url):
    engine = get_engine(db_url)

    def flaky(ctx: jobs.JobContext) -> dict:
        ctx.report(0.3, "transcribing", partial={f"attempt{ctx.job.attempts}": "transcribed"})
        raise RuntimeError("the speech model crashed")

    job, _ = jobs.submit(engine, "flaky", {})
    worker = jobs.Worker(engine, lease_s=60, max_attempts=2, handlers={"flaky": flaky})
    assert worker.run_one().status == "queued"  # attempt 1 failed: queued again
    final = worker.run_one()
    assert final.status == "failed" and final.attempts == 2 and "the speech model crashed" in final.error
    assert final.result == {"attempt1": "transcribed", "attempt2": "transcribed"} and final.finished_at is not None
    assert worker.run_one() is None


def test_a_job_failed_on_purpose_does_not_retry_and_a_job_dying_every_time_fails(db_url):
    engine = get_engine(db_url)

    def bad_input(ctx):
        raise jobs.JobFailed("Interview X has no answer with a transcript to score")

    job, _ = jobs.submit(engine, "bad", {})
    final = jobs.Worker(engine, max_attempts=3, handlers={"bad": bad_input}).run_one()
    assert (final.status, final.attempts, final.error) == ("failed", 1, "Interview X has no answer with a transcript to score")

    doomed, _ = jobs.submit(engine, "doomed", {})
    for attempt in range(2):
        assert jobs.claim(engine, f"w{attempt}", 60, 2).id == doomed.id
        _expire(engine, doomed.id)
    assert jobs.claim(engine, "w3", 60, 2) is None
    dead = jobs.get_job(engine, doomed.id)
    assert dead.status == "failed" and "each of 2 attempts" in dead.error


def test_heartbeat_keeps_a_slow_job_its_lease(tmp_path):
    from tests.scoring_fixtures import catalogue_sqlite

    engine = get_engine(catalogue_sqlite(tmp_path))
    started = threading.Event()

    def slow(ctx):
        started.set()
        time.sleep(2.5)  # longer than the lease: only the heartbeat keeps it
        return {"ok": True}

    jobs.submit(engine, "slow", {})
    worker = jobs.Worker(engine, lease_s=1.0, handlers={"slow": slow}, name="slow-worker")
    thread = threading.Thread(target=worker.run_one)
    thread.start()
    started.wait(10)
    time.sleep(1.5)
    assert jobs.claim(engine, "thief", 1.0, 3) is None  # the lease was renewed
    thread.join(20)
    assert jobs.get_job(engine, 1).status == "done"


@pytest.mark.slow
def test_a_killed_worker_process_loses_its_job_to_another_that_finishes_it_once(tmp_path):
    # PostgreSQL runs the same queue end to end in test_interviews_api.
    from tests.conftest import NOW, make_settings
    from tests.media import have_media_tools, speak
    from tests.scoring_fixtures import STRONG, catalogue_sqlite, interview_payload
    from tools.scoring.input import InterviewIn
    from tools.scoring.submit import submit_interview

    if not have_media_tools():
        pytest.skip("espeak-ng and ffmpeg are needed")
    db_url = catalogue_sqlite(tmp_path)
    engine = get_engine(db_url)
    audio = speak(STRONG["problem_solving"], tmp_path / "answer.wav")
    payload = interview_payload("IV-KILL", media={"problem_solving": "answer.wav"})
    settings = make_settings(db_url, CANDOR_MEDIA_DIR=str(tmp_path), CANDOR_WORKER_LEASE_S="2",
                             CANDOR_WORKER_POLL_S="0.2")
    submitted = submit_interview(engine, settings, InterviewIn.model_validate(payload), now=NOW,
                                 save_media=lambda _f: {"answer.wav": str(audio)})
    job_id = submitted.job.id
    env = {**os.environ, "DATABASE_URL": db_url, "CANDOR_ENV": "test", "CANDOR_WORKER_LEASE_S": "2",
           "CANDOR_WORKER_POLL_S": "0.2", "CANDOR_MEDIA_DIR": str(tmp_path), "CANDOR_NOW": NOW.isoformat()}
    proc = subprocess.Popen([sys.executable, "app.py", "worker"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while jobs.get_job(engine, job_id).status != "running":
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read().decode()[-3000:]
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # mid-job: no chance to clean up
        proc.wait(10)
        assert jobs.get_job(engine, job_id).status == "running"
        time.sleep(2.2)  # its lease lapses
        done = worker_for(settings, engine).run_one()
        assert done.id == job_id and done.status == "done" and done.attempts == 2, done.error
    finally:
        if proc.poll() is None:
            proc.kill()
    with Session(engine) as session:
        interview = session.exec(select(Interview).where(Interview.external_id == "IV-KILL")).one()
        scores = session.exec(select(CompetencyScore).where(CompetencyScore.interview_id == interview.id)).all()
        assert interview.outcome.value != "pending" and len(scores) == 4  # scored once: no duplicates
        assert session.exec(select(Job)).all()[0].id == job_id


def test_worker_once_drains_the_queue_from_the_command_line(tmp_path):
    from tests.scoring_fixtures import catalogue_sqlite

    sqlite_url = catalogue_sqlite(tmp_path)
    engine = get_engine(sqlite_url)
    jobs.submit(engine, "score_interview", {"interview_id": 999})  # an interview that does not exist
    env = {**os.environ, "DATABASE_URL": sqlite_url, "CANDOR_ENV": "test"}
    out = subprocess.run([sys.executable, "app.py", "worker", "--once"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Ran 1 job(s)" in out.stdout
    job = jobs.get_job(engine, 1)
    assert job.status == "failed" and "Interview 999 does not exist" in job.error


def test_worker_once_says_when_another_worker_holds_the_job(tmp_path):
    """`score … --queue && worker --once` while `serve` runs: the server's worker may take the job first."""
    from tests.scoring_fixtures import catalogue_sqlite

    sqlite_url = catalogue_sqlite(tmp_path)
    engine = get_engine(sqlite_url)
    job, _ = jobs.submit(engine, "score_interview", {"interview_id": 999})
    assert jobs.claim(engine, "serve-host:4242:abc", lease_s=600, max_attempts=3).id == job.id  # serve's worker
    env = {**os.environ, "DATABASE_URL": sqlite_url, "CANDOR_ENV": "test"}
    out = subprocess.run([sys.executable, "app.py", "worker", "--once"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Ran 0 job(s)" in out.stdout
    assert f"Job {job.id} is running in another worker, serve-host:4242:abc" in out.stdout and f"GET /api/jobs/{job.id}" in out.stdout


def test_a_stopping_worker_gives_its_job_back_at_the_next_step_and_another_finishes_it(db_url):
    engine = get_engine(db_url)
    inside, steps = threading.Event(), []

    def work(ctx: jobs.JobContext) -> dict:
        start = len(ctx.result.get("steps", []))
        for step in range(start, 4):
            steps.append((ctx.worker, step))
            time.sleep(0.1)  # the step's work, then its result is reported (and kept)
            ctx.report((step + 1) / 4, f"step {step} done", partial={"steps": [*ctx.result.get("steps", []), step]})
            inside.set()
        return {"done": True}

    job, _ = jobs.submit(engine, "work", {})
    first = jobs.Worker(engine, lease_s=60, poll_s=0.05, name="first", handlers={"work": work}).start()
    assert inside.wait(10)
    first.stop()  # what SIGTERM does in `app.py worker` and when `serve` shuts down
    given_back = jobs.get_job(engine, job.id)
    assert given_back.status == "queued" and given_back.worker is None and given_back.attempts == 0
    assert given_back.result["steps"] == [0, 1]  # the partial result stays: step 1 ran before the next report
    done = jobs.Worker(engine, lease_s=60, name="second", handlers={"work": work}).run_one()
    assert done.status == "done" and done.attempts == 1 and done.result["steps"] == [0, 1, 2, 3]
    assert steps == [("first", 0), ("first", 1), ("second", 2), ("second", 3)]
