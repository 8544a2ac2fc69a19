"""`seed_demo`: a reproducible demo company whose last 12 months hold the planted cases of DESIGN.md.

Interviews are generated in time order and written in chunks with Core bulk inserts, so a million
candidates fit in memory and take minutes; every rate is dealt by quota (see `plan.py`).
"""

from __future__ import annotations

import gc
import heapq
import random
import time
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Callable

from pydantic import BaseModel
from sqlalchemy import JSON, DateTime, Float, func, insert, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, select

from candor.clock import as_utc
from candor.db import get_engine
from candor.models import (
    Answer,
    Candidate,
    Competency,
    CompetencyScore,
    CompetencyWeight,
    Demographics,
    Employee,
    FailureReason,
    Interview,
    PerformanceRecord,
    Role,
)
from candor.rollup import rebuild_failure_daily
from demo.generate import (
    Applicant,
    CompetencyCtx,
    Ids,
    RoleCtx,
    build_interview,
    compatible,
    make_applicant,
)
from demo.performance import Hire, performance_rows
from demo.plan import (
    ANSWERS_MAX_CANDIDATES,
    BASE_LEAVE_SHARE,
    BEHAVIOUR_SHARE,
    DEMOGRAPHICS_SHARE,
    HIRE_SHARE,
    LEAVE_MIN_TENURE_DAYS,
    LEAVE_SHARES,
    MAX_HIRES_PER_ROLE,
    PLANS,
    REAPPLY_MAX_DAYS,
    REAPPLY_MIN_DAYS,
    REAPPLY_SHARE,
    FailureKind,
    baseline_plan,
)
from demo.profiles import dealer_for
from demo.quota import Quota, Timeline
from knowledge.catalogue import load_roles
from knowledge.sync import active_model, sync_catalogue

Progress = Callable[[str, int, int], None]
CHUNK = 10_000  # interviews per bulk write
OVERRIDE_NOTE = "hired on technical strength despite failing teamwork"

# Insert order respects the foreign keys.
TABLES = {"candidate": Candidate, "demographics": Demographics, "interview": Interview,
          "competencyscore": CompetencyScore, "failurereason": FailureReason, "answer": Answer,
          "employee": Employee, "performancerecord": PerformanceRecord}


class SeedError(RuntimeError):
    """The demo company cannot be seeded here; the message says what to do instead."""


class SeedSummary(BaseModel):
    seed: int
    candidates: int
    roles: int
    interviews: int
    competency_scores: int
    failure_reasons: int
    answers: int
    demographics: int
    employees: int
    performance_records: int
    elapsed_s: float


def _processor(column_type, dialect, shared: dict):
    """The column type's bind processor, cached by value where values repeat.

    JSON lists (skills, evidence) come from small pools; a datetime is often written twice (an
    interview's created_at is its interviewed_at, a reason's is the decision time). Floats are
    generated as floats, so their coercion is skipped.
    """
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    if process is None or isinstance(column_type, Float):
        return None
    if isinstance(column_type, JSON):
        def key(value):  # lists of strings by content, the empty dict by a marker, the rest uncached
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return tuple(value)
            return "{}" if value == {} else None
    elif isinstance(getattr(column_type, "impl", None), DateTime):
        def key(value):
            return value
    else:
        return process
    cache = shared.setdefault(type(column_type).__name__, {})

    def cached(value):
        k = key(value)
        if k is None:
            return process(value)
        if k not in cache:
            if len(cache) > 200_000:
                cache.clear()
            cache[k] = process(value)
        return cache[k]

    return cached


