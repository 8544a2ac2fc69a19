"""Role-knowledge benchmark: index build time for the demo profiles, hybrid query latency over N passages.

    python bench/retrieval.py [--passages 10000] [--rounds 5]

The N passages are synthesised from the demo profiles' sentences (recombined across roles, so BM25 and
the vector index see realistic vocabulary). Queries are the 60 EN/ZH queries of the retrieval test set.
"cold" embeds every query with the model; "cached" repeats them, so the query embedding comes from
the in-process cache and what is measured is the retrieval itself (BM25 + Chroma + fusion).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from knowledge.catalogue import load_roles  # noqa: E402
from knowledge.passages import Passage, build_passages  # noqa: E402

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "data" / "retrieval_queries.yaml"


def synthesise(passages: list[Passage], n: int, seed: int = 7) -> list[Passage]:
    rng = random.Random(seed)
    en = [s for p in passages for s in re.split(r"(?<=[.?!;:])\s+", p.text_en) if len(s) > 20]
    zh = [s for p in passages for s in re.split(r"(?<=[。？！；：])", p.text_zh) if len(s) > 6]
    out = list(passages)
    while len(out) < n:
        base = rng.choice(passages)
        i = len(out)
        out.append(replace(base, source_id=f"{base.role}/synthetic/{i}",
                           text_en=" ".join(rng.sample(en, 3)), text_zh="".join(rng.sample(zh, 3))))
    return out


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    opts = parser.parse_args()

    from knowledge.embeddings import _query_vector
    from knowledge.index import chroma_client, sync_index
    from knowledge.retrieval import HybridRetriever

    roles = load_roles()
    demo = build_passages(roles)
    with tempfile.TemporaryDirectory() as tmp:
        client = chroma_client(SimpleNamespace(chroma_path=Path(tmp) / "demo", chroma_host="", chroma_port=0))
        started = time.perf_counter()
        _, first = sync_index(client, "bench_demo", demo)
        build_demo = time.perf_counter() - started
        _, again = sync_index(client, "bench_demo", demo)
        print(f"demo knowledge: {len(demo)} passages indexed in {build_demo:.1f} s (incl. model load); "
              f"re-index {again.seconds * 1000:.0f} ms, {again.embedded} embedded")

        passages = synthesise(demo, opts.passages)
        started = time.perf_counter()
        collection, report = sync_index(client, "bench_large", passages, batch=512)
        build_large = time.perf_counter() - started
        started = time.perf_counter()
        retriever = HybridRetriever(passages, collection, tuple(roles))
        bm25_build = time.perf_counter() - started
        print(f"synthesised: {len(passages)} passages embedded and indexed in {build_large:.1f} s; "
              f"BM25 index built in {bm25_build:.1f} s")

        data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
        queries = [q["q"] for q in data["en"] + data["zh"]]

        def timed_cold() -> list[float]:
            _query_vector.cache_clear()
            samples = []
            for q in queries:
                t = time.perf_counter()
                retriever.search(q, k=5)
                samples.append((time.perf_counter() - t) * 1000)
            return samples

        # Baseline in the same run: queries embedded by sentence-transformers (torch), then by the ONNX export.
        retriever.search("warm up", k=5)
        baseline = timed_cold()
        from knowledge.onnx_encoder import use_onnx

        started = time.perf_counter()
        use_onnx("", Path(tmp) / "models")
        print(f"ONNX export of the query encoder: {time.perf_counter() - started:.1f} s")
        retriever.search("warm up", k=5)
        cold = timed_cold()
        cached = []
        for _ in range(opts.rounds):
            for q in queries:
                t = time.perf_counter()
                retriever.search(q, k=5)
                cached.append((time.perf_counter() - t) * 1000)
        for label, samples in (("query embedded by sentence-transformers (baseline)", baseline),
                               ("query embedded by ONNX (default)", cold), ("cached query embedding", cached)):
            p50, p95 = percentiles(samples)
            print(f"hybrid top-5 over {len(passages)} passages, {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"({len(samples)} queries)")
        print(f"ratio ONNX / baseline p50: {percentiles(cold)[0] / percentiles(baseline)[0]:.2f} "
              f"(target: p50 ≤ 15 ms with the query embedded)")


if __name__ == "__main__":
    main()
