"""Validated inputs and design matrices for driver analysis.

Column names come from users (CLI flags, API query strings), so they are
checked against the frame and then handed to formulaic as *lookup* factors:
formulaic reads each one as a column name and never evaluates it, so a name
such as ``a + b`` or ``__import__('os')`` is just an odd column name. No
formula string is ever assembled from user input.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from formulaic import Formula, model_matrix
from formulaic.parser.types import Factor, Term

from voc_engine.errors import InputFileError

ModelKind = Literal["ols", "logit"]
MODEL_KINDS: tuple[str, ...] = ("ols", "logit")

_TRUE_WORDS = {"1", "yes", "y", "true", "t"}
_FALSE_WORDS = {"0", "no", "n", "false", "f"}


class DriverDataError(InputFileError):
    """The frame cannot be analysed as asked (missing, non-numeric, non-binary,
    constant or collinear column, too few rows). Names the column and, where one
    row is to blame, its index label."""


@dataclass
class ValidatedData:
    """The analysis sample: only the columns in use, complete rows only.

    ``frame`` keeps the caller's index so rows can be traced back. Drivers are
    float 0/1, the KPI is float, controls are unordered categoricals.
    """

    frame: pd.DataFrame
    kpi: str
    drivers: tuple[str, ...]
    controls: tuple[str, ...]
    kind: ModelKind
    n_input: int
    missing_by_column: dict[str, int]
    warnings: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.frame)

    @property
    def n_dropped(self) -> int:
        return self.n_input - self.n


@dataclass
class DesignMatrices:
    """Response and regressors built by formulaic from a :class:`ValidatedData`.

    ``exog`` holds an ``Intercept`` column, the drivers under their own names and
    the control dummies (treatment coding, first level as reference).
    """

    y: np.ndarray
    exog: pd.DataFrame
    driver_columns: list[str]
    control_columns: list[str]

    @property
    def drivers(self) -> np.ndarray:
        return self.exog[self.driver_columns].to_numpy(dtype=float)

    @property
    def controls(self) -> np.ndarray:
        return self.exog[self.control_columns].to_numpy(dtype=float)


def _as_name_list(names: str | Iterable[str] | None, role: str) -> list[str]:
    if names is None:
        return []
    if isinstance(names, str):
        names = [names]
    out = []
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise DriverDataError(f"{role} names must be non-empty strings, got {name!r}")
        out.append(name)
    return out


def _binary_from_words(series: pd.Series, column: str) -> pd.Series:
    """Map yes/no-like text to 1/0 (missing stays missing)."""
    words = series.astype("string").str.strip().str.lower()
    result = pd.Series(np.nan, index=series.index, dtype=float)
    result[words.isin(_TRUE_WORDS)] = 1.0
    result[words.isin(_FALSE_WORDS)] = 0.0
    bad = words.notna() & result.isna()
    if bad.any():
        row = bad.idxmax()
        raise DriverDataError(
            f"KPI values must be numeric or yes/no, found {series[row]!r}", row=row, column=column
        )
    return result


def _numeric_column(df: pd.DataFrame, column: str, role: str) -> pd.Series:
    series = df[column]
    if pd.api.types.is_bool_dtype(series):
        return series.astype(float)
    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float)
    # text columns (CSV read as strings) are numbers written out, or yes/no for a KPI
    converted = pd.to_numeric(series, errors="coerce")
    bad = series.notna() & converted.isna()
    if bad.any() and role == "KPI":
        return _binary_from_words(series, column)
    if bad.any():
        row = bad.idxmax()
        raise DriverDataError(
            f"{role} must be numeric 0/1, found {series[row]!r}", row=row, column=column
        )
    return converted.astype(float)


def _check_binary(values: pd.Series, column: str, role: str) -> None:
    bad = ~values.isin([0.0, 1.0])
    if bad.any():
        row = bad.idxmax()
        raise DriverDataError(
            f"{role} must be 0/1, found {values[row]!r}", row=row, column=column
        )


def is_binary(values: pd.Series | np.ndarray) -> bool:
    arr = np.asarray(values, dtype=float)
    return bool(np.isin(arr[~np.isnan(arr)], (0.0, 1.0)).all())


def validate_driver_data(
    df: pd.DataFrame,
    kpi: str,
    drivers: Sequence[str],
    controls: Sequence[str] | None = None,
    kind: str | None = None,
) -> ValidatedData:
    """Check the columns and return the complete-case analysis sample.

    Raises :class:`DriverDataError` naming the column (and row) for: a missing
    column, a non-numeric KPI (yes/no text is accepted and mapped to 1/0), a
    driver that is not 0/1, a constant KPI or driver, a logit KPI that is not
    0/1, too few rows. Rows with a missing value in any used column are dropped
    and counted per column. ``kind=None`` picks logit for a 0/1 KPI, else OLS.
    A constant control is dropped with a warning (it carries no information,
    typically because the data were filtered on it).
    """
    if not isinstance(df, pd.DataFrame):
        raise DriverDataError(f"expected a pandas DataFrame, got {type(df).__name__}")
    if not isinstance(kpi, str) or not kpi:
        raise DriverDataError(f"the KPI must be a column name, got {kpi!r}")
    driver_list = _as_name_list(drivers, "driver")
    control_list = _as_name_list(controls, "control")
    if not driver_list:
        raise DriverDataError("at least one driver column is needed")
    if kind is not None and kind not in MODEL_KINDS:
        raise DriverDataError(f"kind must be one of {', '.join(MODEL_KINDS)} or None, got {kind!r}")

    seen: dict[str, str] = {kpi: "KPI"}
    for role, names in (("driver", driver_list), ("control", control_list)):
        for name in names:
            if name in seen:
                raise DriverDataError(
                    f"column used twice (as {seen[name]} and as {role})", column=name
                )
            seen[name] = role
    available = [str(c) for c in df.columns]
    for name, role in seen.items():
        if name not in df.columns:
            preview = ", ".join(available[:20]) + (" …" if len(available) > 20 else "")
            raise DriverDataError(f"{role} column not found (columns: {preview})", column=name)

    columns: dict[str, pd.Series] = {kpi: _numeric_column(df, kpi, "KPI")}
    for name in driver_list:
        columns[name] = _numeric_column(df, name, "driver")
    for name in control_list:
        columns[name] = df[name]
    frame = pd.DataFrame(columns, index=df.index)

    missing = {name: int(frame[name].isna().sum()) for name in frame.columns}
    frame = frame.dropna()
    warnings: list[str] = []
    n_dropped = len(df) - len(frame)
    if n_dropped:
        detail = ", ".join(f"{k}: {v}" for k, v in missing.items() if v)
        warnings.append(f"{n_dropped} of {len(df)} rows dropped for missing values ({detail})")

    y = frame[kpi]
    if len(frame) == 0:
        raise DriverDataError("no complete rows left after dropping missing values")
    if y.nunique() < 2:
        raise DriverDataError("KPI is constant in the analysis sample", column=kpi)
    for name in driver_list:
        _check_binary(frame[name], name, "driver")
        if frame[name].nunique() < 2:
            value = int(frame[name].iloc[0])
            raise DriverDataError(
                f"driver is constant (always {value}) in the analysis sample", column=name
            )

    kept_controls = []
    for name in control_list:
        levels = frame[name].nunique()
        if levels < 2:
            warnings.append(f"control {name!r} is constant in the analysis sample and was dropped")
            frame = frame.drop(columns=name)
            continue
        if levels > max(50, len(frame) // 20):
            warnings.append(
                f"control {name!r} has {levels} levels for {len(frame)} rows; "
                "fixed effects this fine-grained absorb much of the KPI"
            )
        frame[name] = pd.Categorical(frame[name].astype(str))
        kept_controls.append(name)

    binary_kpi = is_binary(y)
    if kind is None:
        kind = "logit" if binary_kpi else "ols"
    elif kind == "logit" and not binary_kpi:
        bad = ~y.isin([0.0, 1.0])
        row = bad.idxmax()
        raise DriverDataError(
            f"a logit KPI must be 0/1, found {y[row]!r}", row=row, column=kpi
        )

    n_params = 1 + len(driver_list) + sum(frame[c].nunique() - 1 for c in kept_controls)
    if len(frame) <= n_params:
        raise DriverDataError(
            f"{len(frame)} complete rows cannot estimate {n_params} parameters"
        )
    return ValidatedData(
        frame=frame,
        kpi=kpi,
        drivers=tuple(driver_list),
        controls=tuple(kept_controls),
        kind=kind,  # type: ignore[arg-type]
        n_input=len(df),
        missing_by_column=missing,
        warnings=warnings,
    )


def model_formula(
    drivers: Sequence[str], controls: Sequence[str] = (), indicators: str | None = None
) -> Formula:
    """The model spec ``1 + drivers + C(controls)`` built term by term.

    Every column is a lookup factor, i.e. a column name taken literally. With
    ``indicators`` the intercept is replaced by one 0/1 column per level of that
    categorical column (``C(indicators) - 1``), as the touchpoint scorecard needs.
    """
    if indicators is None:
        terms = [Term([Factor("1", eval_method="literal")])]
    else:
        terms = [Term([Factor(indicators, eval_method="lookup", kind="categorical")])]
    terms += [Term([Factor(name, eval_method="lookup")]) for name in drivers]
    terms += [
        Term([Factor(name, eval_method="lookup", kind="categorical")]) for name in controls
    ]
    return Formula(terms)


def build_design(data: ValidatedData) -> DesignMatrices:
    """Materialise ``y`` and the regressors, and refuse exactly collinear drivers."""
    formula = model_formula(data.drivers, data.controls)
    exog = model_matrix(formula, data.frame).astype(float)
    exog = pd.DataFrame(np.asarray(exog), columns=list(exog.columns), index=data.frame.index)
    if exog.columns.duplicated().any():
        dup = exog.columns[exog.columns.duplicated()][0]
        raise DriverDataError("design has two columns with the same name", column=str(dup))
    driver_columns = list(data.drivers)
    redundant = _redundant_columns(exog, driver_columns)
    if redundant:
        exog = exog.drop(columns=redundant)
        data.warnings.append(
            "control dummies dropped as exact combinations of other controls: "
            + ", ".join(redundant)
        )
    control_columns = [c for c in exog.columns if c != "Intercept" and c not in data.drivers]
    return DesignMatrices(
        y=data.frame[data.kpi].to_numpy(dtype=float),
        exog=exog,
        driver_columns=driver_columns,
        control_columns=control_columns,
    )


def _redundant_columns(exog: pd.DataFrame, driver_columns: list[str]) -> list[str]:
    """Control dummies that are exact combinations of earlier columns.

    Raises for a driver that is one (naming it). Works on the small
    cross-product matrix with a sweep in column order, so it costs one pass over
    the data. The order is intercept, controls, drivers, so that a driver which
    duplicates a control level is the column named.
    """
    names = ["Intercept"] + [c for c in exog.columns if c not in driver_columns and c != "Intercept"]
    names += driver_columns
    x = exog[names].to_numpy(dtype=float)
    gram = x.T @ x
    scale = np.sqrt(np.maximum(np.diag(gram), 1e-300))
    gram = gram / np.outer(scale, scale)
    kept: list[int] = []
    redundant: list[str] = []
    for j in range(len(names)):
        if kept:
            sub = gram[np.ix_(kept, kept)]
            coef = np.linalg.solve(sub, gram[kept, j])
            residual = gram[j, j] - gram[j, kept] @ coef
        else:
            residual = gram[j, j]
        if residual < 1e-10:
            if names[j] in driver_columns:
                raise DriverDataError(
                    "driver is a linear combination of other regressors "
                    "(exactly collinear); drop it or merge it",
                    column=names[j],
                )
            redundant.append(names[j])
            continue
        kept.append(j)
    return redundant
