"""OLS/HC3 and logit against published values and independent formulas."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
import statsmodels.api as sm

from voc_engine.drivers.design import DesignMatrices, build_design, validate_driver_data
from voc_engine.drivers.models import fit_logit, fit_ols

# NIST StRD, Longley (1967), certified regression values
LONGLEY_COEF = [
    -3482258.63459582,
    15.0618722713733,
    -0.358191792925910e-01,
    -2.02022980381683,
    -1.03322686717359,
    -0.511041056535807e-01,
    1829.15146461355,
]
LONGLEY_R2 = 0.995479004577296


def _design(y: np.ndarray, exog: pd.DataFrame, drivers: list[str]) -> DesignMatrices:
    return DesignMatrices(y=y, exog=exog, driver_columns=drivers, control_columns=[])


def test_ols_coefficients_match_nist_longley():
    data = sm.datasets.longley.load_pandas()
    exog = sm.add_constant(data.exog).rename(columns={"const": "Intercept"})
    names = list(data.exog.columns)
    fit = fit_ols(_design(data.endog.to_numpy(float), exog, names))
    np.testing.assert_allclose(fit.table["coef"], LONGLEY_COEF[1:], rtol=1e-7)
    assert fit.results.params["Intercept"] == pytest.approx(LONGLEY_COEF[0], rel=1e-7)
    assert fit.r2 == pytest.approx(LONGLEY_R2, abs=1e-10)


def test_hc3_standard_errors_match_the_sandwich_formula():
    # MacKinnon & White (1985) HC3, written out with numpy
    rng = np.random.default_rng(0)
    n = 200
    x = (rng.random((n, 3)) < [0.2, 0.4, 0.1]).astype(float)
    y = 6 + x @ np.array([-1.5, 0.8, -2.0]) + rng.normal(0, 1 + 2 * x[:, 0], n)
    exog = pd.DataFrame(np.column_stack([np.ones(n), x]), columns=["Intercept", "a", "b", "c"])
    fit = fit_ols(_design(y, exog, ["a", "b", "c"]))

    xm = exog.to_numpy()
    bread = np.linalg.inv(xm.T @ xm)
    beta = bread @ xm.T @ y
    resid = y - xm @ beta
    leverage = np.einsum("ij,jk,ik->i", xm, bread, xm)
    meat = xm.T @ (xm * (resid / (1 - leverage))[:, None] ** 2)
    se = np.sqrt(np.diag(bread @ meat @ bread))
    np.testing.assert_allclose(fit.table["coef"], beta[1:], rtol=1e-10)
    np.testing.assert_allclose(fit.table["se"], se[1:], rtol=1e-10)
    # t-based interval with n - k degrees of freedom
    from scipy import stats

    t = stats.t.ppf(0.975, n - 4)
    np.testing.assert_allclose(fit.table["ci_low"], beta[1:] - t * se[1:], rtol=1e-9)


def _logit_data(seed: int = 1, n: int = 1500):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame((rng.random((n, 3)) < [0.3, 0.2, 0.5]).astype(int), columns=["a", "b", "c"])
    eta = -0.8 + df.to_numpy() @ np.array([1.2, -0.9, 0.3])
    df["y"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    return df


def test_logit_matches_pingouin_and_odds_ratios_are_exp_coef():
    df = _logit_data()
    data = validate_driver_data(df, "y", ["a", "b", "c"])
    assert data.kind == "logit"
    fit = fit_logit(build_design(data))
    ref = pg.logistic_regression(df[["a", "b", "c"]], df["y"], C=np.inf)
    np.testing.assert_allclose(fit.table["coef"], ref["coef"].to_numpy()[1:], atol=1e-4)
    np.testing.assert_allclose(fit.table["se"], ref["se"].to_numpy()[1:], atol=1e-4)
    np.testing.assert_allclose(fit.table["odds_ratio"], np.exp(fit.table["coef"]), rtol=1e-12)
    np.testing.assert_allclose(fit.table["or_ci_low"], np.exp(fit.table["ci_low"]), rtol=1e-12)
    assert fit.r2 == pytest.approx(fit.results.prsquared)


def test_logit_average_marginal_effect_is_mean_discrete_change():
    df = _logit_data(seed=2)
    design = build_design(validate_driver_data(df, "y", ["a", "b", "c"]))
    fit = fit_logit(design)
    params = fit.results.params
    for name in ["a", "b", "c"]:
        on, off = design.exog.copy(), design.exog.copy()
        on[name], off[name] = 1.0, 0.0
        change = 1 / (1 + np.exp(-(on @ params))) - 1 / (1 + np.exp(-(off @ params)))
        assert fit.table.loc[name, "ame"] == pytest.approx(change.mean(), rel=1e-8)


def test_logit_warns_on_separation():
    df = _logit_data(seed=3, n=600)
    df["rare"] = 0
    df.loc[df.index[:5], "rare"] = 1
    df.loc[df.index[:5], "y"] = 1
    fit = fit_logit(build_design(validate_driver_data(df, "y", ["a", "rare"])))
    assert any("separation" in w and "rare" in w for w in fit.warnings)
