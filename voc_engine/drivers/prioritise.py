"""From driver statistics to priorities: impact, performance, quadrants, actions.

Definitions (all on the analysis sample, one row per respondent):

* **prevalence** – share of respondents who mention the driver (driver = 1).
* **impact** – the score change commercial VoC tools report: the overall mean
  KPI minus the mean KPI of the respondents who do *not* mention the driver,
  i.e. how much the headline score moves because these comments exist.
  Negative: the theme pulls the score down (removing its comments would raise
  it). It is descriptive (not adjusted for other drivers); the regression
  effect is the adjusted counterpart.
* **expected lift** – the model's KPI change if the driver's negative mentions
  were halved: ``-effect × prevalence_negative / 2``, with ``effect`` the OLS
  coefficient (KPI units) or, for logit, the average marginal effect
  (probability units). ``prevalence_negative`` is the share of respondents who
  mention the driver negatively (from its ``<driver>:negative`` companion
  column), or its prevalence when the driver itself stands for a problem
  (no sentiment known). It is only a *gain* for drivers whose effect is
  negative; for the others it is reported but no action is proposed.
* **performance** – with sentiment known for every driver (each has a
  companion column): the share of its mentions that are negative (higher =
  worse). Otherwise the mean KPI among those who mention it (higher = better,
  unless the KPI is one where lower is better).
* **evidence** – an action is only ranked when the driver's effect is
  significant at ``alpha``; the others are listed after the ranked ones as
  "not enough evidence" (their lift is within noise), never as what to fix first.
* **quadrants** – split at the medians across drivers (a driver at the median
  counts as high impact / poor performance): ``fix_first`` high |impact| and
  poor performance; ``leverage`` high |impact| and good performance (a
  strength to build on); ``monitor`` low |impact| and poor performance;
  ``maintain`` low |impact| and good performance. A driver in the fix-first
  corner whose effect is not significant is ``not_enough_evidence`` instead:
  the matrix never tells a manager to fix first what the data cannot tell
  from noise.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from voc_engine.drivers.design import DriverDataError

NEGATIVE_SUFFIX = ":negative"
QUADRANTS: tuple[str, ...] = ("fix_first", "leverage", "monitor", "maintain", "not_enough_evidence")
PerformanceMeasure = Literal["share_negative", "mean_kpi"]


def negative_companions(
    df: pd.DataFrame, drivers: Sequence[str], given: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each driver to its negative-mention column, given or ``<driver>:negative``."""
    if given is not None:
        for driver, column in given.items():
            if driver not in drivers:
                raise DriverDataError("negative column given for a column that is not a driver", column=driver)
            if column not in df.columns:
                raise DriverDataError("negative-mention column not found", column=column)
        return dict(given)
    return {d: d + NEGATIVE_SUFFIX for d in drivers if d + NEGATIVE_SUFFIX in df.columns}


def driver_profile(
    frame: pd.DataFrame,
    kpi: str,
    drivers: Sequence[str],
    negatives: Mapping[str, pd.Series] | None = None,
) -> pd.DataFrame:
    """Descriptive statistics per driver.

    ``negatives`` maps a driver to its 0/1 negative-mention series aligned with
    ``frame`` (missing = sentiment unknown). Columns: mentions, prevalence,
    mentions_negative, prevalence_negative, share_negative, mean_kpi_mentioners,
    impact.
    """
    y = frame[kpi].to_numpy(dtype=float)
    overall = y.mean()
    rows = []
    for name in drivers:
        x = frame[name].to_numpy(dtype=float) == 1.0
        mentions = int(x.sum())
        if negatives and name in negatives:
            neg = negatives[name].to_numpy(dtype=float)
            neg_mentions = int(np.nansum(neg[x]))
            known = int((~np.isnan(neg[x])).sum())
            share_negative = neg_mentions / known if known else np.nan
            prevalence_negative = float(np.nansum(neg)) / len(y)
        elif name.endswith(NEGATIVE_SUFFIX):
            neg_mentions, share_negative, prevalence_negative = mentions, 1.0, mentions / len(y)
        else:
            neg_mentions, share_negative, prevalence_negative = mentions, np.nan, mentions / len(y)
        without = y[~x]
        rows.append(
            {
                "driver": name,
                "mentions": mentions,
                "prevalence": mentions / len(y),
                "mentions_negative": neg_mentions,
                "prevalence_negative": prevalence_negative,
                "share_negative": share_negative,
                "mean_kpi_mentioners": y[x].mean() if mentions else np.nan,
                "impact": overall - without.mean() if len(without) else np.nan,
            }
        )
    return pd.DataFrame(rows).set_index("driver")


def choose_performance(profile: pd.DataFrame, has_companion: Sequence[bool]) -> PerformanceMeasure:
    """Share negative when sentiment is known for every driver, else mean KPI."""
    if len(has_companion) and all(has_companion) and profile["share_negative"].notna().all():
        return "share_negative"
    return "mean_kpi"


def performance_values(profile: pd.DataFrame, measure: PerformanceMeasure) -> pd.Series:
    column = "share_negative" if measure == "share_negative" else "mean_kpi_mentioners"
    return profile[column].rename("performance")


def poor_performance(
    performance: pd.Series, measure: PerformanceMeasure, higher_is_better: bool = True
) -> pd.Series:
    """True where performance is at or on the poor side of the median."""
    median = performance.median()
    if measure == "share_negative" or not higher_is_better:
        return performance >= median
    return performance <= median


