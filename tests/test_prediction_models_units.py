"""The prediction models (tools/prediction/models.py) on small generated data sets: the quality figures are
recomputed here from their definitions (ridge in closed form, R², MAE, AUC as a rank statistic), and
the model cache is an LRU of 64."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split

from tools.prediction import models
from tools.prediction.models import (
    CACHE_SIZE,
    cached,
    clear_cache,
    middle,
    percentile_of,
    train_attrition,
    train_performance,
)


def standardise(train: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, sd = train.mean(axis=0), train.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    return (train - mean) / sd, (other - mean) / sd


def ridge_predict(X_train, y_train, X_test, alpha: float = 1.0) -> np.ndarray:
    """Ridge regression on standardised scores, in closed form: b = (Z'Z + aI)^-1 Z'(y - mean y)."""
    Z, Zt = standardise(X_train, X_test)
    b = np.linalg.solve(Z.T @ Z + alpha * np.eye(Z.shape[1]), Z.T @ (y_train - y_train.mean()))
    return y_train.mean() + Zt @ b


def auc(y: np.ndarray, scores: np.ndarray) -> float:
    """The area under the ROC curve as the Mann-Whitney probability that a leaver outscores a stayer."""
    pos, neg = scores[y == 1], scores[y == 0]
    return float(np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg]))


def logistic_risk(X_train, y_train, X_test) -> np.ndarray:
    Z, Zt = standardise(X_train, X_test)
    return LogisticRegression(max_iter=1000).fit(Z, y_train).predict_proba(Zt)[:, 1]


@pytest.fixture(scope="module")
def hires():
    """60 hires, two interview scores, a first-months mean of about 2 x1 - 0.5 x2 + 10 with noise."""
    rng = np.random.default_rng(5)
    X = rng.uniform(40, 100, size=(60, 2))
    y = 2 * X[:, 0] - 0.5 * X[:, 1] + 10 + rng.normal(0, 8, 60)
    return X, y


@pytest.fixture  # trained in each test, so that mutation testing ties every test that reads it to the code
def performance(hires):
    X, y = hires
    return train_performance(X.tolist(), y.tolist(), [11, 12])


# ------------------------------------------------------------------------------ performance


def test_performance_quality_figures_are_out_of_fold(hires, performance):
    """Five shuffled folds (seed 0): every hire is predicted by a model that never saw them."""
    X, y = hires
    oof = np.empty_like(y)
    for train, test in KFold(5, shuffle=True, random_state=0).split(X):
        oof[test] = ridge_predict(X[train], y[train], X[test])
    r2 = 1 - np.sum((y - oof) ** 2) / np.sum((y - y.mean()) ** 2)
    slope = np.cov(oof, y, bias=True)[0, 1] / np.var(oof)
    m = performance
    assert m.n == 60 and m.features == [11, 12] and m.outcomes == pytest.approx(y.tolist())
    assert m.cv_r2 == pytest.approx(r2, rel=1e-9) and 0.5 < m.cv_r2 < 1
    assert m.cv_mae == pytest.approx(np.mean(np.abs(y - oof)), rel=1e-9)
    assert m.calibration_slope == pytest.approx(slope, rel=1e-9)
    assert m.calibration_intercept == pytest.approx(y.mean() - slope * oof.mean(), rel=1e-9)


def test_the_80_percent_interval_is_the_10th_to_90th_percentile_of_out_of_fold_residuals(hires, performance):
    X, y = hires
    folds = KFold(5, shuffle=True, random_state=0)
    oof = np.empty_like(y)
    for train, test in folds.split(X):
        oof[test] = ridge_predict(X[train], y[train], X[test])
    residuals = y - oof
    assert (performance.interval_low, performance.interval_high) == pytest.approx(
        tuple(np.quantile(residuals, [0.1, 0.9])), rel=1e-9)
    # Coverage measured honestly: each fold is checked against the interval of the other folds' residuals.
    hits = []
    for train, test in folds.split(X):
        low, high = np.quantile(residuals[train], [0.1, 0.9])
        hits += [low <= r <= high for r in residuals[test]]
    assert performance.interval_coverage == pytest.approx(np.mean(hits))
    assert 0.6 <= performance.interval_coverage <= 0.95


def test_coefficients_are_per_interview_point_in_the_metrics_unit(hires, performance):
    X, y = hires
    Z, _ = standardise(X, X)
    b = np.linalg.solve(Z.T @ Z + np.eye(2), Z.T @ (y - y.mean()))
    assert performance.coefficients == pytest.approx((b / X.std(axis=0)).tolist(), rel=1e-9)
    assert performance.coefficients == pytest.approx([2, -0.5], abs=0.2)  # the generating slopes
    assert performance.feature_means == pytest.approx(X.mean(axis=0).tolist())
    row = [70.0, 55.0]
    assert performance.predict(row) == pytest.approx(float(ridge_predict(X, y, np.array([row]))[0]), rel=1e-9)


def test_training_twice_gives_the_same_figures(hires, performance):
    X, y = hires
    again = train_performance(X.tolist(), y.tolist(), [11, 12])
    assert (again.cv_r2, again.cv_mae, again.interval_low, again.interval_high, again.interval_coverage) == (
        performance.cv_r2, performance.cv_mae, performance.interval_low, performance.interval_high,
        performance.interval_coverage)


def test_a_metric_on_a_small_scale_is_calibrated_too():
    """Out-of-fold predictions that spread less than one unit still get a fitted calibration line."""
    rng = np.random.default_rng(9)
    X = rng.uniform(0, 1, size=(30, 1))
    y = 0.3 * X[:, 0] + rng.normal(0, 0.05, 30)
    m = train_performance(X.tolist(), y.tolist(), [1])
    oof = np.empty_like(y)
    for train, test in KFold(5, shuffle=True, random_state=0).split(X):
        oof[test] = ridge_predict(X[train], y[train], X[test])
    assert np.ptp(oof) < 1
    assert m.calibration_slope == pytest.approx(np.polyfit(oof, y, 1)[0], rel=1e-9) and m.calibration_slope > 0


def test_fewer_hires_than_folds_use_one_fold_per_hire():
    X, y = np.array([[60.0], [70.0], [80.0], [90.0]]), np.array([3.0, 3.5, 3.2, 4.0])
    m = train_performance(X.tolist(), y.tolist(), [1])
    oof = np.array([ridge_predict(np.delete(X, i, 0), np.delete(y, i), X[i:i + 1])[0] for i in range(4)])
    assert m.n == 4 and m.cv_mae == pytest.approx(np.mean(np.abs(y - oof)), rel=1e-9)


def test_a_metric_without_spread_has_a_flat_calibration():
    m = train_performance([[60.0], [70.0], [80.0], [90.0], [75.0]], [3.0] * 5, [1])
    assert (m.calibration_slope, m.calibration_intercept) == (0.0, 3.0)
    assert m.cv_mae == 0.0 and m.interval_low == m.interval_high == 0.0 and m.interval_coverage == 1.0


# ------------------------------------------------------------------------------ attrition


@pytest.fixture(scope="module")
def leavers():
    """80 hires; a low first score makes leaving likelier."""
    rng = np.random.default_rng(3)
    X = rng.uniform(40, 100, size=(80, 2))
    odds = np.exp(-(X[:, 0] - 70) / 8)
    y = (rng.uniform(size=80) < odds / (1 + odds)).astype(int)
    return X, y


def test_attrition_auc_on_a_stratified_held_out_quarter_and_by_cross_validation(leavers):
    X, y = leavers
    m = train_attrition(X.tolist(), y.tolist(), ["first", "second"])
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    assert m.n == 80 and m.n_test == 20 and m.leavers == int(y.sum()) and m.base_rate == pytest.approx(y.mean())
    assert m.features == ["first", "second"]
    assert m.test_auc == pytest.approx(auc(y_test, logistic_risk(X_train, y_train, X_test)), abs=1e-6)
    splits = min(5, int(y.sum()), int(len(y) - y.sum()))
    folds = StratifiedKFold(splits, shuffle=True, random_state=0).split(X, y)
    assert m.cv_auc == pytest.approx(np.mean([auc(y[te], logistic_risk(X[tr], y[tr], X[te])) for tr, te in folds]),
                                     abs=1e-6)
    assert m.test_auc > 0.7 and m.cv_auc > 0.7


def test_attrition_risk_and_coefficients_are_those_of_the_logistic_model_on_all_hires(leavers):
    X, y = leavers
    m = train_attrition(X.tolist(), y.tolist(), ["first", "second"])
    rows = [[50.0, 70.0], [95.0, 70.0]]
    assert m.risk(rows) == pytest.approx(logistic_risk(X, y, np.array(rows)).tolist(), abs=1e-6)
    assert m.risk(rows)[0] > 0.5 > m.risk(rows)[1]  # a low first score: likelier to leave
    Z, _ = standardise(X, X)
    coef = LogisticRegression(max_iter=1000).fit(Z, y).coef_[0]
    assert m.coefficients == pytest.approx(coef.tolist(), abs=1e-5) and m.coefficients[0] < 0  # log-odds per SD
    assert m.feature_means == pytest.approx(X.mean(axis=0).tolist())


def test_two_leavers_are_enough_for_a_two_fold_cross_validated_auc():
    X = [[float(v)] for v in (40, 45, 60, 62, 65, 70, 72, 75, 80, 85, 88, 90)]
    y = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    m = train_attrition(X, y, ["score"])
    Xa, ya = np.array(X), np.array(y)
    folds = StratifiedKFold(2, shuffle=True, random_state=0).split(Xa, ya)
    assert m.cv_auc == pytest.approx(np.mean([auc(ya[te], logistic_risk(Xa[tr], ya[tr], Xa[te])) for tr, te in folds]))
    assert m.leavers == 2 and m.base_rate == pytest.approx(2 / 12)


def test_the_folds_are_limited_by_the_smaller_class_whichever_it_is():
    """Three stayers among many leavers: three stratified folds, not five."""
    rng = np.random.default_rng(4)
    X = rng.uniform(40, 100, size=(20, 1))
    y = np.array([0, 0, 0] + [1] * 17)
    X[:3, 0] += 40  # the stayers scored higher
    m = train_attrition(X.tolist(), y.tolist(), ["score"])
    folds = StratifiedKFold(3, shuffle=True, random_state=0).split(X, y)
    assert m.cv_auc == pytest.approx(np.mean([auc(y[te], logistic_risk(X[tr], y[tr], X[te])) for tr, te in folds]))


def test_no_held_out_auc_when_the_held_out_quarter_has_no_leaver():
    X = [[float(v)] for v in range(40, 52)]
    y = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    _, _, _, y_test = train_test_split(np.array(X), np.array(y), test_size=0.25, stratify=y, random_state=0)
    assert set(y_test.tolist()) == {0}  # 3 held out: the stratified split keeps both leavers for training
    m = train_attrition(X, y, ["score"])
    assert m.test_auc is None and m.n_test == 3 and m.cv_auc is not None


# ------------------------------------------------------------------------------ cache and helpers


@pytest.fixture
def empty_cache():
    clear_cache()
    yield
    clear_cache()


def test_a_model_is_built_once_per_key_and_then_served_from_the_cache(empty_cache):
    built = []

    def build(name):
        def make():
            built.append(name)
            return {"model": name}
        return make

    assert cached(("r", "m", 1), build("a")) == ({"model": "a"}, False)
    assert cached(("r", "m", 1), build("b")) == ({"model": "a"}, True)
    assert cached(("r", "m", 2), build("c")) == ({"model": "c"}, False)  # a new data version is a new key
    assert built == ["a", "c"]
    clear_cache()
    assert cached(("r", "m", 1), build("d")) == ({"model": "d"}, False)


def test_the_cache_keeps_the_64_most_recently_used_models(empty_cache):
    assert CACHE_SIZE == 64
    for i in range(64):
        cached(i, lambda i=i: i)
    assert all(cached(i, lambda: "rebuilt")[1] for i in range(64))  # 64 fit
    cached(0, lambda: "rebuilt")  # used again: now the most recent
    cached(64, lambda: 64)  # one too many: the least recently used (1) goes
    assert len(models._cache) == 64
    assert cached(64, lambda: "rebuilt") == (64, True)
    assert cached(0, lambda: "rebuilt") == (0, True)
    assert cached(1, lambda: "rebuilt") == ("rebuilt", False)


def test_percentile_of_counts_values_at_or_below():
    assert percentile_of(3, [1, 2, 3, 4]) == 75.0
    assert percentile_of(0, [1, 2]) == 0.0 and percentile_of(9, [1, 2]) == 100.0
    assert percentile_of(2.5, [4, 1, 3, 2, 2]) == pytest.approx(60.0)
    assert percentile_of(5, []) == 0.0


def test_middle_is_the_median():
    assert middle([3.0, 1.0, 2.0]) == 2.0 and middle([4, 1, 3, 2]) == 2.5
    assert isinstance(middle([1, 3]), float)
