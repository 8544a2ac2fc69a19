"""A durable job queue on the `Job` table: submit, claim with a lease, heartbeat, finish, retry.

Several workers (threads or processes, on SQLite or PostgreSQL) may poll the same table. A worker
claims a job with one atomic `UPDATE … WHERE` on its status and lease, so exactly one wins; while it
works it renews the lease; a job whose lease lapsed (its worker died) is claimed again by the next
worker, up to `max_attempts`, then marked failed with the error. Whatever a handler reported before
it stopped stays in `result` and `notes`.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from candor.models import Job
from candor.models._base import utcnow

log = logging.getLogger("candor.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class LeaseLost(RuntimeError):
    """Another worker owns the job now (this worker's lease lapsed); stop without writing results."""


class Released(RuntimeError):
    """The worker is stopping (SIGTERM, Ctrl-C): the handler gives its job back at its next report."""


class JobFailed(RuntimeError):
    """A handler's failure that retrying cannot fix: the job fails at once, whatever attempts remain."""


# --- submitting and reading ---------------------------------------------------------------------
def submit(engine: Engine, kind: str, payload: dict, key: str | None = None) -> tuple[Job, bool]:
    """Queue a job; with a `key`, submitting again returns the existing job. Returns (job, created)."""
    with Session(engine, expire_on_commit=False) as session:
        job, created = submit_in(session, kind, payload, key)
        if not created:
            return job, False
        try:
            session.commit()
        except IntegrityError:  # another process submitted the same key a moment ago
            session.rollback()
            return session.exec(select(Job).where(Job.key == key)).one(), False
        return job, True


def submit_in(session: Session, kind: str, payload: dict, key: str | None = None) -> tuple[Job, bool]:
    """`submit` inside the caller's transaction (a tool's session): the caller commits."""
    if key is not None:
        existing = session.exec(select(Job).where(Job.key == key)).first()
        if existing is not None:
            return existing, False
    job = Job(kind=kind, key=key, payload=payload, status=QUEUED)
    session.add(job)
    session.flush()
    return job, True


def requeue_in(session: Session, job_id: int) -> Job:
    """Queue a finished (done or failed) job again, e.g. to re-score; a queued or running job is left alone."""
    session.exec(update(Job).where(Job.id == job_id, Job.status.in_([DONE, FAILED]))
                 .values(status=QUEUED, attempts=0, error="", progress=0.0, stage="", notes=[], result=None,
                         worker=None, lease_until=None, finished_at=None, updated_at=utcnow()))
    session.flush()
    job = session.get(Job, job_id)
    session.refresh(job)
    return job


def get_job(engine: Engine, job_id: int) -> Job | None:
    with Session(engine, expire_on_commit=False) as session:
        return session.get(Job, job_id)


def running_jobs(engine: Engine) -> list[Job]:
    """Jobs some worker holds right now (any process), oldest first."""
    with Session(engine, expire_on_commit=False) as session:
        return list(session.exec(select(Job).where(Job.status == RUNNING).order_by(Job.id)))


# --- claiming and reporting ----------------------------------------------------------------------
def _claimable(now: datetime, max_attempts: int):
    lapsed = and_(Job.status == RUNNING, Job.lease_until < now)
    return and_(or_(Job.status == QUEUED, lapsed), Job.attempts < max_attempts)


def fail_exhausted(engine: Engine, max_attempts: int) -> int:
    """Running jobs whose lease lapsed on their last attempt: failed, keeping their partial result."""
    now = utcnow()
    with Session(engine) as session:
        rows = session.exec(update(Job).where(Job.status == RUNNING, Job.lease_until < now,
                                              Job.attempts >= max_attempts)
                            .values(status=FAILED, finished_at=now, updated_at=now, lease_until=None,
                                    error=f"The worker stopped before finishing on each of {max_attempts} attempts "
                                          "(its lease lapsed); see the stage and notes for how far it got.")).rowcount
        session.commit()
        return rows


def claim(engine: Engine, worker: str, lease_s: float, max_attempts: int, kinds: tuple[str, ...] | None = None,
          job_id: int | None = None) -> Job | None:
    """Claim the oldest queued (or lapsed) job for `worker`; None when there is nothing to do."""
    fail_exhausted(engine, max_attempts)
    for _ in range(5):  # lose a race, try the next one
        now = utcnow()
        with Session(engine, expire_on_commit=False) as session:
            query = select(Job.id).where(_claimable(now, max_attempts)).order_by(Job.id).limit(1)
            if kinds:
                query = query.where(Job.kind.in_(kinds))
            if job_id is not None:
                query = query.where(Job.id == job_id)
            found = session.exec(query).first()
            if found is None:
                return None
            won = session.exec(update(Job).where(Job.id == found, _claimable(now, max_attempts))
                               .values(status=RUNNING, worker=worker, attempts=Job.attempts + 1,
                                       lease_until=now + timedelta(seconds=lease_s), updated_at=now,
                                       started_at=now, error="")).rowcount
            session.commit()
            if won == 1:
                return session.get(Job, found)
    return None


def _owned(job_id: int, worker: str):
    return and_(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)


def renew(engine: Engine, job_id: int, worker: str, lease_s: float, **values: Any) -> bool:
    """Extend the lease (and write progress, stage, notes or a partial result); False if the lease is lost."""
    now = utcnow()
    with Session(engine) as session:
        won = session.exec(update(Job).where(_owned(job_id, worker))
                           .values(lease_until=now + timedelta(seconds=lease_s), updated_at=now, **values)).rowcount
        session.commit()
        return won == 1


def finish(engine: Engine, job_id: int, worker: str, result: dict, notes: list) -> bool:
    now = utcnow()
    with Session(engine) as session:
        won = session.exec(update(Job).where(_owned(job_id, worker))
                           .values(status=DONE, progress=1.0, stage="done", result=result, notes=notes,
                                   finished_at=now, updated_at=now, lease_until=None)).rowcount
        session.commit()
        return won == 1


def release(engine: Engine, job_id: int, worker: str, result: dict, notes: list) -> bool:
    """Give a running job back to the queue at once (its worker is stopping): not a failed attempt, and the
    partial result and notes stay for whoever claims it next."""
    now = utcnow()
    with Session(engine) as session:
        won = session.exec(update(Job).where(_owned(job_id, worker))
                           .values(status=QUEUED, worker=None, lease_until=None, updated_at=now, result=result,
                                   notes=notes, attempts=Job.attempts - 1)).rowcount
        session.commit()
        return won == 1


def give_up(engine: Engine, job: Job, worker: str, error: str, max_attempts: int, *, final: bool = False) -> str:
    """After a handler error: queue again while attempts remain, else (or when `final`) fail with the error."""
    now = utcnow()
    status = FAILED if final or job.attempts >= max_attempts else QUEUED
    with Session(engine) as session:
        session.exec(update(Job).where(_owned(job.id, worker))
                     .values(status=status, error=error[:4000], updated_at=now, lease_until=None,
                             finished_at=now if status == FAILED else None))
        session.commit()
    return status


# --- running ------------------------------------------------------------------------------------
@dataclass
class JobContext:
    """What a handler gets: the job, and `report()` to write progress (which also renews the lease)."""

    engine: Engine
    job: Job
    worker: str
    lease_s: float
    settings: Any = None
    notes: list = field(default_factory=list)
    result: dict = field(default_factory=dict)
    stopping: threading.Event | None = None

    def report(self, progress: float | None = None, stage: str | None = None, *, note: str | None = None,
               partial: dict | None = None) -> None:
        values: dict[str, Any] = {}
        if progress is not None:
            values["progress"] = max(0.0, min(1.0, round(progress, 4)))
        if stage is not None:
            values["stage"] = stage[:200]
        if note is not None:
            self.notes.append(note)
            values["notes"] = list(self.notes)
        if partial is not None:
            self.result.update(partial)
            values["result"] = dict(self.result)
        if not renew(self.engine, self.job.id, self.worker, self.lease_s, **values):
            raise LeaseLost(f"job {self.job.id}: another worker holds it now")
        if self.stopping is not None and self.stopping.is_set():
            raise Released(f"job {self.job.id}: given back to the queue, the worker {self.worker} is stopping")


Handler = Callable[[JobContext], dict]


class Worker:
    """Polls the queue and runs jobs one at a time; `run_once` drains, `start`/`stop` run it in a thread."""

    def __init__(self, engine: Engine, *, lease_s: float = 120.0, poll_s: float = 1.0, max_attempts: int = 3,
                 name: str | None = None, handlers: dict[str, Handler], settings: Any = None):
        self.engine, self.lease_s, self.poll_s, self.max_attempts = engine, lease_s, poll_s, max_attempts
        self.settings = settings
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.handlers = dict(handlers)  # kind -> function; given by the wiring (assistant.workers)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def running(self, *, mine: bool) -> list[Job]:
        """The jobs running now that this worker holds (`mine`) or that others hold (another process, `serve`)."""
        return [job for job in running_jobs(self.engine) if (job.worker == self.name) == mine]

    def run_one(self, job_id: int | None = None) -> Job | None:
        """Claim and run one job (that job only, with `job_id`); returns it as it ended (None: nothing to claim)."""
        job = claim(self.engine, self.name, self.lease_s, self.max_attempts, kinds=tuple(self.handlers), job_id=job_id)
        if job is None:
            return None
        ctx = JobContext(self.engine, job, self.name, self.lease_s, self.settings, notes=list(job.notes or []),
                         result=dict(job.result or {}), stopping=self._stop)
        beat = _Heartbeat(ctx)
        beat.start()
        try:
            log.info("job %s (%s) attempt %s on %s", job.id, job.kind, job.attempts, self.name)
            result = self.handlers[job.kind](ctx)
            beat.stop()
            if not finish(self.engine, job.id, self.name, {**ctx.result, **(result or {})}, ctx.notes):
                log.warning("job %s finished after its lease was lost; the other worker's result stands", job.id)
        except LeaseLost as exc:
            beat.stop()
            log.warning("%s", exc)
        except Released as exc:
            beat.stop()
            release(self.engine, job.id, self.name, ctx.result, ctx.notes)
            log.info("%s", exc)
        except Exception as exc:  # the job records the error; the worker carries on
            beat.stop()
            final = isinstance(exc, JobFailed)
            message = str(exc) if final else f"{type(exc).__name__}: {exc}"
            status = give_up(self.engine, job, self.name, message, self.max_attempts, final=final)
            log.warning("job %s attempt %s failed (%s): %s", job.id, job.attempts, status, message,
                        exc_info=not final)
        return get_job(self.engine, job.id)

    def run_once(self) -> int:
        """Run jobs until none is left to claim; returns how many ran."""
        ran = 0
        while not self._stop.is_set() and self.run_one() is not None:
            ran += 1
        return ran

    def run_forever(self) -> None:
        while not self._stop.is_set():
            try:
                if self.run_one() is None:
                    self._stop.wait(self.poll_s)
            except Exception:  # a database hiccup must not kill the worker
                log.exception("worker %s: polling failed; retrying", self.name)
                self._stop.wait(self.poll_s)

    def start(self) -> "Worker":
        self._thread = threading.Thread(target=self.run_forever, name=f"candor-worker-{self.name}", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


class _Heartbeat:
    """Renews the lease every third of it while a handler runs, so slow steps (transcription) keep their job."""

    def __init__(self, ctx: JobContext):
        self.ctx, self._stop = ctx, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(max(0.2, self.ctx.lease_s / 3)):
            try:
                if not renew(self.ctx.engine, self.ctx.job.id, self.ctx.worker, self.ctx.lease_s):
                    return
            except Exception:
                log.exception("heartbeat for job %s failed", self.ctx.job.id)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
