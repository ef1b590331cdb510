"""Period series from comment-level rows: the input every control chart reads.

One row per comment goes in (``created_at`` tz-aware UTC, ``touchpoint``,
``channel``, ``segment``, ``sentiment_label``, ``nps``, ``csat``, ``tags``);
one row per (group, period) comes out with the standard chart columns
``count``, ``size``, ``value`` (and ``std`` for CSAT), every group on the same
complete run of periods so that an empty week shows as a gap (or as zero
volume) rather than disappearing. All work is pandas/numpy group-bys.

Periods are those of :mod:`voc_engine.periods`: days (``2026-02-14``), ISO weeks
(``2026-W07``, Monday start) or months (``2026-02``) of the local calendar in ``tz``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from voc_engine.periods import PERIODS, Period, PeriodError, as_utc, period_labels, period_range, period_starts
from voc_engine.schema import SENTIMENT_LABELS
from voc_engine.spc.charts import SeriesError
from voc_engine.store.schemas import NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN

METRICS: tuple[str, ...] = ("negative_rate", "detractor_rate", "nps_index", "csat_mean", "tag_rate", "volume")
# Older names still accepted. "nps_index" is the −100…100 score everywhere (stats, drivers, charts).
METRIC_ALIASES: dict[str, str] = {"nps": "nps_index"}
GROUPINGS: tuple[str, ...] = ("touchpoint", "channel", "segment", "tag")

# The chart each metric gets unless the caller picks one. Proportions and tag
# rates get Laney's correction because VoC volumes make plain p/u limits so
# narrow that nearly every period "signals" (Laney 2002).
DEFAULT_CHART: dict[str, str] = {
    "negative_rate": "laney-p",
    "detractor_rate": "laney-p",
    "nps_index": "xmr",
    "csat_mean": "xbar-s",
    "tag_rate": "laney-u",
    "volume": "xmr",
}

TAG_RATE_UNIT = 100  # tag_rate counts mentions per 100 comments

# Below this many comments per period the binomial (Poisson) noise dwarfs any
# realistic week-to-week drift, so Laney's sigma_z is ~1 and mostly estimation
# noise: the plain p (u) chart is the better-founded default there.
LANEY_MIN_MEAN_COMMENTS = 100


def default_chart(metric: str, series: pd.DataFrame) -> str:
    """The chart for ``metric`` on this series: Laney's p'/u' when n is large, else p/u."""
    chart = DEFAULT_CHART[METRIC_ALIASES.get(metric, metric)]
    if chart not in ("laney-p", "laney-u"):
        return chart
    sized = series[series["size"] > 0]
    per_period = sized["comments"] if chart == "laney-u" and "comments" in sized else sized["size"]
    if len(per_period) and per_period.mean() >= LANEY_MIN_MEAN_COMMENTS:
        return chart
    return chart.removeprefix("laney-")

_METRIC_COLUMNS: dict[str, tuple[str, ...]] = {
    "negative_rate": ("sentiment_label",),
    "detractor_rate": ("nps",),
    "nps_index": ("nps",),
    "csat_mean": ("csat",),
    "tag_rate": ("tags",),
    "volume": (),
}


