"""The models behind predictions, trained on a role's hires and cached per (role, metric, data version).

scikit-learn is imported only here and only when a model is trained, so other tools start fast.
Every model carries the quality figures measured when it was trained: cross-validated R², MAE and
calibration for performance, held-out AUC for attrition.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from statistics import fmean, median
from typing import Any, Callable

CACHE_SIZE = 64
INTERVAL = 0.80  # the prediction interval's nominal coverage
FOLDS = 5
SEED = 0

_cache: OrderedDict[tuple, Any] = OrderedDict()
_lock = threading.Lock()


def cached(key: tuple, build: Callable[[], Any]) -> tuple[Any, bool]:
    """The model stored under `key`, building it on a miss; returns (model, whether it came from the cache)."""
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key], True
    model = build()
    with _lock:
        _cache[key] = model
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return model, False


def clear_cache() -> None:
    with _lock:
        _cache.clear()


@dataclass
class PerformanceModel:
    features: list[int]  # competency ids, in column order
    estimator: Any
    n: int
    cv_r2: float
    cv_mae: float
    calibration_slope: float
    calibration_intercept: float
    interval_low: float  # residual quantiles added to a prediction
    interval_high: float
    interval_coverage: float  # measured out of fold
    outcomes: list[float]  # the training hires' actual values
    feature_means: list[float]
    coefficients: list[float]  # per point of interview score, in the metric's unit

    def predict(self, row: list[float]) -> float:
        return float(self.estimator.predict([row])[0])


def train_performance(X: list[list[float]], y: list[float], features: list[int]) -> PerformanceModel:
    """Ridge regression of the first-months mean on the interview scores, with 5-fold quality figures."""
    import numpy as np
    from sklearn.linear_model import Ridge
    from sklearn.metrics import mean_absolute_error, r2_score
    from sklearn.model_selection import KFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    Xa, ya = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    folds = KFold(n_splits=min(FOLDS, len(ya)), shuffle=True, random_state=SEED)
    estimator = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    oof = cross_val_predict(estimator, Xa, ya, cv=folds)
    residuals = ya - oof
    q = ((1 - INTERVAL) / 2, 1 - (1 - INTERVAL) / 2)
    # Coverage of the interval measured honestly: each fold's interval comes from the other folds' residuals.
    hits = []
    for train_idx, test_idx in folds.split(Xa):
        low, high = np.quantile(residuals[train_idx], q)
        hits.extend(((residuals[test_idx] >= low) & (residuals[test_idx] <= high)).tolist())
    slope, intercept = np.polyfit(oof, ya, 1) if np.ptp(oof) > 0 else (0.0, float(ya.mean()))
    estimator.fit(Xa, ya)
    scaler, ridge = estimator[0], estimator[1]
    low, high = np.quantile(residuals, q)
    return PerformanceModel(
        features=features, estimator=estimator, n=len(ya), cv_r2=float(r2_score(ya, oof)),
        cv_mae=float(mean_absolute_error(ya, oof)), calibration_slope=float(slope),
        calibration_intercept=float(intercept), interval_low=float(low), interval_high=float(high),
        interval_coverage=float(fmean(hits)), outcomes=ya.tolist(), feature_means=scaler.mean_.tolist(),
        coefficients=(ridge.coef_ / scaler.scale_).tolist())


@dataclass
class AttritionModel:
    features: list[str]
    estimator: Any
    n: int
    leavers: int
    n_test: int
    test_auc: float | None
    cv_auc: float | None
    base_rate: float
    feature_means: list[float]
    coefficients: list[float]  # log-odds per standard deviation

    def risk(self, rows: list[list[float]]) -> list[float]:
        return [float(p) for p in self.estimator.predict_proba(rows)[:, 1]]


def train_attrition(X: list[list[float]], y: list[int], features: list[str]) -> AttritionModel:
    """Logistic regression of leaving on the hiring interview, with AUC on a held-out quarter."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import (
        StratifiedKFold,
        cross_val_score,
        train_test_split,
    )
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    Xa, ya = np.asarray(X, dtype=float), np.asarray(y, dtype=int)

    def model():
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))

    X_train, X_test, y_train, y_test = train_test_split(Xa, ya, test_size=0.25, stratify=ya, random_state=SEED)
    test_auc = None
    if len(set(y_test.tolist())) == 2 and len(set(y_train.tolist())) == 2:
        test_auc = float(roc_auc_score(y_test, model().fit(X_train, y_train).predict_proba(X_test)[:, 1]))
    splits = min(FOLDS, int(ya.sum()), int(len(ya) - ya.sum()))
    cv_auc = float(cross_val_score(model(), Xa, ya, scoring="roc_auc",
                                   cv=StratifiedKFold(splits, shuffle=True, random_state=SEED)).mean()) \
        if splits >= 2 else None
    estimator = model().fit(Xa, ya)
    scaler, logit = estimator[0], estimator[1]
    return AttritionModel(features=features, estimator=estimator, n=len(ya), leavers=int(ya.sum()),
                          n_test=len(y_test), test_auc=test_auc, cv_auc=cv_auc, base_rate=float(ya.mean()),
                          feature_means=scaler.mean_.tolist(), coefficients=logit.coef_[0].tolist())


def percentile_of(value: float, population: list[float]) -> float:
    """Percent of `population` at or below `value`."""
    return 100.0 * sum(1 for v in population if v <= value) / len(population) if population else 0.0


def middle(values: list[float]) -> float:
    return float(median(values))
