"""Memory under oversized bodies: the server's RSS before, during and after 20 parallel unauthenticated
100 MB requests to POST /api/chat, once with Content-Length declared and once streamed (chunked).

The body limit (CANDOR_BODY_MAX_KB) refuses a declared body before reading it and a streamed one as
soon as it passes the limit, so the server's memory must stay flat. The baseline is the RSS after 20
ordinary small requests in the same run; the growth is reported against it.

    python bench/edge_memory.py [--requests 20] [--mb 100]
Target (the reliability issue): RSS flat (growth under 10 % of the 2 GB those bodies add up to).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from bench.chat_load import seed, start_server  # noqa: E402

CHUNK = b"x" * (1024 * 1024)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def flood(base: str, requests: int, mb: int, chunked: bool) -> list[str]:
    def body():
        for _ in range(mb):
            yield CHUNK

    def one(_):
        try:
            if chunked:
                r = httpx.post(f"{base}/api/chat", content=body(), timeout=120,
                               headers={"Content-Type": "application/json"})
            else:  # declared: the size is in Content-Length
                r = httpx.post(f"{base}/api/chat", content=_Sized(mb), timeout=120,
                               headers={"Content-Type": "application/json", "Content-Length": str(mb * len(CHUNK))})
            return str(r.status_code)
        except httpx.HTTPError as exc:  # the server closed the connection after its 413
            return type(exc).__name__

    with ThreadPoolExecutor(max_workers=requests) as pool:
        return list(pool.map(one, range(requests)))


class _Sized:
    """A body of `mb` megabytes produced as it is sent (this process must not hold 2 GB either)."""

    def __init__(self, mb: int):
        self.mb = mb

    def __iter__(self):
        for _ in range(self.mb):
            yield CHUNK


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--mb", type=int, default=100)
    args = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='candor-edge-mem-')) / 'candor.db'}"
    print("seeding the demo company …", flush=True)
    seed(url)
    proc, base = start_server(url, 0)
    try:
        for _ in range(args.requests):
            httpx.post(f"{base}/api/chat", json={"message": "hi"}, timeout=30)  # unauthenticated: 401
        baseline = rss_mb(proc.pid)
        print(f"\nserver RSS after {args.requests} small requests (baseline): {baseline:.0f} MB")
        print(f"{'body':9} {'answers':24} {'peak MB':>8} {'after MB':>9} {'growth':>8} {'seconds':>8}")
        worst = 0.0
        for chunked in (False, True):
            peak, done = [baseline], threading.Event()

            def watch():
                while not done.is_set():
                    peak.append(rss_mb(proc.pid))
                    time.sleep(0.05)

            watcher = threading.Thread(target=watch)
            watcher.start()
            started = time.monotonic()
            codes = flood(base, args.requests, args.mb, chunked)
            took = time.monotonic() - started
            done.set()
            watcher.join()
            after = rss_mb(proc.pid)
            growth = max(peak) - baseline
            worst = max(worst, growth)
            summary = ", ".join(f"{codes.count(c)}×{c}" for c in sorted(set(codes)))
            print(f"{'chunked' if chunked else 'declared':9} {summary:24} {max(peak):8.0f} {after:9.0f} "
                  f"{growth:+7.0f}M {took:8.1f}")
    finally:
        proc.terminate()
        proc.wait(30)
    limit = 0.1 * args.requests * args.mb
    print(f"\ntarget: growth under {limit:.0f} MB (10 % of the bodies' total):", "met" if worst < limit else "missed")
    return 0 if worst < limit else 1


if __name__ == "__main__":
    sys.exit(main())
