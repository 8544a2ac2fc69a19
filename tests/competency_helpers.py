"""Helpers for the competency-insight tests: tool deps, and fresh seeded SQLite copies for tests that write."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from candor.db import get_engine
from candor.principal import Principal
from tests.conftest import NOW
from tools.base import ToolDeps


def deps_for(session: Session, audience: str = "hr_manager", now: datetime = NOW) -> ToolDeps:
    return ToolDeps(session=session, principal=Principal(id=f"test-{audience}", audience=audience), now=now)


def seed_template(directory: Path) -> Path:
    """Seed the demo company once into `directory` and fold the WAL into the file, ready to copy."""
    from candor.migrate import upgrade
    from demo.seed import seed_demo

    path = directory / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    seed_demo(url, now=NOW, seed=7, candidates=3000)
    engine = get_engine(url)
    with engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    return path


def fresh_copy(template: Path, directory: Path) -> str:
    """A private copy of the seeded database: a test may write to it freely."""
    target = directory / "candor.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"
