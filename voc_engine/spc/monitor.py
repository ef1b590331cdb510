"""One chart per group: the library call behind ``voc spc`` store mode and the API."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from voc_engine.spc.charts import ControlChartResult, InsufficientDataError, SeriesError, SpcSignal, make_chart
from voc_engine.spc.series import DEFAULT_CHART, Period, default_chart, period_series


def charts_for_series(
    series_df: pd.DataFrame,
    chart: str | None = None,
    by: str | None = None,
    rules: str | Sequence[str] | None = "nelson",
    baseline: int | Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    drop_out_of_control: bool = False,
) -> list[ControlChartResult]:
    """Fit (Phase I on ``baseline``) and evaluate one chart per group of ``by``.

    ``chart`` defaults, per group, to :func:`default_chart` for the metric that
    :func:`period_series` recorded in ``series_df.attrs`` (Laney p'/u' for
    proportions and tag rates with >= 100 comments per period on average,
    else p/u; XmR for NPS and volume; X-bar/S for CSAT); ``by`` defaults to
    its grouping. Groups whose baseline cannot carry limits (e.g. no responses
    at all) are skipped.
    """
    metric = series_df.attrs.get("metric")
    if chart is None and metric not in DEFAULT_CHART:
        raise SeriesError("name the chart: the series does not say which metric it holds")
    by = by if by is not None else series_df.attrs.get("by")
    if by is not None and by not in series_df.columns:
        raise SeriesError(f"the series has no {by!r} column to group by", column=by)
    groups: list[tuple[dict[str, Any] | None, pd.DataFrame]]
    if by is None:
        groups = [(None, series_df)]
    else:
        groups = [({by: name}, part) for name, part in series_df.groupby(by, sort=False, observed=True)]
    results = []
    for key, part in groups:
        part = part.reset_index(drop=True)
        try:
            chosen = chart or default_chart(metric, part)
            fitted = make_chart(chosen, rules).fit(
                part, baseline=baseline, exclude=exclude, drop_out_of_control=drop_out_of_control
            )
        except InsufficientDataError:
            if by is None:
                raise
            continue  # a group without enough data has no limits to judge against
        results.append(fitted.evaluate(part, key=key, metric=metric))
    return results


def charts_for_comments(
    comments: pd.DataFrame,
    metric: str,
    by: str | None = None,
    period: Period = "week",
    tz: str = "UTC",
    tag: str | None = None,
    chart: str | None = None,
    rules: str | Sequence[str] | None = "nelson",
    baseline: int | Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    drop_out_of_control: bool = False,
) -> list[ControlChartResult]:
    """Comment rows -> period series -> one chart per group (store mode, API)."""
    series = period_series(comments, metric, by=by, period=period, tz=tz, tag=tag)
    return charts_for_series(
        series,
        chart=chart,
        by=by,
        rules=rules,
        baseline=baseline,
        exclude=exclude,
        drop_out_of_control=drop_out_of_control,
    )


def chart_set_to_dict(results: Sequence[ControlChartResult], **context: Any) -> dict[str, Any]:
    """JSON for a set of charts: ``context`` (metric, by, period...) plus every chart's ``to_dict()``."""
    return {**context, "charts": [result.to_dict() for result in results]}


def all_signals(results: Sequence[ControlChartResult]) -> list[SpcSignal]:
    return [signal for result in results for signal in result.signals()]
