"""The command line as a user runs it: a real process, real database, real output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW

ROOT = Path(__file__).resolve().parent.parent


def run(*args, url: str, stdin: str | None = None, python_flags: bool = False, **env):
    """Run `python app.py ARGS` (or, with python_flags, `python ARGS` where ARGS name app.py themselves)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "OPENAI_"))}
    environment.update(DATABASE_URL=url, CANDOR_NOW=NOW.isoformat(), CANDOR_ENV="test", **env)
    command = [sys.executable, *args] if python_flags else [sys.executable, "app.py", *args]
    return subprocess.run(command, cwd=ROOT, env=environment, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_ask_prints_the_answer(seeded_sqlite_url):
    out = run("ask", "What is the AI interview failure rate for Marketing Planner over the last 3 months?",
              url=seeded_sqlite_url)
    assert out.returncode == 0, out.stderr
    assert "Marketing Planner" in out.stdout and "%" in out.stdout and "event execution" in out.stdout


def test_ask_json_shows_tool_calls(seeded_sqlite_url):
    out = run("ask", "市场策划近3个月的AI面试失败率是多少？主要原因是什么？", "--json", url=seeded_sqlite_url)
    assert out.returncode == 0, out.stderr
    turn = json.loads(out.stdout)
    call = turn["tool_calls"][0]
    assert call["tool"] == "failure_stats" and call["arguments"]["role"] == "marketing_planner"
    assert f"{call['result']['failure_rate']}%" in turn["answer"]


def test_chat_keeps_context_across_turns(seeded_sqlite_url):
    out = run("chat", url=seeded_sqlite_url,
              stdin="What is the failure rate for Marketing Planner over the last 3 months?\n"
                    "And for Sales Manager?\n那生产主管呢？\nexit\n")
    assert out.returncode == 0, out.stderr
    answers = out.stdout.split("candor> ")[1:]
    assert len(answers) == 3
    assert "Marketing Planner" in answers[0] and "Sales Manager" in answers[1] and "生产主管" in answers[2]
    assert "resume with: python app.py chat -c" in out.stdout


def test_empty_question_exits_2_with_a_message(seeded_sqlite_url):
    out = run("ask", "  ", url=seeded_sqlite_url)
    assert out.returncode == 2 and "empty" in out.stderr


def test_openai_without_key_fails_fast(seeded_sqlite_url):
    out = run("ask", "Failure rate for Sales Manager?", url=seeded_sqlite_url, CANDOR_PROVIDER="openai")
    assert out.returncode == 2 and "OPENAI_API_KEY" in out.stderr


def test_bad_settings_name_the_variable(tmp_path):
    out = run("ask", "hi", url=f"sqlite:///{tmp_path}/x.db", CANDOR_PROVIDER="gpt")
    assert out.returncode == 2 and "CANDOR_PROVIDER" in out.stderr


def test_db_upgrade_and_seed_if_empty(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    up = run("db", "upgrade", url=url)
    from alembic.script import ScriptDirectory

    from candor.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert up.returncode == 0 and f"Database at revision {head}" in up.stdout
    first = run("seed", "--candidates", "200", "--if-empty", url=url)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout.split("Seeded the demo company: ", 1)[1])["interviews"] >= 200
    again = run("seed", "--candidates", "200", "--if-empty", url=url)
    assert again.returncode == 0 and "not seeding" in again.stdout
    refused = run("seed", "--candidates", "200", url=url)
    assert refused.returncode == 2 and "already holds" in refused.stderr


def test_a_statistics_question_imports_no_heavy_library(seeded_sqlite_url):
    """`ask` on a statistics question must start fast: no numeric, ML, chart, web or vendor libraries."""
    out = run("-X", "importtime", "app.py", "ask", "What is the failure rate for Sales Manager?", url=seeded_sqlite_url,
              python_flags=True)
    assert out.returncode == 0, out.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    heavy = {"numpy", "scipy", "sklearn", "matplotlib", "torch", "chromadb", "pandas", "slack_bolt", "fastapi",
             "uvicorn", "langchain_openai", "openai", "sentence_transformers", "jieba", "rank_bm25"}
    assert imported & heavy == set()


@pytest.mark.parametrize("args", [("ask", "failure rate for Sales Manager"), ("db", "upgrade")])
def test_an_unreachable_database_is_one_clear_line(args):
    out = run(*args, url="postgresql://candor:s3cret@127.0.0.1:9/candor")
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot use the database" in lines[0] and "DATABASE_URL" in lines[0]
    assert "s3cret" not in lines[0]  # the password is never printed
