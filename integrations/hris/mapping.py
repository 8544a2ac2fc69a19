"""Column mappings: import a vendor's export as it is, with `import --map vendor.yaml` (docs/data-format.md).

A mapping declares which file or sheet holds which kind, renames the vendor's columns, maps its value labels,
keeps only some rows and reads the formats it declares (day-first dates, 85%, 1,234.5, Excel serial dates).
It works on the raw rows of each section, before the usual parsing, so every check of the import still runs;
nothing is guessed, and a label or a column the mapping does not know is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from integrations.hris.rows import (
    KIND_ORDER,
    SCHEMAS,
    SCORE,
    WEIGHT,
    ImportFailed,
    RowError,
    iso_date,
    iso_datetime,
    month,
)
from integrations.hris.sources import SKIP, Naming, Section, norm_name, plain_number

__all__ = ["Formats", "Mapping", "MappingError", "explain", "load_mapping"]

KEYS = ("files", "sheets", "columns", "values", "rows", "ignore", "formats")
KINDS = tuple(k for k in KIND_ORDER if k != "roles")  # roles follow knowledge/roles/*.yaml, never mapped
DATE_ORDERS = ("iso", "day-first", "month-first", "year-first")
SEPARATORS = {",": ".", ".": ",", " ": ".", "'": "."}  # thousands separator → its decimal mark
DOC = "docs/data-format.md#spreadsheets-and-column-mappings"


class MappingError(ImportFailed):
    """The mapping file itself is wrong; names the file and the key."""

    def __init__(self, file: str, key: str | None, reason: str):
        self.key = key
        super().__init__(file, reason, section=key)

    def __str__(self) -> str:
        return f"{self.file}, key {self.key}: {self.reason}" if self.key else f"{self.file}: {self.reason}"


@dataclass(frozen=True)
class Formats:
    """How the export writes dates and numbers — declared, never guessed."""

    dates: str = "iso"  # or day-first (05/03/2026 = 5 March), month-first, year-first (2026/3/5)
    excel_serial_dates: bool = False  # 46000 in a date column is a day count from 1899-12-30
    percent: bool = False  # "85%" is 85 in a score column, 0.85 in a share column (role_match, weight)
    thousands_separator: str | None = None  # "1,234.5" → 1234.5 in number columns ("." means a decimal comma)
    timezone: str | None = None  # "+08:00": the zone of date-times written without one


@dataclass
class Mapping:
    file: str  # the mapping file as messages name it
    naming: Naming = field(default_factory=Naming)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → vendor column (norm_name) → column
    spelled: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → column → vendor name as written
    values: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # kind → column → label → value
    labels: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # kind → column → labels as written
    rows: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # kind → column (norm_name) → values kept
    rows_as_written: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → column → `Stage: AI Interview`
    ignore: dict[str, set[str]] = field(default_factory=dict)  # kind → vendor columns (norm_name) left out
    formats: Formats = field(default_factory=Formats)

    def shown(self, kind: str, column: str) -> str:
        """A column as messages name it: `Result → outcome` when the mapping renames the vendor's column."""
        vendor = self.spelled.get(kind, {}).get(column)
        return f"{vendor} → {column}" if vendor else column

    def apply(self, section: Section, problems: list[ImportFailed] | None = None) -> None:
        """Rename, filter, map labels and read declared formats in place. A bad row raises, or with `problems`
        (import --check) is recorded and set aside; a problem with the whole sheet or file always raises."""
        if section.kind == "roles":
            return
        kind = section.kind
        filters = self.rows.get(kind, {})
        filter_only = {c for c in filters if c not in SCHEMAS[kind].by_name}  # left out once the rows are kept
        columns = None
        if section.tabular:  # one header for every row
            columns = list(zip(self._kept(kind, section.header), self._renamed(section, section.header)))
            if missing := [c for c in filters if c not in {norm_name(h) for _, h in columns}]:
                written = self.rows_as_written[kind][missing[0]].split(":")[0]
                raise section.fail(f"rows: {kind}: {written} — the file has no such column; fix the name in "
                                   f"{self.file} (the file's columns: {', '.join(section.header)})")
            section.header = [h for _, h in columns if norm_name(h) not in filter_only]
        kept, left_out = [], 0
        for number, raw in section.rows:
            try:
                pairs = columns if columns is not None else \
                    list(zip(self._kept(kind, list(raw)), self._renamed(section, list(raw), number)))
                row = {column: raw[given] for given, column in pairs}
                if not all(norm_name(_value(row, c)) in wanted for c, wanted in filters.items()):
                    left_out += 1
                    continue
                kept.append((number, self._convert(section, number, row, filter_only)))
            except ImportFailed as exc:
                if problems is None:
                    raise
                problems.append(exc)
        if left_out and left_out == len(section.rows):
            wanted = "; ".join(self.rows_as_written[kind].values())
            raise section.fail(f"no row is left once rows: {kind}: keeps only rows with {wanted} — check the values "
                               f"in {self.file}, or leave the file out")
        section.rows[:] = kept

    def _kept(self, kind: str, given: list[str]) -> list[str]:
        ignored = self.ignore.get(kind, set())
        return [name for name in given if norm_name(name) not in ignored]

    def _renamed(self, section: Section, given: list[str], row: int | None = None) -> list[str]:
        """The columns of a header (or a JSON row) once ignored ones are left out and mapped ones renamed; a
        column neither mapped nor known, or two columns giving the same one, is refused."""
        kind, rename = section.kind, self.columns.get(section.kind, {})
        schema, filtered = SCHEMAS[kind], set(self.rows.get(kind, {}))
        seen: dict[str, str] = {}
        out = []
        for vendor in self._kept(kind, given):
            column = rename.get(norm_name(vendor), vendor)
            if column in seen:
                raise section.fail(f"the columns {seen[column]!r} and {vendor!r} both give {column} — map only one "
                                   f"of them in {self.file}, and list the other under ignore: {kind}:", row=row)
            seen[column] = vendor
            if not schema.extra_columns and column not in schema.by_name and norm_name(column) not in filtered:
                raise section.fail(f"the column is neither mapped nor a column of {kind} — map it under columns: "
                                   f"{kind}: in {self.file} ({kind} columns: {schema.header}), or list it under "
                                   f"ignore: {kind}: to leave it out", row=row, column=vendor)
            out.append(column)
        return out

    def _convert(self, section: Section, number: int, row: dict[str, Any], drop: set[str]) -> dict[str, Any]:
        """The row's values with labels mapped and declared formats read; filter-only columns left out."""
        kind, out = section.kind, {}
        labels = self.values.get(kind, {})
        types = column_types(kind)
        for column, value in row.items():
            if norm_name(column) in drop:
                continue
            try:
                if column in labels and not _empty(value):
                    value = self._label(kind, column, value)
                if isinstance(value, str) and column in types:
                    value = read_format(value, types[column], self.formats, self.file)
            except RowError as exc:
                raise section.fail(exc.reason, row=number, column=self.shown(kind, column)) from None
            out[column] = value
        return out

    def _label(self, kind: str, column: str, value: Any) -> str:
        mapped = self.values[kind][column].get(norm_name(value))
        if mapped is None:
            accepted = ", ".join(self.labels[kind][column])
            raise RowError(f"{str(value).strip()!r} is not a label {self.file} maps — accepted labels: {accepted}; "
                           f"add it under values: {kind}: {column}: in {self.file}")
        return mapped


