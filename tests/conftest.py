"""Shared fixtures: real SQLite files and a real, throw-away PostgreSQL database per test run."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from candor.db import get_engine
from candor.migrate import upgrade

# The fixed clock every test shares, so "the last 3 months" is stable.
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)
PG_ADMIN_URL = os.environ.get("CANDOR_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def pg_databases():
    """Creates throw-away PostgreSQL databases on demand; drops them all after the run."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def new_database() -> str:
        name = f"candor_test_{uuid.uuid4().hex[:10]}"
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # pragma: no cover - only when the server is missing
            pytest.fail(f"PostgreSQL is needed for these tests ({PG_ADMIN_URL}): {exc}")
        created.append(name)
        return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    yield new_database
    get_engine.cache_clear()
    with admin.connect() as conn:
        for name in created:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_server_url(pg_databases):
    """An empty PostgreSQL database shared by the tests that reset it before use."""
    return pg_databases()


def _reset_postgres(url: str) -> None:
    engine = get_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty, migrated database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'candor.db'}"
    else:
        url = request.getfixturevalue("pg_server_url")
        _reset_postgres(url)
    upgrade(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'candor.db'}"
    upgrade(url)
    return url


@pytest.fixture
def session(sqlite_url):
    with Session(get_engine(sqlite_url), expire_on_commit=False) as s:
        yield s


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch):
    """Nothing in the suite may read a real person's settings or reach a real model."""
    for name in list(os.environ):
        if name.startswith(("CANDOR_", "OPENAI_", "SLACK_")) or name == "DATABASE_URL":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CANDOR_ENV", "test")


def make_settings(url: str, **extra):
    from candor.settings import load_settings

    return load_settings(**{"_env_file": None, "DATABASE_URL": url, "CANDOR_NOW": NOW, "CANDOR_ENV": "test", **extra})


def copy_sqlite(url: str, target) -> str:
    """A private copy of a live SQLite database, through SQLite's backup API.

    Never copy the file with shutil: it misses pages still in the WAL, and closing the copy's file
    descriptor drops every POSIX lock this process holds on that database, so another process may take
    itself for the last user and delete the WAL under our open connections ("disk I/O error")."""
    import sqlite3

    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return f"sqlite:///{target}"


def _seeded(url: str) -> str:
    from demo.seed import seed_demo

    upgrade(url)
    seed_demo(url, now=NOW, seed=7, candidates=3000)
    return url


@pytest.fixture(scope="session")
def seeded_sqlite_url(tmp_path_factory):
    """The default demo company in SQLite, seeded once per run (tests add conversations, never rows)."""
    return _seeded(f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'candor.db'}")


@pytest.fixture(scope="session")
def seeded_pg_url(pg_databases):
    return _seeded(pg_databases())


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded_url(request):
    return request.getfixturevalue("seeded_sqlite_url" if request.param == "sqlite" else "seeded_pg_url")


@pytest.fixture(scope="module")
def demo(request):
    """The eval runners' demo company: copies of the seeded SQLite database, one per suite run."""
    from pathlib import Path

    from evals.runner import DemoData

    url = request.getfixturevalue("seeded_sqlite_url")
    data = DemoData(source=Path(url[len("sqlite:///"):]))
    yield data
    data.close()


def write_suite(tmp_path, text: str, name: str = "suite.yaml"):
    """An eval suite written into tmp_path, to load and run."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
