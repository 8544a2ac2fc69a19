"""Several Candor processes on one PostgreSQL and one Chroma server, as docs/deploy.md lays them out:
`serve` processes (the API), `worker` processes (background jobs) and a `chroma run` server, each a real
subprocess with its own data folder, as if on its own host. Used by tests/test_multi_process.py and
bench/jobs_throughput.py.

    with Cluster(pg_url, tmp_path) as cluster:
        cluster.start_chroma(); cluster.index()
        api = cluster.serve("api-1"); cluster.worker("worker-1")
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.live_server import free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "cluster-staff-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Cluster:
    def __init__(self, database_url: str, folder: Path, **env: str):
        self.folder, self.procs, self.logs = Path(folder), {}, {}
        self.env = {**os.environ, "DATABASE_URL": database_url, "CANDOR_ENV": "test", "PYTHONUNBUFFERED": "1",
                    "CANDOR_STAFF_TOKENS": json.dumps({TOKEN: {"id": "ops", "audience": "hr_manager"}}),
                    "CANDOR_WORKER_POLL_S": "0.2", "CANDOR_LOG_LEVEL": "warning", **env}
        self.env.pop("CHROMA_HOST", None)

    # --- processes ---------------------------------------------------------------------------------
    def _start(self, name: str, args: list[str], **env: str) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")
        data = self.folder / name  # each process on its own "host": its own data folder
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                env={**self.env, "CANDOR_DATA_DIR": str(data), **env})
        self.procs[name], self.logs[name] = proc, self.folder / f"{name}.log"
        return proc

    def start_chroma(self) -> int:
        """`chroma run` (the CLI the chromadb package installs) on a free port; later processes use it."""
        port = free_port()
        chroma = str(Path(sys.executable).parent / "chroma")
        log = open(self.folder / "chroma.log", "wb")
        self.procs["chroma"] = subprocess.Popen([chroma, "run", "--path", str(self.folder / "chroma"), "--host",
                                                 "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        self.logs["chroma"] = self.folder / "chroma.log"
        self.env.update(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port))
        self._wait(f"http://127.0.0.1:{port}/api/v2/heartbeat", "chroma")
        return port

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """A one-off command (db upgrade, index…) against the shared database and Chroma server."""
        done = subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, capture_output=True, text=True,
                              env={**self.env, "CANDOR_DATA_DIR": str(self.folder / "admin")}, timeout=timeout)
        if done.returncode:
            raise RuntimeError(f"app.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def serve(self, name: str, **env: str) -> str:
        port = free_port()
        self._start(name, ["app.py", "serve", "--host", "127.0.0.1", "--port", str(port)],
                    CANDOR_WORKER="false", **env)
        base = f"http://127.0.0.1:{port}"
        self._wait(f"{base}/healthz", name)
        return base

    def worker(self, name: str, **env: str) -> subprocess.Popen:
        return self._start(name, ["app.py", "worker"], **env)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs[name]
        proc.send_signal(sig)
        proc.wait(30)

    def _wait(self, url: str, name: str, seconds: float = 60) -> None:
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.procs[name].poll() is not None:
                raise RuntimeError(f"{name} exited with {self.procs[name].returncode}:\n{self.log(name)}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{name} did not answer {url} within {seconds:g} s:\n{self.log(name)}")

    def log(self, name: str) -> str:
        return self.logs[name].read_text("utf-8", "replace")[-4000:] if name in self.logs else ""

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()
