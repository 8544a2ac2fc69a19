"""`import --check`: read everything, keep nothing, and list every problem in one pass.

The import itself stops at the first bad row (and keeps nothing). The check runs the same readers and
writers inside a transaction that is always rolled back; each time a row is refused it is set aside and the
run repeated, so one pass over a 50,000-row export with 30 problems reports all 30 (file, row, column, fix).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Sequence

from sqlmodel import Session

from candor.db import get_engine
from integrations.hris.batch import Batch
from integrations.hris.importer import ensure_catalogue
from integrations.hris.mapping import explain, load_mapping
from integrations.hris.rows import KIND_ORDER, ImportFailed
from integrations.hris.sources import Section, expand, read_file
from integrations.hris.writers import WRITERS

MAX_PROBLEMS = 500


def check_paths(url: str, paths: Sequence[Path], *, catalogue: bool = True, limit: int = MAX_PROBLEMS,
                mapping: Path | None = None) -> tuple[list[ImportFailed], int]:
    """(every problem found, rows read). Nothing is written: the database is left as it was."""
    problems: list[ImportFailed] = []
    sections: list[Section] = []
    try:
        rules = load_mapping(Path(mapping)) if mapping is not None else None
    except ImportFailed as exc:  # without a valid mapping the files cannot be read as meant
        return [exc], 0
    files = expand([Path(p) for p in paths])
    names = [p.name for p in files]
    for path in files:
        try:
            sections.extend(read_file(path, path.name if names.count(path.name) == 1 else str(path),
                                      rules.naming if rules else None))
        except ImportFailed as exc:  # a file that cannot be read at all: reported, the others still checked
            problems.append(exc)
    rows = sum(len(s.rows) for s in sections)
    for section in list(sections) if rules else ():
        try:
            rules.apply(section, problems)  # a bad label or date is reported and its row set aside
        except ImportFailed as exc:  # a problem with the whole sheet or file
            problems.append(exc)
            sections.remove(section)
    sections.sort(key=lambda s: KIND_ORDER.index(s.kind))
    refused: set[str] = set()  # ids of rows set aside: rows that refer to them fail because of them
    while len(problems) < limit:
        failure = _dry_run(url, sections, catalogue)
        if failure is None:
            break
        column = failure.column
        explain(failure, sections, rules)
        raw = _set_aside(sections, failure)
        if raw is False:
            problems.append(failure)
            break  # nothing left to set aside: report what was found
        if column in ID_COLUMNS and isinstance(raw, dict) and str(raw.get(column)) in refused:
            failure.reason += " (it follows from a problem above)"
        problems.append(failure)
        if isinstance(raw, dict):
            refused |= {str(raw[c]) for c in ID_COLUMNS if raw.get(c)}
    return problems, rows


def _dry_run(url: str, sections: list[Section], catalogue: bool) -> ImportFailed | None:
    with Session(get_engine(url)) as session:
        try:
            ensure_catalogue(session, with_catalogue=catalogue)
            batch = Batch(session)
            for section in sections:
                section.created = section.updated = section.unchanged = 0
            for kind in KIND_ORDER:
                group = [s for s in sections if s.kind == kind and s.rows]
                if group:
                    WRITERS[kind](batch, group)
        except ImportFailed as exc:
            return exc
        finally:
            session.rollback()  # a check keeps nothing
    return None


ID_COLUMNS = ("interview_id", "candidate_id", "employee_id")


def _set_aside(sections: list[Section], failure: ImportFailed) -> dict | bool:
    """Drop the refused row (or, for a problem with the whole file, the file) so the next run goes further;
    the row's raw values (True for a file), False when nothing matched."""
    for section in sections:
        if section.label != failure.file or section.section != failure.section:
            continue
        if failure.row is None:
            sections.remove(section)
            return True
        dropped = [raw for n, raw in section.rows if n == failure.row]
        if dropped:
            section.rows[:] = [(n, raw) for n, raw in section.rows if n != failure.row]
            return dropped[0] if isinstance(dropped[0], dict) else True
    return False


def write_problems(problems: list[ImportFailed], path: Path) -> Path:
    """The problems as a CSV (file, section, row, column, problem) to hand back to whoever exported the data."""
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "section", "row", "column", "problem"])
        for p in problems:
            writer.writerow([p.file, p.section or "", p.row or "", p.column or "", p.reason])
    return path