def _value(row: dict[str, Any], column: str) -> Any:
    return next((v for k, v in row.items() if norm_name(k) == column), "")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- value types and declared formats ----------------------------------------------------------------

@cache
def column_types(kind: str) -> dict[str, str]:
    """The columns of a kind that declared formats touch: date, datetime, score, share or number."""
    out = {}
    for col in SCHEMAS[kind].columns:
        made_by = getattr(col.parse, "__qualname__", "")  # number(...) and integer(...) return closures
        if col.parse in (iso_date, month):
            out[col.name] = "date"
        elif col.parse is iso_datetime:
            out[col.name] = "datetime"
        elif col.parse is SCORE:
            out[col.name] = "score"
        elif col.parse is WEIGHT or col.name == "role_match":
            out[col.name] = "share"
        elif made_by.startswith(("number.", "integer.")):
            out[col.name] = "number"
    return out


TIME = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"  # 14:30, 14:30:05, 2:30 PM
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})" + TIME)
DATE_PATTERNS = {"day-first": DAY_MONTH_YEAR, "month-first": DAY_MONTH_YEAR,
                 "year-first": re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})" + TIME)}
SERIAL = re.compile(r"\d{1,7}(\.\d+)?")
PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)\s*%")
EXCEL_EPOCH = datetime(1899, 12, 30)


