"""Cold `python app.py ask` of a statistics question (a new process each time: imports, settings, the intent model,
one turn) against the CLI's own start-up (`python app.py --help`) measured in the same run. Prints medians.

    .venv/bin/python bench/cold_ask.py [DATABASE_URL]     # default: the demo database of `make run`
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["What is the failure rate for Sales Manager this quarter?", "市场策划近3个月的AI面试失败率是多少？"]


def run(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"`app.py {' '.join(args)}` failed:\n{out.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    env = dict(os.environ)
    if len(sys.argv) > 1:
        env["DATABASE_URL"] = sys.argv[1]
    rounds = 5
    baseline = statistics.median(run(["--help"], env) for _ in range(rounds))
    asks = [run(["ask", QUESTIONS[i % 2]], env) for i in range(rounds * 2)]
    cold = statistics.median(asks)
    print(f"rounds: {rounds} (--help), {len(asks)} (ask, English and Chinese)")
    print(f"baseline  python app.py --help            median {baseline:.2f} s")
    print(f"cold ask  python app.py ask <statistics>  median {cold:.2f} s  ({cold / baseline:.2f}× the baseline; "
          "target ≤ 3 s)")


if __name__ == "__main__":
    main()
