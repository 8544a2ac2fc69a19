"""Import at scale: 100,000 interviews with their competency scores and failure reasons, from CSV, in one
transaction, on SQLite and PostgreSQL, against a bare bulk insert of the same rows.

The files are generated once for the shipped catalogue roles (a candidate per interview, one score per
competency of the role, a failure reason per failed interview). Each import runs as `python app.py
import FOLDER` in its own process into a fresh database; the baseline, in the same run, inserts the same
rows with SQLAlchemy Core `insert()` batches into a fresh database (ids known in advance, nothing
checked), also in its own process. Prints wall time, rows/s, peak RSS and the ratio to the baseline.

    python bench/import_100k.py                        # 100,000 interviews, SQLite and PostgreSQL
    python bench/import_100k.py --interviews 20000 --only sqlite
Target (the own-data issue): the import within 3x the bare insert.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.chat_load import pg_database  # noqa: E402

KINDS = ("candidates", "interviews", "competency_scores", "failure_reasons")


def generate(folder: Path, interviews: int, seed: int = 5) -> int:
    """The four CSV files; returns the number of data rows."""
    from knowledge.catalogue import load_roles

    roles = load_roles()
    rng = random.Random(seed)
    files = {k: open(folder / f"{k}.csv", "w", newline="", encoding="utf-8") for k in KINDS}
    writers = {k: csv.writer(f) for k, f in files.items()}
    writers["candidates"].writerow(["candidate_id", "name", "language", "years_experience"])
    writers["interviews"].writerow(["interview_id", "candidate_id", "role", "interviewed_at", "outcome", "total_score"])
    writers["competency_scores"].writerow(["interview_id", "competency", "score"])
    writers["failure_reasons"].writerow(["interview_id", "category", "competency", "detail"])
    rows = 0
    for i in range(interviews):
        role = roles[i % len(roles)]
        c, iv = f"C{i:07d}", f"I{i:07d}"
        scores = {comp.key: round(rng.uniform(40, 95), 1) for comp in role.competencies}
        total = round(sum(comp.weight * scores[comp.key] for comp in role.competencies), 1)
        gaps = [comp for comp in role.competencies if scores[comp.key] < comp.minimum]
        outcome = "failed" if gaps or total < role.pass_mark else "passed"
        day = 1 + i % 28
        writers["candidates"].writerow([c, f"Candidate {i}", "zh" if i % 3 == 0 else "en", rng.randint(0, 20)])
        writers["interviews"].writerow([iv, c, role.key, f"2026-{1 + i % 10:02d}-{day:02d}T09:00:00Z", outcome, total])
        for key, score in scores.items():
            writers["competency_scores"].writerow([iv, key, score])
        rows += 2 + len(scores)
        if outcome == "failed":
            comp = gaps[0] if gaps else role.competencies[0]
            writers["failure_reasons"].writerow([iv, "competency_gap", comp.key, "below the minimum"])
            rows += 1
    for f in files.values():
        f.close()
    return rows


BARE = r'''
import csv, sys
from datetime import datetime
from sqlalchemy import insert, select
from sqlmodel import Session
from candor.db import get_engine
from candor.migrate import upgrade
from candor.models import Candidate, Competency, CompetencyScore, FailureReason, Interview, Role
from integrations.hris.importer import ensure_catalogue

url, folder = sys.argv[1], sys.argv[2]
upgrade(url)
engine = get_engine(url)
with Session(engine) as s:
    ensure_catalogue(s, True)
    s.commit()
with Session(engine) as s:
    roles = {r.key: r.id for r in s.exec(select(Role)).scalars()}
    comps = {(c.role_id, c.key): c.id for c in s.exec(select(Competency)).scalars()}
def read(kind):
    with open(f"{folder}/{kind}.csv", newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)
def batches(rows, n=5000):
    out = []
    for r in rows:
        out.append(r)
        if len(out) == n:
            yield out
            out = []
    if out:
        yield out
with engine.begin() as conn:
    cids, ivs = {}, {}
    for batch in batches(read("candidates")):
        for r in batch:
            cids[r["candidate_id"]] = len(cids) + 1
        conn.execute(insert(Candidate.__table__), [dict(id=cids[r["candidate_id"]], external_id=r["candidate_id"],
                     name=r["name"], language=r["language"], years_experience=float(r["years_experience"]),
                     background_skills=[], past_roles=[], industries=[], claims=[]) for r in batch])
    for batch in batches(read("interviews")):
        for r in batch:
            ivs[r["interview_id"]] = (len(ivs) + 1, roles[r["role"]])
        conn.execute(insert(Interview.__table__), [dict(id=ivs[r["interview_id"]][0], external_id=r["interview_id"],
                     candidate_id=cids[r["candidate_id"]], role_id=roles[r["role"]],
                     interviewed_at=datetime.fromisoformat(r["interviewed_at"]), outcome=r["outcome"],
                     total_score=float(r["total_score"])) for r in batch])
    for batch in batches(read("competency_scores")):
        conn.execute(insert(CompetencyScore.__table__), [dict(interview_id=ivs[r["interview_id"]][0],
                     competency_id=comps[(ivs[r["interview_id"]][1], r["competency"])], score=float(r["score"]),
                     required=60.0, weight=0.2, evidence=[], scorer="import") for r in batch])
    for batch in batches(read("failure_reasons")):
        conn.execute(insert(FailureReason.__table__), [dict(interview_id=ivs[r["interview_id"]][0],
                     category=r["category"], competency_id=comps[(ivs[r["interview_id"]][1], r["competency"])],
                     detail=r["detail"]) for r in batch])
'''


def timed(args: list[str], env: dict) -> tuple[float, float]:
    """Runs a child process; (seconds, its peak RSS in MB)."""
    started = time.monotonic()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.monotonic() - started
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{proc.stdout.read()[-3000:]}")
    return took, usage.ru_maxrss / 1024


def fresh(kind: str, name: str, folder: Path) -> str:
    return f"sqlite:///{folder / (name + '.db')}" if kind == "sqlite" else pg_database(f"candor_bench_{name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="candor-import-bench-"))
    data = work / "files"
    data.mkdir()
    rows = generate(data, args.interviews)
    print(f"{args.interviews} interviews: {rows} data rows in {len(KINDS)} CSV files\n")
    print(f"{'database':10} {'run':8} {'seconds':>8} {'rows/s':>9} {'peak MB':>8} {'vs bare':>8}")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "DATABASE_URL"))}
    worst = 0.0
    for kind in args.only or ["sqlite", "postgresql"]:
        bare_url = fresh(kind, "bare", work)
        bare_s, bare_mb = timed([sys.executable, "-c", BARE, bare_url, str(data)],
                                {**base_env, "DATABASE_URL": bare_url, "CANDOR_ENV": "test"})
        url = fresh(kind, "import", work)
        env = {**base_env, "DATABASE_URL": url, "CANDOR_ENV": "test", "CANDOR_DATA_DIR": str(work / "data")}
        subprocess.run([sys.executable, "app.py", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        import_s, import_mb = timed([sys.executable, "app.py", "import", str(data)], env)
        worst = max(worst, import_s / bare_s)
        print(f"{kind:10} {'bare':8} {bare_s:8.1f} {rows / bare_s:9.0f} {bare_mb:8.0f} {'1.0x':>8}")
        print(f"{kind:10} {'import':8} {import_s:8.1f} {rows / import_s:9.0f} {import_mb:8.0f} "
              f"{import_s / bare_s:7.1f}x", flush=True)
    print(f"\ntarget: the import within 3x the bare insert:", "met" if worst <= 3 else f"missed ({worst:.1f}x)")
    return 0 if worst <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