def read_format(value: str, kind: str, formats: Formats, file: str) -> str:
    """The value in the form the row parsers read, as far as the declared formats say; else as it is."""
    text = value.strip()
    if kind in ("date", "datetime"):
        if formats.excel_serial_dates and SERIAL.fullmatch(text) and 1 <= float(text) < 2958466:
            moment = EXCEL_EPOCH + timedelta(seconds=round(float(text) * 86400))
            text = moment.date().isoformat() if kind == "date" or moment.time() == datetime.min.time() \
                else moment.isoformat()
        elif formats.dates != "iso" and (m := DATE_PATTERNS[formats.dates].fullmatch(text)):
            text = _ordered_date(m, formats.dates, value, file)
        if kind == "datetime" and formats.timezone:
            text = _with_zone(text, formats.timezone)
        return text
    if kind in ("score", "share") and formats.percent and (m := PERCENT.fullmatch(text)):
        return m[1] if kind == "score" else plain_number(Decimal(m[1]) / 100)
    if formats.thousands_separator:
        return _without_thousands(text, formats.thousands_separator)
    return value


def _ordered_date(m: re.Match, order: str, raw: str, file: str) -> str:
    parts = [int(m[1]), int(m[2]), int(m[3])]
    day, mon, year = {"day-first": parts, "month-first": [parts[1], parts[0], parts[2]],
                      "year-first": parts[::-1]}[order]
    hour, minute, second = int(m[4] or 0), int(m[5] or 0), int(m[6] or 0)
    try:
        if m[7]:  # a 12-hour clock: 12:30 AM is 00:30
            if not 1 <= hour <= 12:
                raise ValueError(hour)
            hour = hour % 12 + (12 if m[7].lower() == "pm" else 0)
        moment = datetime(year, mon, day, hour, minute, second)
    except ValueError:
        raise RowError(f"{raw.strip()!r} is not a date read {order} (formats: dates: {order} in {file}) — "
                       "check the value, or the declared order") from None
    return moment.isoformat() if m[4] else moment.date().isoformat()


def _with_zone(text: str, zone: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text  # refused by the parser, with its own message
    if moment.tzinfo is not None:
        return text
    sign, hours, minutes = zone[0], int(zone[1:3]), int(zone[4:6])
    offset = timedelta(hours=hours, minutes=minutes) * (-1 if sign == "-" else 1)
    return moment.replace(tzinfo=timezone(offset)).isoformat()


def _without_thousands(text: str, sep: str) -> str:
    decimal_mark = SEPARATORS[sep]
    spaced = re.sub(r"[\u00a0\u202f]", " ", text)  # Excel and Word write no-break spaces between groups
    grouped = re.fullmatch(rf"-?\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+(?:{re.escape(decimal_mark)}\d+)?", spaced)
    if grouped or (decimal_mark == "," and re.fullmatch(r"-?\d+,\d+", spaced)):
        return spaced.replace(sep, "").replace(decimal_mark, ".")
    return text


# -- the sentence a refusal gains ---------------------------------------------------------------------

DAY_MONTH = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}(?:[ T].*)?")
YEAR_SLASH = re.compile(r"\d{4}[/.]\d{1,2}[/.]\d{1,2}(?:[ T].*)?")
GROUPED = re.compile(r"-?\d{1,3}(?:[,. '\u00a0\u202f]\d{3})+(?:[.,]\d+)?|-?\d+,\d+")


def explain(failure: ImportFailed, sections: list[Section], mapping: Mapping | None = None) -> ImportFailed:
    """Add to a refusal what a mapping could declare (`05/03/2026`, `85%`, `1,234`, Excel serial dates) and, for a
    mapped column, the vendor's name of it. Changes `failure` in place and returns it."""
    section = next((s for s in sections if s.label == failure.file and s.section == failure.section), None)
    if section is None or section.kind == "roles" or failure.column is None:
        return failure
    column, kind = failure.column, section.kind
    raw = next((r for n, r in section.rows if n == failure.row), None) if failure.row is not None else None
    value = raw.get(column) if isinstance(raw, dict) else None
    if isinstance(value, str) and column in column_types(kind):
        where = f"in {mapping.file}" if mapping else "in a column mapping and import with --map"
        failure.reason += _hint(value.strip(), column_types(kind)[column], mapping.formats if mapping else Formats(),
                                where)
    if mapping is not None and column in mapping.spelled.get(kind, {}):
        if failure.row is None:
            failure.reason += (f" ({mapping.file} maps {mapping.spelled[kind][column]!r} to it: check that column's "
                               "name in the file)")
        failure.column = mapping.shown(kind, column)
    return failure


