"""Stored comments as a pandas DataFrame: the input of control charts, driver analysis and topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import select

from voc_engine.store.filters import CommentFilter
from voc_engine.store.models import Comment, CommentFlag, CommentTag, Customer, EnrichmentRow
from voc_engine.store.query import apply_filters

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

FRAME_COLUMNS = (
    "id",
    "created_at",
    "channel",
    "touchpoint",
    "journey_stage",
    "segment",
    "customer_id",
    "language",
    "sentiment_label",
    "sentiment_score",
    "nps",
    "csat",
    "ces",
    "tags",
    "flags",
    "redacted_text",
)


def read_comments_frame(store: "FeedbackStore", filters: "CommentFilter | None" = None) -> pd.DataFrame:
    """One row per comment, oldest first.

    `created_at` is tz-aware UTC; nps/csat/ces are nullable integers (pandas Int64);
    `tags` is a list of {"name", "confidence", "sentiment"} dicts, highest confidence first;
    `flags` a list of names.
    """
    filters = filters or CommentFilter()
    base = (
        select(
            Comment.id,
            Comment.created_at,
            Comment.channel,
            Comment.touchpoint,
            Comment.journey_stage,
            Comment.segment,
            Customer.external_id.label("customer_id"),
            EnrichmentRow.language,
            EnrichmentRow.sentiment_label,
            EnrichmentRow.sentiment_score,
            Comment.nps,
            Comment.csat,
            Comment.ces,
            Comment.text_redacted.label("redacted_text"),
        )
        .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
        .outerjoin(Customer, Customer.id == Comment.customer_pk)
    )
    query = apply_filters(base, filters, store.pii).order_by(Comment.created_at, Comment.id)
    matching = apply_filters(
        select(Comment.id).join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id), filters, store.pii
    ).subquery()
    tags: dict[str, list[dict]] = {}
    flags: dict[str, list[str]] = {}
    with store.read_session() as session:
        rows = session.execute(query).all()
        tag_query = (
            select(CommentTag.comment_id, CommentTag.name, CommentTag.confidence, CommentTag.sentiment)
            .where(CommentTag.comment_id.in_(select(matching.c.id)))
            .order_by(CommentTag.comment_id, CommentTag.confidence.desc(), CommentTag.name)
        )
        for comment_id, name, confidence, sentiment in session.execute(tag_query):
            tags.setdefault(comment_id, []).append({"name": name, "confidence": confidence, "sentiment": sentiment})
        flag_query = (
            select(CommentFlag.comment_id, CommentFlag.flag)
            .where(CommentFlag.comment_id.in_(select(matching.c.id)))
            .order_by(CommentFlag.comment_id, CommentFlag.flag)
        )
        for comment_id, flag in session.execute(flag_query):
            flags.setdefault(comment_id, []).append(flag)

    frame = pd.DataFrame([tuple(r) for r in rows], columns=[c for c in FRAME_COLUMNS if c not in ("tags", "flags")])
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    for column in ("nps", "csat", "ces"):
        frame[column] = frame[column].astype("Int64")
    frame["sentiment_score"] = frame["sentiment_score"].astype("float64")
    frame["tags"] = [tags.get(i, []) for i in frame["id"]]
    frame["flags"] = [flags.get(i, []) for i in frame["id"]]
    return frame[list(FRAME_COLUMNS)]

