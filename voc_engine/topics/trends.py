"""Topics over time: volume, share and mean sentiment of each topic per day, week or month.

Periods are those of the control charts (:mod:`voc_engine.spc.series`): local days, ISO weeks
(Monday start) or months in the business time zone. Every topic gets every period between the
first and the last comment, a quiet period as a zero, so growth is measured against real zeros.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from voc_engine.errors import InputFileError
from voc_engine.periods import PERIODS, as_utc, period_labels as _period_labels, period_starts as _period_starts
from voc_engine.topics.fit import OUTLIER

_STEP = {"day": "D", "week": "7D", "month": "MS"}


@dataclass
class TopicTrends:
    """One row per (topic, period): ``count``, ``total`` (all comments of the period), ``share``
    and ``mean_sentiment`` (NaN where the topic had no scored comment that period)."""

    table: pd.DataFrame
    labels: dict[int, str]
    period: str
    tz: str
    version: str | None = None
    alerts: list[dict[str, Any]] = field(default_factory=list)  # filled by emerging-topic detection
    # Whether emerging topics were tested, and why not ({"tested", "reason"}), once detection ran.
    emerging: dict[str, Any] | None = None
    # Input rows whose time could not be read: their comments have topics but are not counted here.
    untimed_rows: list[dict[str, Any]] = field(default_factory=list)

    def attach(self, emerging) -> None:
        """Record an emerging-topic detection (:class:`voc_engine.topics.emerging.EmergingTopics`)."""
        self.alerts = emerging.alerts
        self.emerging = emerging.status

    @property
    def periods(self) -> list[str]:
        return list(dict.fromkeys(self.table["period"]))

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def pivot(self, value: str = "count") -> pd.DataFrame:
        """Periods down, topics across."""
        wide = self.table.pivot(index="period", columns="topic", values=value)
        return wide.reindex(self.periods)

    def to_dict(self) -> dict[str, Any]:
        topics = []
        for topic_id, rows in self.table.groupby("topic", sort=True):
            topics.append({
                "id": int(topic_id),
                "label": self.labels.get(int(topic_id), "outlier"),
                "total": int(rows["count"].sum()),
                "series": [
                    {"period": r.period, "count": int(r.count), "share": round(float(r.share), 6),
                     "mean_sentiment": None if pd.isna(r.mean_sentiment) else round(float(r.mean_sentiment), 4)}
                    for r in rows.itertuples(index=False)
                ],
            })
        totals = self.table.drop_duplicates("period")[["period", "total"]]
        return {
            "version": self.version,
            "period": self.period,
            "tz": self.tz,
            "periods": [{"period": p, "total": int(t)} for p, t in zip(totals["period"], totals["total"])],
            "topics": topics,
            "alerts": self.alerts,
            "emerging": self.emerging,
            "untimed_rows": self.untimed_rows,
        }

    def summary(self) -> str:
        periods = self.periods
        lines = [f"Topic trends per {self.period} ({self.tz}), {periods[0]} to {periods[-1]}"
                 + (f", model {self.version}" if self.version else "")]
        lines.append(f"  {'id':>3}  {'total':>6}  {'last':>5}  {'prev':>5}  {'sentiment':>9}  label")
        last, previous = periods[-1], periods[-2] if len(periods) > 1 else None
        for topic_id, rows in self.table.groupby("topic", sort=True):
            by_period = rows.set_index("period")
            scored = rows.dropna(subset=["mean_sentiment"])
            mean = (np.average(scored["mean_sentiment"], weights=scored["scored"])
                    if len(scored) and scored["scored"].sum() else float("nan"))
            prev = int(by_period.loc[previous, "count"]) if previous else 0
            lines.append(
                f"  {int(topic_id):>3}  {int(rows['count'].sum()):>6}  {int(by_period.loc[last, 'count']):>5}  "
                f"{prev:>5}  {mean:>+9.2f}  {self.labels.get(int(topic_id), 'outlier')}")
        for alert in self.alerts:
            lines.append(f"  ALERT {alert['message']}")
        if self.emerging is not None and not self.emerging["tested"]:
            lines.append(f"  emerging topics not tested: {self.emerging['reason']}")
        if self.untimed_rows:
            lines.append(f"  {len(self.untimed_rows)} comment(s) without a readable time: given topics, "
                         "left out of these trends")
        return "\n".join(lines)


def read_times(values: pd.Series, column: str) -> tuple[pd.Series, list[dict[str, Any]]]:
    """Timestamps as tz-aware UTC (naive ones taken as UTC), NaT where a row has none or an
    unreadable one, and one record per such row (``row``: 0-based data row, ``column``,
    ``reason``, ``value``: what was there, for messages; no file should keep it, since a
    broken export may put comment text in the time column)."""
    values = values.reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(values):
        times = values.dt.tz_localize("UTC") if values.dt.tz is None else values.dt.tz_convert("UTC")
    else:
        times = pd.to_datetime(values, utc=True, errors="coerce")
    problems = []
    for row in np.flatnonzero(times.isna().to_numpy()):
        value = values.iloc[row]
        blank = value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip() \
            or value is pd.NaT
        problems.append({"row": int(row), "column": column,
                         "reason": "no time" if blank else "not a timestamp", "value": None if blank else value})
    return times, problems


def topic_trends(
    comments: pd.DataFrame,
    labels: Mapping[int, str],
    period: str = "week",
    tz: str = "UTC",
    topic_col: str = "topic",
    time_col: str = "created_at",
    sentiment_col: str | None = "sentiment_score",
    version: str | None = None,
) -> TopicTrends:
    """Aggregate comment-level rows (one per comment, with its topic) into topic trends."""
    if period not in PERIODS:
        raise InputFileError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    for column in (topic_col, time_col):
        if column not in comments.columns:
            raise InputFileError(f"column {column!r} is missing", column=column)
    if comments.empty:
        raise InputFileError("no comments to aggregate")
    comments = comments.reset_index(drop=True)
    starts = _period_starts(as_utc(comments[time_col], time_col), period, tz)
    topics = pd.to_numeric(comments[topic_col], errors="coerce")
    if topics.isna().any():
        row = int(np.flatnonzero(topics.isna().to_numpy())[0])
        raise InputFileError(f"not a topic id: {comments[topic_col].iloc[row]!r}", row=row, column=topic_col)
    sentiment = (pd.to_numeric(comments[sentiment_col], errors="coerce")
                 if sentiment_col and sentiment_col in comments.columns else pd.Series(np.nan, index=comments.index))
    frame = pd.DataFrame({"start": starts, "topic": topics.astype(int).to_numpy(),
                          "sentiment": sentiment.astype("float64").to_numpy()})
    grouped = frame.groupby(["topic", "start"]).agg(
        count=("sentiment", "size"), scored=("sentiment", "count"), mean_sentiment=("sentiment", "mean"))
    all_starts = pd.date_range(frame["start"].min(), frame["start"].max(), freq=_STEP[period])
    topic_ids = sorted(set(frame["topic"]) | {int(t) for t in labels})
    full = pd.MultiIndex.from_product([topic_ids, all_starts], names=["topic", "start"])
    table = grouped.reindex(full)
    table["count"] = table["count"].fillna(0).astype(np.int64)
    table["scored"] = table["scored"].fillna(0).astype(np.int64)
    table = table.reset_index()
    totals = frame.groupby("start").size().reindex(all_starts, fill_value=0)
    table["total"] = totals.reindex(table["start"]).to_numpy()
    table["share"] = np.where(table["total"] > 0, table["count"] / table["total"].clip(lower=1), 0.0)
    table.insert(1, "period", _period_labels(pd.DatetimeIndex(table["start"]), period))
    table["period_start"] = pd.DatetimeIndex(table["start"]).tz_localize(tz, ambiguous="NaT",
                                                                         nonexistent="shift_forward")
    table["label"] = [labels.get(int(t), "outlier" if t == OUTLIER else f"topic {t}") for t in table["topic"]]
    table = table[["topic", "label", "period", "period_start", "count", "total", "share", "scored", "mean_sentiment"]]
    names = {int(t): (labels.get(int(t)) or ("outlier" if t == OUTLIER else f"topic {t}")) for t in topic_ids}
    return TopicTrends(table.sort_values(["topic", "period_start"]).reset_index(drop=True), names, period, tz, version)