class _Writer:
    """Buffers rows per table and bulk-inserts them (in foreign-key order) one chunk per transaction.

    Each table's INSERT is compiled once by SQLAlchemy and its column types' own bind processors
    convert the values, then the driver's executemany runs the chunk: the same stored values as
    `conn.execute(insert(table), rows)` at a fraction of the per-row cost.
    """

    def __init__(self, conn: Connection):
        self.conn = conn
        dialect = conn.dialect
        self.statements = {}
        shared: dict = {}
        for name, model in TABLES.items():
            table = model.__table__
            compiled = insert(table).compile(dialect=dialect)
            order = compiled.positiontup if compiled.positional else [c.key for c in table.columns]
            processors = [(i, p) for i, key in enumerate(order)
                          if (p := _processor(table.c[key].type, dialect, shared)) is not None]
            self.statements[name] = (str(compiled), compiled.positional, list(order), itemgetter(*order),
                                     processors)
        self.rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.written: dict[str, int] = {name: 0 for name in TABLES}

    def add(self, table: str, row: dict) -> None:
        self.rows[table].append(row)

    def extend(self, table: str, rows: list[dict]) -> None:
        self.rows[table].extend(rows)

    def flush(self) -> None:
        for name, rows in self.rows.items():
            if not rows:
                continue
            sql, positional, keys, values_of, processors = self.statements[name]
            # Columns the generator leaves out (added to the model since) take the model's defaults.
            missing = {k: _default(TABLES[name], k) for k in keys if k not in rows[0]}
            params = []
            for row in rows:
                values = list(values_of({**missing, **row} if missing else row))
                for i, process in processors:
                    values[i] = process(values[i])
                params.append(tuple(values) if positional else dict(zip(keys, values)))
            self.conn.exec_driver_sql(sql, params)
            self.written[name] += len(rows)
            self.rows[name] = []
        self.conn.commit()


def _default(model, column: str):
    field = model.model_fields.get(column)
    if field is None or (field.is_required() and field.default_factory is None):
        raise KeyError(f"the demo generator gives no value for {model.__tablename__}.{column}, which has no default")
    return field.get_default(call_default_factory=True)


def _refuse_non_empty(engine: Engine) -> None:
    with engine.connect() as conn:
        for model, what in ((Interview, "interviews"), (Candidate, "candidates"), (Employee, "employees")):
            count = conn.execute(select(func.count()).select_from(model.__table__)).scalar_one()
            if count:
                raise SeedError(f"database already holds {count} {what}; seed an empty database "
                                "(delete data/candor.db or use a new DATABASE_URL)")


def _role_contexts(session: Session, seed: int, candidates: int) -> list[RoleCtx]:
    specs = {spec.key: spec for spec in load_roles()}
    roles = []
    for role in session.exec(select(Role).order_by(Role.key)):
        model = active_model(session, role.id)
        weights = {w.competency_id: w for w in session.exec(
            select(CompetencyWeight).where(CompetencyWeight.model_id == model.id))}
        comps = [CompetencyCtx(c.id, c.key, c.name_en, c.name_zh, weights[c.id].weight, weights[c.id].minimum_score)
                 for c in session.exec(select(Competency).where(Competency.role_id == role.id).order_by(Competency.id))
                 if c.id in weights]
        plan = PLANS.get(role.key)
        keys = {c.key for c in comps}
        can_mismatch = bool(role.required_skills) and role.min_role_match > 0
        if plan is None or any(gap not in keys for kind in plan.kinds for gap in kind.gaps) or \
                (not can_mismatch and any(kind.job_match for kind in plan.kinds)):
            # no planted case, or a profile that moved on since the plan was written
            plan = baseline_plan(role.key, [c.key for c in comps], job_match=can_mismatch)

        def rng(purpose: str, key: str = role.key) -> random.Random:
            return random.Random(f"{seed}:{key}:{purpose}")

        ctx = RoleCtx(id=role.id, key=role.key, pass_mark=role.pass_mark, min_role_match=role.min_role_match,
                      required=list(role.required_skills), model_id=model.id, competencies=comps,
                      metrics=list(specs[role.key].metrics) if role.key in specs else [], plan=plan,
                      outcomes=Quota(rng("outcomes")), kinds=Quota(rng("kinds")), behaviour=Quota(rng("behaviour")),
                      profiles=dealer_for(seed, role.key, plan.age_bands, plan.pass_factors),
                      disclosure=Quota(rng("disclosure")))
        for hire_type in ("normal", "override"):
            ctx.hires[hire_type] = Quota(rng(f"hires-{hire_type}"))
            ctx.leaves[hire_type] = Quota(rng(f"leaves-{hire_type}"))
        roles.append(ctx)
    for ctx in roles:  # spread the hire cap over the year instead of filling it in the first weeks
        regime = ctx.plan.regime
        override = sum(share for key, share in regime.kinds.items() if ctx.plan.kind(key).override_hire)
        eligible = (1 - regime.failure_rate + regime.failure_rate * override) * (1 - BEHAVIOUR_SHARE)
        expected = candidates * (1 + REAPPLY_SHARE * 0.3) / max(1, len(roles)) * eligible
        ctx.hire_share = min(HIRE_SHARE, 0.9 * MAX_HIRES_PER_ROLE / max(1.0, expected))
    return roles


