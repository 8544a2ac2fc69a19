"""Engine and sessions. SQLite by default, PostgreSQL (or anything SQLAlchemy speaks) by DATABASE_URL."""

from __future__ import annotations

import json
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine


def normalise_url(url: str) -> str:
    # Accept the usual postgres:// spellings and use psycopg 3, the driver we install.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    """One engine per database URL and process, pooled and bounded by `DatabaseSettings` (CANDOR_DB_*)."""
    from candor.settings import DatabaseSettings

    url = normalise_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    limits = DatabaseSettings()
    # Chinese text stays readable (and a third of the size) in JSON columns.
    kwargs: dict = {"json_serializer": lambda value: json.dumps(value, ensure_ascii=False)}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": limits.db_lock_timeout_s}
    else:
        kwargs["pool_pre_ping"] = True
        if limits.db_statement_timeout_s and url.startswith("postgresql"):
            kwargs["connect_args"] = {"options": f"-c statement_timeout={int(limits.db_statement_timeout_s * 1000)}"}
    if ":memory:" not in url:
        kwargs.update(pool_size=limits.db_pool_size, max_overflow=limits.db_max_overflow,
                      pool_timeout=limits.db_pool_timeout_s)
    _install_write_hooks()  # every session of every engine keeps the statistics rollup in step
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _install_write_hooks() -> None:
    from candor.rollup import install_hooks

    install_hooks()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers (web, worker) never block the writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