def period_series(
    comments: pd.DataFrame,
    metric: str,
    by: str | None = None,
    period: Period = "week",
    tz: str = "UTC",
    tag: str | None = None,
) -> pd.DataFrame:
    """Aggregate comments into one row per (group, period) for ``metric``.

    Columns: ``<by>`` (when grouping), ``period`` (label), ``period_start``
    (local midnight, tz-aware), ``count``, ``size``, ``value``, ``comments``
    and, per metric:

    - negative_rate: count = negative comments, size = comments with a sentiment label
    - detractor_rate: count = NPS answers 0-6, size = NPS answers
    - nps_index: value = % promoters (9-10) - % detractors (0-6), size = NPS answers;
      ``promoters``/``detractors`` counts added
    - csat_mean: value = mean CSAT, size = CSAT answers, std = their sample sd
    - tag_rate: count = comments carrying ``tag`` (all tags when ``by="tag"``),
      size = comments / 100, so value = mentions per 100 comments
    - volume: value = count = comments, size = 1

    ``by="tag"`` puts a comment in the group of every tag it carries. The
    frame's ``attrs`` record metric, by, period, tz, tag and the default chart.
    """
    metric = METRIC_ALIASES.get(metric, metric)
    _check_arguments(comments, metric, by, period, tag)
    comments = comments.reset_index(drop=True)
    try:
        starts = period_starts(as_utc(comments["created_at"]), period, tz)
    except PeriodError as exc:
        raise SeriesError(exc.reason, row=exc.row, column=exc.column) from None
    if len(starts) == 0:
        raise SeriesError("no comments to chart")
    frame = _comment_frame(comments, starts, metric, by)
    group_keys = ["group", "start"] if by is not None else ["start"]

    period_totals = None
    if metric == "tag_rate":
        if by == "tag":
            # a tag's share of all feedback: the denominator is every comment of the period
            period_totals = pd.Series(starts).value_counts()
            mentions = frame if tag is None else frame[frame["group"] == tag]
            grouped = mentions.groupby(group_keys, sort=False, observed=True).size().rename("count").to_frame()
        else:
            tags = _tag_names(comments["tags"])
            carriers = tags.index[(tags == tag).to_numpy()].unique()
            frame["count"] = np.zeros(len(frame), dtype=np.int64)
            frame.loc[carriers, "count"] = 1
            grouped = frame.groupby(group_keys, sort=False, observed=True).agg(
                comments=("start", "size"), count=("count", "sum")
            )
    else:
        grouped = frame.groupby(group_keys, sort=False, observed=True).agg(
            comments=("start", "size"), **_metric_aggregations(metric)
        )
    series = _complete_periods(grouped, starts, by, period, period_totals)
    series = _derive_values(series, metric)

    start = pd.DatetimeIndex(series["start"])
    series.insert(1 if by is not None else 0, "period", period_labels(start, period))
    series.insert(2 if by is not None else 1, "period_start", start.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward"))
    series = series.drop(columns="start")
    if by is not None:
        series = series.rename(columns={"group": by})
    series.attrs.update(
        {"metric": metric, "by": by, "period": period, "tz": tz, "tag": tag, "chart": DEFAULT_CHART[metric]}
    )
    return series


def _check_arguments(comments: pd.DataFrame, metric: str, by: str | None, period: str, tag: str | None) -> None:
    if metric not in METRICS:
        raise SeriesError(f"unknown metric {metric!r}; choose from {', '.join(METRICS)}")
    if period not in PERIODS:
        raise SeriesError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    if by is not None and by not in GROUPINGS and by not in comments.columns:
        raise SeriesError(f"cannot group by {by!r}; choose from {', '.join(GROUPINGS)}", column=by)
    if metric == "tag_rate" and tag is None and by != "tag":
        raise SeriesError("metric tag_rate needs tag=... (or by='tag' for every tag)")
    needed = ["created_at", *_METRIC_COLUMNS[metric]]
    if by is not None:
        needed.append("tags" if by == "tag" else by)
    for column in needed:
        if column not in comments.columns:
            raise SeriesError(f"metric {metric!r} needs a {column!r} column", column=column)


def _comment_frame(comments: pd.DataFrame, starts: np.ndarray, metric: str, by: str | None) -> pd.DataFrame:
    """The few columns the aggregation needs: local period start, group, metric inputs."""
    frame = pd.DataFrame({"start": starts}, index=comments.index)
    if metric == "negative_rate":
        label = comments["sentiment_label"]
        unknown = label.notna() & ~label.isin(SENTIMENT_LABELS)
        _raise_at(unknown, f"sentiment_label must be one of {', '.join(SENTIMENT_LABELS)} or empty", "sentiment_label", comments)
        frame["negative"] = (label == "negative").astype(np.int64)
        frame["scored"] = label.notna().astype(np.int64)
    elif metric in ("detractor_rate", "nps_index"):
        nps = _numeric_column(comments, "nps")
        _raise_at(nps.notna() & ((nps < 0) | (nps > 10) | (nps % 1 != 0)), "nps must be an integer 0-10", "nps", comments)
        frame["answered"] = nps.notna().astype(np.int64)
        frame["detractor"] = (nps <= NPS_DETRACTOR_MAX).astype(np.int64)
        frame["promoter"] = (nps >= NPS_PROMOTER_MIN).astype(np.int64)
    elif metric == "csat_mean":
        csat = _numeric_column(comments, "csat")
        _raise_at(csat.notna() & ((csat < 1) | (csat > 5)), "csat must lie in 1-5", "csat", comments)
        frame["csat"] = csat
    if by == "tag":
        names = _tag_names(comments["tags"])
        frame = frame.loc[names.index]
        frame["group"] = names.to_numpy()
        # a comment counts once per tag even if the tagger listed the tag twice
        repeated = pd.MultiIndex.from_arrays([frame.index, frame["group"]]).duplicated()
        frame = frame[frame["group"].notna().to_numpy() & ~repeated]
    elif by is not None:
        frame["group"] = comments[by].astype("category")
    return frame


def _metric_aggregations(metric: str) -> dict[str, tuple[str, str]]:
    if metric == "negative_rate":
        return {"count": ("negative", "sum"), "size": ("scored", "sum")}
    if metric == "detractor_rate":
        return {"count": ("detractor", "sum"), "size": ("answered", "sum")}
    if metric == "nps_index":
        return {"promoters": ("promoter", "sum"), "detractors": ("detractor", "sum"), "size": ("answered", "sum")}
    if metric == "csat_mean":
        return {"size": ("csat", "count"), "value": ("csat", "mean"), "std": ("csat", "std")}
    return {}  # volume: the comment count is all


def _complete_periods(
    grouped: pd.DataFrame, starts: np.ndarray, by: str | None, period: str, period_totals: pd.Series | None
) -> pd.DataFrame:
    """Every group gets every period from the first to the last one seen (zeros where none)."""
    all_starts = period_range(starts.min(), starts.max(), period)
    if by is None:
        index = pd.Index(all_starts, name="start")
    else:
        groups = pd.Index(grouped.index.get_level_values("group").unique())
        try:
            groups = groups.sort_values()
        except TypeError:
            pass  # mixed types: keep first-seen order
        index = pd.MultiIndex.from_product([groups, all_starts], names=["group", "start"])
    complete = grouped.reindex(index)
    for column in ("comments", "count", "size", "promoters", "detractors"):
        if column in complete.columns:
            complete[column] = complete[column].fillna(0)
    if period_totals is not None:
        complete["comments"] = period_totals.reindex(complete.index.get_level_values("start")).fillna(0).to_numpy()
    return complete.reset_index()


def _derive_values(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):
        if metric in ("negative_rate", "detractor_rate"):
            series["value"] = np.where(series["size"] > 0, series["count"] / series["size"], np.nan)
        elif metric == "nps_index":
            series["value"] = np.where(
                series["size"] > 0, 100.0 * (series["promoters"] - series["detractors"]) / series["size"], np.nan
            )
        elif metric == "tag_rate":
            series["size"] = series["comments"] / TAG_RATE_UNIT
            series["value"] = np.where(series["size"] > 0, series["count"] / series["size"], np.nan)
        elif metric == "volume":
            series["count"] = series["comments"]
            series["size"] = 1.0
            series["value"] = series["comments"].astype(float)
    columns = [c for c in ("group", "start", "count", "size", "value", "std", "promoters", "detractors", "comments") if c in series.columns]
    series = series[columns].copy()
    for column in ("count", "comments", "promoters", "detractors"):
        if column in series.columns:
            series[column] = series[column].astype(np.int64)
    if metric == "csat_mean":
        series["size"] = series["size"].astype(np.int64)
    return series


def _tag_names(tags: pd.Series) -> pd.Series:
    """One row per (comment, tag) holding the tag name, indexed by the comment's row.

    Tags come as names (``["price"]``) or as the store's dicts
    (``[{"name": "price", "confidence": 0.9, ...}]``).
    """
    exploded = tags.explode()
    exploded = exploded[exploded.notna()]
    if len(exploded) and isinstance(exploded.iloc[0], dict):
        exploded = exploded.str.get("name")
    return exploded


def _numeric_column(comments: pd.DataFrame, column: str) -> pd.Series:
    raw = comments[column]
    # float, so that the store's nullable Int64 (pd.NA) becomes NaN for the comparisons below
    numbers = pd.to_numeric(raw, errors="coerce").astype("float64")
    bad = numbers.isna() & raw.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise SeriesError(f"not a number: {raw.iloc[row]!r}", row=row, column=column)
    return numbers


def _raise_at(bad: pd.Series, message: str, column: str, comments: pd.DataFrame) -> None:
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise SeriesError(f"{message}, got {comments[column].iloc[row]!r}", row=row, column=column)
