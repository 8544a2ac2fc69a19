"""Benchmark: the competency_insights tool for one role vs the bare SQL that fetches the same rows.

Runs the tool (correlations, weight check, attrition, persona analysis) in a warm process and prints
the p50 over N runs next to the p50 of hand-written SQL returning the same rows on a raw DBAPI
cursor, and their ratio.

    python bench/insights_1m.py --db sqlite:////tmp/candor-1m.db                   # ~1.1M interviews
    python bench/insights_1m.py --db sqlite:////tmp/candor-1m.db --role all
Target: p50 <= 2 s for one role at 1M interviews.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, func, select  # noqa: E402

from candor.db import get_engine  # noqa: E402
from candor.models import Interview  # noqa: E402
from candor.periods import (
    default_period,  # noqa: E402
    period_bounds,  # noqa: E402
)
from candor.principal import Principal  # noqa: E402
from tools.base import ToolDeps  # noqa: E402
from tools.competency.insights import SPEC as INSIGHTS  # noqa: E402
from tools.shared.lookup import load_vocabulary, resolve_role  # noqa: E402
from tools.shared.performance import role_spec  # noqa: E402

NOW = datetime(2026, 11, 15, 12, tzinfo=timezone.utc)
TARGET_S = 2.0

HIRES = "SELECT id, interview_id, hired_at, left_at, hired_by_override FROM employee WHERE role_id = {p}"
SCORES = ("SELECT e.id, s.competency_id, s.score FROM employee e JOIN competencyscore s "
          "ON s.interview_id = e.interview_id WHERE e.role_id = {p}")
GAPS = ("SELECT e.id, f.competency_id FROM employee e JOIN failurereason f ON f.interview_id = e.interview_id "
        "WHERE e.role_id = {p} AND f.category = 'competency_gap' AND f.competency_id IS NOT NULL")
PERFORMANCE = ("SELECT r.employee_id, r.month, r.metric, r.value FROM performancerecord r JOIN employee e "
               "ON e.id = r.employee_id WHERE e.role_id = {p} ORDER BY r.employee_id, r.month")
PERSONA = ("SELECT sum(CASE WHEN i.outcome = 'failed' THEN 1 ELSE 0 END), "
           "sum(CASE WHEN i.outcome = 'failed' AND {match} THEN 1 ELSE 0 END), "
           "sum(CASE WHEN i.outcome = 'passed' THEN 1 ELSE 0 END), "
           "sum(CASE WHEN i.outcome = 'passed' AND {match} THEN 1 ELSE 0 END) "
           "FROM interview i JOIN candidate c ON c.id = i.candidate_id "
           "WHERE i.role_id = {p} AND i.interviewed_at >= {p} AND i.interviewed_at < {p} "
           "AND i.outcome IN ('failed', 'passed')")
PERSONA_GAPS = ("SELECT f.competency_id, count(DISTINCT f.interview_id) FROM failurereason f "
                "JOIN interview i ON i.id = f.interview_id JOIN candidate c ON c.id = i.candidate_id "
                "WHERE i.role_id = {p} AND i.interviewed_at >= {p} AND i.interviewed_at < {p} AND i.outcome = 'failed' "
                "AND {match} AND f.category = 'competency_gap' AND f.competency_id IS NOT NULL "
                "GROUP BY f.competency_id")


def bare_sql(engine, role, industries: list[str]) -> int:
    """The rows behind one insights answer, as hand-written SQL on a raw DBAPI cursor; returns the row count."""
    p = "?" if engine.dialect.name == "sqlite" else "%s"
    text = "c.industries" if engine.dialect.name == "sqlite" else "CAST(c.industries AS TEXT)"
    match = "(" + " OR ".join(f"{text} LIKE '%\"{i}\"%'" for i in industries) + ")" if industries else "1 = 0"
    start, end = period_bounds(default_period(NOW))
    as_param = (lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")) if engine.dialect.name == "sqlite" else (lambda d: d)
    statements = [(q.format(p=p), [role.id]) for q in (HIRES, SCORES, GAPS, PERFORMANCE)]
    if industries:
        window = [role.id, as_param(start), as_param(end)]
        statements += [(PERSONA.format(p=p, match=match), window), (PERSONA_GAPS.format(p=p, match=match), window)]
    rows = 0
    conn = engine.raw_connection()
    try:
        cur = conn.cursor()
        for sql, params in statements:
            cur.execute(sql, params)
            rows += len(cur.fetchall())
    finally:
        conn.close()
    return rows


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="database URL of a seeded demo company")
    parser.add_argument("--role", default="Product Operations", help="role name, or 'all'")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    engine = get_engine(args.db)
    with Session(engine) as session:
        interviews = session.exec(select(func.count()).select_from(Interview)).one()
        vocab = load_vocabulary(session)
    roles = list(vocab.roles) if args.role == "all" else [resolve_role(vocab, args.role)]
    print(f"database: {engine.dialect.name}, {interviews:,} interviews; {args.runs} runs per role")
    print(f"{'role':28s} {'tool p50 s':>11s} {'SQL p50 s':>10s} {'ratio':>7s} {'rows':>8s}")
    worst = 0.0
    for role in roles:
        spec = role_spec(role)
        industries = list(spec.persona_industries) if spec else []

        def tool() -> None:
            with Session(engine) as session:
                deps = ToolDeps(session=session, principal=Principal("bench", "hr_manager"), now=NOW,
                                vocabulary=vocab)
                INSIGHTS.call(deps, {"role": role.key})
                session.rollback()  # drop the audit row

        tool()  # warm: imports (scipy) and SQLite page cache
        rows = bare_sql(engine, role, industries)
        tool_p50 = statistics.median(timed(tool, args.runs))
        sql_p50 = statistics.median(timed(lambda: bare_sql(engine, role, industries), args.runs))
        worst = max(worst, tool_p50)
        print(f"{role.name_en:28s} {tool_p50:11.3f} {sql_p50:10.3f} {tool_p50 / sql_p50:7.2f} {rows:8,d}")
    print(f"target: p50 <= {TARGET_S:g} s for one role -> {'met' if worst <= TARGET_S else 'MISSED'}")


if __name__ == "__main__":
    main()
