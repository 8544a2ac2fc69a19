"""The migrations build exactly the schema the models describe, and upgrade databases that hold rows."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import candor.models  # noqa: F401  (registers every table on SQLModel.metadata)
from candor.db import get_engine
from candor.migrate import upgrade


def _schema_diff(url: str) -> list:
    with get_engine(url).connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        return [d for d in compare_metadata(ctx, SQLModel.metadata)
                if not (isinstance(d, tuple) and d[0] == "remove_table" and d[1].name == "alembic_version")]


def test_migrations_match_the_models(db_url):
    assert _schema_diff(db_url) == [], "run `alembic revision --autogenerate` (or edit the newest migration)"


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_upgrade_keeps_rows_written_before_scoring_columns(kind, tmp_path, request):
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("pg_databases")()
    upgrade(url, "0003")
    now = datetime(2026, 1, 5, tzinfo=timezone.utc)
    with get_engine(url).begin() as conn:
        conn.execute(text("INSERT INTO role (id, key, name_en, name_zh, pass_mark, min_role_match, aliases, "
                          "required_skills) VALUES (1, 'r', 'R', '岗', 70, 0.5, '[]', '[]')"))
        conn.execute(text("INSERT INTO candidate (id, external_id, language, years_experience, consent_face_analysis, "
                          "name, email, phone, background_skills, past_roles, industries, claims, created_at) "
                          "VALUES (1, 'C1', 'en', 1, false, '', '', '', '[]', '[]', '[]', '[]', :now)"), {"now": now})
        conn.execute(text("INSERT INTO interview (id, external_id, candidate_id, role_id, interviewed_at, outcome, "
                          "created_at) VALUES (1, 'I1', 1, 1, :now, 'failed', :now)"), {"now": now})
        conn.execute(text("INSERT INTO answer (id, interview_id, question_text, transcript, speech_features) "
                          "VALUES (1, 1, 'q', 't', '{}')"))
        conn.execute(text("INSERT INTO job (id, kind, status, payload, error, attempts, created_at, updated_at) "
                          "VALUES (1, 'k', 'queued', '{}', '', 0, :now, :now)"), {"now": now})
    upgrade(url)
    with get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT transcript FROM answer WHERE id = 1")).scalar_one() == "t"
        assert conn.execute(text("SELECT progress FROM job WHERE id = 1")).scalar_one() == 0
        scoring = conn.execute(text("SELECT scoring FROM interview WHERE id = 1")).scalar_one()
        assert scoring in ({}, "{}")
    get_engine(url).dispose()
