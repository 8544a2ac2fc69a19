"""Shared fixtures: real SQLite files and a real, throw-away PostgreSQL database per test run."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from assistant.db import get_engine
from assistant.migrate import upgrade

# The fixed clock every test shares, so "the last 3 months" is stable.
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)
PG_ADMIN_URL = os.environ.get("CANDOR_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def pg_server_url():
    """A fresh PostgreSQL database for this test run, dropped afterwards."""
    name = f"candor_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - only when the server is missing
        pytest.fail(f"PostgreSQL is needed for these tests ({PG_ADMIN_URL}): {exc}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    get_engine.cache_clear()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
