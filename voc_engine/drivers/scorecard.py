"""Touchpoint scorecard: the customer journey map in numbers.

For every touchpoint (journey stage): how often it comes up (volume, share of
customers), how it is experienced (mean KPI, share negative), how much it
moves the KPI (its effect in one regression of the KPI on touchpoint
indicators, the drivers and the controls) and which drivers matter most
within it.

The touchpoint effect is a contrast: the touchpoint's coefficient minus the
volume-weighted mean of all touchpoints' coefficients, i.e. how far the KPI at
this touchpoint sits from the average touchpoint once the drivers mentioned
and the controls are held fixed. HC3 standard errors, t reference.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from formulaic import model_matrix

from voc_engine.drivers.design import (
    DriverDataError,
    model_formula,
    validate_driver_data,
)
from voc_engine.drivers.prioritise import NEGATIVE_SUFFIX, driver_profile
from voc_engine.drivers.result import _num

MIN_MENTIONS_IN_TOUCHPOINT = 5


@dataclass
class ScorecardResult:
    """One row per touchpoint: volume, share_of_rows, customers,
    share_of_customers, mean_kpi, share_negative, effect, effect_ci_low,
    effect_ci_high, effect_p_value, top_drivers (list of driver names, largest
    |impact| within the touchpoint first)."""

    kpi: str
    touchpoint: str
    n: int
    r2: float
    table: pd.DataFrame
    negative_definition: str
    warnings: list[str] = field(default_factory=list)
    results: Any = field(default=None, repr=False)

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def to_dict(self) -> dict[str, Any]:
        rows = []
        for name, row in self.table.iterrows():
            record = {"touchpoint": str(name)}
            for column, value in row.items():
                record[column] = list(value) if column == "top_drivers" else _num(value)
            rows.append(record)
        return {
            "kpi": self.kpi,
            "touchpoint_column": self.touchpoint,
            "n": int(self.n),
            "r2": _num(self.r2),
            "negative_definition": self.negative_definition,
            "touchpoints": rows,
            "warnings": list(self.warnings),
        }

    def summary(self) -> str:
        lines = [
            f"Touchpoint scorecard of {self.kpi!r} by {self.touchpoint!r} (n = {self.n}, R² = {self.r2:.3f})",
            f"share negative = {self.negative_definition}",
            "",
            f"{'touchpoint':<18}{'volume':>8}{'cust.%':>8}{'mean':>7}{'neg.%':>7}{'effect':>8}{'95% CI':>18}  top drivers",
        ]
        for name, row in self.table.sort_values("effect").iterrows():
            ci = f"[{row['effect_ci_low']:+.2f}, {row['effect_ci_high']:+.2f}]"
            neg = f"{row['share_negative'] * 100:7.1f}" if np.isfinite(row["share_negative"]) else f"{'–':>7}"
            lines.append(
                f"{str(name)[:17]:<18}{int(row['volume']):>8}{row['share_of_customers'] * 100:>8.1f}"
                f"{row['mean_kpi']:>7.2f}{neg}{row['effect']:>+8.2f}{ci:>18}  {', '.join(row['top_drivers'])}"
            )
        if self.warnings:
            lines += ["", "Warnings:"] + [f"  - {w}" for w in self.warnings]
        return "\n".join(lines)

    def plot(self, path: str | Path) -> Path:
        from voc_engine.drivers.plot import plot_scorecard

        return plot_scorecard(self, path)


def touchpoint_scorecard(
    df: pd.DataFrame,
    kpi: str,
    drivers: Sequence[str],
    touchpoint: str = "touchpoint",
    controls: Sequence[str] | None = None,
    customer_id: str | None = "customer_id",
    negative: str | None = None,
    top_n: int = 3,
    alpha: float = 0.05,
) -> ScorecardResult:
    """Build the scorecard.

    ``negative`` names a 0/1 column flagging a negative comment; without it a
    comment counts as negative when any driver's ``<driver>:negative``
    companion is 1 (and the share is missing when there are none).
    ``customer_id=None`` (or a missing column) counts rows instead of customers.
    """
    controls = list(controls or [])
    data = validate_driver_data(df, kpi, drivers, [touchpoint] + controls, kind="ols")
    if touchpoint not in data.controls:
        raise DriverDataError("touchpoint column has a single value; nothing to compare", column=touchpoint)
    frame = data.frame
    levels = list(frame[touchpoint].cat.categories)
    notes = list(data.warnings)

    exog = model_matrix(model_formula(data.drivers, [c for c in data.controls if c != touchpoint], touchpoint), frame)
    exog = pd.DataFrame(np.asarray(exog, dtype=float), columns=list(exog.columns), index=frame.index)
    indicator_columns = [f"{touchpoint}[{level}]" for level in levels]
    results = sm.OLS(frame[kpi].to_numpy(float), exog).fit(cov_type="HC3", use_t=True)
    volume = frame[touchpoint].value_counts().reindex(levels).to_numpy(float)
    weights = volume / volume.sum()
    contrast = np.zeros((len(levels), exog.shape[1]))
    position = [list(exog.columns).index(c) for c in indicator_columns]
    for i in range(len(levels)):
        contrast[i, position] = -weights
        contrast[i, position[i]] += 1.0
    test = results.t_test(contrast)
    ci = np.asarray(test.conf_int(alpha))

    if customer_id and customer_id in df.columns:
        customers = df.loc[frame.index, customer_id]
        n_customers = customers.nunique()
        per_touchpoint = customers.groupby(frame[touchpoint], observed=False).nunique().reindex(levels)
        share_customers = per_touchpoint.to_numpy(float) / n_customers
        customer_counts = per_touchpoint.to_numpy(float)
    else:
        if customer_id:
            notes.append(f"no column {customer_id!r}: customer shares are shares of comments")
        customer_counts = volume
        share_customers = weights

    if negative is not None:
        if negative not in df.columns:
            raise DriverDataError("negative flag column not found", column=negative)
        flag = pd.to_numeric(df.loc[frame.index, negative], errors="coerce")
        definition = f"mean of {negative!r}"
    else:
        companions = [d + NEGATIVE_SUFFIX for d in data.drivers if d + NEGATIVE_SUFFIX in df.columns]
        companions += [d for d in data.drivers if d.endswith(NEGATIVE_SUFFIX)]
        if companions:
            flag = (df.loc[frame.index, list(dict.fromkeys(companions))].fillna(0) == 1).any(axis=1).astype(float)
            definition = "share of comments with at least one negative driver mention"
        else:
            flag = pd.Series(np.nan, index=frame.index)
            definition = "unknown (no negative flag or negative-mention columns)"

    group = frame[touchpoint]
    top: list[list[str]] = []
    for level in levels:
        inside = frame[group == level]
        profile = driver_profile(inside, kpi, data.drivers)
        profile = profile[profile["mentions"] >= MIN_MENTIONS_IN_TOUCHPOINT]
        ranked = profile["impact"].abs().sort_values(ascending=False)
        top.append([str(name) for name in ranked.index[:top_n]])

    table = pd.DataFrame(
        {
            "volume": volume.astype(int),
            "share_of_rows": weights,
            "customers": np.asarray(customer_counts).astype(int),
            "share_of_customers": share_customers,
            "mean_kpi": frame[kpi].groupby(group, observed=False).mean().reindex(levels).to_numpy(),
            "share_negative": flag.groupby(group, observed=False).mean().reindex(levels).to_numpy(),
            "effect": np.asarray(test.effect),
            "effect_ci_low": ci[:, 0],
            "effect_ci_high": ci[:, 1],
            "effect_p_value": np.asarray(test.pvalue).ravel(),
            "top_drivers": top,
        },
        index=pd.Index(levels, name=touchpoint),
    )
    small = table.index[table["volume"] < MIN_MENTIONS_IN_TOUCHPOINT * 6]
    if len(small):
        notes.append(f"touchpoints with few comments (< 30): {', '.join(map(str, small))}")
    return ScorecardResult(
        kpi=kpi,
        touchpoint=touchpoint,
        n=data.n,
        r2=float(results.rsquared),
        table=table,
        negative_definition=definition,
        warnings=notes,
        results=results,
    )
