"""Keep the `failure_daily` rollup in step with interviews and failure reasons.

Bulk writers (the demo seed, the importer) call `rebuild_failure_daily` for what they wrote; ORM
writes are caught by session hooks and the touched (role, day) cells are recomputed in the same
transaction, before it commits. Statistics read the rollup; the raw rows stay the truth.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable

from sqlalchemy import String, cast, delete, event, func, insert, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, attributes

from candor.models import DECIDED_OUTCOMES as DECIDED
from candor.models import EXCLUDED_OUTCOMES as EXCLUDED
from candor.models import (
    FailureCategory,
    FailureDaily,
    FailureReason,
    Interview,
    Outcome,
)

COLUMNS = ["day", "role_id", "dim", "key", "n", "gap_sum", "gap_count"]


def utc_day(column, dialect: str):
    # PostgreSQL stores timestamptz: take the UTC calendar day, not the session time zone's.
    return func.date(func.timezone("UTC", column)) if dialect == "postgresql" else func.date(column)


LOCK_NAMESPACE = 0x43414E44  # "CAND": the rollup's PostgreSQL advisory locks


def _serialise(conn: Connection, role_ids: list[int] | None) -> None:
    """On PostgreSQL, one transaction at a time recomputes a role's cells (workers scoring interviews of one
    role at once would otherwise both delete and re-insert them: a unique violation). Held until commit;
    a full rebuild excludes every other. SQLite already runs one writer at a time."""
    if conn.dialect.name != "postgresql":
        return
    if role_ids is None:
        conn.execute(select(func.pg_advisory_xact_lock(LOCK_NAMESPACE, 0)))
        return
    conn.execute(select(func.pg_advisory_xact_lock_shared(LOCK_NAMESPACE, 0)))
    for role_id in role_ids:  # sorted: two transactions always lock in the same order
        conn.execute(select(func.pg_advisory_xact_lock(LOCK_NAMESPACE, role_id)))


def rebuild_failure_daily(conn: Connection, role_ids: Iterable[int] | None = None,
                          days: Iterable[date] | None = None) -> None:
    """Recompute the rollup, for everything or for the given roles and/or days."""
    role_ids = sorted(set(role_ids)) if role_ids is not None else None
    days = sorted(set(days)) if days is not None else None
    if role_ids == [] or days == []:
        return
    _serialise(conn, role_ids)
    day = utc_day(Interview.interviewed_at, conn.dialect.name)
    scope: list = []
    cleanup = []
    if role_ids is not None:
        scope.append(Interview.role_id.in_(role_ids))
        cleanup.append(FailureDaily.role_id.in_(role_ids))
    if days is not None:
        start = datetime.combine(days[0], time.min, tzinfo=timezone.utc)
        end = datetime.combine(days[-1] + timedelta(days=1), time.min, tzinfo=timezone.utc)
        scope += [Interview.interviewed_at >= start, Interview.interviewed_at < end]
        cleanup.append(FailureDaily.day.in_(days))
        # The time range is an index-friendly superset; the day list makes it exact.
        scope.append(day.in_([d.isoformat() for d in days]) if conn.dialect.name == "sqlite" else day.in_(days))
    conn.execute(delete(FailureDaily).where(*cleanup))

    # Decided interviews, and the ones that did not complete (answers say how many were left out).
    outcomes = (select(day, Interview.role_id, literal("outcome"), cast(Interview.outcome, String(64)),
                       func.count(), literal(0.0), literal(0))
                .where(Interview.outcome.in_((*DECIDED, *EXCLUDED)), *scope)
                .group_by(day, Interview.role_id, Interview.outcome))
    failed = [*scope, Interview.outcome == Outcome.failed]
    joined = select().select_from(FailureReason).join(Interview, Interview.id == FailureReason.interview_id)
    distinct_failed = func.count(func.distinct(FailureReason.interview_id))
    categories = (joined.add_columns(day, Interview.role_id, literal("category"),
                                     cast(FailureReason.category, String(64)), distinct_failed, literal(0.0),
                                     literal(0))
                  .where(*failed).group_by(day, Interview.role_id, FailureReason.category))
    gaps = (joined.add_columns(day, Interview.role_id, literal("gap"), cast(FailureReason.competency_id, String(64)),
                               distinct_failed, func.coalesce(func.sum(FailureReason.required - FailureReason.score), 0.0),
                               func.count())
            .where(*failed, FailureReason.category == FailureCategory.competency_gap,
                   FailureReason.competency_id.is_not(None))
            .group_by(day, Interview.role_id, FailureReason.competency_id))
    table = FailureDaily.__table__
    for query in (outcomes, categories, gaps):
        conn.execute(insert(table).from_select(COLUMNS, query))


# --- ORM write path -------------------------------------------------------------------------------

def _touched(session: Session, flush_context) -> None:
    cells = session.info.setdefault("failure_daily_cells", set())
    interview_ids = session.info.setdefault("failure_daily_interviews", set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Interview):
            for attr in ("role_id", "interviewed_at"):
                # An interview that moved role or day leaves its old cell stale too.
                history = attributes.get_history(obj, attr)
                if history.deleted:
                    old = {"role_id": obj.role_id, "interviewed_at": obj.interviewed_at, attr: history.deleted[0]}
                    if old["role_id"] is not None and old["interviewed_at"] is not None:
                        cells.add((old["role_id"], _as_day(old["interviewed_at"])))
            if obj.role_id is not None and obj.interviewed_at is not None:
                cells.add((obj.role_id, _as_day(obj.interviewed_at)))
        elif isinstance(obj, FailureReason) and obj.interview_id is not None:
            interview_ids.add(obj.interview_id)


def _as_day(value: datetime) -> date:
    return (value.astimezone(timezone.utc) if value.tzinfo else value).date()


def _refresh_before_commit(session: Session) -> None:
    session.flush()  # before_commit runs before the final flush; its changes count too
    cells: set = session.info.pop("failure_daily_cells", set())
    interview_ids: set = session.info.pop("failure_daily_interviews", set())
    if not cells and not interview_ids:
        return
    conn = session.connection()
    if interview_ids:
        rows = conn.execute(select(Interview.role_id, Interview.interviewed_at)
                            .where(Interview.id.in_(sorted(interview_ids)))).all()
        cells |= {(role_id, _as_day(at)) for role_id, at in rows}
    for role_id in {r for r, _ in cells}:
        rebuild_failure_daily(conn, role_ids=[role_id], days=[d for r, d in cells if r == role_id])


def _forget(session: Session, *args) -> None:
    session.info.pop("failure_daily_cells", None)
    session.info.pop("failure_daily_interviews", None)


def install_hooks() -> None:
    if not event.contains(Session, "after_flush", _touched):
        event.listen(Session, "after_flush", _touched)
        event.listen(Session, "before_commit", _refresh_before_commit)
        event.listen(Session, "after_rollback", _forget)
