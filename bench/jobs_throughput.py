"""Job throughput: 1, 2 and 4 `app.py worker` processes on one PostgreSQL over the same short jobs.

Each run gets a fresh database with the role catalogue and N interviews queued as scoring jobs (typed
transcripts: the embedded scorer, no media), then starts the workers as separate processes. Throughput
is measured inside the queue, from the moment every worker has finished its first job (which loads the
scoring model) to the last job finished, over the jobs started in that span; every job must end done
exactly once. The baseline is the single worker of
the same run: the scaling ratio is jobs/s with N workers over jobs/s with one.

    python bench/jobs_throughput.py                  # 400 jobs; 1, 2 and 4 workers
    python bench/jobs_throughput.py --jobs 100 --workers 1 --workers 2
On a 2-core machine two workers are the most that can help; four show what contention costs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from bench.chat_load import pg_database  # noqa: E402
from candor.db import get_engine  # noqa: E402
from candor.models import Job  # noqa: E402
from tests.cluster import Cluster  # noqa: E402

NOW = datetime(2026, 11, 15, 12, tzinfo=timezone.utc)


def queue_jobs(url: str, n: int) -> None:
    from candor.migrate import upgrade
    from candor.settings import load_settings
    from tests.scoring_fixtures import catalogue, interview_payload
    from tools.scoring.input import InterviewIn
    from tools.scoring.submit import submit_interview

    upgrade(url)
    catalogue(url)
    settings = load_settings(_env_file=None, DATABASE_URL=url, CANDOR_ENV="test")
    for i in range(n):
        submit_interview(get_engine(url), settings, InterviewIn.model_validate(interview_payload(f"JT-{i:04d}")),
                         now=NOW, queue=True)


def run(workers: int, jobs: int) -> dict:
    url = pg_database(f"candor_bench_jobs_{workers}")
    queue_jobs(url, jobs)
    engine = get_engine(url)
    with Cluster(url, Path(tempfile.mkdtemp(prefix="candor-jobs-"))) as cluster:
        for w in range(workers):
            cluster.worker(f"worker-{w + 1}")
        deadline = time.time() + 1800
        while time.time() < deadline:
            with Session(engine) as session:
                left = session.exec(select(func.count()).select_from(Job).where(Job.status != "done")).one()
            if not left:
                break
            time.sleep(0.5)
    with Session(engine) as session:
        rows = session.exec(select(Job)).all()
    engine.dispose()
    # Each worker loads the scoring model during its first job: count from when every worker is warm.
    firsts = {}
    for j in sorted(rows, key=lambda j: j.finished_at):
        firsts.setdefault(j.worker, j.finished_at)
    warm = max(firsts.values())
    timed = [j for j in rows if j.started_at >= warm]
    seconds = (max(j.finished_at for j in rows) - warm).total_seconds()
    return {"workers": workers, "done": sum(j.status == "done" for j in rows), "jobs": len(rows),
            "retried": sum(j.attempts > 1 for j in rows), "timed": len(timed), "seconds": seconds,
            "rate": len(timed) / seconds if seconds else float("nan")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--workers", type=int, action="append")
    args = parser.parse_args()
    counts = args.workers or [1, 2, 4]
    print(f"{args.jobs} scoring jobs (typed transcripts) on PostgreSQL\n")
    print(f"{'workers':>7} {'done':>6} {'retried':>8} {'timed':>6} {'seconds':>8} {'jobs/s':>7} {'vs 1 worker':>12}")
    base, ok = None, True
    for n in counts:
        r = run(n, args.jobs)
        base = base or r["rate"]
        ok &= r["done"] == r["jobs"] == args.jobs
        print(f"{n:>7} {r['done']:>6} {r['retried']:>8} {r['timed']:>6} {r['seconds']:>8.1f} {r['rate']:>7.1f} "
              f"{r['rate'] / base:>11.2f}x", flush=True)
    print("\nevery job done exactly once:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
