"""The regression behind the drivers: OLS with HC3 errors or logit.

Both return a :class:`ModelEstimates` whose ``table`` has one row per driver.
Controls are estimated too (they live in ``results``) but are not reported as
drivers.
"""
from __future__ import annotations

import warnings as _warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm

from voc_engine.drivers.design import DesignMatrices, DriverDataError, ModelKind


@dataclass
class ModelEstimates:
    """Fitted driver model.

    ``table`` columns: coef, se, p_value, ci_low, ci_high (in the model's own
    scale: KPI units for OLS, log-odds for logit); for logit also odds_ratio,
    or_ci_low, or_ci_high, ame, ame_se, ame_ci_low, ame_ci_high (average
    marginal effects: the mean change in P(KPI = 1) when the driver goes from 0
    to 1, averaged over the respondents). ``r2`` is R² for OLS and McFadden's
    pseudo-R² (1 - llf/llnull) for logit. ``effect`` is the column that reads
    in KPI units (coef for OLS, ame for logit).
    """

    kind: ModelKind
    n: int
    r2: float
    table: pd.DataFrame
    results: object = field(repr=False)
    alpha: float = 0.05
    warnings: list[str] = field(default_factory=list)

    @property
    def effect_column(self) -> str:
        return "coef" if self.kind == "ols" else "ame"


def fit_ols(design: DesignMatrices, alpha: float = 0.05) -> ModelEstimates:
    """OLS with HC3 heteroskedasticity-robust standard errors (t reference).

    HC3 (MacKinnon & White 1985) is the small-sample choice of Long & Ervin
    (2000); Likert-type KPIs such as NPS are heteroskedastic by construction.
    """
    # QR is several times faster than the default pinv on large n; build_design
    # guarantees full column rank, so nothing is lost
    results = sm.OLS(design.y, design.exog).fit(method="qr", cov_type="HC3", use_t=True)
    ci = results.conf_int(alpha)
    names = design.driver_columns
    table = pd.DataFrame(
        {
            "coef": results.params[names],
            "se": results.bse[names],
            "p_value": results.pvalues[names],
            "ci_low": ci.loc[names, 0],
            "ci_high": ci.loc[names, 1],
        }
    )
    table.index.name = "driver"
    return ModelEstimates("ols", int(results.nobs), float(results.rsquared), table, results, alpha)


def fit_logit(design: DesignMatrices, alpha: float = 0.05) -> ModelEstimates:
    """Logit with odds ratios and average marginal effects (discrete change)."""
    notes: list[str] = []
    y = design.y
    for name in design.driver_columns:
        among = y[design.exog[name].to_numpy() == 1.0]
        if among.min() == among.max():
            notes.append(
                f"driver {name!r}: every respondent who mentions it has KPI = {int(among[0])} "
                "(separation); its logit coefficient and odds ratio are not finite estimates"
            )
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        try:
            results = sm.Logit(y, design.exog).fit(disp=0, maxiter=200)
        except np.linalg.LinAlgError as exc:
            raise DriverDataError(f"logit could not be estimated: {exc}") from exc
    if not results.mle_retvals.get("converged", True):
        notes.append("logit did not converge in 200 iterations; estimates may be unreliable")
    if any("separation" in str(w.message).lower() for w in caught) and not notes:
        notes.append("logit reports (quasi-)separation; some estimates are not finite")

    names = design.driver_columns
    ci = results.conf_int(alpha)
    margeff = results.get_margeff(at="overall", method="dydx", dummy=True)
    exog_names = [c for c in design.exog.columns if c != "Intercept"]
    me = pd.DataFrame(
        {
            "ame": margeff.margeff,
            "ame_se": margeff.margeff_se,
            "ame_ci_low": margeff.conf_int(alpha)[:, 0],
            "ame_ci_high": margeff.conf_int(alpha)[:, 1],
        },
        index=exog_names,
    )
    with np.errstate(over="ignore"):  # a separated driver's odds ratio is honestly inf
        table = pd.DataFrame(
            {
                "coef": results.params[names],
                "se": results.bse[names],
                "p_value": results.pvalues[names],
                "ci_low": ci.loc[names, 0],
                "ci_high": ci.loc[names, 1],
                "odds_ratio": np.exp(results.params[names]),
                "or_ci_low": np.exp(ci.loc[names, 0]),
                "or_ci_high": np.exp(ci.loc[names, 1]),
            }
        ).join(me.loc[names])
    table.index.name = "driver"
    return ModelEstimates(
        "logit", int(results.nobs), float(results.prsquared), table, results, alpha, notes
    )


def fit_model(design: DesignMatrices, kind: ModelKind, alpha: float = 0.05) -> ModelEstimates:
    return fit_ols(design, alpha) if kind == "ols" else fit_logit(design, alpha)
