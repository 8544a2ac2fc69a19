"""The failure_daily rollup agrees with the raw rows after every kind of write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from candor.db import get_engine
from candor.models import (
    Candidate,
    Competency,
    FailureCategory,
    FailureDaily,
    FailureReason,
    Interview,
    Outcome,
    Role,
)
from candor.principal import Principal
from demo.seed import seed_demo
from tests.conftest import NOW
from tools.base import ToolDeps
from tools.shared.failures import FailureStatsArgs, failure_stats


def rollup_totals(session) -> dict:
    rows = session.exec(select(FailureDaily.dim, FailureDaily.key, func.sum(FailureDaily.n))
                        .group_by(FailureDaily.dim, FailureDaily.key)).all()
    return {(d, k): int(n) for d, k, n in rows}


def raw_totals(session) -> dict:
    decided = [Outcome.passed, Outcome.failed, Outcome.under_review]
    out = {("outcome", o.value): int(n) for o, n in session.exec(
        select(Interview.outcome, func.count()).where(Interview.outcome.in_(decided)).group_by(Interview.outcome))}
    joined = (select(FailureReason.category, func.count(func.distinct(FailureReason.interview_id)))
              .join(Interview, Interview.id == FailureReason.interview_id)
              .where(Interview.outcome == Outcome.failed).group_by(FailureReason.category))
    # Per day distinct counts add up to the overall distinct count: an interview has one day.
    out |= {("category", c.value): int(n) for c, n in session.exec(joined)}
    gaps = (select(FailureReason.competency_id, func.count(func.distinct(FailureReason.interview_id)))
            .join(Interview, Interview.id == FailureReason.interview_id)
            .where(Interview.outcome == Outcome.failed, FailureReason.category == FailureCategory.competency_gap)
            .group_by(FailureReason.competency_id))
    out |= {("gap", str(c)): int(n) for c, n in session.exec(gaps)}
    return out


@pytest.fixture
def small_company(db_url):
    seed_demo(db_url, now=NOW, candidates=400)
    return db_url


def stats(session, **args):
    deps = ToolDeps(session=session, principal=Principal("t", "hr_manager"), now=NOW)
    return failure_stats(deps, FailureStatsArgs(**args))


def test_seeded_rollup_matches_raw_rows(small_company):
    with Session(get_engine(small_company)) as s:
        assert rollup_totals(s) == raw_totals(s)


def test_orm_writes_keep_the_rollup_in_step(small_company):
    engine = get_engine(small_company)
    with Session(engine) as s:
        role = s.exec(select(Role).where(Role.key == "marketing_planner")).scalar_one()
        comp = s.exec(select(Competency).where(Competency.role_id == role.id,
                                               Competency.key == "event_execution")).scalar_one()
        before = stats(s, role="marketing_planner", period="this month")
        candidate = s.exec(select(Candidate).limit(1)).scalar_one()
        interview = Interview(external_id="I-NEW", candidate_id=candidate.id, role_id=role.id,
                              interviewed_at=NOW - timedelta(hours=2), outcome=Outcome.failed)
        s.add(interview)
        s.flush()
        s.add(FailureReason(interview_id=interview.id, category=FailureCategory.competency_gap,
                            competency_id=comp.id, score=60, required=75))
        s.commit()
        after = stats(s, role="marketing_planner", period="this month")
        assert (after.interviews, after.failed) == (before.interviews + 1, before.failed + 1)
        event = next(c for c in after.top_competencies if c.competency.key == "event_execution")
        old = next((c.failed_interviews for c in before.top_competencies if c.competency.key == "event_execution"), 0)
        assert event.failed_interviews == old + 1

        interview.outcome = Outcome.passed  # a reviewer overturns it
        s.commit()
        overturned = stats(s, role="marketing_planner", period="this month")
        assert (overturned.interviews, overturned.failed) == (before.interviews + 1, before.failed)

        s.add(Interview(external_id="I-ROLLED-BACK", candidate_id=candidate.id, role_id=role.id,
                        interviewed_at=NOW, outcome=Outcome.failed))
        s.flush()
        s.rollback()
        assert stats(s, role="marketing_planner", period="this month").interviews == before.interviews + 1
        assert rollup_totals(s) == raw_totals(s)


def test_moving_an_interview_to_another_day_fixes_both_days(small_company):
    with Session(get_engine(small_company)) as s:
        interview = s.exec(select(Interview).where(Interview.outcome == Outcome.failed)
                           .order_by(Interview.id).limit(1)).scalar_one()
        interview.interviewed_at = interview.interviewed_at + timedelta(days=40)
        s.commit()
        assert rollup_totals(s) == raw_totals(s)
        days = s.exec(select(FailureDaily.day, func.sum(FailureDaily.n)).where(FailureDaily.dim == "outcome")
                      .group_by(FailureDaily.day)).all()
        raw_days = {}
        for (at,) in s.exec(select(Interview.interviewed_at).where(
                Interview.outcome.in_([Outcome.passed, Outcome.failed, Outcome.under_review]))):
            raw_days[at.date()] = raw_days.get(at.date(), 0) + 1
        assert {d: int(n) for d, n in days} == raw_days


def test_two_transactions_refreshing_one_roles_cells_on_postgres_wait_for_each_other(seeded_pg_url):
    """Two workers scoring interviews of one role at once: the second refresh waits for the first to commit
    instead of inserting cells the first just re-inserted (a unique violation that failed the job)."""
    import threading

    from candor.rollup import rebuild_failure_daily

    engine = get_engine(seeded_pg_url)
    with Session(engine) as session:
        role_id, when = session.exec(select(Interview.role_id, Interview.interviewed_at)
                                     .order_by(Interview.id).limit(1)).one()
    day, errors = when.astimezone(NOW.tzinfo).date(), []

    def second() -> None:
        try:
            with engine.begin() as conn:
                rebuild_failure_daily(conn, [role_id], [day])
        except Exception as exc:  # noqa: BLE001 - the failure is what this test looks for
            errors.append(exc)

    with engine.connect() as first:
        with first.begin():
            rebuild_failure_daily(first, [role_id], [day])
            other = threading.Thread(target=second)
            other.start()
            other.join(0.5)  # the second refresh is now waiting (for the lock, or on the rows)
    other.join(30)
    assert not other.is_alive() and errors == []
    with Session(engine) as session:
        cells = session.scalar(select(func.count()).select_from(FailureDaily)
                               .where(FailureDaily.role_id == role_id, FailureDaily.day == day))
    assert cells > 0
