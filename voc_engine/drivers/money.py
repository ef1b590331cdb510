"""Behaviour and money: what an NPS point is worth, and what an action returns.

Optional customer table ``customer_id, churned (0/1), revenue``. A logit of
churn on the customer's likelihood-to-recommend answer (0–10, the mean of
their survey answers; optionally also their mean sentiment) links the KPI to
behaviour. From it:

* **value of one NPS point** – raise every customer's 0–10 answer by one point
  (capped at 10); each customer's churn probability falls by
  ``Δp_i = P(churn | nps_i) - P(churn | nps_i + 1)``; the value is
  ``Σ Δp_i × revenue_i`` (revenue kept per period of the revenue column), and
  ``Σ Δp_i`` is the number of customers saved. "Point" means one point of the
  0–10 answer, not one point of the -100…100 NPS index.
* **ROI of an action plan** – customers saved × value per saved customer −
  investment, where the saved customers come from the expected KPI lift among
  the customers the action affects; ``roi = net / investment``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from formulaic import model_matrix

from voc_engine.drivers.design import DriverDataError, model_formula
from voc_engine.drivers.result import _num


@dataclass
class ActionROI:
    customers_saved: float
    value_per_saved_customer: float
    value: float
    investment: float

    @property
    def net_value(self) -> float:
        return self.value - self.investment

    @property
    def roi(self) -> float:
        return self.net_value / self.investment if self.investment > 0 else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {
            "customers_saved": _num(self.customers_saved),
            "value_per_saved_customer": _num(self.value_per_saved_customer),
            "value": _num(self.value),
            "investment": _num(self.investment),
            "net_value": _num(self.net_value),
            "roi": _num(self.roi),
        }


def action_roi(customers_saved: float, value_per_customer: float, investment: float) -> ActionROI:
    """Customers saved × value per customer − investment (and that over the investment)."""
    if investment < 0:
        raise DriverDataError(f"investment must be ≥ 0, got {investment}")
    return ActionROI(customers_saved, value_per_customer, customers_saved * value_per_customer, investment)


@dataclass
class ChurnValueModel:
    """Logit of churn on NPS (and sentiment) at customer level."""

    nps: str
    predictors: list[str]
    frame: pd.DataFrame  # customer_id, predictors, churned, revenue
    table: pd.DataFrame  # coef, se, p_value, ci_low, ci_high, odds_ratio per predictor
    results: Any = field(repr=False)
    warnings: list[str] = field(default_factory=list)
    nps_max: float = 10.0

    @property
    def n(self) -> int:
        return len(self.frame)

    def churn_probability(self, nps_shift: float | np.ndarray = 0.0, frame: pd.DataFrame | None = None) -> np.ndarray:
        frame = self.frame if frame is None else frame
        shifted = frame[self.predictors].copy()
        shifted[self.nps] = np.minimum(shifted[self.nps] + nps_shift, self.nps_max)
        params = self.results.params
        eta = params["Intercept"] + shifted.to_numpy(float) @ params[self.predictors].to_numpy(float)
        return 1.0 / (1.0 + np.exp(-eta))

    def value_of_nps_point(self, customers: Iterable[Any] | None = None) -> dict[str, float]:
        """Customers saved and revenue kept if every (selected) customer rose one point."""
        return self.plan_value(1.0, customers)

    def plan_value(self, nps_lift: float, customers: Iterable[Any] | None = None) -> dict[str, float]:
        frame = self._select(customers)
        delta = self.churn_probability(0.0, frame) - self.churn_probability(nps_lift, frame)
        saved = float(delta.sum())
        value = float(delta @ frame["revenue"].to_numpy(float))
        return {
            "customers": len(frame),
            "customers_saved": saved,
            "value": value,
            "value_per_customer": value / len(frame) if len(frame) else float("nan"),
            "value_per_saved_customer": value / saved if saved > 0 else float("nan"),
        }

    def action_plan_roi(
        self, nps_lift: float, investment: float, customers: Iterable[Any] | None = None
    ) -> ActionROI:
        """ROI of an action expected to raise the affected customers' answer by ``nps_lift``."""
        v = self.plan_value(nps_lift, customers)
        return action_roi(v["customers_saved"], v["value_per_saved_customer"] if v["customers_saved"] > 0 else 0.0, investment)

    def _select(self, customers: Iterable[Any] | None) -> pd.DataFrame:
        if customers is None:
            return self.frame
        wanted = set(customers)
        frame = self.frame[self.frame["customer_id"].isin(wanted)]
        if frame.empty:
            raise DriverDataError("none of the given customers is in the churn model", column="customer_id")
        return frame

    def to_dict(self) -> dict[str, Any]:
        point = self.value_of_nps_point()
        return {
            "n": self.n,
            "churn_rate": _num(self.frame["churned"].mean()),
            "predictors": {
                name: {k: _num(v) for k, v in row.items()} for name, row in self.table.iterrows()
            },
            "value_of_one_nps_point": {k: _num(v) for k, v in point.items()},
            "warnings": list(self.warnings),
        }

    def summary(self) -> str:
        point = self.value_of_nps_point()
        lines = [
            f"Churn model: logit of churned on {', '.join(self.predictors)} (n = {self.n} customers, "
            f"churn rate {self.frame['churned'].mean():.1%})",
        ]
        for name, row in self.table.iterrows():
            lines.append(
                f"  {name}: odds ratio {row['odds_ratio']:.3f} per unit "
                f"[{np.exp(row['ci_low']):.3f}, {np.exp(row['ci_high']):.3f}], p = {row['p_value']:.3g}"
            )
        lines.append(
            f"One more point on the 0–10 answer for every customer: {point['customers_saved']:.1f} "
            f"customers saved, revenue kept {point['value']:,.0f} "
            f"({point['value_per_customer']:,.2f} per customer)"
        )
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        raise DriverDataError("column not found", column=column)
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = frame[column].notna() & values.isna()
    if bad.any():
        row = bad.idxmax()
        raise DriverDataError(f"must be numeric, found {frame.loc[row, column]!r}", row=row, column=column)
    return values.astype(float)


