"""The SQL behind failure statistics (tools/shared/failure_queries.py) on a few hand-written rollup rows in a
freshly migrated SQLite database: the period is inclusive, rows add up per role and month, a role filter
keeps one role, and the gap sums add up per competency."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert

from candor.db import get_engine
from candor.migrate import upgrade
from candor.models import FailureDaily, Role
from tools.shared.failure_queries import Cells, read_cells

PLANNER, SALES = 1, 2
ROWS = [  # day, role, dim, key, n, gap_sum, gap_count
    ("2026-07-31", PLANNER, "outcome", "failed", 50, 0, 0),  # the day before the period
    ("2026-08-01", PLANNER, "outcome", "failed", 3, 0, 0),  # its first day
    ("2026-08-20", PLANNER, "outcome", "failed", 2, 0, 0),
    ("2026-08-05", PLANNER, "outcome", "passed", 4, 0, 0),
    ("2026-08-06", PLANNER, "outcome", "under_review", 0, 0, 0),
    ("2026-09-01", PLANNER, "outcome", "failed", 1, 0, 0),
    ("2026-09-30", SALES, "outcome", "failed", 7, 0, 0),  # its last day
    ("2026-10-01", PLANNER, "outcome", "failed", 100, 0, 0),  # the day after
    ("2026-08-01", PLANNER, "category", "competency_gap", 2, 0, 0),
    ("2026-08-03", PLANNER, "gap", "17", 2, 9.5, 3),
    ("2026-08-04", PLANNER, "gap", "17", 1, 2.0, 1),
    ("2026-09-10", SALES, "gap", "17", 1, 4.0, 1),
    ("2026-09-11", PLANNER, "gap", "18", 1, 0.0, 1),  # a reason right at the minimum: no points below
    ("2025-12-31", SALES, "outcome", "passed", 6, 0, 0),
    ("2026-01-02", SALES, "outcome", "passed", 8, 0, 0),
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('failure-queries') / 'candor.db'}"
    upgrade(url)
    engine = get_engine(url)
    with engine.begin() as c:
        c.execute(insert(Role), [
            {"id": PLANNER, "key": "marketing_planner", "name_en": "Marketing Planner", "name_zh": "市场策划",
             "aliases": [], "required_skills": [], "metrics": []},
            {"id": SALES, "key": "sales_manager", "name_en": "Sales Manager", "name_zh": "销售经理",
             "aliases": [], "required_skills": [], "metrics": []}])
        c.execute(insert(FailureDaily), [
            {"day": date.fromisoformat(day), "role_id": role, "dim": dim, "key": key, "n": n, "gap_sum": gap_sum,
             "gap_count": gap_count} for day, role, dim, key, n, gap_sum, gap_count in ROWS])
    with engine.connect() as c:
        yield c
    engine.dispose()


def test_rows_in_the_period_add_up_per_role_and_month(conn):
    cells = read_cells(conn, date(2026, 8, 1), date(2026, 9, 30), None)
    assert dict(cells.n[("outcome", "failed")]) == {(PLANNER, "2026-08"): 5, (PLANNER, "2026-09"): 1,
                                                     (SALES, "2026-09"): 7}
    assert dict(cells.n[("outcome", "passed")]) == {(PLANNER, "2026-08"): 4}
    assert dict(cells.n[("outcome", "under_review")]) == {(PLANNER, "2026-08"): 0}
    assert dict(cells.n[("category", "competency_gap")]) == {(PLANNER, "2026-08"): 2}
    assert cells.roles() == {PLANNER, SALES}
    assert cells.keys("outcome") == {"failed", "passed", "under_review"} and cells.keys("gap") == {"17", "18"}


def test_gap_sums_add_up_per_competency_over_roles_and_months(conn):
    cells = read_cells(conn, date(2026, 8, 1), date(2026, 9, 30), None)
    assert cells.gap("17") == (15.5, 5)  # 9.5 + 2.0 + 4.0 points below the minimum, over 3 + 1 + 1 reasons
    assert cells.gap("18") == (0.0, 1)
    assert cells.gap("99") == (0.0, 0)  # a competency nobody failed on
    assert cells.n[("gap", "17")][(PLANNER, "2026-08")] == 3


def test_a_role_filter_keeps_that_role_only(conn):
    cells = read_cells(conn, date(2026, 8, 1), date(2026, 9, 30), PLANNER)
    assert cells.roles() == {PLANNER}
    assert cells.total("outcome", "failed") == 6
    assert cells.gap("17") == (11.5, 4)
    sales = read_cells(conn, date(2026, 8, 1), date(2026, 9, 30), SALES)
    assert sales.total("outcome", "failed") == 7 and sales.keys("outcome") == {"failed"}


def test_months_across_a_new_year_are_zero_padded(conn):
    cells = read_cells(conn, date(2025, 12, 1), date(2026, 1, 31), None)
    assert dict(cells.n[("outcome", "passed")]) == {(SALES, "2025-12"): 6, (SALES, "2026-01"): 8}
    assert read_cells(conn, date(2025, 12, 1), date(2025, 12, 31), SALES).total("outcome", "passed") == 6


def test_an_empty_period_reads_nothing(conn):
    cells = read_cells(conn, date(2027, 1, 1), date(2027, 3, 31), None)
    assert cells.roles() == set() and cells.keys("outcome") == set()
    assert cells.total("outcome", "failed") == 0 and cells.gap("17") == (0.0, 0)


def test_totals_filter_by_role_and_month():
    cells = Cells()
    cells.n[("outcome", "failed")].update({(1, "2026-08"): 5, (1, "2026-09"): 1, (2, "2026-09"): 7})
    cells.n[("outcome", "passed")].update({(2, "2026-08"): 4})
    assert cells.total("outcome", "failed") == 13
    assert cells.total("outcome", "failed", role=1) == 6
    assert cells.total("outcome", "failed", month="2026-09") == 8
    assert cells.total("outcome", "failed", role=1, month="2026-09") == 1
    assert cells.total("outcome", "failed", role=2, month="2026-08") == 0
    assert cells.total("outcome", "under_review") == 0  # a key with no cells
    assert cells.total("gap", "failed") == 0  # a key of another dimension
    assert cells.keys("outcome") == {"failed", "passed"} and cells.keys("gap") == set()
    assert cells.roles() == {1, 2}