def assign_quadrants(impact: pd.Series, poor: pd.Series, significant: pd.Series | None = None) -> pd.Series:
    """Median split of |impact| crossed with poor/good performance; with ``significant``
    given, the fix-first corner keeps only drivers whose effect is significant (the others
    are ``not_enough_evidence``)."""
    magnitude = impact.abs()
    high = magnitude >= magnitude.median()
    quadrant = np.where(
        high, np.where(poor, "fix_first", "leverage"), np.where(poor, "monitor", "maintain")
    )
    if significant is not None:
        quadrant = np.where((quadrant == "fix_first") & ~significant.to_numpy(dtype=bool), "not_enough_evidence",
                            quadrant)
    return pd.Series(quadrant, index=impact.index, name="quadrant")


def expected_lift(effect: pd.Series, prevalence_negative: pd.Series) -> pd.Series:
    """KPI change if the negative mentions were halved: -effect × prevalence_negative / 2."""
    return (-effect * prevalence_negative / 2.0).rename("expected_lift")


def expected_lift_interval(
    effect_low: pd.Series, effect_high: pd.Series, prevalence_negative: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """The expected lift's interval from the effect's (the lift is linear in the effect)."""
    low = (-effect_high * prevalence_negative / 2.0).rename("expected_lift_ci_low")
    high = (-effect_low * prevalence_negative / 2.0).rename("expected_lift_ci_high")
    return low, high


NOT_ENOUGH_EVIDENCE = "not enough evidence"


def _number(value: float, scale: float) -> str:
    """A figure with as many decimals as its scale needs (2.1 points, 0.08 of a 0-10 answer)."""
    return f"{value:.1f}" if scale >= 1 else f"{value:.2f}" if scale >= 0.1 else f"{value:.3f}"


def action_statement(row: pd.Series, kpi_label: str, confidence: float, higher_is_better: bool = True) -> str:
    """One sentence a manager can act on, with the interval; hedged when the evidence is weak.

    Figures are improvements (in the KPI's good direction), so a lower-is-better KPI reads
    "could lower customer effort by 0.12"."""
    sign = 1.0 if higher_is_better else -1.0
    verb = "lift" if higher_is_better else "lower"
    gain = sign * row["expected_lift"]
    low, high = row.get("expected_lift_ci_low"), row.get("expected_lift_ci_high")
    bounds = sorted((sign * low, sign * high)) if pd.notna(low) and pd.notna(high) else None
    scale = max([abs(gain), *(abs(b) for b in bounds or [])])
    interval = f" ({confidence:.0%} CI {_number(bounds[0], scale)} to {_number(bounds[1], scale)})" if bounds else ""
    if row["significant"]:
        return f"Fixing {row['driver']} mentions could {verb} {kpi_label} by {_number(gain, scale)}{interval}."
    return (
        f"Not enough evidence yet that fixing {row['driver']} mentions moves {kpi_label} "
        f"(estimate {_number(gain, scale)}{interval}, p = {row['p_value']:.2f})."
    )


def action_list(
    table: pd.DataFrame,
    higher_is_better: bool = True,
    alpha: float = 0.05,
    kpi_label: str = "the KPI",
) -> pd.DataFrame:
    """Drivers worth acting on, best first.

    An action is proposed where halving the negative mentions improves the KPI
    (expected lift in the good direction). Only drivers whose effect is
    significant at ``alpha`` are ranked: fix_first before the other quadrants,
    then by expected improvement. The others follow, unranked, with evidence
    "not enough evidence" (their lift is within noise). Each row carries a
    plain-language ``statement`` with the lift's interval.
    """
    sign = 1.0 if higher_is_better else -1.0
    improvement = sign * table["expected_lift"]
    candidates = table[improvement > 0].copy()
    candidates["improvement"] = improvement[improvement > 0]
    candidates["significant"] = candidates["p_value"] < alpha
    candidates["_weak"] = ~candidates["significant"]
    candidates["_first"] = candidates["quadrant"] != "fix_first"
    candidates = candidates.sort_values(["_weak", "_first", "improvement"], ascending=[True, True, False])
    n_ranked = int(candidates["significant"].sum())
    for column in ("expected_lift_ci_low", "expected_lift_ci_high"):
        if column not in candidates:
            candidates[column] = np.nan
    out = pd.DataFrame(
        {
            "rank": pd.array([*range(1, n_ranked + 1), *([None] * (len(candidates) - n_ranked))], dtype="Int64"),
            "driver": candidates.index,
            "quadrant": candidates["quadrant"].to_numpy(),
            "expected_lift": candidates["expected_lift"].to_numpy(),
            "expected_lift_ci_low": candidates["expected_lift_ci_low"].to_numpy(),
            "expected_lift_ci_high": candidates["expected_lift_ci_high"].to_numpy(),
            "impact": candidates["impact"].to_numpy(),
            "performance": candidates["performance"].to_numpy(),
            "p_value": candidates["p_value"].to_numpy(),
            "significant": candidates["significant"].to_numpy(),
            "evidence": np.where(candidates["significant"], "significant", NOT_ENOUGH_EVIDENCE),
        }
    )
    out["statement"] = [action_statement(row, kpi_label, 1 - alpha, higher_is_better) for _, row in out.iterrows()]
    return out.reset_index(drop=True)
