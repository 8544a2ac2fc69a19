"""The embedded scorer against the labelled calibration set: agreement with a careful human's rubric level."""

from __future__ import annotations

from collections import Counter

import pytest

from knowledge.catalogue import default_roles
from tools.scoring.calibration import agreement, load_items, score_items

TARGETS = {"within_one": 0.85, "exact": 0.50, "spearman": 0.70}


def test_calibration_set_covers_every_competency_in_both_languages():
    items = load_items()
    assert len(items) >= 80
    languages = Counter(item["language"] for item in items)
    assert languages["zh"] * 3 >= len(items), languages  # at least a third Chinese
    wanted = {(role.key, comp.key) for role in default_roles() for comp in role.competencies}
    assert {(item["role"], item["competency"]) for item in items} == wanted
    assert set(Counter(item["level"] for item in items)) == {1, 2, 3, 4, 5}
    assert len({item["id"] for item in items}) == len(items)


@pytest.mark.slow
def test_embedded_scorer_agrees_with_the_human_levels():
    items = load_items()
    predicted = score_items(items)
    results = {"all": agreement([i["level"] for i in items], predicted)}
    for language in ("en", "zh"):
        chosen = [(i["level"], p) for i, p in zip(items, predicted) if i["language"] == language]
        results[language] = agreement([h for h, _ in chosen], [p for _, p in chosen])
    print("\nembedded scorer vs calibration set (targets: within one level >= 85%, exact >= 50%, Spearman >= 0.7)")
    for label, result in results.items():
        print(result.line(label))
    confusion = Counter((i["level"], p) for i, p in zip(items, predicted))
    print("human level -> scorer level counts:", dict(sorted(confusion.items())))
    for label, result in results.items():
        assert result.within_one >= TARGETS["within_one"], (label, result)
        assert result.exact >= TARGETS["exact"], (label, result)
        assert result.spearman >= TARGETS["spearman"], (label, result)
