"""Understanding one message, warm: slots + intent (the planner's whole reading) against the slot extractors
alone (the baseline, measured in the same run). Prints medians and the ratio.

    .venv/bin/python bench/understanding.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.planner.nlu import understand  # noqa: E402
from assistant.planner.nlu_eval import load_split  # noqa: E402
from assistant.planner.route import decide  # noqa: E402
from tools.shared.lookup import catalogue_vocabulary  # noqa: E402


def median_ms(fn, texts, rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        for t in texts:
            start = time.perf_counter()
            fn(t)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    vocab, now = catalogue_vocabulary(), datetime(2026, 11, 15)
    texts = [x["text"] for x in load_split("test")]
    for t in texts[:20]:  # warm: caches, compiled patterns, the model file
        decide(t, understand(t, vocab, now), vocab)
    baseline = median_ms(lambda t: understand(t, vocab, now), texts)
    full = median_ms(lambda t: decide(t, understand(t, vocab, now), vocab), texts)
    print(f"messages: {len(texts)} (evals/nlu/test.yaml), 3 rounds")
    print(f"baseline  slot extractors only      p50 {baseline:.3f} ms")
    print(f"planner   slots + rules + classifier p50 {full:.3f} ms  ({full / baseline:.2f}× the baseline; target ≤ 5 ms)")


if __name__ == "__main__":
    main()
