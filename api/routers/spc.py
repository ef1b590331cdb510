"""Control charts over stored comments: JSON (the `voc spc` contract) or the picture."""
from __future__ import annotations

from typing import Any, Callable, Literal

import pandas as pd
from fastapi import APIRouter, Depends, Query, Response

from api.deps import get_settings, get_store, require_roles
from voc_engine.config import Settings
from voc_engine.errors import NotFoundError
from voc_engine.periods import PERIODS, business_timezone
from voc_engine.spc.charts import CHARTS
from voc_engine.spc.monitor import ChartSet, charts_for_comments
from voc_engine.spc.series import METRIC_ALIASES, METRICS
from voc_engine.store.filters import CommentFilter
from voc_engine.store.repository import FeedbackStore
from voc_engine.times import ApiTime, ZoneName

router = APIRouter(prefix="/v1/spc", tags=["control charts"])

CommentsProvider = Callable[[CommentFilter], pd.DataFrame]
analyst = require_roles("analyst")

_MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def get_comments_provider(store: FeedbackStore = Depends(get_store)) -> CommentsProvider:
    """Where the comment rows come from; tests and other deployments override this."""
    return store.read_frame


class ChartQuery:
    """The query parameters shared by /charts and /signals."""

    def __init__(
        self,
        metric: Literal[(*METRICS, *METRIC_ALIASES)] = Query("negative_rate", description="What to chart per period"),  # type: ignore[valid-type]
        by: Literal["touchpoint", "channel", "journey_stage", "segment", "tag"] | None = Query(
            None, description="One chart per group of this dimension"),
        period: Literal[PERIODS] = Query("week"),  # type: ignore[valid-type]
        tz: ZoneName | None = Query(None, description="IANA time zone of the periods (default: VOC_BUSINESS_TIMEZONE)"),
        tag: str | None = Query(None, description="metric=tag_rate: the tag to chart"),
        chart: Literal[tuple(CHARTS)] | None = Query(None, description="Default: the metric's chart"),  # type: ignore[valid-type]
        rules: str = Query("nelson", description="western-electric, nelson or rule names, comma-separated"),
        baseline: int | None = Query(None, ge=1, description="Phase I limits from the first N periods (default: all)"),
        exclude: list[str] | None = Query(None, description="Baseline periods with an assignable cause"),
        since: ApiTime | None = Query(None, description="Comments created at or after (ISO-8601; UTC when no offset)"),
        until: ApiTime | None = Query(None, description="Comments created before"),
        channel: list[str] | None = Query(None),
        touchpoint: list[str] | None = Query(None),
        segment: list[str] | None = Query(None),
        settings: Settings = Depends(get_settings),
    ):
        self.metric, self.by, self.period, self.tag, self.chart = metric, by, period, tag, chart
        self.rules, self.baseline, self.exclude = rules, baseline, exclude or []
        self.filters = CommentFilter(since=since, until=until, channel=channel,
                                     touchpoint=touchpoint, segment=segment)
        self.tz = tz or business_timezone(settings)


def chart_set(query: ChartQuery, provider: CommentsProvider) -> ChartSet:
    """The charts of a query (the workspace's control-chart page renders the same)."""
    comments = provider(query.filters)
    if comments.empty:
        raise NotFoundError("no stored comments match these filters")
    return charts_for_comments(
        comments, query.metric, by=query.by, period=query.period, tz=query.tz, tag=query.tag, chart=query.chart,
        rules=query.rules, baseline=query.baseline, exclude=query.exclude,
    )


@router.get(
    "/charts",
    summary="Control charts (p, Laney p', u, XmR, X-bar/S) with run-rule signals",
    responses={200: {"content": {"application/json": {}, "image/png": {}, "image/svg+xml": {}},
                     "description": "format=json: {metric, by, period, tz, tag, charts: [...]}, each chart as "
                                    "`voc spc` writes it; format=png|svg: the picture of one chart (group=...), "
                                    "or with by= a grid of up to 12 groups, those with signals first"}},
)
def spc_charts(
    query: ChartQuery = Depends(),
    group: str | None = Query(None, description="Only the chart of this group (needed for a picture when grouping)"),
    format: Literal["json", "png", "svg"] = Query("json"),
    key: Any = Depends(analyst),
    provider: CommentsProvider = Depends(get_comments_provider),
) -> Any:
    results = chart_set(query, provider)
    if group is not None:
        results = results.for_group(group)
        if not results:
            raise NotFoundError(f"no chart for group {group!r}")
    if format == "json":
        return results.to_dict()
    from voc_engine.spc.plot import chart_image, grid_image

    if len(results) != 1:
        # several groups: small multiples, those with signals first (group=... for one chart in full)
        return Response(content=grid_image(results, format), media_type=_MEDIA_TYPES[format])
    return Response(content=chart_image(results[0], format), media_type=_MEDIA_TYPES[format])


@router.get("/signals", summary="Run-rule signals of every chart: the tactical alerts")
def spc_signals(
    query: ChartQuery = Depends(),
    latest: bool = Query(False, description="Only signals in each chart's latest period"),
    key: Any = Depends(analyst),
    provider: CommentsProvider = Depends(get_comments_provider),
) -> dict[str, Any]:
    return chart_set(query, provider).signals_to_dict(latest)
