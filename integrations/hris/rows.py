"""Row schemas of the HRIS import: every column of every file kind, its type, and how a value is read.

docs/data-format.md documents the same columns (a test keeps the two in step). A value that cannot
be read raises `RowError` with a reason that says how to fix it; the importer adds file and row.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Callable

from candor.clock import as_utc
from candor.models import FailureCategory, Outcome

# Dependency order: a kind only refers to kinds before it.
KIND_ORDER = ("metrics", "roles", "candidates", "demographics", "interviews", "competency_scores", "failure_reasons",
              "employees", "performance")


class ImportFailed(Exception):
    """A file or row cannot be imported; nothing of the import was kept."""

    def __init__(self, file: str, reason: str, *, row: int | None = None, column: str | None = None,
                 section: str | None = None):
        self.file, self.row, self.column, self.reason, self.section = file, row, column, reason, section
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f" ({self.section})" if self.section else "")
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


class RowError(ValueError):
    """A value cannot be read; `reason` already says how to fix it."""

    def __init__(self, reason: str, column: str | None = None):
        super().__init__(reason)
        self.reason, self.column = reason, column


Parser = Callable[[Any, bool], Any]  # (raw value, read from a CSV?) -> value


def _shown(raw: Any) -> str:
    return repr(raw) if isinstance(raw, str) else str(raw)


def text(max_length: int | None = None) -> Parser:
    def parse(raw: Any, tabular: bool) -> str:
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise RowError(f"{_shown(raw)} is not text — write it as a JSON string")
        value = raw.strip() if isinstance(raw, str) else str(raw)
        if max_length is not None and len(value) > max_length:
            raise RowError(f"the value is {len(value)} characters long; the limit is {max_length} — shorten it")
        return value
    return parse


def number(lo: float | None = None, hi: float | None = None, hint: str = "") -> Parser:
    def parse(raw: Any, tabular: bool) -> float:
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise RowError(f"{_shown(raw)} is not a number — write a plain number such as 4.5")
        try:
            value = float(raw)
        except ValueError:
            raise RowError(f"{raw!r} is not a number — write a plain number such as 4.5 "
                           "(a dot for decimals; no units, % signs or thousands separators)") from None
        if not math.isfinite(value):
            raise RowError(f"{raw!r} is not a finite number — write a plain number such as 4.5")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            bounds = f"{lo:g}–{hi:g}" if lo is not None and hi is not None else f"at least {lo:g}"
            raise RowError(f"{value:g} is out of range {bounds}" + (f" — {hint}" if hint else ""))
        return value
    return parse


def integer(lo: int = 1) -> Parser:
    def parse(raw: Any, tabular: bool) -> int:
        try:
            value = float(raw) if not isinstance(raw, bool) else math.nan
        except (TypeError, ValueError):
            value = math.nan
        if not value.is_integer() or value < lo:
            raise RowError(f"{_shown(raw)} is not a whole number of {lo} or more — write e.g. {lo}")
        return int(value)
    return parse


_TRUE, _FALSE = {"true", "yes", "y", "1", "t"}, {"false", "no", "n", "0", "f"}


def boolean(raw: Any, tabular: bool) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise RowError(f"{_shown(raw)} is not true or false — write true or false (yes/no and 1/0 also work)")


def iso_date(raw: Any, tabular: bool) -> date:
    value = str(raw).strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            raise RowError(f"{_shown(raw)} is not an ISO 8601 date — write YYYY-MM-DD, e.g. 2026-10-03") from None


def iso_datetime(raw: Any, tabular: bool) -> datetime:
    try:
        return as_utc(datetime.fromisoformat(str(raw).strip()))
    except ValueError:
        raise RowError(f"{_shown(raw)} is not an ISO 8601 date-time — write e.g. 2026-10-03T09:30:00+08:00 "
                       "(without a zone the time is read as UTC)") from None


def month(raw: Any, tabular: bool) -> date:
    value = str(raw).strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        if 1 <= int(m[2]) <= 12:
            return date(int(m[1]), int(m[2]), 1)
    try:
        return iso_date(value, tabular).replace(day=1)
    except RowError:
        raise RowError(f"{_shown(raw)} is not a month — write YYYY-MM (e.g. 2026-10) or a date in that month") from None


def str_list(raw: Any, tabular: bool) -> list[str]:
    if tabular:
        return [part.strip() for part in str(raw).split(";") if part.strip()]
    if not isinstance(raw, list) or not all(isinstance(item, (str, int, float)) for item in raw):
        raise RowError(f"{_shown(raw)} is not a list — in JSON write an array of strings, e.g. [\"crm\", \"negotiation\"]")
    return [str(item).strip() for item in raw if str(item).strip()]


def choice(options: type[Enum] | tuple[str, ...], what: str) -> Parser:
    values = [o.value for o in options] if isinstance(options, type) else list(options)

    def parse(raw: Any, tabular: bool) -> Any:
        word = re.sub(r"[\s-]+", "_", str(raw).strip().lower())
        if word not in values:
            raise RowError(f"{_shown(raw)} is not {what} — use one of {', '.join(values)}")
        return options(word) if isinstance(options, type) else word
    return parse


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser
    required: bool = False
    empty: Any = None  # what an empty cell (or JSON null) means
    field: str | None = None  # the table attribute, where it differs from the column name

    @property
    def attr(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class Schema:
    kind: str
    columns: tuple[Column, ...]
    extra_columns: bool = False  # demographics keeps further self-reported columns in `extra`
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    @property
    def header(self) -> str:
        return ",".join(c.name for c in self.columns)


SCORE = number()  # on the role's score_scale or the row's `scale`; checked against it when written


def score_scale(raw: Any, tabular: bool) -> str:
    from candor.scales import ScaleError, scale_name

    try:
        return scale_name(text(16)(raw, tabular))
    except ScaleError as exc:
        raise RowError(str(exc)) from None

WEIGHT = number(0, 1, "a weight is a share of the total, e.g. 0.25 for 25 %")

SCHEMAS: dict[str, Schema] = {s.kind: s for s in (
    Schema("metrics", (
        Column("key", text(64), required=True),
        Column("name_en", text(200), required=True),
        Column("name_zh", text(200), empty=""),
        Column("higher_is_better", boolean, empty=True),
        Column("unit", text(32), empty=""),
    )),
    Schema("candidates", (
        Column("candidate_id", text(128), required=True, field="external_id"),
        Column("name", text(200), empty=""),
        Column("email", text(320), empty=""),
        Column("phone", text(64), empty=""),
        Column("language", choice(("en", "zh"), "a supported language"), empty="en"),
        Column("years_experience", number(0, 80, "years of work experience"), empty=0.0),
        Column("background_skills", str_list, empty=[]),
        Column("past_roles", str_list, empty=[]),
        Column("industries", str_list, empty=[]),
        Column("claims", str_list, empty=[]),
        Column("consent_face_analysis", boolean, empty=False),
        Column("consent_recorded_at", iso_datetime),
    )),
    Schema("demographics", (
        Column("candidate_id", text(128), required=True),
        Column("gender", text(32)),
        Column("age_band", text(32)),
        Column("education", text(64)),
    ), extra_columns=True),
    Schema("interviews", (
        Column("interview_id", text(128), required=True, field="external_id"),
        Column("candidate_id", text(128), required=True),
        Column("role", text(), required=True),
        Column("interviewed_at", iso_datetime, required=True),
        Column("outcome", choice(Outcome, "an outcome"), empty=Outcome.pending),
        Column("total_score", SCORE),
        Column("role_match", number(0, 1, "role_match is a share: write 0.75 for 75 %")),
        Column("decided_at", iso_datetime),
        Column("competency_model_version", integer(1)),
        Column("round", text(64)),
        Column("attempt", integer(1)),
        Column("scale", score_scale),
    )),
    Schema("competency_scores", (
        Column("interview_id", text(128), required=True),
        Column("competency", text(), required=True),
        Column("score", SCORE, required=True),
        Column("required", SCORE),
        Column("weight", WEIGHT),
        Column("evidence", str_list, empty=[]),
        Column("scorer", text(64), empty="import"),
        Column("scale", score_scale),
    )),
    Schema("failure_reasons", (
        Column("interview_id", text(128), required=True),
        Column("category", choice(FailureCategory, "a failure category"), required=True),
        Column("competency", text()),
        Column("score", SCORE),
        Column("required", SCORE),
        Column("detail", text(), empty=""),
        Column("scale", score_scale),
    )),
    Schema("employees", (
        Column("employee_id", text(128), required=True, field="external_id"),
        Column("candidate_id", text(128), required=True),
        Column("role", text()),
        Column("interview_id", text(128)),
        Column("hired_at", iso_date, required=True),
        Column("left_at", iso_date),
        Column("hired_by_override", boolean),
        Column("override_note", text(2000), empty=""),
    )),
    Schema("performance", (
        Column("employee_id", text(128), required=True),
        Column("month", month, required=True),
        Column("metric", text(64), required=True),
        Column("value", number(), required=True),
    )),
)}


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_row(schema: Schema, raw: dict[str, Any], tabular: bool) -> dict[str, Any]:
    """Read the provided columns of one row; absent columns stay absent (an update leaves them alone)."""
    values: dict[str, Any] = {}
    extra: dict[str, str] | None = None
    for name, cell in raw.items():
        col = schema.by_name.get(name)
        if col is None:  # only schemas with extra_columns get here
            extra = extra if extra is not None else {}
            if not is_empty(cell):
                extra[name] = str(cell).strip()[:200]
            continue
        if is_empty(cell):
            if col.required:
                raise RowError(f"a value is required — fill in {name}", name)
            values[name] = list(col.empty) if isinstance(col.empty, list) else col.empty
            continue
        try:
            values[name] = col.parse(cell, tabular)
        except RowError as exc:
            exc.column = name
            raise
    for col in schema.columns:
        if col.required and col.name not in values:
            raise RowError(f"a value is required — add {col.name} to every row", col.name)
    if extra is not None:
        values["extra"] = extra
    return values


def unknown_columns(schema: Schema, names: list[str]) -> list[str]:
    return [] if schema.extra_columns else [n for n in names if n not in schema.by_name]