def _hint(value: str, kind: str, formats: Formats, where: str) -> str:
    if kind in ("date", "datetime"):
        if SERIAL.fullmatch(value) and not formats.excel_serial_dates and float(value) >= 1:
            return (f"; if {value} is an Excel serial date, format the column as a date in Excel, or declare "
                    f"formats: {{excel_serial_dates: true}} {where} ({DOC})")
        if formats.dates == "iso" and YEAR_SLASH.fullmatch(value):
            return f"; to read {value} as year/month/day, declare formats: {{dates: year-first}} {where} ({DOC})"
        if formats.dates == "iso" and DAY_MONTH.fullmatch(value):
            return (f"; if the export writes dates as 05/03/2026, declare their order — formats: {{dates: day-first}} "
                    f"or {{dates: month-first}} — {where} ({DOC})")
        return ""
    if PERCENT.fullmatch(value):
        if kind == "score" and not formats.percent:
            return f"; to read 85% as 85, declare formats: {{percent: true}} {where} ({DOC})"
        if kind == "share" and not formats.percent:
            return f"; to read 75% as 0.75, declare formats: {{percent: true}} {where} ({DOC})"
        return ""
    if GROUPED.fullmatch(value) and not formats.thousands_separator:
        return (f"; to read 1,234.5 as 1234.5, declare formats: {{thousands_separator: \",\"}} (or \".\" for "
                f"1.234,5) {where} ({DOC})")
    return ""


# -- loading ------------------------------------------------------------------------------------------

def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; a `MappingError` names the file and the key, and says how to fix it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MappingError(path.name, None, "no such file — check the path given to --map") from None
    except UnicodeDecodeError:
        raise MappingError(path.name, None, "not UTF-8 text — save the mapping as UTF-8") from None
    try:
        doc = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar stays text: `No: no_show` is not a boolean
    except yaml.YAMLError as exc:
        raise MappingError(path.name, None, f"not valid YAML: {exc} — fix the syntax ({DOC})") from None
    return _Loader(path.name).mapping(doc)


