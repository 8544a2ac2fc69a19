"""Find the files of an import, tell each file's kind and read it into raw rows.

A file's kind comes from its name (`candidates.csv`, `2026-10_candidates.csv`), for JSON and YAML from a
top-level object keyed by kind (`{"candidates": [...], "interviews": [...]}`), and for an Excel workbook
from its sheet names (one sheet per kind) or, for a single sheet, from the file name. A column mapping
(`import --map`) may declare any of these instead (`Naming`).
"""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

import yaml

from integrations.hris.rows import KIND_ORDER, ImportFailed

DATA_SUFFIXES = (".csv", ".xlsx", ".json", ".yaml", ".yml")
ACCEPTED_NAMES = ("roles.json (or .yaml), candidates.csv, demographics.csv, interviews.csv, competency_scores.csv, "
                  "failure_reasons.csv, employees.csv, performance.csv — each also as .json or .xlsx; a prefix or "
                  "suffix such as 2026-10_candidates.csv is fine — or one JSON document with those kinds as keys, "
                  'e.g. {"candidates": [...], "interviews": [...]}, or one .xlsx workbook with a sheet per kind; '
                  "a column mapping (import --map) may name the files instead (see docs/data-format.md)")
SKIP = "skip"  # a sheet a mapping declares as not data (notes, a summary…)


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
    return kind_from_words(name.rsplit(".", 1)[0])


def kind_from_words(text: str) -> str | None:
    """The kind a name stands for, by whole words: `Competency Scores` → competency_scores."""
    tokens = [t for t in re.split(r"[^a-z0-9]+", text.lower()) if t]
    found = []
    for kind in KIND_ORDER:
        words = kind.split("_")
        if any(tokens[i:i + len(words)] == words for i in range(len(tokens))):
            found.append(kind)
    return found[0] if len(found) == 1 else None


def norm_name(name: Any) -> str:
    """Sheet and column names (and a mapping's value labels) compare without case and extra spaces."""
    return " ".join(str(name).split()).casefold()


@dataclass(frozen=True)
class Naming:
    """Which kind a file or a sheet holds: as a column mapping declares it, else by the words of its name."""

    files: tuple[tuple[str, str], ...] = ()  # (file name or pattern such as `Export*.xlsx`, kind)
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name (norm_name) → kind or SKIP

    def file_kind(self, name: str) -> str | None:
        for pattern, kind in self.files:
            if name.casefold() == pattern.casefold() or fnmatch.fnmatchcase(name.casefold(), pattern.casefold()):
                return kind
        return kind_from_name(name)

    def sheet_kind(self, title: str) -> str | None:
        return self.sheets.get(norm_name(title)) or kind_from_words(title)


BY_NAME = Naming()


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files named, plus every data file directly inside a folder named (not recursive)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DATA_SUFFIXES
                            and not p.name.startswith((".", "~$")))  # ~$name.xlsx: Excel's lock file
            if not inside:
                raise ImportFailed(str(path), "the folder holds no .csv, .json or .yaml files and no .xlsx "
                                              "workbooks — point at the folder that holds the export")
            files.extend(inside)
        elif path.is_file():
            if path.suffix.lower() in (".xls", ".xlsm", ".xlsb", ".ods", ".numbers"):
                raise ImportFailed(str(path), f"a {path.suffix} workbook cannot be read — save it as an Excel "
                                              "Workbook (.xlsx) or as CSV UTF-8")
            if path.suffix.lower() not in DATA_SUFFIXES:
                raise ImportFailed(str(path), "not a .csv, .xlsx, .json or .yaml file — export the data as CSV, "
                                              "an Excel workbook or JSON")
            files.append(path)
        else:
            raise ImportFailed(str(path), "no such file or folder — check the path")
    unique = list({p.resolve(): p for p in files}.values())
    if not unique:
        raise ImportFailed("(no files)", "nothing to import — name one or more files or folders")
    return unique


