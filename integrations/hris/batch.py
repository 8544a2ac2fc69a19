"""The state of one import: the session, catalogue lookups, batched id lookups and bulk upserts.

Lookups go by chunks of external ids (never one query per row), writes are executemany inserts and
primary-key updates, so 100k score rows stay well within a minute on SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Sequence

from pydantic_core import PydanticUndefined
from sqlalchemy import insert, select, update
from sqlmodel import Session, SQLModel

from candor.models import (
    Competency,
    CompetencyModel,
    CompetencyWeight,
    Interview,
    Outcome,
    PerformanceMetric,
    Role,
)
from integrations.hris.rows import SCHEMAS, RowError, parse_row, unknown_columns
from integrations.hris.sources import Section

CHUNK = 900  # stays under SQLite's bound-parameter limit on old builds


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _ref(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Record:
    section: Section
    row: int
    values: dict[str, Any]

    def fail(self, column: str | None, reason: str):
        return self.section.fail(reason, row=self.row, column=column)


@dataclass(frozen=True)
class InterviewRef:
    id: int
    candidate_id: int
    role_id: int
    model_id: int | None
    outcome: Outcome


class Catalogue:
    """Roles, competencies, competency-model versions and metrics, resolved by key or bilingual name."""

    def __init__(self, session: Session):
        roles = session.exec(select(Role)).scalars().all()
        self.role_keys = sorted(r.key for r in roles)
        self.role_key = {r.id: r.key for r in roles}
        self.scales = {r.id: r.score_scale for r in roles}
        self._roles: dict[str, int] = {}
        for r in roles:
            for ref in (r.name_en, r.name_zh, r.key):  # the key wins over a clashing name
                self._roles[_ref(ref)] = r.id
        self._competencies: dict[int, dict[str, int]] = {r.id: {} for r in roles}
        self.competency_keys: dict[int, list[str]] = {r.id: [] for r in roles}
        for c in session.exec(select(Competency).order_by(Competency.id)).scalars().all():
            self.competency_keys[c.role_id].append(c.key)
            for ref in (c.name_en, c.name_zh, c.key):
                self._competencies[c.role_id][_ref(ref)] = c.id
        self.active: dict[int, int] = {}
        self.versions: dict[tuple[int, int], int] = {}
        for m in session.exec(select(CompetencyModel).order_by(CompetencyModel.version)).scalars().all():
            self.versions[(m.role_id, m.version)] = m.id
            if m.active:
                self.active[m.role_id] = m.id
        self.weights: dict[int, dict[int, tuple[float, float]]] = {}
        for w in session.exec(select(CompetencyWeight)).scalars().all():
            self.weights.setdefault(w.model_id, {})[w.competency_id] = (w.weight, w.minimum_score)
        self.metrics = sorted(session.exec(select(PerformanceMetric.key)).scalars().all())

    def role(self, rec: Record, column: str = "role") -> int:
        role_id = self._roles.get(_ref(rec.values[column]))
        if role_id is None:
            raise rec.fail(column, f"{rec.values[column]!r} is not a known role — use a role key "
                                   f"({', '.join(self.role_keys)}) or its English or Chinese name; "
                                   "a new role comes in a roles.json file of the same import")
        return role_id

    def competency(self, rec: Record, role_id: int, column: str = "competency") -> int:
        comp_id = self._competencies[role_id].get(_ref(rec.values[column]))
        if comp_id is None:
            raise rec.fail(column, f"{rec.values[column]!r} is not a competency of {self.role_key[role_id]} — "
                                   f"use one of {', '.join(self.competency_keys[role_id])} "
                                   "(or its English or Chinese name)")
        return comp_id

    def model(self, rec: Record, role_id: int, version: int) -> int:
        model_id = self.versions.get((role_id, version))
        if model_id is None:
            known = sorted(v for (r, v) in self.versions if r == role_id)
            raise rec.fail("competency_model_version",
                           f"{self.role_key[role_id]} has no competency model version {version} — "
                           f"known versions: {', '.join(map(str, known))}; leave it empty for the active one")
        return model_id


class Batch:
    def __init__(self, session: Session):
        self.session = session
        self._catalogue: Catalogue | None = None

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = Catalogue(self.session)
        return self._catalogue

    def refresh_catalogue(self) -> None:
        self._catalogue = None

    # -- reading -----------------------------------------------------------------------------------

    def records(self, sections: list[Section]) -> list[Record]:
        """Every row of these sections, its columns read and checked against the kind's schema."""
        out: list[Record] = []
        for section in sections:
            schema = SCHEMAS[section.kind]
            expected = f"expected columns: {schema.header}"
            if section.tabular:
                if unknown := unknown_columns(schema, section.header):
                    raise section.fail(f"unknown column — {expected}", column=unknown[0])
                for col in schema.columns:
                    if col.required and col.name not in section.header:
                        raise section.fail(f"required column is missing — add it to the header; {expected}",
                                           column=col.name)
            for row, raw in section.rows:
                if not section.tabular and (unknown := unknown_columns(schema, list(raw))):
                    raise section.fail(f"unknown column — {expected}", row=row, column=unknown[0])
                try:
                    out.append(Record(section, row, parse_row(schema, raw, section.tabular)))
                except RowError as exc:
                    raise section.fail(exc.reason, row=row, column=exc.column) from None
        return out

    def fetch(self, model: type[SQLModel], column: str, values: Iterable[Any]) -> list[Mapping[str, Any]]:
        """Full rows of `model` whose `column` is in `values`, in chunks."""
        table, wanted = model.__table__, list(dict.fromkeys(values))
        rows: list[Mapping[str, Any]] = []
        for part in chunks(wanted):
            rows.extend(r._mapping for r in self.session.exec(select(*table.c).where(table.c[column].in_(part))))
        return rows

    def require_ids(self, model: type[SQLModel], records: list[Record], column: str, file_hint: str) -> dict[str, int]:
        """external id → id for `column` of every record; an unknown id stops the import with how to fix it."""
        keys = [r.values[column] for r in records if r.values.get(column) is not None]
        found = {row["external_id"]: row["id"] for row in self.fetch(model, "external_id", keys)}
        self._check_known(records, column, found, model.__name__.lower(), file_hint)
        return found

    def interviews(self, records: list[Record], column: str = "interview_id") -> dict[str, InterviewRef]:
        keys = [r.values[column] for r in records if r.values.get(column) is not None]
        found = {row["external_id"]: InterviewRef(row["id"], row["candidate_id"], row["role_id"],
                                                  row["competency_model_id"], row["outcome"])
                 for row in self.fetch(Interview, "external_id", keys)}
        self._check_known(records, column, found, "interview", "interviews.csv")
        return found

    @staticmethod
    def _check_known(records: list[Record], column: str, found: Mapping[str, Any], what: str, file_hint: str) -> None:
        for rec in records:
            key = rec.values.get(column)
            if key is not None and key not in found:
                raise rec.fail(column, f"{key!r} is not a known {what} — import {file_hint} first "
                                       "or in the same call")

    @staticmethod
    def once(seen: dict[Any, Record], key: Any, rec: Record, column: str, what: str) -> None:
        """Stop at a second row for the same thing: which of the two is right is the user's call."""
        if key in seen:
            first = seen[key]
            raise rec.fail(column, f"the same {what} is already in {first.section.label} row {first.row} — "
                                   "keep one row for it")
        seen[key] = rec

    # -- writing -----------------------------------------------------------------------------------

    def upsert(self, model: type[SQLModel], planned: list[tuple[Record, dict[str, Any], Mapping[str, Any] | None]],
               pk: str = "id") -> None:
        """Insert new rows, update only changed columns of existing ones, and count both per file."""
        inserts, updates = [], []
        defaults = _defaults(model, pk)
        for rec, values, old in planned:
            if old is None:
                inserts.append({**{k: f() for k, f in defaults.items()}, **values})
                rec.section.created += 1
                continue
            changed = {k: v for k, v in values.items() if old[k] != v}
            if changed:
                updates.append({pk: old[pk], **changed})
                rec.section.updated += 1
            else:
                rec.section.unchanged += 1
        if inserts:
            self.session.exec(insert(model.__table__), params=inserts)
        if updates:
            self.session.exec(update(model), params=updates)


def _defaults(model: type[SQLModel], pk: str) -> dict[str, Any]:
    # Column values a new row needs when the file leaves them out: the model's own defaults.
    out = {}
    for name, info in model.model_fields.items():
        if name == "id" and pk == "id":
            continue
        if info.default_factory is not None:
            out[name] = info.default_factory
        elif info.default is not PydanticUndefined:
            out[name] = (lambda v: lambda: v)(info.default)
    return out