def _start_ids(conn: Connection) -> Ids:
    start = {}
    for name, model in TABLES.items():
        if name == "demographics":
            continue
        start[name] = (conn.execute(select(func.max(model.__table__.c.id))).scalar() or 0) + 1
    start["employee_number"] = 1
    return Ids(start)


def _reset_sequences(conn: Connection) -> None:
    """Explicit ids do not advance PostgreSQL's sequences; move them past the seeded rows."""
    if conn.dialect.name != "postgresql":
        return
    for name in TABLES:
        if name == "demographics":
            continue
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                          f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
    conn.commit()


class _Company:
    """The chronological run: first applications in time order, re-applications merged in from a heap."""

    def __init__(self, conn: Connection, roles: list[RoleCtx], *, now: datetime, seed: int, candidates: int):
        self.roles, self.now, self.candidates = roles, now, candidates
        self.timeline = Timeline(now)
        self.writer = _Writer(conn)
        self.ids = _start_ids(conn)
        self.with_answers = candidates <= ANSWERS_MAX_CANDIDATES
        self.rng = {p: random.Random(f"{seed}:{p}") for p in ("time", "roles", "people", "scores", "hires", "perf")}
        self.reapply = Quota(random.Random(f"{seed}:reapply"))
        self.pending: list[tuple[float, int, Applicant, int]] = []
        self.hires: dict[str, list[Hire]] = {r.key: [] for r in roles}
        self.interviews = 0

    def run(self, progress: Progress | None) -> None:
        length, cycle = self.timeline.length, []
        for i in range(self.candidates):
            position = (i + self.rng["time"].random()) / self.candidates * length
            while self.pending and self.pending[0][0] < position:
                pos, _, applicant, role_index = heapq.heappop(self.pending)
                self._interview(pos, self.roles[role_index], applicant)
            if not cycle:  # roles dealt in shuffled blocks: roughly equal and well mixed
                cycle = self.rng["roles"].sample(range(len(self.roles)), len(self.roles))
            self._interview(position, self.roles[cycle.pop()], None, number=i + 1)
            if len(self.writer.rows["interview"]) >= CHUNK:
                self.writer.flush()
            if progress and ((i + 1) % 10_000 == 0 or i + 1 == self.candidates):
                progress("candidates", i + 1, self.candidates)
        while self.pending:
            pos, _, applicant, role_index = heapq.heappop(self.pending)
            self._interview(pos, self.roles[role_index], applicant)
        self.writer.flush()

    def _deal(self, role: RoleCtx, when: datetime, applicant: Applicant | None) -> FailureKind | None:
        regime = role.plan.regime_at(when, self.now)
        if not role.outcomes.yes(regime.failure_rate, True if applicant and applicant.mismatch else None):
            return None
        weights = dict(regime.kinds)
        allowed = None
        if applicant is not None:  # a returning candidate's background is fixed
            allowed = [k.key for k in role.plan.kinds if compatible(k, applicant)]
            if not allowed:
                return None
            for key in allowed:
                weights.setdefault(key, 0.0)
        return role.plan.kind(role.kinds.draw(weights, allowed))

    def _interview(self, position: float, role: RoleCtx, applicant: Applicant | None, number: int = 0) -> None:
        when = self.timeline.at(position)
        kind = self._deal(role, when, applicant)
        first = applicant is None
        if first:
            disclosed = role.disclosure.yes(DEMOGRAPHICS_SHARE)
            side = ("pass" if kind is None else "fail") if disclosed else "undisclosed"
            profile = role.profiles.deal(side, 1 - role.plan.regime_at(when, self.now).failure_rate)
            applicant, candidate, demographics = make_applicant(
                self.rng["people"], number, self.ids.take("candidate"), role, kind, when, profile, disclosed)
            self.writer.add("candidate", candidate)
            if demographics:
                self.writer.add("demographics", demographics)
        flagged = role.behaviour.yes(BEHAVIOUR_SHARE)
        self.interviews += 1
        rows = build_interview(self.rng["scores"], self.ids, self.interviews, role, kind, applicant, flagged,
                               when, self.now, self.with_answers)
        self.writer.add("interview", rows.interview)
        self.writer.extend("competencyscore", rows.scores)
        self.writer.extend("failurereason", rows.reasons)
        self.writer.extend("answer", rows.answers)
        self._maybe_hire(role, kind, applicant, rows.interview, rows.outcome, rows.score_by_key, flagged)
        # A background mismatch is not fixed by practising, so those candidates do not come back.
        if first and rows.outcome != "passed" and not applicant.hired and not applicant.mismatch:
            self._maybe_reapply(position, role, applicant)

    def _maybe_reapply(self, position: float, role: RoleCtx, applicant: Applicant) -> None:
        day, left = Timeline.DAY, self.timeline.length - position
        if left < REAPPLY_MIN_DAYS * day or not self.reapply.yes(REAPPLY_SHARE):
            return
        days = self.rng["time"].uniform(REAPPLY_MIN_DAYS, min(REAPPLY_MAX_DAYS, left / day))
        heapq.heappush(self.pending, (position + days * day, self.interviews, applicant, self.roles.index(role)))

    def _maybe_hire(self, role: RoleCtx, kind: FailureKind | None, applicant: Applicant, interview: dict,
                    outcome: str, scores: dict[str, float], flagged: bool) -> None:
        if outcome == "passed":
            hire_type = "normal"
        elif kind is not None and kind.override_hire and not flagged:
            hire_type = "override"
        else:
            return
        rng, today = self.rng["hires"], self.now.date()
        hired_at = (interview["interviewed_at"] + timedelta(days=rng.randint(14, 28))).date()
        if hired_at > today or role.hired >= MAX_HIRES_PER_ROLE or not role.hires[hire_type].yes(role.hire_share):
            return
        left_at = None
        possible = (today - hired_at).days
        share = LEAVE_SHARES.get(role.key, {}).get(hire_type, BASE_LEAVE_SHARE)
        if possible >= LEAVE_MIN_TENURE_DAYS and role.leaves[hire_type].yes(share):
            left_at = hired_at + timedelta(days=rng.randint(30, min(365, possible)))
        employee_id = self.ids.take("employee")
        self.writer.add("employee", {
            "id": employee_id, "external_id": f"E{self.ids.take('employee_number'):06d}",
            "candidate_id": applicant.id, "interview_id": interview["id"], "role_id": role.id,
            "hired_at": hired_at, "left_at": left_at, "hired_by_override": hire_type == "override",
            "override_note": OVERRIDE_NOTE if hire_type == "override" else ""})
        applicant.hired = True
        role.hired += 1
        self.hires[role.key].append(Hire(employee_id, hired_at, left_at, scores))

    def write_performance(self, progress: Progress | None) -> None:
        for done, role in enumerate(self.roles, start=1):
            for row in performance_rows(self.rng["perf"], role, self.hires[role.key], self.now.date()):
                row["id"] = self.ids.take("performancerecord")
                self.writer.add("performancerecord", row)
                if len(self.writer.rows["performancerecord"]) >= 2 * CHUNK:
                    self.writer.flush()
            if progress:
                progress("performance", done, len(self.roles))
        self.writer.flush()


