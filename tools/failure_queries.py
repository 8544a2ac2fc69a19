"""The SQL behind failure statistics, built once per query shape and reused with bound parameters.

Building SQLAlchemy expressions costs more than running these indexed aggregates, so each shape
(role or all roles, category filter, number of competency ids) is built once; SQLAlchemy then reuses
its compiled form from the cache on every call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import and_, bindparam, case, exists, extract, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select

from assistant.models import FailureCategory, FailureReason, Interview, Outcome

DECIDED = (Outcome.passed, Outcome.failed, Outcome.under_review)


@dataclass(frozen=True)
class Shape:
    by_role: bool  # False: one role (bound as :role_id); True: all roles
    category: bool  # a :category filter on the failure reasons
    competencies: bool  # a :comp_ids filter (competency gaps on these competencies)


@dataclass(frozen=True)
class Statements:
    totals: Select
    reasons: Select
    top: Select
    trend: Select
    per_role: Select


@lru_cache(maxsize=64)
def statements(shape: Shape) -> Statements:
    scope = [Interview.interviewed_at >= bindparam("start"), Interview.interviewed_at < bindparam("end"),
             Interview.outcome.in_(DECIDED)]
    if not shape.by_role:
        scope.insert(0, Interview.role_id == bindparam("role_id"))
    # An alias keeps the EXISTS correlated to the interview when the outer query joins reasons too.
    matching = aliased(FailureReason)
    reason_filter = [matching.interview_id == Interview.id]
    if shape.category:
        reason_filter.append(matching.category == bindparam("category", type_=FailureReason.category.type))
    if shape.competencies:
        reason_filter += [matching.category == FailureCategory.competency_gap,
                          matching.competency_id.in_(bindparam("comp_ids", expanding=True))]
    failed = Interview.outcome == Outcome.failed
    if len(reason_filter) > 1:
        failed = and_(failed, exists().where(*reason_filter))
    failed_sum = func.coalesce(func.sum(case((failed, 1), else_=0)), 0)

    def count_of(outcome: Outcome):
        return func.coalesce(func.sum(case((Interview.outcome == outcome, 1), else_=0)), 0)

    joined = select().select_from(FailureReason).join(Interview, Interview.id == FailureReason.interview_id)
    n_failed = func.count(func.distinct(FailureReason.interview_id))
    gap_scope = [FailureReason.category == FailureCategory.competency_gap, FailureReason.competency_id.is_not(None)]
    if shape.competencies:
        gap_scope.append(FailureReason.competency_id.in_(bindparam("comp_ids", expanding=True)))
    year, month = extract("year", Interview.interviewed_at), extract("month", Interview.interviewed_at)
    return Statements(
        totals=select(func.count(), failed_sum, count_of(Outcome.passed), count_of(Outcome.under_review)).where(*scope),
        reasons=joined.add_columns(FailureReason.category, n_failed).where(*scope, failed)
        .group_by(FailureReason.category),
        top=joined.add_columns(FailureReason.competency_id, n_failed,
                               func.avg(FailureReason.required - FailureReason.score))
        .where(*scope, failed, *gap_scope).group_by(FailureReason.competency_id)
        .order_by(n_failed.desc(), FailureReason.competency_id).limit(bindparam("top")),
        trend=select(year, month, func.count(), failed_sum).where(*scope).group_by(year, month),
        per_role=select(Interview.role_id, func.count(), failed_sum).where(*scope).group_by(Interview.role_id),
    )
