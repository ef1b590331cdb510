"""Relative importance against independent implementations (pingouin,
statsmodels refits, statsmodels VIF) and the defining identities."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import variance_inflation_factor

from voc_engine.drivers.importance import (
    GroupedSample,
    logit_relative_importance,
    relative_importance,
)


def _binary_drivers(n: int, p: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = (rng.random((n, p)) < rng.uniform(0.05, 0.5, p)).astype(float)
    x[:, 1] = np.where(rng.random(n) < 0.4, x[:, 0], x[:, 1])  # correlated pair
    return x


def _shapley_by_refits(value: dict[frozenset, float], p: int) -> np.ndarray:
    out = np.zeros(p)
    for j in range(p):
        for subset, v in value.items():
            if j in subset:
                continue
            s = len(subset)
            weight = math.factorial(s) * math.factorial(p - 1 - s) / math.factorial(p)
            out[j] += weight * (value[subset | {j}] - v)
    return out


@pytest.mark.parametrize("binary", [True, False])
def test_lmg_matches_pingouin(binary):
    rng = np.random.default_rng(11)
    n, p = 800, 6
    x = _binary_drivers(n, p, 1) if binary else rng.normal(size=(n, p)) @ rng.normal(size=(p, p))
    y = x @ rng.normal(0, 1, p) + rng.normal(0, 2, n)
    ours = relative_importance(y, x, bootstrap=0)
    theirs = pg.linear_regression(pd.DataFrame(x, columns=[f"x{j}" for j in range(p)]), y, relimp=True)
    np.testing.assert_allclose(ours.lmg, theirs["relimp"].to_numpy()[1:], atol=1e-6, rtol=0)
    np.testing.assert_allclose(ours.lmg_pct, theirs["relimp_perc"].to_numpy()[1:], atol=1e-6)


def test_lmg_and_relative_weights_sum_to_r2():
    x = _binary_drivers(1500, 8, 2)
    rng = np.random.default_rng(3)
    y = x @ rng.normal(0, 1, 8) + rng.normal(0, 1.5, 1500)
    r2 = sm.OLS(y, sm.add_constant(x)).fit().rsquared
    res = relative_importance(y, x, bootstrap=0)
    assert res.lmg.sum() == pytest.approx(r2, abs=1e-10)
    assert res.relative_weights.sum() == pytest.approx(r2, abs=1e-10)
    assert res.r2_full == pytest.approx(r2, abs=1e-10)


def test_relative_weights_of_uncorrelated_predictors_are_squared_correlations():
    # Johnson (2000): with orthogonal predictors each weight is r_xy².
    rng = np.random.default_rng(5)
    raw = rng.normal(size=(400, 4))
    x, _ = np.linalg.qr(raw - raw.mean(axis=0))  # centred, exactly orthogonal columns
    y = x @ np.array([3.0, -2.0, 1.0, 0.5]) + rng.normal(0, 0.05, 400)
    res = relative_importance(y, x, bootstrap=0)
    r = np.array([np.corrcoef(x[:, j], y)[0, 1] for j in range(4)])
    np.testing.assert_allclose(res.relative_weights, r**2, atol=1e-4)
    np.testing.assert_allclose(res.lmg, r**2, atol=1e-4)


def test_lmg_with_controls_matches_refits():
    rng = np.random.default_rng(7)
    n, p = 1200, 4
    x = _binary_drivers(n, p, 4)
    level = rng.integers(0, 4, n)
    controls = np.stack([(level == k) for k in (1, 2, 3)], axis=1).astype(float)
    x[:, 2] = np.where(level == 2, rng.random(n) < 0.7, x[:, 2])  # driver tied to a control
    y = x @ np.array([1.0, -2.0, 0.7, 0.2]) + 0.8 * level + rng.normal(0, 2, n)

    def r2(cols):
        exog = sm.add_constant(np.hstack([controls] + [x[:, [j]] for j in cols]))
        return sm.OLS(y, exog).fit().rsquared

    value = {frozenset(s): r2(s) for k in range(p + 1) for s in itertools.combinations(range(p), k)}
    res = relative_importance(y, x, controls, bootstrap=0)
    np.testing.assert_allclose(res.lmg, _shapley_by_refits(value, p) - 0, atol=1e-9)
    assert res.r2_controls == pytest.approx(value[frozenset()], abs=1e-10)
    assert res.r2_full == pytest.approx(value[frozenset(range(p))], abs=1e-10)
    assert res.lmg.sum() == pytest.approx(res.r2_full - res.r2_controls, abs=1e-10)
    assert res.relative_weights.sum() == pytest.approx(res.r2_full - res.r2_controls, abs=1e-10)


def test_permutation_estimate_is_close_to_exact_and_reports_its_error():
    x = _binary_drivers(1000, 7, 8)
    rng = np.random.default_rng(9)
    y = x @ rng.normal(0, 1, 7) + rng.normal(0, 1, 1000)
    exact = relative_importance(y, x, bootstrap=0)
    sampled = relative_importance(y, x, bootstrap=0, exact_max=5, n_permutations=3000)
    assert sampled.method == "permutation" and exact.method == "exact"
    assert np.all(sampled.lmg_mc_se > 0)
    assert np.all(np.abs(sampled.lmg - exact.lmg) < 5 * sampled.lmg_mc_se + 1e-12)
    # every ordering's increments add up to the full R², so the estimate does too
    assert sampled.lmg.sum() == pytest.approx(exact.lmg.sum(), abs=1e-9)


def test_fast_bootstrap_equals_naive_bootstrap_with_pingouin():
    """Resample counts on patterns give the same LMG as refitting resampled rows."""
    n, p, draws = 300, 4, 6
    x = _binary_drivers(n, p, 10)
    rng = np.random.default_rng(12)
    y = x @ rng.normal(0, 1, p) + rng.normal(0, 1, n)
    res = relative_importance(y, x, bootstrap=draws, seed=42, confidence=0.5)

    replay = np.random.default_rng(42)  # same stream as GroupedSample.resample_counts
    naive = []
    columns = [f"x{j}" for j in range(p)]
    for _ in range(draws):
        rows = replay.integers(0, n, size=n)
        lr = pg.linear_regression(pd.DataFrame(x[rows], columns=columns), y[rows], relimp=True)
        naive.append(lr["relimp"].to_numpy()[1:])
    expected = np.percentile(np.array(naive), [25, 75], axis=0).T
    np.testing.assert_allclose(res.lmg_ci, expected, atol=1e-9)


def test_vif_matches_statsmodels():
    rng = np.random.default_rng(13)
    n = 600
    x = _binary_drivers(n, 5, 14)
    level = rng.integers(0, 3, n)
    controls = np.stack([(level == k) for k in (1, 2)], axis=1).astype(float)
    y = rng.normal(size=n)
    res = relative_importance(y, x, controls, bootstrap=0)
    exog = sm.add_constant(np.hstack([x, controls]))
    expected = [variance_inflation_factor(exog, j + 1) for j in range(5)]
    np.testing.assert_allclose(res.vif, expected, rtol=1e-8)


def test_grouping_collapses_binary_rows():
    x = np.array([[0, 1], [0, 1], [1, 0], [0, 1]], dtype=float)
    sample = GroupedSample.from_arrays(np.arange(4.0), x)
    assert sample.n_groups == 2
    counts, sums, squares = sample.full_counts()
    assert sorted(counts[0]) == [1, 3]
    assert sums[0].sum() == 6.0 and squares[0] == 14.0


def test_logit_mcfadden_shapley_matches_refits():
    rng = np.random.default_rng(15)
    n, p = 2000, 4
    x = _binary_drivers(n, p, 16)
    level = rng.integers(0, 3, n)
    controls = np.stack([(level == k) for k in (1, 2)], axis=1).astype(float)
    eta = -0.5 + x @ np.array([1.0, -1.0, 0.5, 0.1]) + 0.4 * level
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    ll_null = sm.Logit(y, np.ones(n)).fit(disp=0).llf

    def mcfadden(cols):
        exog = sm.add_constant(np.hstack([controls] + [x[:, [j]] for j in cols]))
        return 1 - sm.Logit(y, exog).fit(disp=0).llf / ll_null

    value = {frozenset(s): mcfadden(s) for k in range(p + 1) for s in itertools.combinations(range(p), k)}
    res = logit_relative_importance(y, x, controls, bootstrap=0)
    np.testing.assert_allclose(res.lmg, _shapley_by_refits(value, p), atol=1e-6)
    assert res.r2_full == pytest.approx(value[frozenset(range(p))], abs=1e-8)
    assert res.r2_controls == pytest.approx(value[frozenset()], abs=1e-8)
    assert res.measure == "mcfadden"


def test_logit_bootstrap_budget_limits_resamples_with_a_warning():
    x = _binary_drivers(400, 3, 17)
    rng = np.random.default_rng(18)
    y = (rng.random(400) < 1 / (1 + np.exp(-(x @ np.array([1.0, -1.0, 0.5]))))).astype(float)
    res = logit_relative_importance(y, x, bootstrap=50, bootstrap_budget=1.0)
    assert res.n_bootstrap == 0
    assert np.isnan(res.lmg_ci).all()
    assert any("no importance interval" in w for w in res.warnings)
    res = logit_relative_importance(y, x, bootstrap=30)
    assert res.n_bootstrap == 30
    assert np.all(res.lmg_ci[:, 0] <= res.lmg_ci[:, 1])
