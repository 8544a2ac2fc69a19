"""The rows behind competency insights: a role's hires, their interview scores, performance and leaving.

Everything here is plain Core SQL over indexed joins (employee.role_id, competencyscore and
failurereason by interview, performancerecord by employee), so a role's few hundred hires load in
milliseconds even when the interview table holds millions of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.engine import Connection

from candor.models import (
    Candidate,
    CompetencyScore,
    CompetencyWeight,
    Employee,
    FailureCategory,
    FailureReason,
    Interview,
    Outcome,
    PerformanceMetric,
    PerformanceRecord,
)


class Notes:
    """Caveats in both languages, in step: `notes` (English) and `notes_zh` on every result."""

    def __init__(self):
        self.en: list[str] = []
        self.zh: list[str] = []

    def add(self, en: str, zh: str) -> "Notes":
        self.en.append(en)
        self.zh.append(zh)
        return self

    def extend(self, other: "Notes") -> "Notes":
        self.en += other.en
        self.zh += other.zh
        return self

    def fields(self) -> dict[str, list[str]]:
        return {"notes": list(self.en), "notes_zh": list(self.zh)}


@dataclass(slots=True)
class HireData:
    employee_id: int
    interview_id: int | None
    hired_at: date
    left_at: date | None
    override: bool
    scores: dict[int, float] = field(default_factory=dict)  # competency id -> hiring-interview score
    failed: set[int] = field(default_factory=set)  # competency ids under their minimum in that interview
    # metric -> values of the first months after hire, in month order
    performance: dict[str, list[float]] = field(default_factory=dict)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from the month of `earlier` to the month of `later`."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _as_date(value) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def load_hires(conn: Connection, role_id: int, months: int, metrics: list[str] | None = None) -> list[HireData]:
    """Every hire of a role with their hiring-interview scores, gaps and first `months` of performance."""
    hires: dict[int, HireData] = {}
    for eid, iid, hired, left, override in conn.execute(
            select(Employee.id, Employee.interview_id, Employee.hired_at, Employee.left_at, Employee.hired_by_override)
            .where(Employee.role_id == role_id).order_by(Employee.id)):
        hires[eid] = HireData(eid, iid, _as_date(hired), _as_date(left), bool(override))
    if not hires:
        return []
    by_role = Employee.role_id == role_id
    for eid, cid, score in conn.execute(
            select(Employee.id, CompetencyScore.competency_id, CompetencyScore.score)
            .join(CompetencyScore, CompetencyScore.interview_id == Employee.interview_id).where(by_role)):
        hires[eid].scores[cid] = float(score)
    for eid, cid in conn.execute(
            select(Employee.id, FailureReason.competency_id)
            .join(FailureReason, FailureReason.interview_id == Employee.interview_id)
            .where(by_role, FailureReason.category == FailureCategory.competency_gap,
                   FailureReason.competency_id.is_not(None))):
        hires[eid].failed.add(cid)
    perf = (select(PerformanceRecord.employee_id, PerformanceRecord.month, PerformanceRecord.metric,
                   PerformanceRecord.value)
            .join(Employee, Employee.id == PerformanceRecord.employee_id).where(by_role)
            .order_by(PerformanceRecord.employee_id, PerformanceRecord.month))
    if metrics is not None:
        perf = perf.where(PerformanceRecord.metric.in_(metrics))
    for eid, month, metric, value in conn.execute(perf):
        hire = hires[eid]
        offset = months_between(hire.hired_at, _as_date(month))
        if 0 <= offset < months:
            hire.performance.setdefault(metric, []).append(float(value))
    return list(hires.values())


def load_metrics(conn: Connection) -> dict[str, PerformanceMetric]:
    rows = conn.execute(select(PerformanceMetric.key, PerformanceMetric.name_en, PerformanceMetric.name_zh,
                               PerformanceMetric.higher_is_better, PerformanceMetric.unit))
    return {k: PerformanceMetric(key=k, name_en=en, name_zh=zh, higher_is_better=bool(hib), unit=unit or "")
            for k, en, zh, hib, unit in rows}


def model_weights(conn: Connection, model_id: int) -> dict[int, tuple[float, float]]:
    """competency id -> (weight as a fraction, minimum score) of one model version."""
    return {cid: (float(w), float(m)) for cid, w, m in conn.execute(
        select(CompetencyWeight.competency_id, CompetencyWeight.weight, CompetencyWeight.minimum_score)
        .where(CompetencyWeight.model_id == model_id))}


def json_list_contains_any(column, values: list[str]):
    """True where a JSON list column holds one of `values` (a quoted JSON string cannot match by accident)."""
    text = cast(column, String)
    return or_(*(text.like(f'%"{v}"%') for v in values)) if values else and_(False)


@dataclass(frozen=True)
class PersonaCounts:
    failed: int
    failed_matching: int
    passed: int
    passed_matching: int
    gaps_of_matching: list[tuple[int, int]]  # (competency id, failed interviews of persona matches with that gap)


def persona_counts(conn: Connection, role_id: int, industries: list[str], start: datetime,
                   end: datetime) -> PersonaCounts:
    """Failed and passed interviews of a role in [start, end), and how many match the persona's industries."""
    matches = json_list_contains_any(Candidate.industries, industries)
    scope = [Interview.role_id == role_id, Interview.interviewed_at >= start, Interview.interviewed_at < end]
    row = conn.execute(
        select(func.coalesce(func.sum(case((Interview.outcome == Outcome.failed, 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(Interview.outcome == Outcome.failed, matches), 1), else_=0)), 0),
               func.coalesce(func.sum(case((Interview.outcome == Outcome.passed, 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(Interview.outcome == Outcome.passed, matches), 1), else_=0)), 0))
        .select_from(Interview).join(Candidate, Candidate.id == Interview.candidate_id)
        .where(*scope, Interview.outcome.in_((Outcome.failed, Outcome.passed)))).one()
    n_interviews = func.count(func.distinct(FailureReason.interview_id))
    gaps = conn.execute(
        select(FailureReason.competency_id, n_interviews)
        .select_from(FailureReason).join(Interview, Interview.id == FailureReason.interview_id)
        .join(Candidate, Candidate.id == Interview.candidate_id)
        .where(*scope, Interview.outcome == Outcome.failed, matches,
               FailureReason.category == FailureCategory.competency_gap, FailureReason.competency_id.is_not(None))
        .group_by(FailureReason.competency_id).order_by(n_interviews.desc(), FailureReason.competency_id)).all()
    return PersonaCounts(int(row[0]), int(row[1]), int(row[2]), int(row[3]),
                         [(int(cid), int(n)) for cid, n in gaps])


def data_version(conn: Connection, role_id: int) -> tuple:
    """A cheap fingerprint of a role's hires and performance: it changes whenever the training data does."""
    by_role = Employee.role_id == role_id
    hires = conn.execute(select(func.count(), func.max(Employee.id), func.count(Employee.left_at))
                         .where(by_role)).one()
    perf = conn.execute(select(func.count(), func.max(PerformanceRecord.id))
                        .join(Employee, Employee.id == PerformanceRecord.employee_id).where(by_role)).one()
    return tuple(hires) + tuple(perf)