def fit_churn_model(
    customers: pd.DataFrame,
    responses: pd.DataFrame | None = None,
    nps: str = "nps",
    sentiment: str | None = None,
    customer_id: str = "customer_id",
    alpha: float = 0.05,
) -> ChurnValueModel:
    """Fit churn ~ NPS (+ sentiment) on customers.

    ``customers`` has ``customer_id``, ``churned`` (0/1), ``revenue`` and either
    the NPS (and sentiment) columns itself or ``responses`` (comment level) to
    average them from. Customers without any answer are left out (counted in a
    warning).
    """
    for column in (customer_id, "churned", "revenue"):
        if column not in customers.columns:
            raise DriverDataError("customer table column not found", column=column)
    predictors = [nps] + ([sentiment] if sentiment else [])
    notes: list[str] = []
    base = customers[[customer_id, "churned", "revenue"]].copy()
    if base[customer_id].duplicated().any():
        row = base[customer_id].duplicated().idxmax()
        raise DriverDataError("customer appears twice in the customer table", row=row, column=customer_id)
    if responses is not None:
        if customer_id not in responses.columns:
            raise DriverDataError("responses need a customer id column", column=customer_id)
        means = pd.DataFrame({c: _numeric(responses, c) for c in predictors})
        means[customer_id] = responses[customer_id].to_numpy()
        means = means.groupby(customer_id, as_index=False)[predictors].mean()
        frame = base.merge(means, on=customer_id, how="inner")
        lost = len(base) - len(frame)
        if lost:
            notes.append(f"{lost} customers without survey answers left out")
    else:
        frame = base.copy()
        for c in predictors:
            frame[c] = _numeric(customers, c)
    frame["churned"] = _numeric(frame, "churned")
    frame["revenue"] = _numeric(frame, "revenue")
    before = len(frame)
    frame = frame.dropna(subset=predictors + ["churned", "revenue"]).reset_index(drop=True)
    if len(frame) < before:
        notes.append(f"{before - len(frame)} customers with missing values left out")
    if not frame["churned"].isin([0.0, 1.0]).all():
        row = (~frame["churned"].isin([0.0, 1.0])).idxmax()
        raise DriverDataError("churned must be 0/1", row=row, column="churned")
    if frame["churned"].nunique() < 2:
        raise DriverDataError("churned is constant: nobody (or everybody) churned", column="churned")
    if len(frame) < 10 * (len(predictors) + 1):
        notes.append(f"only {len(frame)} customers: the churn model is rough")

    exog = model_matrix(model_formula(predictors), frame)
    exog = pd.DataFrame(np.asarray(exog, dtype=float), columns=list(exog.columns))
    try:
        results = sm.Logit(frame["churned"].to_numpy(float), exog).fit(disp=0, maxiter=200)
    except np.linalg.LinAlgError as exc:
        raise DriverDataError(f"churn logit could not be estimated: {exc}") from exc
    ci = results.conf_int(alpha)
    table = pd.DataFrame(
        {
            "coef": results.params[predictors],
            "se": results.bse[predictors],
            "p_value": results.pvalues[predictors],
            "ci_low": ci.loc[predictors, 0],
            "ci_high": ci.loc[predictors, 1],
            "odds_ratio": np.exp(results.params[predictors]),
        }
    )
    nps_max = 10.0 if frame[nps].max() <= 10 else float(frame[nps].max())
    return ChurnValueModel(
        nps=nps,
        predictors=predictors,
        frame=frame,
        table=table,
        results=results,
        warnings=notes,
        nps_max=nps_max,
    )
