"""Load test: Slack users at scale. Fires N signed app_mention events over S seconds at POST /slack/events.

Candor runs as its own uvicorn process (the FastAPI app with Slack mounted) on a seeded SQLite demo
company; this process plays Slack: it sends the signed events on a fixed schedule over loopback and
serves the stand-in Web API the answers are posted to. It prints the ack latency (p50/p95/max), how many
events were answered, none lost, and the time from the first event to the last answer.

    python bench/slack_load.py                  # 200 events in 10 s
    python bench/slack_load.py --events 400 --seconds 10 --workers 2
Targets (the Slack issue): every event acknowledged under 3 s and answered, none lost.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from tests.fake_slack import FakeSlack, app_mention, event_callback, signed_headers  # noqa: E402
from tests.live_server import free_port  # noqa: E402

NOW = datetime(2026, 11, 15, 12, tzinfo=timezone.utc)
SECRET = "bench-signing-secret-0123456789abcdef"
TOKEN = "xoxb-bench-0000000000-0000000000-benchbenchbenchbench"
USERS = {f"U0BENCH{i:04d}": {"id": f"bench-{i}", "audience": "hr_manager" if i % 3 else "recruiter"}
         for i in range(50)}
QUESTIONS = ["What is the AI interview failure rate for Marketing Planner over the last 3 months?",
             "市场策划近3个月的AI面试失败率是多少？主要原因是什么？",
             "Which roles have the highest failure rate this quarter?",
             "Failure rate for Field Technician since March?",
             "销售经理今年的谈判能力失败情况",
             "Job match failures for Mechanical Design in the last 6 months"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def seed(db_url: str) -> None:
    from candor.migrate import upgrade
    from demo.seed import seed_demo

    upgrade(db_url)
    seed_demo(db_url, now=NOW, seed=7, candidates=3000)


def start_candor(db_url: str, api_url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "SLACK_", "OPENAI_"))},
           "DATABASE_URL": db_url, "CANDOR_ENV": "test", "CANDOR_NOW": NOW.isoformat(),
           "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "CANDOR_SLACK_API_URL": api_url,
           "CANDOR_SLACK_USERS": json.dumps(USERS), "CANDOR_SLACK_WORKERS": str(workers)}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "integrations.web.app:create_app", "--factory",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, cwd=Path(__file__).resolve().parent.parent)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("Candor did not start within 60 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4, help="CANDOR_SLACK_WORKERS for the server")
    parser.add_argument("--db", help="an already seeded database URL (default: seed a fresh SQLite file)")
    parser.add_argument("--answer-timeout", type=float, default=180.0)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="candor-slack-load-")
    db_url = args.db or f"sqlite:///{tmp.name}/candor.db"
    if not args.db:
        print("seeding the demo company …", flush=True)
        seed(db_url)
    with FakeSlack(token=TOKEN) as slack:
        port = free_port()
        server = start_candor(db_url, slack.api_url, port, args.workers)
        try:
            return run(args, slack, f"http://127.0.0.1:{port}/slack/events")
        finally:
            server.terminate()
            server.wait(timeout=10)
            tmp.cleanup()


def run(args, slack: FakeSlack, url: str) -> int:
    users = list(USERS)
    events = []
    for i in range(args.events):
        ts = f"1750000000.{i:06d}"
        event = app_mention(users[i % len(users)], QUESTIONS[i % len(QUESTIONS)], f"C0LOAD{i % 7:04d}", ts)
        events.append((ts, event_callback(event, f"Ev0LOAD{i:06d}")))

    acks: list[float] = [0.0] * len(events)
    statuses: list[int] = [0] * len(events)
    sent_at: dict[str, float] = {}
    client = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=200, max_keepalive_connections=50))

    def send(i: int) -> None:
        ts, body = events[i]
        started = time.monotonic()
        sent_at[ts] = started
        try:
            response = client.post(url, content=body.encode(), headers=signed_headers(SECRET, body, "application/json"))
            statuses[i] = response.status_code
        except httpx.HTTPError:
            statuses[i] = -1
        acks[i] = time.monotonic() - started

    interval = args.seconds / args.events
    print(f"sending {args.events} signed app_mention events over {args.seconds:g} s …", flush=True)
    first = time.monotonic()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for i in range(len(events)):
            delay = first + i * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, i)
    send_span = time.monotonic() - first

    threads = {ts for ts, _ in events}
    answered: dict[str, float] = {}
    deadline = time.monotonic() + args.answer_timeout
    while time.monotonic() < deadline:
        status_of = {c.reply.get("ts"): c.params.get("thread_ts") for c in slack.of("chat.postMessage")}
        for call in slack.of("chat.update"):
            thread = status_of.get(call.params.get("ts"))
            if thread in threads and call.params.get("blocks") and thread not in answered:
                answered[thread] = call.at
        if len(answered) == len(threads):
            break
        time.sleep(0.1)
    client.close()

    ok = [a for a, s in zip(acks, statuses) if s == 200]
    failed_answers = [c for c in slack.of("chat.update") if "something went wrong" in (c.params.get("text") or "")]
    latencies = [answered[t] - sent_at[t] for t in answered]
    last = max(answered.values()) - first if answered else float("nan")
    print(f"events sent:        {len(events)} in {send_span:.1f} s")
    print(f"acknowledged 200:   {len(ok)}   (other statuses: {sorted(set(statuses) - {200}) or 'none'})")
    print(f"ack latency:        p50 {pct(acks, .5) * 1000:.0f} ms · p95 {pct(acks, .95) * 1000:.0f} ms · "
          f"max {max(acks) * 1000:.0f} ms   (under 3 s: {sum(a < 3 for a in ok)}/{len(events)})")
    print(f"answered:           {len(answered)}/{len(threads)}   lost: {len(threads) - len(answered)}   "
          f"error replies: {len(failed_answers)}")
    if latencies:
        print(f"event → answer:     p50 {statistics.median(latencies):.2f} s · p95 {pct(latencies, .95):.2f} s · "
              f"max {max(latencies):.2f} s")
    print(f"first event → last answer: {last:.1f} s")
    good = len(ok) == len(events) and max(acks) < 3 and len(answered) == len(threads) and not failed_answers
    print("PASS" if good else "FAIL")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