def read_paths(paths: Sequence[Path], naming: Naming | None = None) -> list[Section]:
    files = expand(paths)
    names = [p.name for p in files]
    sections: list[Section] = []
    for path in files:
        label = path.name if names.count(path.name) == 1 else str(path)
        sections.extend(read_file(path, label, naming))
    return sections


def read_file(path: Path, label: str, naming: Naming | None = None) -> list[Section]:
    naming = naming or BY_NAME
    if path.suffix.lower() == ".xlsx":
        return _read_workbook(path, label, naming)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        mixed = " (the lines before it are UTF-8: rows were pasted from files of two encodings)" if line > 1 else ""
        raise ImportFailed(label, f"not UTF-8 text: line {line} holds bytes that are not UTF-8{mixed} — save the "
                                  "whole file as UTF-8 (in Excel: CSV UTF-8)") from None
    if not text.strip():
        raise ImportFailed(label, "the file is empty — export at least one row, or leave the file out")
    named = naming.file_kind(path.name)
    if path.suffix.lower() == ".csv":
        return [_read_csv(text, label, named)]
    return _read_document(text, label, named, path.suffix.lower() == ".json")


def _unknown_name(label: str) -> ImportFailed:
    return ImportFailed(label, f"cannot tell what this file holds from its name — accepted names: {ACCEPTED_NAMES}")


def _no_roles_table(label: str, section: str | None = None) -> ImportFailed:
    return ImportFailed(label, "roles are imported from JSON or YAML with the schema of knowledge/roles/*.yaml "
                               "— write roles.json (see docs/data-format.md#roles)", section=section)


def _check_header(section: Section, offset: int = 0) -> None:
    header = section.header
    if "" in header:
        raise section.fail(f"the header has an unnamed column (column {header.index('') + 1 + offset}) — name it "
                           "or delete it")
    if dupes := sorted({h for h in header if header.count(h) > 1}):
        raise section.fail(f"the header repeats {', '.join(dupes)} — keep one column of each name")


# Control characters no text export holds (tab, newline and carriage return are fine).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _read_csv(text: str, label: str, kind: str | None) -> Section:
    if kind is None:
        raise _unknown_name(label)
    if kind == "roles":
        raise _no_roles_table(label)
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
    _check_header(section)
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
            mapping = " — this looks like a column mapping: pass it with --map and keep it out of the data folder" \
                if {"columns", "files", "sheets", "formats"} & set(map(str, doc)) else ""
            raise ImportFailed(label, f"unknown key {', '.join(map(repr, unknown))} at the top level — a JSON "
                                      f"document holds arrays under the keys {', '.join(KIND_ORDER)}{mapping}")
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


# -- Excel workbooks ---------------------------------------------------------------------------------

EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                "#CALC!")
Cells = list[tuple[Any, str | None, str]]  # (value, number format, data type) of each cell of a sheet row


