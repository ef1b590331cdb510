"""Row shapes and statement helpers shared by ingest, reprocessing, queries and erasure."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Iterator

import numpy as np
from sqlalchemy.dialects import postgresql, sqlite

from voc_engine.schema import Enrichment

IN_CHUNK = 500  # ids per IN (...) list: well inside every backend's parameter limit


def insert_for(dialect: str, model):
    """A Core INSERT for the model's table (the ORM bulk layer costs more than the database here)."""
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model.__table__)


def chunks(values: list, size: int = IN_CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def embedding_to_bytes(embedding: np.ndarray | None) -> bytes | None:
    if embedding is None:
        return None
    return np.asarray(embedding, dtype=np.float32).reshape(-1).astype(np.float16).tobytes()


def public_record(enrichment: Enrichment, comment_id: str) -> dict[str, Any]:
    record = enrichment.to_record()
    record["id"] = comment_id
    return record


def restore_record(stored: dict[str, Any], comment_id: str, redacted_text: str | None) -> dict[str, Any]:
    record = dict(stored)
    record["id"] = comment_id
    record["redacted_text"] = redacted_text
    return record


def enrichment_row(
    comment_id: str, enrichment: Enrichment, now: datetime, record: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The enrichments row; the stored record leaves out the id and text (kept in comments)."""
    record = {k: v for k, v in (record or enrichment.to_record()).items() if k not in ("id", "redacted_text")}
    sentiment = enrichment.sentiment
    return {
        "comment_id": comment_id,
        "model_version": enrichment.model_version or "unknown",
        "language": enrichment.language,
        "sentiment_label": sentiment.label if sentiment else None,
        "sentiment_score": float(sentiment.score) if sentiment else None,
        "record": record,
        "embedding": embedding_to_bytes(enrichment.embedding),
        "tag_scores": enrichment.tag_scores or None,
        "enriched_at": now,
    }


def tag_rows(scored: Iterable[tuple[str, Enrichment]]) -> list[dict[str, Any]]:
    """The comment_tags rows of (comment id, enrichment) pairs: one per tag name."""
    return [
        {"comment_id": cid, "name": t.name, "confidence": float(t.confidence), "sentiment": t.sentiment}
        for cid, e in scored
        for t in {t.name: t for t in e.tags}.values()
    ]


def flag_rows(scored: Iterable[tuple[str, Enrichment]]) -> list[dict[str, Any]]:
    """The comment_flags rows of (comment id, enrichment) pairs: one per flag."""
    return [{"comment_id": cid, "flag": f} for cid, e in scored for f in dict.fromkeys(e.flags)]
