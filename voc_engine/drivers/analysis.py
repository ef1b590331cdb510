"""``analyse_drivers``: validation → model → importance → priorities, one result."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from voc_engine.drivers.design import (
    DriverDataError,
    build_design,
    validate_driver_data,
)
from voc_engine.drivers.importance import logit_relative_importance, relative_importance
from voc_engine.drivers.models import fit_model
from voc_engine.drivers.prioritise import (
    action_list,
    expected_lift_interval,
    assign_quadrants,
    choose_performance,
    driver_profile,
    expected_lift,
    negative_companions,
    performance_values,
    poor_performance,
)
from voc_engine.drivers.result import DriverAnalysisResult

MIN_ROWS_PER_DRIVER = 20
MIN_PREVALENCE = 0.01
MIN_MENTIONS = 30
MAX_VIF = 5.0


def _negative_series(
    df: pd.DataFrame, index: pd.Index, companions: Mapping[str, str]
) -> dict[str, pd.Series]:
    out = {}
    for driver, column in companions.items():
        values = pd.to_numeric(df.loc[index, column], errors="coerce")
        bad = df.loc[index, column].notna() & ~values.isin([0.0, 1.0])
        if bad.any():
            row = bad.idxmax()
            raise DriverDataError(
                f"negative-mention column must be 0/1, found {df.loc[row, column]!r}",
                row=row,
                column=column,
            )
        out[driver] = values.astype(float)
    return out


def _sample_warnings(table: pd.DataFrame, n: int) -> list[str]:
    notes = []
    p = len(table)
    if n / p < MIN_ROWS_PER_DRIVER:
        notes.append(
            f"only {n / p:.1f} respondents per driver (n = {n}, {p} drivers); "
            f"aim for at least {MIN_ROWS_PER_DRIVER}: estimates are unstable"
        )
    for name, row in table.iterrows():
        if row["prevalence"] < MIN_PREVALENCE or row["mentions"] < MIN_MENTIONS:
            notes.append(
                f"driver {name!r} is rare ({int(row['mentions'])} mentions, "
                f"{row['prevalence'] * 100:.2f} % of respondents; want ≥ {MIN_MENTIONS} and "
                f"≥ {MIN_PREVALENCE * 100:.0f} %): its effect and importance are unreliable"
            )
        if np.isfinite(row["vif"]) and row["vif"] > MAX_VIF:
            notes.append(
                f"driver {name!r} has VIF {row['vif']:.1f} (> {MAX_VIF:.0f}): it overlaps with "
                "other regressors, so its coefficient is imprecise (its LMG share is still fair)"
            )
    return notes


def analyse_drivers(
    df: pd.DataFrame,
    kpi: str,
    drivers: Sequence[str],
    controls: Sequence[str] | None = None,
    kind: str | None = None,
    bootstrap: int = 200,
    seed: int = 0,
    *,
    negative_columns: Mapping[str, str] | None = None,
    higher_is_better: bool = True,
    alpha: float = 0.05,
    exact_max: int = 15,
    n_permutations: int = 2000,
    kpi_label: str | None = None,
) -> DriverAnalysisResult:
    """Which drivers move the KPI, how much of it they explain, and what to fix first.

    ``df`` has one row per respondent/comment: the KPI column (numeric, or 0/1
    / yes-no for a binary KPI), 0/1 driver columns and optional categorical
    controls (entered as fixed effects, always in the model). ``kind``:
    "ols" (HC3 SEs), "logit" (odds ratios, average marginal effects) or None
    to pick logit for a 0/1 KPI. Importance is the LMG/Shapley share of R²
    (McFadden's pseudo-R² for logit) with percentile bootstrap intervals from
    ``bootstrap`` resamples (0 to skip). Negative-mention companions
    (``<driver>:negative`` columns, or ``negative_columns``) give performance
    as the share of negative mentions; ``higher_is_better=False`` for KPIs such
    as effort or a detractor flag. ``kpi_label`` names the KPI in the actions'
    sentences (default: the column name).
    """
    if bootstrap < 0:
        raise DriverDataError(f"bootstrap must be ≥ 0, got {bootstrap}")
    data = validate_driver_data(df, kpi, drivers, controls, kind)
    design = build_design(data)
    model = fit_model(design, data.kind, alpha)

    importance_args = {
        "y": design.y,
        "drivers": design.drivers,
        "controls": design.controls if design.control_columns else None,
        "names": design.driver_columns,
        "bootstrap": bootstrap,
        "seed": seed,
        "confidence": 1 - alpha,
    }
    if data.kind == "ols":
        imp = relative_importance(**importance_args, exact_max=exact_max, n_permutations=n_permutations)
    else:
        imp = logit_relative_importance(
            **importance_args,
            exact_max=min(exact_max, 12),
            n_permutations=min(n_permutations, 200),
        )

    companions = negative_companions(df, data.drivers, negative_columns)
    negatives = _negative_series(df, data.frame.index, companions)
    profile = driver_profile(data.frame, data.kpi, data.drivers, negatives)
    measure = choose_performance(profile, [d in companions for d in data.drivers])

    table = model.table.copy()
    table["importance"] = imp.lmg
    table["importance_ci_low"] = imp.lmg_ci[:, 0]
    table["importance_ci_high"] = imp.lmg_ci[:, 1]
    table["importance_mc_se"] = imp.lmg_mc_se
    table["importance_pct"] = imp.lmg_pct
    table["relative_weight"] = imp.relative_weights
    table["relative_weight_ci_low"] = imp.relative_weights_ci[:, 0]
    table["relative_weight_ci_high"] = imp.relative_weights_ci[:, 1]
    table["vif"] = imp.vif
    table = table.join(profile)
    table["performance"] = performance_values(profile, measure)
    table["expected_lift"] = expected_lift(table[model.effect_column], table["prevalence_negative"])
    effect_ci = ("ci_low", "ci_high") if model.effect_column == "coef" else ("ame_ci_low", "ame_ci_high")
    table["expected_lift_ci_low"], table["expected_lift_ci_high"] = expected_lift_interval(
        table[effect_ci[0]], table[effect_ci[1]], table["prevalence_negative"]
    )
    poor = poor_performance(table["performance"], measure, higher_is_better)
    table["quadrant"] = assign_quadrants(table["impact"], poor, table["p_value"] < alpha)

    notes = list(data.warnings) + list(model.warnings) + list(imp.warnings)
    notes += _sample_warnings(table, data.n)
    return DriverAnalysisResult(
        kpi=data.kpi,
        kind=data.kind,
        n=data.n,
        n_input=data.n_input,
        r2=model.r2,
        r2_controls=imp.r2_controls,
        controls=data.controls,
        importance_measure=imp.measure,
        importance_method=imp.method,
        performance_measure=measure,
        higher_is_better=higher_is_better,
        table=table,
        actions=action_list(table, higher_is_better, alpha, kpi_label or data.kpi),
        warnings=notes,
        model=model,
        importance=imp,
        alpha=alpha,
    )
