"""Which comments a listing, a statistic, an export or an analysis frame is about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class CommentFilter:
    """Filters shared by listing, stats, export and the analysis frame. Lists mean "any of"."""

    since: datetime | None = None
    until: datetime | None = None
    channel: list[str] | None = None
    touchpoint: list[str] | None = None
    journey_stage: list[str] | None = None
    segment: list[str] | None = None
    source: list[str] | None = None
    customer_id: str | None = None
    tag: list[str] | None = None
    flag: list[str] | None = None
    sentiment: list[str] | None = None
    sentiment_min: float | None = None
    sentiment_max: float | None = None
    nps_min: int | None = None
    nps_max: int | None = None
    csat_min: int | None = None
    csat_max: int | None = None
    ces_min: int | None = None
    ces_max: int | None = None
    text_contains: str | None = None
    model_version: str | None = None
    # Only these comments (None: no such limit). A topic's comments, resolved by the topics
    # service (`voc_engine.topics.service.topic_comment_ids`): the store knows no topic.
    comment_ids: list[str] | None = None
