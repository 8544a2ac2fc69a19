"""The SQL behind failure statistics: one aggregate over the `failure_daily` rollup.

The rollup holds, per role and day, outcome counts, failed interviews per reason category and per
competency gap (see assistant/rollup.py), so a question reads a few thousand rows whatever the
number of interviews. The statement is built once and reused with bound parameters.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache

from sqlalchemy import bindparam, extract, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from candor.models import FailureDaily


@lru_cache(maxsize=2)
def monthly_cells(one_role: bool) -> Select:
    year, month = extract("year", FailureDaily.day), extract("month", FailureDaily.day)
    where = [FailureDaily.day >= bindparam("start"), FailureDaily.day <= bindparam("end")]
    if one_role:
        where.append(FailureDaily.role_id == bindparam("role_id"))
    return (select(FailureDaily.role_id, year, month, FailureDaily.dim, FailureDaily.key,
                   func.sum(FailureDaily.n), func.sum(FailureDaily.gap_sum), func.sum(FailureDaily.gap_count))
            .where(*where).group_by(FailureDaily.role_id, year, month, FailureDaily.dim, FailureDaily.key))


class Cells:
    """Rollup sums for a period: per (dim, key), the values by (role id, "YYYY-MM")."""

    def __init__(self) -> None:
        self.n: dict[tuple[str, str], dict[tuple[int, str], int]] = defaultdict(lambda: defaultdict(int))
        self.gap_sum: dict[str, float] = defaultdict(float)
        self.gap_count: dict[str, int] = defaultdict(int)

    def total(self, dim: str, key: str, *, role: int | None = None, month: str | None = None) -> int:
        return sum(v for (r, m), v in self.n.get((dim, key), {}).items()
                   if (role is None or r == role) and (month is None or m == month))

    def keys(self, dim: str) -> set[str]:
        return {k for (d, k) in self.n if d == dim}

    def roles(self) -> set[int]:
        return {r for cells in self.n.values() for (r, _) in cells}

    def gap(self, key: str) -> tuple[float, int]:
        return self.gap_sum[key], self.gap_count[key]


def read_cells(conn: Connection, start: date, end: date, role_id: int | None) -> Cells:
    params = {"start": start, "end": end}
    if role_id is not None:
        params["role_id"] = role_id
    cells = Cells()
    for role, year, month, dim, key, n, gap_sum, gap_count in conn.execute(monthly_cells(role_id is not None), params):
        cells.n[(dim, key)][(int(role), f"{int(year):04d}-{int(month):02d}")] += int(n or 0)
        if dim == "gap":
            cells.gap_sum[key] += float(gap_sum or 0)
            cells.gap_count[key] += int(gap_count or 0)
    return cells
