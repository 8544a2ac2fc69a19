"""Where a running `serve` listens, so that commands in another terminal (`candidate-link`) link to it.

`serve --port 8080` writes CANDOR_DATA_DIR/serve.json with its address and process id; it counts while
that process lives and the address answers (uvicorn ends the process on SIGTERM without unwinding, so
the file may outlive it). CANDOR_PUBLIC_BASE_URL, when set, always wins over it.
"""

from __future__ import annotations

import json
import os
import socket
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


def _record(settings) -> Path:
    return Path(settings.data_dir) / "serve.json"


@contextmanager
def serving_at(settings, host: str, port: int):
    """Records the address for as long as the block runs (the server)."""
    # A wildcard bind is reachable on this machine at the loopback address.
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    record = _record(settings)
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"url": f"http://{shown}:{port}", "pid": os.getpid()}))
    except OSError:  # a read-only data folder: links fall back to CANDOR_HOST:CANDOR_PORT
        record = None
    try:
        yield
    finally:
        if record is not None:
            record.unlink(missing_ok=True)


def running_server_url(settings) -> str | None:
    """The address of a `serve` that is still running on this data folder, else None."""
    try:
        data = json.loads(_record(settings).read_text())
        os.kill(int(data["pid"]), 0)
        address = urlsplit(str(data["url"]))
        with socket.create_connection((address.hostname, address.port), timeout=0.5):
            pass
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(data["url"])