def plain_number(value: float | int | Decimal) -> str:
    """A number as plain decimal text, without float noise: 82 (not 82.0), 66.2 (not 66.20000000000001)."""
    if isinstance(value, int) or (isinstance(value, float) and not math.isfinite(value)):
        return str(value)
    text = format(Decimal(format(value, ".15g")) if isinstance(value, float) else value, "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell as the text a CSV export holds: plain numbers, true/false, ISO 8601 dates and times.

    A number shown as a percentage in Excel comes out as `85%`, as Excel's own CSV export writes it: read
    as a plain number it would be 0.85, a silent misreading of a score (a mapping declares `percent`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        value = (value + timedelta(microseconds=500_000)).replace(microsecond=0)  # Excel's float noise
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            return plain_number(value * 100) + "%"
        return plain_number(value)
    return str(value)


def _read_workbook(path: Path, label: str, naming: Naming) -> list[Section]:
    from openpyxl import load_workbook  # only imports of workbooks pay for it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError):
        raise ImportFailed(label, "not a readable .xlsx workbook — open it in Excel and save it again as Excel "
                                  "Workbook (.xlsx) without a password, or export CSV UTF-8") from None
    try:
        sheets = [(ws.title, _sheet_rows(ws)) for ws in book.worksheets]
    finally:
        book.close()
    filled = [(title, rows) for title, rows in sheets if rows]
    if not filled:
        raise ImportFailed(label, "the workbook is empty — export at least one row, or leave the file out")
    kinds = {title: naming.sheet_kind(title) for title, _ in filled}
    data = [(title, rows) for title, rows in filled if kinds[title] != SKIP]
    if any(kinds[title] for title, _ in data):  # one sheet per kind: every sheet must say which
        if unnamed := [title for title, _ in data if kinds[title] is None]:
            raise ImportFailed(label, "cannot tell what this sheet holds from its name — name each sheet like "
                                      f"the kind it holds ({', '.join(k for k in KIND_ORDER if k != 'roles')}; "
                                      "'Competency Scores' works), delete the sheets that hold something else, or "
                                      "name them under sheets: in a column mapping (--map)", section=unnamed[0])
        return [_sheet_section(label, kinds[title], title, rows) for title, rows in data]
    if len(data) != 1:
        raise ImportFailed(label, f"the workbook has {len(data)} sheets and none is named like a kind — name each "
                                  "sheet like the kind it holds (candidates, interviews, competency scores…), or keep "
                                  "one sheet and name the file like its kind (interviews.xlsx)")
    title, rows = data[0]
    kind = naming.file_kind(path.name)
    if kind is None:
        raise _unknown_name(label)
    return [_sheet_section(label, kind, title, rows)]


def _sheet_rows(ws) -> list[tuple[int, Cells]]:
    """(sheet row number, cells) of every row that holds a value; [] for an empty sheet."""
    ws.reset_dimensions()  # the stored dimensions may be wrong (some writers leave A1:A1): read every row
    rows = []
    for number, row in enumerate(ws.iter_rows(), start=1):
        cells = [(c.value, c.number_format if type(c.value) in (int, float) else None,  # only numbers show as %
                  getattr(c, "data_type", "n")) for c in row]
        if any(not _blank(value) for value, _, _ in cells):
            rows.append((number, cells))
    return rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet_section(label: str, kind: str, title: str, rows: list[tuple[int, Cells]]) -> Section:
    """A sheet as a CSV file is read: the first row that holds a value is the header; row numbers count the
    data rows under it (row 1 is the line right under the header), blank rows are skipped."""
    if kind == "roles":
        raise _no_roles_table(label, title)
    header_row, cells = rows[0]
    header = [cell_text(value).strip().lower() for value, _, _ in cells]
    while header and not header[-1]:
        header.pop()
    first = next(i for i, name in enumerate(header) if name)  # the table may start right of column A
    section = Section(label, kind, [], tabular=True, section=title, header=header[first:])
    _check_header(section, first)
    for sheet_row, cells in rows[1:]:
        number = sheet_row - header_row
        outside = [i for i, (value, _, _) in enumerate(cells) if not first <= i < len(header) and not _blank(value)]
        if outside:
            raise section.fail(f"a value in column {outside[0] + 1}, outside the named columns — give that column "
                               "a header, or clear the cell", row=number)
        values = {}
        for name, (value, number_format, data_type) in zip(header[first:], cells[first:]):
            if data_type == "e" or (isinstance(value, str) and value.strip() in EXCEL_ERRORS):
                raise section.fail(f"the cell holds the Excel error {value} — fix the formula, or clear the cell",
                                   row=number, column=name)
            values[name] = cell_text(value, number_format)
        section.rows.append((number, {name: values.get(name, "") for name in section.header}))
    if not section.rows:
        raise section.fail("the sheet is empty: a header but no data rows — export at least one row, or delete "
                           "the sheet")
    return section
