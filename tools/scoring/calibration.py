"""Agreement of the embedded scorer with the labelled calibration set (evals/calibration/answers.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

CALIBRATION_FILE = Path(__file__).resolve().parents[2] / "evals" / "calibration" / "answers.yaml"


@dataclass(frozen=True)
class Agreement:
    n: int
    exact: float
    within_one: float
    spearman: float

    def line(self, label: str) -> str:
        return (f"{label:<8} n={self.n:<3} exact {self.exact:6.1%}  within one level {self.within_one:6.1%}  "
                f"Spearman {self.spearman:.3f}")


def load_items(path: Path = CALIBRATION_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def spearman(a, b) -> float:
    from scipy import (
        stats,  # as tools/competency_stats does; ties share their mean rank
    )

    return float(stats.spearmanr(a, b).statistic)


def agreement(human: list[int], predicted: list[int]) -> Agreement:
    h, p = np.asarray(human), np.asarray(predicted)
    return Agreement(len(h), float((h == p).mean()), float((abs(h - p) <= 1).mean()), spearman(h, p))


def score_items(items: list[dict], model_path: str = "") -> list[int]:
    from tools.scoring.embedded import EmbeddedScorer
    from tools.scoring.rubric import load_rubric

    scorer = EmbeddedScorer(model_path)
    scorer.prepare([item["answer"] for item in items])
    return [scorer.score(load_rubric(item["role"], model_path).competencies[item["competency"]], [item["answer"]]).level
            for item in items]
