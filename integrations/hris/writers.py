"""One writer per file kind; the importer runs them in dependency order inside one transaction.

Each writer reads all rows of its kind (from every file of the call), resolves external ids in
batches, then inserts new rows and updates changed ones, counting created/updated/unchanged per file.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Callable

from pydantic import ValidationError
from sqlalchemy import delete, insert, select
from sqlmodel import Session

from candor.models import (
    Candidate,
    Competency,
    CompetencyScore,
    Demographics,
    Employee,
    FailureReason,
    Interview,
    Outcome,
    PerformanceMetric,
    PerformanceRecord,
    Role,
)
from candor.models._base import utcnow
from candor.scales import NAMES, ScaleError, to_common
from integrations.hris.batch import Batch, Record, chunks
from integrations.hris.rows import SCHEMAS
from integrations.hris.sources import Section
from knowledge.catalogue import RoleSpec
from knowledge.sync import active_model, sync_role


def _fields(rec: Record, drop: tuple[str, ...] = (), **resolved: Any) -> dict[str, Any]:
    """The record's values under table attribute names, with resolved references in place of external ids."""
    by_name = SCHEMAS[rec.section.kind].by_name
    out = {(by_name[k].attr if k in by_name else k): v for k, v in rec.values.items() if k not in drop}
    out.update(resolved)
    return out


def _on_common(rec: Record, cat, role_id: int, *columns: str) -> dict[str, float | None]:
    """The score columns of a row, read on the row's `scale` (or the role's score_scale), as 0–100."""
    scale = rec.values.get("scale") or cat.scales[role_id]
    out = {}
    for column in columns:
        value = rec.values.get(column)
        try:
            out[column] = None if value is None else to_common(value, scale)
        except ScaleError as exc:
            where = "the row's scale" if rec.values.get("scale") else f"{cat.role_key[role_id]}'s score_scale"
            raise rec.fail(column, f"{exc} ({where}) — write the score on that scale, or name the scale in a "
                                   f"`scale` column ({NAMES})") from None
    return out


METRIC_KEY = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def write_metrics(batch: Batch, sections: list[Section]) -> None:
    """A company's own performance metrics (first-call resolution, picking accuracy…), beside the shipped ones."""
    seen: dict[Any, Record] = {}
    for rec in batch.records(sections):
        values = rec.values
        if not METRIC_KEY.match(values["key"]):
            raise rec.fail("key", f"{values['key']!r} is not a metric key — use lower-case letters, digits and _, "
                                  "starting with a letter, e.g. first_call_resolution")
        batch.once(seen, values["key"], rec, "key", "metric key")
        row = batch.session.get(PerformanceMetric, values["key"])
        wanted = (values["name_en"], values["name_zh"] or values["name_en"], values["higher_is_better"],
                  values["unit"])
        if row is None:
            rec.section.created += 1
            row = PerformanceMetric(key=values["key"], name_en="", name_zh="")
        elif (row.name_en, row.name_zh, row.higher_is_better, row.unit) == wanted:
            rec.section.unchanged += 1
            continue
        else:
            rec.section.updated += 1
        row.name_en, row.name_zh, row.higher_is_better, row.unit = wanted
        batch.session.add(row)
    batch.session.flush()
    batch.refresh_catalogue()


def write_roles(batch: Batch, sections: list[Section]) -> None:
    seen: dict[Any, Record] = {}
    for section in sections:
        for row, raw in section.rows:
            rec = Record(section, row, raw)
            try:
                spec = RoleSpec.model_validate(raw)
            except ValidationError as exc:
                err = exc.errors()[0]
                raise rec.fail(".".join(str(p) for p in err["loc"]) or None,
                               f"{err['msg']} — roles follow the schema of knowledge/roles/*.yaml "
                               "(see docs/data-format.md, Roles)") from None
            batch.once(seen, spec.key, rec, "key", "role key")
            unknown = [m for m in spec.metrics if m not in batch.catalogue.metrics]
            if unknown:
                raise rec.fail("metrics", f"{', '.join(map(repr, unknown))} is not a known metric — use one of "
                                          f"{', '.join(batch.catalogue.metrics)}, or define it in a metrics file "
                                          "of the same import (docs/data-format.md, Metrics)")
            before = _role_state(batch.session, spec.key)
            sync_role(batch.session, spec, source="import")
            after = _role_state(batch.session, spec.key)
            if before is None:
                section.created += 1
            elif before != after:
                section.updated += 1
            else:
                section.unchanged += 1
    batch.refresh_catalogue()


def _role_state(session: Session, key: str) -> tuple | None:
    role = session.exec(select(Role).where(Role.key == key)).scalars().first()
    if role is None:
        return None
    comps = session.exec(select(Competency).where(Competency.role_id == role.id).order_by(Competency.key)).scalars()
    model = active_model(session, role.id)
    return (role.name_en, role.name_zh, tuple(role.aliases), role.pass_mark, role.min_role_match,
            tuple(role.required_skills), tuple(role.metrics or ()), tuple((c.key, c.name_en, c.name_zh, tuple(c.aliases)) for c in comps),
            model.id if model else None)


