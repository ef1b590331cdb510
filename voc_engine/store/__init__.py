"""The feedback store: comments, enrichments and what is derived from them, in SQLite or PostgreSQL.

    from voc_engine.store import FeedbackStore, CommentFilter, read_comments_frame
    store = FeedbackStore()                      # VOC_DATABASE_URL, or var/voc.db (migrated on first use)
    frame = store.read_frame(CommentFilter(touchpoint=["checkout"]))
    vectors = store.read_embeddings(frame["id"])

Attributes are imported lazily so that `voc --help` does not import SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "FeedbackStore": "voc_engine.store.repository",
    "CommentFilter": "voc_engine.store.filters",
    "Checkpoint": "voc_engine.store.ingest",
    "IngestResult": "voc_engine.store.ingest",
    "IngestPlan": "voc_engine.store.ingest",
    "CommentPage": "voc_engine.store.query",
    "ErasureReport": "voc_engine.store.erasure",
    "CommentIn": "voc_engine.store.schemas",
    "RowError": "voc_engine.store.schemas",
    "StatsResult": "voc_engine.store.stats",
    "read_comments_frame": "voc_engine.store.frame",
    "Catalogue": "voc_engine.store.catalogue",
    "Extensions": "voc_engine.store.hooks",
    "StoredComment": "voc_engine.store.hooks",
    "MicroBatcher": "voc_engine.store.microbatch",
    "IngestService": "voc_engine.store.microbatch",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'voc_engine.store' has no attribute {name!r}")


def read_embeddings(store: Any, ids: Any):
    """Stored embeddings for `ids` as a float32 matrix (see `FeedbackStore.read_embeddings`)."""
    return store.read_embeddings(ids)
