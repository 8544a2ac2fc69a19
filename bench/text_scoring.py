"""Embedded text scoring throughput: N interview answers scored against their competency's rubric.

    python bench/text_scoring.py [--answers 1000] [--rounds 3]

Answers are synthesised from the calibration set (evals/calibration/answers.yaml): each takes 2-4
sentences from answers of the same competency and language, and every sentence is numbered so that no
two are identical (the scorer embeds each distinct sentence once, and real answers rarely repeat).
Each round scores all answers with a fresh scorer (nothing cached but the rubric anchors, which are
embedded once per role and process) and, as the baseline, bare-embeds the same English sentences with
the same model in the same process. Prints the median over rounds: answers/s and the ratio of scoring
time to the bare embedding time. Target: >= 50 answers/s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.scoring.calibration import load_items  # noqa: E402
from tools.scoring.text import is_chinese, sentences  # noqa: E402


def synthesise(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    items = load_items()
    pools: dict[tuple, list[str]] = {}
    for item in items:
        key = (item["role"], item["competency"], item["language"])
        pools.setdefault(key, []).extend(s.text for s in sentences(item["answer"]))
    keys = sorted(pools)
    out = []
    for i in range(n):
        key = rng.choice(keys)
        picked = rng.sample(pools[key], min(len(pools[key]), rng.randint(2, 4)))
        mark = (lambda s, j: f"{s} ({i}.{j})") if key[2] == "en" else (lambda s, j: f"{s}（{i}.{j}）")
        out.append({"role": key[0], "competency": key[1], "answer": " ".join(mark(s, j) for j, s in enumerate(picked))})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from knowledge.minilm import embed_texts
    from tools.scoring.embedded import EmbeddedScorer
    from tools.scoring.rubric import load_rubric

    answers = synthesise(args.answers)
    english = list(dict.fromkeys(s.text for a in answers for s in sentences(a["answer"]) if not is_chinese(s.text)))
    rubrics = {a["role"]: load_rubric(a["role"]) for a in answers}  # warm-up: model load + anchor embeddings
    embed_texts(english[:64])
    print(f"{len(answers)} answers, {sum(len(sentences(a['answer'])) for a in answers)} sentences "
          f"({len(english)} English, embedded; the rest Chinese, matched lexically)")
    score_times, embed_times = [], []
    for round_ in range(args.rounds):
        started = time.perf_counter()
        embed_texts(english)
        embed_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        scorer = EmbeddedScorer()
        scorer.prepare([a["answer"] for a in answers])
        levels = [scorer.score(rubrics[a["role"]].competencies[a["competency"]], [a["answer"]]).level for a in answers]
        score_times.append(time.perf_counter() - started)
        print(f"round {round_ + 1}: scoring {score_times[-1]:.2f} s ({len(answers) / score_times[-1]:.0f} answers/s), "
              f"bare embedding {embed_times[-1]:.2f} s; levels {sorted(set(levels))}")
    score, embed = statistics.median(score_times), statistics.median(embed_times)
    ratio = statistics.median(s / e for s, e in zip(score_times, embed_times))
    # Other work on the machine slows both sides alike; the load shows how far from idle the figure is.
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (1 min)")
    print(f"median of {args.rounds}: {len(answers) / score:.0f} answers/s (target >= 50); "
          f"scoring takes {ratio:.2f}x the bare embedding of the same sentences (median {embed:.2f} s, "
          f"{len(english) / embed:.0f} sentences/s)")


if __name__ == "__main__":
    main()
