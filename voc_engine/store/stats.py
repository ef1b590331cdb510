"""Counts, sentiment mix, mean scores and NPS by period x dimension, computed by the database.

One GROUP BY query per call, never a loop over rows in Python. Periods are those of
`voc_engine.periods` (labels 2026-11-16, 2026-W47, 2026-11) in the business time zone
(`VOC_BUSINESS_TIMEZONE`, default UTC).
NPS is the Net Promoter Score: % promoters (9-10) minus % detractors (0-6) among the comments
that carry an NPS answer. Each NPS and mean CSAT/CES comes with its 95 % confidence interval:
NPS's from the multinomial variance of promoters and detractors, (p + d - (p - d)^2) / n, with a
normal quantile; a mean's from Student's t with the answers' sample variance (None below two
answers). The database returns the sums; the intervals are arithmetic on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import aliased

from voc_engine.errors import InvalidArgumentError
from voc_engine.periods import PERIODS, business_timezone, period_label, period_start_sql
from voc_engine.store.models import Comment, CommentFlag, CommentTag, EnrichmentRow
from voc_engine.store.query import apply_filters
from voc_engine.store.schemas import NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from voc_engine.store.filters import CommentFilter
    from voc_engine.store.repository import FeedbackStore

DIMENSIONS = ("touchpoint", "channel", "journey_stage", "segment", "source", "tag", "flag")
COLUMNS = (
    "period",
    "group",
    "comments",
    "negative",
    "neutral",
    "positive",
    "mean_sentiment",
    "nps_responses",
    "promoters",
    "passives",
    "detractors",
    "nps_index",
    "mean_ltr",
    "mean_csat",
    "mean_ces",
    "nps_ci_low",
    "nps_ci_high",
    "csat_responses",
    "csat_ci_low",
    "csat_ci_high",
    "ces_responses",
    "ces_ci_low",
    "ces_ci_high",
)
Z_95 = 1.959963984540054


class InvalidStatsRequestError(InvalidArgumentError):
    """An unknown period or grouping dimension."""


@dataclass
class StatsResult:
    """Aggregates per (period, group); `group` is None when not grouped."""

    period: str
    by: str | None
    timezone: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "by": self.by, "timezone": self.timezone, "rows": self.rows}

    def to_frame(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame(self.rows, columns=list(COLUMNS))

    def summary(self) -> str:
        if not self.rows:
            return f"no comments (period={self.period}, by={self.by or '-'})"
        frame = self.to_frame()[
            [
                "period",
                "group",
                "comments",
                "negative",
                "neutral",
                "positive",
                "mean_sentiment",
                "nps_index",
                "mean_csat",
                "mean_ces",
            ]
        ]
        title = f"Comments per {self.period}" + (f" and {self.by}" if self.by else "") + f" ({self.timezone})"
        return title + "\n" + frame.to_string(index=False, float_format=lambda v: f"{v:.2f}", na_rep="-")


def compute_stats(
    store: "FeedbackStore", filters: "CommentFilter", *, period: str = "week", by: str | None = None
) -> StatsResult:
    if period not in PERIODS:
        raise InvalidStatsRequestError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    if by is not None and by not in DIMENSIONS:
        raise InvalidStatsRequestError(f"by must be one of {', '.join(DIMENSIONS)}, got {by!r}")
    zone = business_timezone(store.settings)

    period_col = period_start_sql(Comment.created_at, store.dialect, period, zone).label("period")
    sentiment = EnrichmentRow.sentiment_label
    # Aliases: the tag= / flag= filters are EXISTS subqueries over the same tables, which would
    # otherwise correlate with these joins and lose their FROM (an error, not a filter).
    tag_row, flag_row = aliased(CommentTag), aliased(CommentFlag)
    if by == "tag":
        group_col = tag_row.name
        # The mix of a tag is the sentiment of the sentences it occurs in (aspect sentiment).
        sentiment = func.coalesce(tag_row.sentiment, EnrichmentRow.sentiment_label)
    elif by == "flag":
        group_col = flag_row.flag
    elif by is not None:
        group_col = getattr(Comment, by)
    else:
        group_col = literal(None)

    def count_if(condition):
        return func.sum(case((condition, 1), else_=0))

    promoters = count_if(Comment.nps >= NPS_PROMOTER_MIN)
    detractors = count_if(Comment.nps <= NPS_DETRACTOR_MAX)
    responses = func.count(Comment.nps)
    query = (
        select(
            period_col,
            group_col.label("group"),
            func.count().label("comments"),
            count_if(sentiment == "negative").label("negative"),
            count_if(sentiment == "neutral").label("neutral"),
            count_if(sentiment == "positive").label("positive"),
            func.avg(EnrichmentRow.sentiment_score).label("mean_sentiment"),
            responses.label("nps_responses"),
            promoters.label("promoters"),
            count_if(Comment.nps.between(NPS_DETRACTOR_MAX + 1, NPS_PROMOTER_MIN - 1)).label("passives"),
            detractors.label("detractors"),
            (100.0 * (promoters - detractors) / func.nullif(responses, 0)).label("nps_index"),
            func.avg(Comment.nps).label("mean_ltr"),
            func.avg(Comment.csat).label("mean_csat"),
            func.avg(Comment.ces).label("mean_ces"),
            func.count(Comment.csat).label("csat_responses"),
            func.sum(Comment.csat * Comment.csat).label("csat_sumsq"),
            func.count(Comment.ces).label("ces_responses"),
            func.sum(Comment.ces * Comment.ces).label("ces_sumsq"),
        )
        .select_from(Comment)
        .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
    )
    if by == "tag":
        query = query.join(tag_row, tag_row.comment_id == Comment.id)
    elif by == "flag":
        query = query.join(flag_row, flag_row.comment_id == Comment.id)
    query = apply_filters(query, filters, store.pii)
    group_by = [period_col] + ([group_col] if by is not None else [])
    query = query.group_by(*group_by).order_by(*group_by)
    with store.read_session() as session:
        rows = session.execute(query).mappings().all()
    return StatsResult(period, by, zone, [_clean(dict(row), period) for row in rows])


def nps_interval(promoters: int, detractors: int, responses: int) -> tuple[float | None, float | None]:
    """The NPS's 95 % interval (in points, within -100..100); None without answers."""
    if not responses:
        return None, None
    p, d = promoters / responses, detractors / responses
    half = Z_95 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / responses)
    nps = p - d
    return 100.0 * max(nps - half, -1.0), 100.0 * min(nps + half, 1.0)


