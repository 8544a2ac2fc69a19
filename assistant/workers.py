"""The background worker, handed the job handlers of the capabilities that queue work."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from candor.db import get_engine
from candor.jobs import Handler, Worker
from tools.scoring.tool import JOB_KIND as SCORING_JOB
from tools.scoring.tool import run_scoring_job


def job_handlers() -> dict[str, Handler]:
    """Which function runs each kind of queued job."""
    return {SCORING_JOB: run_scoring_job}


def worker_for(settings, engine: Engine | None = None) -> Worker:
    return Worker(engine or get_engine(settings.database_url), lease_s=settings.worker_lease_s,
                  poll_s=settings.worker_poll_s, max_attempts=settings.worker_max_attempts, settings=settings,
                  handlers=job_handlers())
