"""One chart per group: the library call behind ``voc spc`` store mode and the API.

The result is a :class:`ChartSet`: the charts plus what they were asked for (metric, grouping,
period, time zone, tag). Its ``to_dict()`` is the one JSON shape of ``voc spc`` store mode and
``GET /v1/spc/charts``; ``signals()`` is what ``GET /v1/spc/signals`` lists.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import pandas as pd

from voc_engine.spc.charts import ControlChartResult, InsufficientDataError, SeriesError, SpcSignal, make_chart
from voc_engine.spc.series import DEFAULT_CHART, Period, default_chart, period_series


@dataclass(frozen=True)
class ChartSet(Sequence[ControlChartResult]):
    """Charts of one metric, one per group, and the question they answer.

    A sequence of :class:`ControlChartResult` (``charts[0]``, ``for chart in charts``), so code
    that wants one chart reads it directly.
    """

    charts: tuple[ControlChartResult, ...]
    context: dict[str, Any] = field(default_factory=dict)

    @overload
    def __getitem__(self, index: int) -> ControlChartResult: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ControlChartResult]: ...
    def __getitem__(self, index):
        return self.charts[index]

    def __len__(self) -> int:
        return len(self.charts)

    def __iter__(self) -> Iterator[ControlChartResult]:
        return iter(self.charts)

    def with_context(self, **context: Any) -> "ChartSet":
        return ChartSet(self.charts, {**self.context, **context})

    def for_group(self, group: str) -> "ChartSet":
        """Only the chart of one group (its value of ``by``, as text); empty when there is none."""
        charts = tuple(c for c in self.charts if c.key and str(next(iter(c.key.values()))) == group)
        return ChartSet(charts, self.context)

    def signals(self, latest: bool = False) -> list[SpcSignal]:
        """Every rule-breaking point of every chart, chart by chart; ``latest``: only those in each
        chart's last period (what is out of control now)."""
        signals = [signal for chart in self.charts for signal in chart.signals()]
        if latest:
            last = {chart.chart_key: str(chart.points["period"].iloc[-1]) for chart in self.charts}
            signals = [signal for signal in signals if signal.period == last[signal.chart_key]]
        return signals

    def signals_to_dict(self, latest: bool = False) -> dict[str, Any]:
        """The JSON contract of ``GET /v1/spc/signals``: the context and the signals."""
        return {**self.context, "signals": [signal.to_dict() for signal in self.signals(latest)]}

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``voc spc`` store mode and ``GET /v1/spc/charts``."""
        return {**self.context, "charts": [chart.to_dict() for chart in self.charts]}

    def summary(self) -> str:
        signalling = sum(1 for chart in self.charts if chart.signals())
        head = ", ".join(f"{name}={value}" for name, value in self.context.items() if value is not None)
        lines = [f"{len(self.charts)} chart(s), {signalling} with signals" + (f"  ({head})" if head else "")]
        lines.extend(chart.summary() for chart in self.charts)
        return "\n".join(lines)


def charts_for_series(
    series_df: pd.DataFrame,
    chart: str | None = None,
    by: str | None = None,
    rules: str | Sequence[str] | None = "nelson",
    baseline: int | Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    drop_out_of_control: bool = False,
) -> ChartSet:
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
    return ChartSet(tuple(results), {"metric": metric, "by": by})


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
) -> ChartSet:
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
    ).with_context(metric=metric, by=by, period=period, tz=tz, tag=tag)
