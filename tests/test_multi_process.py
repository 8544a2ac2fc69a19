"""Past one machine (docs/deploy.md): two `serve` processes and two `worker` processes, each with its own
data folder, on one PostgreSQL and one `chroma run` server. Interviews queued through both APIs are each
scored exactly once, also when a worker is killed in the middle of a job; both APIs answer from the same
database and the same role-profile index."""

from __future__ import annotations

import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func
from sqlmodel import Session, select

from candor.db import get_engine
from candor.models import CompetencyScore, Interview, Job
from tests.cluster import AUTH, Cluster
from tests.conftest import NOW
from tests.scoring_fixtures import interview_payload

INTERVIEWS = 200


def _running_job_of(engine, pid: int) -> Job | None:
    prefix = f"{socket.gethostname()}:{pid}:"
    with Session(engine) as session:
        return session.exec(select(Job).where(Job.status == "running", Job.worker.startswith(prefix))).first()


def _ask(base: str, message: str) -> dict:
    response = httpx.post(f"{base}/api/chat", json={"message": message}, headers=AUTH, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def test_two_apis_and_two_workers_share_one_postgres_and_one_chroma_server(pg_databases, tmp_path):
    url = pg_databases()
    engine = get_engine(url)
    with Cluster(url, tmp_path, CANDOR_NOW=NOW.isoformat(), CANDOR_WORKER_LEASE_S="10") as cluster:
        cluster.start_chroma()
        cluster.run("index")  # migrates, loads the catalogue, embeds the role profiles into the Chroma server
        apis = [cluster.serve("api-1"), cluster.serve("api-2")]
        doomed = cluster.worker("worker-1")
        cluster.worker("worker-2")

        def submit(i: int) -> int:
            response = httpx.post(f"{apis[i % 2]}/api/interviews?queue=true", json=interview_payload(f"MP-{i:03d}"),
                                  headers=AUTH, timeout=60)
            assert response.status_code == 202, response.text
            return response.json()["job"]["id"]

        with ThreadPoolExecutor(max_workers=8) as pool:
            job_ids = list(pool.map(submit, range(INTERVIEWS)))

        deadline, killed = time.time() + 240, None
        while time.time() < deadline and killed is None:  # kill worker-1 in the middle of a job
            killed = _running_job_of(engine, doomed.pid)
            time.sleep(0.05)
        assert killed is not None, cluster.log("worker-1")
        cluster.kill("worker-1")
        cluster.worker("worker-3")
        while time.time() < deadline:
            with Session(engine) as session:
                left = session.exec(select(func.count()).select_from(Job).where(Job.status != "done")).one()
            if not left:
                break
            time.sleep(0.5)
        assert not left, f"{left} jobs unfinished:\n" + cluster.log("worker-2")[-2000:]

        profile = [_ask(base, "What does a Mechanical Design engineer need to be good at?") for base in apis]
        rates = [_ask(base, "What is the failure rate for Mechanical Design over the last 3 months?") for base in apis]

    with Session(engine) as session:
        done = session.exec(select(Job)).all()
        per_interview = session.exec(select(CompetencyScore.interview_id, func.count())
                                     .group_by(CompetencyScore.interview_id)).all()
        interviews = session.exec(select(Interview).where(Interview.external_id.startswith("MP-"))).all()
    assert len(set(job_ids)) == INTERVIEWS and len(done) == INTERVIEWS and {j.status for j in done} == {"done"}
    finished_by = {j.id: j.worker.split(":")[1] for j in done}
    # The job worker-1 died in was claimed again (its lease lapsed) and finished by another worker.
    assert finished_by[killed.id] != str(doomed.pid) and next(j for j in done if j.id == killed.id).attempts >= 2
    assert len(interviews) == INTERVIEWS and len(per_interview) == INTERVIEWS
    assert len({n for _, n in per_interview}) == 1  # every interview has one score per competency, none twice
    assert len({round(i.total_score, 6) for i in interviews}) == 1  # the same answers, the same score
    for turn in profile:
        assert turn["tool_calls"][0]["tool"] == "search_role_profiles" and turn["tool_calls"][0]["result"]
    assert rates[0]["tool_calls"][0]["result"] == rates[1]["tool_calls"][0]["result"]
    assert str(INTERVIEWS) in rates[0]["answer"], rates[0]["answer"]
    assert os.environ.get("CHROMA_HOST") is None  # the cluster's settings stayed in its processes
