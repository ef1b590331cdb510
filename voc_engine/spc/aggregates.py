"""Standalone mode: an analyst's own per-period aggregates (read with ``voc_engine.io.read_table``).

One row per period in time order (for ``xbar-s`` one row per respondent,
grouped by period in order of first appearance). The columns are renamed to
the standard series columns the charts read; the charts parse the numbers
and name the row and column of a bad one.
"""
from __future__ import annotations

import pandas as pd

from voc_engine.errors import InputFileError
from voc_engine.spc.charts import CHARTS


def aggregates_to_series(
    table: pd.DataFrame,
    chart: str,
    period_col: str | None = "period",
    count_col: str = "count",
    size_col: str = "size",
    value_col: str = "value",
) -> pd.DataFrame:
    """Rename the analyst's columns to the chart's standard columns.

    p, laney-p: count = nonconforming units, size = sample size;
    u, laney-u: count = events, size = units; c: count;
    xmr: value; xbar-s: value per respondent (grouped by period).
    Without a period column the rows are numbered 1, 2, 3...
    """
    if chart not in CHARTS:
        raise InputFileError(f"unknown chart {chart!r}; choose from {', '.join(CHARTS)}")
    wanted = {"xmr": {"value": value_col}, "xbar-s": {"value": value_col}, "c": {"count": count_col}}.get(
        chart, {"count": count_col, "size": size_col}
    )
    if chart == "c" and size_col in table.columns:
        wanted["size"] = size_col
    for column in wanted.values():
        if column not in table.columns:
            raise InputFileError(
                f"the {chart} chart needs column {column!r}; the file has {', '.join(map(str, table.columns))}",
                column=column,
            )
    series = pd.DataFrame({standard: table[column] for standard, column in wanted.items()})
    if period_col is not None:
        if period_col not in table.columns:
            raise InputFileError(f"no period column {period_col!r} in the file", column=period_col)
        series.insert(0, "period", table[period_col].astype(str))
    if chart == "xbar-s":
        series = _respondents_to_subgroups(series, value_col)
    return series


def _respondents_to_subgroups(series: pd.DataFrame, value_col: str) -> pd.DataFrame:
    if "period" not in series.columns:
        raise InputFileError("the xbar-s chart needs a period column to group respondents", column="period")
    values = pd.to_numeric(series["value"], errors="coerce")
    bad = values.isna() & series["value"].notna()
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise InputFileError(f"not a number: {series['value'].iloc[row]!r}", row=row, column=value_col)
    grouped = values.groupby(series["period"], sort=False).agg(["count", "mean", "std"])
    return pd.DataFrame(
        {"period": grouped.index, "value": grouped["mean"].to_numpy(), "size": grouped["count"].to_numpy(),
         "std": grouped["std"].to_numpy()}
    )
