"""Find the files of an import, tell each file's kind and read it into raw rows.

A file's kind comes from its name (`candidates.csv`, `2026-10_candidates.csv`) or, for JSON and YAML,
from a top-level object keyed by kind (`{"candidates": [...], "interviews": [...]}`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import yaml

from integrations.hris.rows import KIND_ORDER, ImportFailed

DATA_SUFFIXES = (".csv", ".json", ".yaml", ".yml")
ACCEPTED_NAMES = ("roles.json (or .yaml), candidates.csv, demographics.csv, interviews.csv, competency_scores.csv, "
                  "failure_reasons.csv, employees.csv, performance.csv — each also as .json; a prefix or suffix "
                  "such as 2026-10_candidates.csv is fine — or one JSON document with those kinds as keys, "
                  'e.g. {"candidates": [...], "interviews": [...]} (see docs/data-format.md)')


@dataclass
class Section:
    """The rows of one kind from one file, and what the import did with them."""

    label: str  # the file as messages name it
    kind: str
    rows: list[tuple[int, dict[str, Any]]]  # (1-based data row, raw values by column)
    tabular: bool  # read from a CSV: every value is text, lists are ';'-separated
    section: str | None = None  # the key inside a JSON document that holds several kinds
    header: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def fail(self, reason: str, row: int | None = None, column: str | None = None) -> ImportFailed:
        return ImportFailed(self.label, reason, row=row, column=column, section=self.section)


def kind_from_name(name: str) -> str | None:
    """The kind a file name stands for, by whole words: `2026-10_competency-scores.csv` → competency_scores."""
    tokens = [t for t in re.split(r"[^a-z0-9]+", name.lower().rsplit(".", 1)[0]) if t]
    found = []
    for kind in KIND_ORDER:
        words = kind.split("_")
        if any(tokens[i:i + len(words)] == words for i in range(len(tokens))):
            found.append(kind)
    return found[0] if len(found) == 1 else None


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files named, plus every data file directly inside a folder named (not recursive)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir()
                            if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not p.name.startswith("."))
            if not inside:
                raise ImportFailed(str(path), "the folder holds no .csv, .json or .yaml files — "
                                              "point at the folder that holds the export")
            files.extend(inside)
        elif path.is_file():
            if path.suffix.lower() not in DATA_SUFFIXES:
                raise ImportFailed(str(path), "not a .csv, .json or .yaml file — export the data as CSV or JSON")
            files.append(path)
        else:
            raise ImportFailed(str(path), "no such file or folder — check the path")
    unique = list({p.resolve(): p for p in files}.values())
    if not unique:
        raise ImportFailed("(no files)", "nothing to import — name one or more files or folders")
    return unique


def read_paths(paths: Sequence[Path]) -> list[Section]:
    files = expand(paths)
    names = [p.name for p in files]
    sections: list[Section] = []
    for path in files:
        label = path.name if names.count(path.name) == 1 else str(path)
        sections.extend(read_file(path, label))
    return sections


def read_file(path: Path, label: str) -> list[Section]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(label, "not UTF-8 text — save it as UTF-8 (in Excel: CSV UTF-8)") from None
    if not text.strip():
        raise ImportFailed(label, "the file is empty — export at least one row, or leave the file out")
    named = kind_from_name(path.name)
    if path.suffix.lower() == ".csv":
        return [_read_csv(text, label, named)]
    return _read_document(text, label, named, path.suffix.lower() == ".json")


def _unknown_name(label: str) -> ImportFailed:
    return ImportFailed(label, f"cannot tell what this file holds from its name — accepted names: {ACCEPTED_NAMES}")


# Control characters no text export holds (tab, newline and carriage return are fine).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _read_csv(text: str, label: str, kind: str | None) -> Section:
    if kind is None:
        raise _unknown_name(label)
    if kind == "roles":
        raise ImportFailed(label, "roles are imported from JSON or YAML with the schema of knowledge/roles/*.yaml "
                                  "— write roles.json (see docs/data-format.md#roles)")
    if (bad := CONTROL.search(text)) is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise ImportFailed(label, f"line {line} holds the control character U+{ord(bad.group()):04X} — a file "
                                  "exported as text has none: export it again, or remove the character")
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        lines = list(reader)
    except csv.Error as exc:  # an unterminated quote at the end of a cut-off file, a stray quote…
        raise ImportFailed(label, f"not valid CSV at line {reader.line_num}: {exc} — the file may be cut off "
                                  "or hold an unmatched quote: export it again") from None
    header = [h.strip().lower() for h in (lines[0] if lines else [])]
    section = Section(label, kind, [], tabular=True, header=header)
    if len(header) == 1 and ";" in header[0]:
        raise section.fail("the columns are separated by ';' — export with commas between columns "
                           "(';' separates the items of a list inside one cell)")
    if "" in header:
        raise section.fail(f"the header has an unnamed column (column {header.index('') + 1}) — name it or delete it")
    if dupes := sorted({h for h in header if header.count(h) > 1}):
        raise section.fail(f"the header repeats {', '.join(dupes)} — keep one column of each name")
    for number, cells in enumerate(lines[1:], start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise section.fail(f"the row has {len(cells)} cells but the header has {len(header)} columns — "
                               "quote values that contain commas", row=number)
        if len(cells) < len(header):  # a short row: most often the last one, cut off in the export
            raise section.fail(f"the row has {len(cells)} cells but the header has {len(header)} columns — "
                               "the file may be cut off: export it again (an empty value still needs its comma)",
                               row=number)
        section.rows.append((number, dict(zip(header, cells))))
    if not section.rows:
        raise section.fail("the file is empty: a header but no data rows — export at least one row, "
                           "or leave the file out")
    return section


def _read_document(text: str, label: str, kind: str | None, is_json: bool) -> list[Section]:
    try:
        doc = json.loads(text) if is_json else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(label, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno} — "
                                  "fix the syntax (a JSON linter shows where)") from None
    except yaml.YAMLError as exc:
        raise ImportFailed(label, f"not valid YAML: {exc}") from None
    if isinstance(doc, dict) and "key" in doc and "competencies" in doc:
        return [_section(label, "roles", [doc], None)]  # one role profile, as in knowledge/roles/
    if isinstance(doc, list):
        if kind is None:
            raise _unknown_name(label)
        return [_section(label, kind, doc, None)]
    if isinstance(doc, dict) and doc:
        unknown = [k for k in doc if k not in KIND_ORDER]
        if unknown:
            raise ImportFailed(label, f"unknown key {', '.join(map(repr, unknown))} at the top level — a JSON "
                                      f"document holds arrays under the keys {', '.join(KIND_ORDER)}")
        return [_section(label, kind, rows, kind) for kind, rows in doc.items()]
    raise ImportFailed(label, "the file is empty — a JSON file holds an array of rows or an object of arrays "
                              'keyed by kind, e.g. {"candidates": [...]}')


def _section(label: str, kind: str, rows: Any, key: str | None) -> Section:
    section = Section(label, kind, [], tabular=False, section=key)
    if not isinstance(rows, list):
        raise section.fail(f"expected an array of {kind} rows, got {type(rows).__name__}")
    if not rows:
        raise section.fail("the file is empty: no rows — add at least one, or leave it out")
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise section.fail(f"a row must be an object of column: value, got {type(row).__name__}", row=number)
        section.rows.append((number, row if kind == "roles" else {str(k).strip().lower(): v for k, v in row.items()}))
    return section