def holds_interviews(url: str) -> bool:
    """Whether the database already has interviews (`seed --if-empty` then leaves it alone)."""
    with Session(get_engine(url)) as session:
        return bool(session.exec(select(func.count()).select_from(Interview)).one())


def seed_demo(url: str, *, now: datetime, seed: int = 7, candidates: int = 3000,
              progress: Progress | None = None) -> SeedSummary:
    """Seed an empty, migrated database with the demo company's last 12 months (ending at `now`)."""
    started = time.perf_counter()
    if candidates < 1:
        raise SeedError("candidates must be at least 1")
    now = as_utc(now)
    engine = get_engine(url)
    _refuse_non_empty(engine)
    with Session(engine, expire_on_commit=False) as session:
        sync_catalogue(session, source="seed")
        session.commit()
        roles = _role_contexts(session, seed, candidates)
    if progress:
        progress("catalogue", 1, 1)
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived, acyclic rows: the cycle collector would only rescan them
    try:
        with engine.connect() as conn:
            company = _Company(conn, roles, now=now, seed=seed, candidates=candidates)
            company.run(progress)
            company.write_performance(progress)
            _reset_sequences(conn)
            rebuild_failure_daily(conn)
            conn.commit()
            written = company.writer.written
    finally:
        if collecting:
            gc.enable()
    return SeedSummary(
        seed=seed, candidates=written["candidate"], roles=len(roles), interviews=written["interview"],
        competency_scores=written["competencyscore"], failure_reasons=written["failurereason"],
        answers=written["answer"], demographics=written["demographics"], employees=written["employee"],
        performance_records=written["performancerecord"], elapsed_s=round(time.perf_counter() - started, 2))