def write_candidates(batch: Batch, sections: list[Section]) -> None:
    records = batch.records(sections)
    seen: dict[Any, Record] = {}
    for rec in records:
        batch.once(seen, rec.values["candidate_id"], rec, "candidate_id", "candidate_id")
    existing = {r["external_id"]: r for r in batch.fetch(Candidate, "external_id", seen)}
    batch.upsert(Candidate, [(rec, _fields(rec), existing.get(rec.values["candidate_id"])) for rec in records])


def write_demographics(batch: Batch, sections: list[Section]) -> None:
    records = batch.records(sections)
    ids = batch.require_ids(Candidate, records, "candidate_id", "candidates.csv")
    seen: dict[Any, Record] = {}
    for rec in records:
        batch.once(seen, ids[rec.values["candidate_id"]], rec, "candidate_id", "candidate_id")
    existing = {r["candidate_id"]: r for r in batch.fetch(Demographics, "candidate_id", seen)}
    batch.upsert(Demographics, [(rec, _fields(rec, candidate_id=cid), existing.get(cid))
                                for rec in records for cid in [ids[rec.values["candidate_id"]]]],
                 pk="candidate_id")


def write_interviews(batch: Batch, sections: list[Section]) -> None:
    records, cat = batch.records(sections), batch.catalogue
    seen: dict[Any, Record] = {}
    for rec in records:
        batch.once(seen, rec.values["interview_id"], rec, "interview_id", "interview_id")
    candidates = batch.require_ids(Candidate, records, "candidate_id", "candidates.csv")
    existing = {r["external_id"]: r for r in batch.fetch(Interview, "external_id", seen)}
    planned = []
    for rec in records:
        values, old = rec.values, existing.get(rec.values["interview_id"])
        role_id = cat.role(rec)
        if values.get("competency_model_version") is not None:
            model_id = cat.model(rec, role_id, values["competency_model_version"])
        elif old is not None and old["role_id"] == role_id and old["competency_model_id"] is not None:
            model_id = old["competency_model_id"]  # a re-import keeps the version it was scored with
        else:
            model_id = cat.active.get(role_id)
        if values.get("decided_at") and values["decided_at"] < values["interviewed_at"]:
            raise rec.fail("decided_at", "the decision is dated before the interview — check both date-times")
        planned.append((rec, _fields(rec, drop=("role", "competency_model_version", "scale"),
                                     candidate_id=candidates[values["candidate_id"]], role_id=role_id,
                                     competency_model_id=model_id, **_on_common(rec, cat, role_id,
                                                                                "total_score")), old))
    batch.upsert(Interview, planned)


def write_competency_scores(batch: Batch, sections: list[Section]) -> None:
    records, cat = batch.records(sections), batch.catalogue
    interviews = batch.interviews(records)
    seen: dict[Any, Record] = {}
    rows = []
    for rec in records:
        values, iv = rec.values, interviews[rec.values["interview_id"]]
        comp_id = cat.competency(rec, iv.role_id)
        batch.once(seen, (iv.id, comp_id), rec, "competency", "interview and competency")
        common = _on_common(rec, cat, iv.role_id, "score", "required")
        weight, required = values.get("weight"), common["required"]
        if weight is None or required is None:
            model_weight = cat.weights.get(iv.model_id, {}).get(comp_id)
            if model_weight is None:
                raise rec.fail("weight" if weight is None else "required",
                               f"{values['competency']!r} has no weight in the interview's competency model — "
                               "fill in both required and weight")
            weight = model_weight[0] if weight is None else weight
            required = model_weight[1] if required is None else required
        rows.append((rec, _fields(rec, drop=("competency", "scale"), interview_id=iv.id, competency_id=comp_id,
                                  weight=weight, required=required, score=common["score"],
                                  raw_score=values["score"], raw_scale=values.get("scale") or cat.scales[iv.role_id])))
    existing = {(r["interview_id"], r["competency_id"]): r
                for r in batch.fetch(CompetencyScore, "interview_id", {v["interview_id"] for _, v in rows})}
    batch.upsert(CompetencyScore, [(rec, v, existing.get((v["interview_id"], v["competency_id"])))
                                   for rec, v in rows])


