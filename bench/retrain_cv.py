"""Would learning from newer tuning splits help on splits nobody tuned on? Grouped cross-validation, never the test split.

    python bench/retrain_cv.py dev95 dev149          # the splits in that range, in four folds (every fourth split)
    python bench/retrain_cv.py dev95 dev149 --c 64   # another regularisation

(A) a model trained on the catalogue and the tuning splits written before the range; (B) for each fold, one trained on
the same and the other three folds. Both read each fold's standalone messages (a message that follows another is
left out: its words alone do not say its intent); the classifier alone, without the routing rules. Prints how many
each reads right per language, fold by fold. Deterministic; about three minutes per model on 2 cores.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.planner.classifier import FOLLOWUP, IntentModel, is_followup, mask, train  # noqa: E402
from assistant.planner.nlu_eval import (  # noqa: E402
    NEVER_TRAINED,
    load_split,
    shipped_names,
    split_names,
    training_set,
)


def _number(split: str) -> int:
    return int(split[3:] or 1)


def _standalone(splits, names):
    rows = []
    for split in splits:
        for item in load_split(split):
            if not item.get("after"):
                masked = mask(item["text"], names)
                rows.append((masked, FOLLOWUP if is_followup(masked) else item["intent"], item["lang"]))
    return rows


def _model(texts, labels, c):
    data = train(texts, labels, c=c)
    data.update(catalogue_hash="", splits_hash="", threshold=0.0)
    return IntentModel(data)


def main(first: str, last: str, c: float = 32.0) -> None:
    names = shipped_names()
    chosen = [s for s in split_names() if s.startswith("dev") and s not in NEVER_TRAINED
              and _number(first) <= _number(s) <= _number(last)]
    if not chosen:
        sys.exit(f"No tuning splits between {first} and {last} in evals/nlu/.")
    catalogue_texts, catalogue_labels = training_set(names, splits=False)
    kept = _standalone([s for s in split_names() if s.startswith("dev") and s not in NEVER_TRAINED
                        and _number(s) < _number(first)], names)
    base_texts = catalogue_texts + [t for t, _, _ in kept]
    base_labels = catalogue_labels + [label for _, label, _ in kept]
    print(f"{len(chosen)} splits in four folds; A learns from {len(base_texts)} examples", flush=True)
    a = _model(base_texts, base_labels, c)
    folds = [chosen[k::4] for k in range(4)]
    right: Counter = Counter()
    for k, fold in enumerate(folds):
        others = _standalone([s for j, f in enumerate(folds) if j != k for s in f], names)
        b = _model(base_texts + [t for t, _, _ in others], base_labels + [label for _, label, _ in others], c)
        for text, label, lang in _standalone(fold, names):
            right["A", lang] += a.probabilities(text)[0][0] == label
            right["B", lang] += b.probabilities(text)[0][0] == label
            right["n", lang] += 1
        print(f"after fold {k + 1}: " + "; ".join(
            f"{lang}: A {right['A', lang]}, B {right['B', lang]} of {right['n', lang]}" for lang in ("en", "zh")), flush=True)


if __name__ == "__main__":
    argv = sys.argv[1:]
    c = float(argv.pop(argv.index("--c") + 1)) if "--c" in argv[:-1] else 32.0
    args = [a for a in argv if a != "--c"]
    if len(args) != 2:
        sys.exit(__doc__)
    main(*args, c=c)
