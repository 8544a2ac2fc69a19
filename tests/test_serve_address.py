"""`serve --port N` in one terminal, `candidate-link` in another: the link points at port N, not 8000."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "DATABASE_URL", "SLACK_", "OPENAI_"))}
    return {**env, "CANDOR_DATA_DIR": str(tmp_path / "data"), "CANDOR_ENV": "test", "CANDOR_WORKER": "false"}


def _app(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.slow
def test_candidate_link_uses_the_port_serve_was_started_on(tmp_path):
    env = _env(tmp_path)
    assert _app(env, "seed", "--candidates", "10").returncode == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "app.py", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
                time.sleep(0.3)
        link = _app(env, "candidate-link", "C000002")
        assert link.returncode == 0, link.stderr
        assert link.stdout.startswith(f"http://127.0.0.1:{port}/c/"), link.stdout
        pinned = _app({**env, "CANDOR_PUBLIC_BASE_URL": "https://careers.example.com"}, "candidate-link", "C000002")
        assert pinned.stdout.startswith("https://careers.example.com/c/"), pinned.stdout  # the setting wins
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    after = _app(env, "candidate-link", "C000002")
    assert after.stdout.startswith("http://127.0.0.1:8000/c/"), after.stdout  # no server: CANDOR_HOST:CANDOR_PORT
