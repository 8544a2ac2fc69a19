"""`import_paths`: load roles, candidates, interviews, scores, reasons, employees and performance from files.

The format is documented in docs/data-format.md. One call is one transaction: files are processed in
dependency order whatever order they were given in, and any bad row stops the import with the file,
row, column and how to fix it; nothing of that import is kept then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session

from candor.db import session_scope
from candor.models import Interview, PerformanceMetric, Role
from candor.rollup import rebuild_failure_daily
from integrations.hris.batch import Batch
from integrations.hris.mapping import explain, load_mapping
from integrations.hris.rows import KIND_ORDER, ImportFailed
from integrations.hris.sources import read_paths
from integrations.hris.writers import WRITERS
from knowledge.catalogue import load_metrics
from knowledge.sync import sync_catalogue, sync_metrics

__all__ = ["FileSummary", "ImportFailed", "ImportSummary", "ensure_catalogue", "import_paths"]

INTERVIEW_KINDS = ("interviews", "competency_scores", "failure_reasons")


class FileSummary(BaseModel):
    file: str
    kind: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class ImportSummary(BaseModel):
    files: list[FileSummary]
    catalogue_synced: bool = False  # the database had no roles, so the role catalogue was loaded first
    catalogue_roles: list[str] = []  # the shipped roles it loaded (a company's own roles come beside them)

    @property
    def changed(self) -> bool:
        return self.catalogue_synced or any(f.created or f.updated for f in self.files)


def import_paths(url: str, paths: Sequence[Path], *, catalogue: bool = True, mapping: Path | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> ImportSummary:
    """Import the files (and every data file in the folders) named, in one transaction. Into an empty database
    the shipped role catalogue comes first, so the company's own roles sit beside it and its interviews may
    name a catalogue role; `catalogue=False` (`import --no-catalogue`) keeps only the company's roles.
    `mapping` (`import --map`) is a column-mapping file that says how to read a vendor's export.
    `progress(stage, rows done, rows in all)` is called as each kind is written (the CLI shows a bar)."""
    rules = load_mapping(Path(mapping)) if mapping is not None else None
    sections = read_paths([Path(p) for p in paths], rules.naming if rules else None)
    for section in sections if rules else ():
        rules.apply(section)
    sections.sort(key=lambda s: KIND_ORDER.index(s.kind))  # stable: keeps the given order within a kind
    try:
        with session_scope(url) as session:
            synced = ensure_catalogue(session, with_catalogue=catalogue)
            batch = Batch(session)
            total, done = sum(len(s.rows) for s in sections), 0
            for kind in KIND_ORDER:
                group = [s for s in sections if s.kind == kind]
                if group:
                    if progress:
                        progress(kind, done, total)
                    WRITERS[kind](batch, group)
                    done += sum(len(s.rows) for s in group)
            if progress:
                progress("statistics", done, total)
            _refresh_statistics(session, sections)
    except ImportFailed as exc:
        explain(exc, sections, rules)  # what a mapping could declare, the vendor's name of a mapped column
        raise
    return ImportSummary(files=[FileSummary(file=s.label + (f" ({s.section})" if s.section else ""), kind=s.kind,
                                            rows=len(s.rows), created=s.created, updated=s.updated,
                                            unchanged=s.unchanged) for s in sections],
                         catalogue_synced=bool(synced), catalogue_roles=synced)


def _refresh_statistics(session: Session, sections) -> None:
    # Bulk writes bypass the ORM hooks: recompute the statistics rollup of the roles touched.
    changed = [s for s in sections if s.kind in INTERVIEW_KINDS and (s.created or s.updated)]
    ids = sorted({str(raw.get("interview_id")) for s in changed for _, raw in s.rows if raw.get("interview_id")})
    roles: set[int] = set()
    for i in range(0, len(ids), 900):
        roles |= set(session.execute(select(Interview.role_id).where(Interview.external_id.in_(ids[i:i + 900])))
                     .scalars())
    if roles:
        rebuild_failure_daily(session.connection(), role_ids=roles)


def ensure_catalogue(session: Session, with_catalogue: bool) -> list[str]:
    # Interviews need roles and competency models, performance needs metrics: an empty database gets the
    # shipped catalogue first, inside the same transaction (a roles file of the import may then update a
    # catalogue role of the same key). Returns the catalogue roles loaded.
    if with_catalogue and session.exec(select(Role.id).limit(1)).first() is None:
        return sorted(sync_catalogue(session, source="import"))
    if session.exec(select(PerformanceMetric.key).limit(1)).first() is None:
        sync_metrics(session, load_metrics())
    return []