def write_failure_reasons(batch: Batch, sections: list[Section]) -> None:
    records, cat = batch.records(sections), batch.catalogue
    interviews = batch.interviews(records)
    ids = {iv.id for iv in interviews.values()}
    scores = {(r["interview_id"], r["competency_id"]): r for r in batch.fetch(CompetencyScore, "interview_id", ids)}
    wanted: dict[int, list[tuple[Record, dict[str, Any]]]] = {}
    for rec in records:
        values, iv = rec.values, interviews[rec.values["interview_id"]]
        comp_id = cat.competency(rec, iv.role_id) if values.get("competency") is not None else None
        scored = scores.get((iv.id, comp_id), {})  # a gap row may leave score and required to the score file
        common = _on_common(rec, cat, iv.role_id, "score", "required")
        score = common["score"] if common["score"] is not None else scored.get("score")
        required = common["required"] if common["required"] is not None else scored.get("required")
        wanted.setdefault(iv.id, []).append((rec, dict(
            interview_id=iv.id, category=values["category"], competency_id=comp_id, score=score,
            required=required, detail=values.get("detail") or "")))
    existing: dict[int, list[Any]] = {}
    for r in batch.fetch(FailureReason, "interview_id", wanted):
        existing.setdefault(r["interview_id"], []).append(r)

    def signature(rows) -> Counter:
        return Counter((r["category"].value if hasattr(r["category"], "value") else r["category"],
                        r["competency_id"], r["score"], r["required"], r["detail"]) for r in rows)

    replace, inserts = [], []
    for interview_id, items in wanted.items():
        old = existing.get(interview_id, [])
        if signature(v for _, v in items) == signature(old):
            for rec, _ in items:
                rec.section.unchanged += 1
            continue
        if old:
            replace.append(interview_id)
        outcome = "updated" if old else "created"
        for rec, values in items:
            setattr(rec.section, outcome, getattr(rec.section, outcome) + 1)
            inserts.append({**values, "created_at": utcnow()})
    for part in chunks(replace):
        batch.session.exec(delete(FailureReason).where(FailureReason.interview_id.in_(part)))
    if inserts:
        batch.session.exec(insert(FailureReason.__table__), params=inserts)


def write_employees(batch: Batch, sections: list[Section]) -> None:
    records, cat = batch.records(sections), batch.catalogue
    seen: dict[Any, Record] = {}
    for rec in records:
        batch.once(seen, rec.values["employee_id"], rec, "employee_id", "employee_id")
    candidates = batch.require_ids(Candidate, records, "candidate_id", "candidates.csv")
    interviews = batch.interviews(records)
    existing = {r["external_id"]: r for r in batch.fetch(Employee, "external_id", seen)}
    planned = []
    for rec in records:
        values, old = rec.values, existing.get(rec.values["employee_id"])
        candidate_id = candidates[values["candidate_id"]]
        iv = interviews.get(values.get("interview_id") or "")
        if iv is not None and iv.candidate_id != candidate_id:
            raise rec.fail("interview_id", f"interview {values['interview_id']!r} is another candidate's, not "
                                           f"{values['candidate_id']!r}'s — fix candidate_id or interview_id")
        if values.get("role") is not None:
            role_id = cat.role(rec)
        elif iv is not None:
            role_id = iv.role_id
        elif old is not None:
            role_id = old["role_id"]
        else:
            raise rec.fail("role", "a value is required when there is no interview_id — fill in the role "
                                   "the employee was hired into")
        if values.get("left_at") and values["left_at"] < values["hired_at"]:
            raise rec.fail("left_at", "the leaving date is before hired_at — check both dates")
        resolved: dict[str, Any] = dict(candidate_id=candidate_id, role_id=role_id)
        if "interview_id" in values:
            resolved["interview_id"] = iv.id if iv is not None else None
        drop: tuple[str, ...] = ("role",)
        if values.get("hired_by_override") is None:
            drop += ("hired_by_override",)
            if old is None:  # a hire after a failed interview is an override unless the file says otherwise
                resolved["hired_by_override"] = iv is not None and iv.outcome == Outcome.failed
        planned.append((rec, _fields(rec, drop=drop, **resolved), old))
    batch.upsert(Employee, planned)


def write_performance(batch: Batch, sections: list[Section]) -> None:
    records, cat = batch.records(sections), batch.catalogue
    employees = batch.require_ids(Employee, records, "employee_id", "employees.csv")
    seen: dict[Any, Record] = {}
    rows = []
    for rec in records:
        values = rec.values
        if values["metric"] not in cat.metrics:
            raise rec.fail("metric", f"{values['metric']!r} is not a known metric — use one of "
                                     f"{', '.join(cat.metrics)}, or define it in a metrics file of the same "
                                     "import (docs/data-format.md, Metrics)")
        key = (employees[values["employee_id"]], values["month"], values["metric"])
        batch.once(seen, key, rec, "month", "employee, month and metric")
        rows.append((rec, key, _fields(rec, employee_id=key[0])))
    existing = {(r["employee_id"], r["month"], r["metric"]): r
                for r in batch.fetch(PerformanceRecord, "employee_id", set(employees.values()))}
    batch.upsert(PerformanceRecord, [(rec, v, existing.get(key)) for rec, key, v in rows])


WRITERS: dict[str, Callable[[Batch, list[Section]], None]] = {
    "metrics": write_metrics, "roles": write_roles, "candidates": write_candidates, "demographics": write_demographics,
    "interviews": write_interviews, "competency_scores": write_competency_scores,
    "failure_reasons": write_failure_reasons, "employees": write_employees, "performance": write_performance,
}
