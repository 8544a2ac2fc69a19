"""Benchmark: statistics questions through the whole chat path vs the bare SQL behind them.

Asks N mixed questions (English and Chinese, follow-ups included) in a warm process and prints the
p50/p95 time per turn next to the time of the bare SQL aggregates that produce the same numbers,
run directly on a DBAPI cursor, and their ratio.

    python bench/stats_turns.py                              # default demo company (3,000 candidates)
    python bench/stats_turns.py --candidates 1000000 --db sqlite:///bench/data/1m.db   # ~1.1M interviews
Targets: p50 <= 30 ms per turn and <= 5x the bare SQL; p95 < 250 ms at 1M interviews.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, func, select  # noqa: E402

from assistant.agent import Assistant  # noqa: E402
from candor.db import get_engine  # noqa: E402
from candor.migrate import upgrade  # noqa: E402
from candor.models import Interview  # noqa: E402
from candor.periods import default_period, parse_period  # noqa: E402
from candor.principal import Principal  # noqa: E402
from candor.settings import load_settings  # noqa: E402
from tools.shared.lookup import load_vocabulary, resolve_role  # noqa: E402

NOW = datetime(2026, 11, 15, 12, tzinfo=timezone.utc)
CONVERSATIONS = [
    ["What is the AI interview failure rate for Marketing Planner over the last 3 months?", "And for Sales Manager?",
     "Only competency gaps", "Show the monthly trend", "那生产主管呢？"],
    ["市场策划近3个月的AI面试失败率是多少？主要原因是什么？", "那一线技术呢？", "只看能力差距", "本季度呢？", "And for Product R&D?"],
    ["Which roles have the highest failure rate this quarter?", "What about last year?", "Only job match failures",
     "Failure rate for Field Technician since March", "Show the monthly trend"],
    ["销售经理今年的谈判能力失败情况", "Job match failures for Mechanical Design in the last 6 months",
     "产品运营近半年的失败率", "Why is the Marketing Planner failure rate so high this quarter?", "那产品研发呢？"],
]

MONTH = {"sqlite": ("strftime('%Y', day)", "strftime('%m', day)"),
         "postgresql": ("extract(year from day)", "extract(month from day)")}


def bare_sql(engine, vocab, args: dict) -> None:
    """The aggregate behind one failure_stats answer, as hand-written SQL on a raw DBAPI cursor."""
    role = resolve_role(vocab, args["role"]) if args.get("role") else None
    period = parse_period(args["period"], NOW) if args.get("period") else default_period(NOW)
    dialect = engine.dialect.name
    ph = "?" if dialect == "sqlite" else "%s"
    year, month = MONTH[dialect]
    where, params = f"day >= {ph} AND day <= {ph}", [period.start.isoformat(), period.end.isoformat()]
    if role:
        where += f" AND role_id = {ph}"
        params.append(role.id)
    sql = (f"SELECT role_id, {year}, {month}, dim, key, sum(n), sum(gap_sum), sum(gap_count) FROM failure_daily"
           f" WHERE {where} GROUP BY role_id, {year}, {month}, dim, key")
    conn = engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute(sql, params)
        cur.fetchall()
    finally:
        conn.close()


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--candidates", type=int, default=3000, help="demo size to seed when the database is empty")
    parser.add_argument("--turns", type=int, default=200)
    args = parser.parse_args()

    url = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='candor-bench-')}/candor.db"
    upgrade(url)
    engine = get_engine(url)
    with Session(engine) as s:
        interviews = s.exec(select(func.count()).select_from(Interview)).one()
    if not interviews:
        from demo.seed import seed_demo

        print(f"seeding {args.candidates:,} candidates into {url} …", flush=True)
        t = time.perf_counter()
        seed_demo(url, now=NOW, candidates=args.candidates)
        print(f"  seeded in {time.perf_counter() - t:.1f} s", flush=True)
        with Session(engine) as s:
            interviews = s.exec(select(func.count()).select_from(Interview)).one()

    settings = load_settings(_env_file=None, DATABASE_URL=url, CANDOR_NOW=NOW, CANDOR_ENV="test")
    assistant = Assistant(settings)
    principal = Principal(id="bench", audience="hr_manager")
    with Session(engine) as s:
        vocab = load_vocabulary(s)

    questions = [q for convo in CONVERSATIONS for q in convo]
    # Warm-up: compile the agents, fill caches, touch the pages.
    for q in questions[:5]:
        assistant.ask(principal, q)

    turn_ms, sql_ms = [], []
    cid = None
    for i in range(args.turns):
        q = questions[i % len(questions)]
        if i % 5 == 0:
            cid = None
        t = time.perf_counter()
        turn = assistant.ask(principal, q, cid)
        turn_ms.append((time.perf_counter() - t) * 1000)
        cid = turn.conversation_id
        calls = [c for c in turn.tool_calls if c.result is not None]
        t = time.perf_counter()
        for c in calls:
            bare_sql(engine, vocab, c.arguments)
        sql_ms.append((time.perf_counter() - t) * 1000)

    p50, p95 = statistics.median(turn_ms), pct(turn_ms, 0.95)
    s50, s95 = statistics.median(sql_ms), pct(sql_ms, 0.95)
    print(f"database: {engine.dialect.name}, {interviews:,} interviews; {args.turns} turns")
    print(f"{'':18}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'chat turn':18}{p50:10.2f}{p95:10.2f}")
    print(f"{'bare SQL':18}{s50:10.2f}{s95:10.2f}")
    print(f"{'ratio turn/SQL':18}{p50 / s50:10.2f}{p95 / s95:10.2f}")
    print(f"targets: p50 <= 30 ms -> {'met' if p50 <= 30 else 'MISSED'}; "
          f"p50 ratio <= 5x -> {'met' if p50 / s50 <= 5 else 'MISSED'}; "
          f"p95 < 250 ms -> {'met' if p95 < 250 else 'MISSED'}")


if __name__ == "__main__":
    main()