class _Loader:
    def __init__(self, file: str):
        self.file = file

    def fail(self, key: str, reason: str) -> MappingError:
        return MappingError(self.file, key, reason)

    def table(self, value: Any, key: str, what: str) -> dict[str, Any]:
        if value in ("", None):
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, f"expected {what}, got {_kind_of(value)} — see the example in {DOC}")
        return value

    def kind(self, value: Any, key: str, allowed: tuple[str, ...] = KINDS) -> str:
        kind = re.sub(r"[\s-]+", "_", str(value).strip().lower())
        if kind not in allowed:
            raise self.fail(key, f"{value!r} is not a kind — use one of {', '.join(allowed)}")
        return kind

    def mapping(self, doc: Any) -> Mapping:
        if not isinstance(doc, dict) or not doc:
            raise MappingError(self.file, None, "a mapping is a YAML object with some of the keys "
                                                f"{', '.join(KEYS)} ({DOC})")
        if unknown := [k for k in doc if k not in KEYS]:
            raise self.fail(unknown[0], f"unknown key — a mapping has the keys {', '.join(KEYS)}")
        out = Mapping(self.file)
        files = tuple((str(name), self.kind(kind, f"files.{name}", KIND_ORDER))
                      for name, kind in self.table(doc.get("files"), "files", "file name: kind").items())
        sheets = {norm_name(name): SKIP if str(kind).strip().lower() == SKIP else self.kind(kind, f"sheets.{name}")
                  for name, kind in self.table(doc.get("sheets"), "sheets", "sheet name: kind").items()}
        out.naming = Naming(files, sheets)
        for kind, columns in self.by_kind(doc, "columns", "vendor column: column").items():
            self.columns(out, kind, columns)
        for kind, columns in self.by_kind(doc, "ignore", "a list of vendor columns").items():
            names = columns if isinstance(columns, list) else [columns]
            if not all(isinstance(n, str) for n in names):
                raise self.fail(f"ignore.{kind}", "expected a list of column names, e.g. [Notes, Recruiter]")
            out.ignore[kind] = {norm_name(n) for n in names}
        for kind, filters in self.by_kind(doc, "rows", "column: value (or a list of values)").items():
            for column, wanted in self.table(filters, f"rows.{kind}", "column: value").items():
                wanted = wanted if isinstance(wanted, list) else [wanted]
                if not wanted or not all(isinstance(w, str) for w in wanted):
                    raise self.fail(f"rows.{kind}.{column}", "expected a value or a list of values to keep")
                key = out.columns.get(kind, {}).get(norm_name(column), norm_name(column))
                out.rows.setdefault(kind, {})[norm_name(key)] = {norm_name(w) for w in wanted}
                out.rows_as_written.setdefault(kind, {})[norm_name(key)] = f"{column}: {' or '.join(wanted)}"
        for kind, columns in self.by_kind(doc, "values", "column: {label: value}").items():
            for column, labels in self.table(columns, f"values.{kind}", "column: {label: value}").items():
                self.labels_of(out, kind, column, self.table(labels, f"values.{kind}.{column}", "label: value"))
        out.formats = self.formats(self.table(doc.get("formats"), "formats", "format: setting"))
        return out

    def by_kind(self, doc: dict, key: str, what: str) -> dict[str, Any]:
        out = {}
        for kind, value in self.table(doc.get(key), key, f"kind: {{{what}}}").items():
            out[self.kind(kind, f"{key}.{kind}")] = value
        return out

    def columns(self, out: Mapping, kind: str, columns: Any) -> None:
        schema = SCHEMAS[kind]
        for vendor, column in self.table(columns, f"columns.{kind}", "vendor column: column").items():
            key, target = f"columns.{kind}.{vendor}", str(column).strip().lower()
            if not target or (target not in schema.by_name and not schema.extra_columns):
                raise self.fail(key, f"{column!r} is not a column of {kind} — use one of {schema.header}")
            if target in out.spelled.get(kind, {}):
                raise self.fail(key, f"{out.spelled[kind][target]!r} already maps to {target} — map one vendor "
                                     f"column to each column, and list the other under ignore: {kind}:")
            if norm_name(vendor) in out.columns.get(kind, {}):
                raise self.fail(key, "the vendor column is mapped twice — keep one entry")
            out.columns.setdefault(kind, {})[norm_name(vendor)] = target
            out.spelled.setdefault(kind, {})[target] = str(vendor)

    def labels_of(self, out: Mapping, kind: str, column: str, labels: dict[str, Any]) -> None:
        schema, key = SCHEMAS[kind], f"values.{kind}.{column}"
        name = out.columns.get(kind, {}).get(norm_name(column), str(column).strip().lower())
        col = schema.by_name.get(name)
        if col is None and not schema.extra_columns:
            raise self.fail(key, f"{column!r} is not a column of {kind} nor a vendor column mapped under "
                                 f"columns: {kind}: — use one of {schema.header}")
        if not labels:
            raise self.fail(key, "no labels — write label: value pairs, e.g. {Passed: passed}")
        mapped: dict[str, str] = {}
        for label, value in labels.items():
            if not isinstance(value, str):
                raise self.fail(f"{key}.{label}", f"expected a value, got {_kind_of(value)}")
            if col is not None:
                try:
                    col.parse(value, True)
                except RowError as exc:
                    raise self.fail(f"{key}.{label}", exc.reason) from None
            if norm_name(label) in mapped:
                raise self.fail(f"{key}.{label}", "the label is listed twice (labels compare without case) — "
                                                  "keep one entry")
            mapped[norm_name(label)] = value
        out.values.setdefault(kind, {})[name] = mapped
        out.labels.setdefault(kind, {})[name] = [str(label) for label in labels]

    def formats(self, given: dict[str, Any]) -> Formats:
        known = tuple(Formats.__dataclass_fields__)
        if unknown := [k for k in given if k not in known]:
            raise self.fail(f"formats.{unknown[0]}", f"unknown format — declare one of {', '.join(known)}")
        dates = str(given.get("dates", "iso")).strip().lower()
        if dates not in DATE_ORDERS:
            raise self.fail("formats.dates", f"{dates!r} is not a date order — use one of {', '.join(DATE_ORDERS)}")
        sep = given.get("thousands_separator")
        if sep is not None and sep not in SEPARATORS:
            raise self.fail("formats.thousands_separator", f"{sep!r} is not a thousands separator — use one of "
                                                           '",", ".", " " or "\'" (quoted)')
        zone = given.get("timezone")
        if zone is not None:
            zone = {"z": "+00:00", "utc": "+00:00"}.get(str(zone).strip().lower(), str(zone).strip())
            if not re.fullmatch(r"[+-](0\d|1[0-4]):[0-5]\d", zone):
                raise self.fail("formats.timezone", f"{given['timezone']!r} is not a UTC offset — write it as "
                                                    '"+08:00" or "-05:00" (quoted), or UTC')
        return Formats(dates=dates, excel_serial_dates=self.flag(given, "excel_serial_dates"),
                       percent=self.flag(given, "percent"), thousands_separator=sep, timezone=zone)

    def flag(self, given: dict[str, Any], name: str) -> bool:
        value = str(given.get(name, "false")).strip().lower()
        if value not in ("true", "false", "yes", "no"):
            raise self.fail(f"formats.{name}", f"{value!r} is not true or false")
        return value in ("true", "yes")


def _kind_of(value: Any) -> str:
    return {dict: "an object", list: "a list"}.get(type(value), f"the text {value!r}")