def mean_interval(n: int, mean: float | None, sum_of_squares: float | None) -> tuple[float | None, float | None]:
    """A mean's 95 % Student t interval from its count, mean and sum of squares."""
    if n < 2 or mean is None or sum_of_squares is None:
        return None, None
    from scipy.stats import t

    variance = max((float(sum_of_squares) - n * mean * mean) / (n - 1), 0.0)
    half = float(t.ppf(0.975, n - 1)) * math.sqrt(variance / n)
    return mean - half, mean + half


def _clean(row: dict[str, Any], period: str) -> dict[str, Any]:
    row = dict(row)
    row["nps_ci_low"], row["nps_ci_high"] = nps_interval(
        int(row["promoters"] or 0), int(row["detractors"] or 0), int(row["nps_responses"] or 0))
    for score in ("csat", "ces"):
        mean = None if row[f"mean_{score}"] is None else float(row[f"mean_{score}"])
        row[f"{score}_ci_low"], row[f"{score}_ci_high"] = mean_interval(
            int(row[f"{score}_responses"] or 0), mean, row[f"{score}_sumsq"])
    out = {}
    for key in COLUMNS:
        value = row[key]
        if key == "period":
            value = period_label(value, period)  # the query groups by the period's first day
        elif value is not None and (key.startswith("mean_") or key == "nps_index" or "_ci_" in key):
            value = float(value)
        elif value is not None and key not in ("period", "group"):
            value = int(value)
        out[key] = value
    return out
