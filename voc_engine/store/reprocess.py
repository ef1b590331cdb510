"""Re-enriching stored comments with another model version (`voc db reprocess`), in one process
(`reprocess`) or by workers that each take a range of ids (`reprocess_ranges`, `reprocess_range`:
the Ray engine, `voc_engine.cluster.store`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from sqlalchemy import Select, delete, func, select, update

from voc_engine.store.models import Comment, CommentFlag, CommentTag, EnrichmentRow, utcnow
from voc_engine.store.registry import register_model_versions
from voc_engine.store.rows import enrichment_row, flag_rows, insert_for, tag_rows

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.ingest import EnrichFn
    from voc_engine.store.repository import FeedbackStore


def reprocess(
    store: "FeedbackStore",
    enrich: "EnrichFn",
    model_version: str,
    *,
    everything: bool = False,
    batch_size: int = 256,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Re-enrich stored comments whose enrichment came from another model version.

    The text re-scored is the raw text where it is kept, otherwise the redacted text.
    One transaction per batch; an interrupted run continues where it stopped. Returns the
    number of comments re-enriched.
    """
    done, after = 0, ""
    while True:
        query = _query(model_version, everything).where(Comment.id > after).limit(batch_size)
        with store.read_session() as session:
            rows = [(cid, text) for cid, text in session.execute(query) if text]
        if not rows:
            return done
        after = rows[-1][0]
        done += _rescore(store, enrich, rows)
        if on_batch:
            on_batch(len(rows))


def reprocess_ranges(
    store: "FeedbackStore", model_version: str, *, everything: bool = False, batch_size: int = 256
) -> Iterator[tuple[str, str, int]]:
    """``(first id, last id, comments)``: the comments `reprocess` would re-enrich, in id ranges of
    at most ``batch_size`` (ids alone are read), for workers that each take a range."""
    after = ""
    while True:
        query = _query(model_version, everything, ids_only=True).where(Comment.id > after)
        with store.read_session() as session:
            ids = list(session.scalars(query.limit(batch_size)))
        if not ids:
            return
        yield ids[0], ids[-1], len(ids)
        after = ids[-1]


def reprocess_range(
    store: "FeedbackStore", enrich: "EnrichFn", model_version: str, first: str, last: str, *, everything: bool = False
) -> tuple[int, int]:
    """Re-enrich the comments of one id range that still need it (one transaction): a range taken
    again after a worker died, or by a re-run, skips what was done. Returns (comments read,
    comments re-enriched)."""
    query = _query(model_version, everything).where(Comment.id >= first, Comment.id <= last)
    with store.read_session() as session:
        rows = [(cid, text) for cid, text in session.execute(query) if text]
    return len(rows), _rescore(store, enrich, rows) if rows else 0


def _query(model_version: str, everything: bool, ids_only: bool = False) -> Select:
    columns = (Comment.id,) if ids_only else (Comment.id, func.coalesce(Comment.text_raw, Comment.text_redacted))
    query = select(*columns).join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id).order_by(Comment.id)
    if not everything:
        query = query.where(EnrichmentRow.model_version != model_version)
    return query


def _rescore(store: "FeedbackStore", enrich: "EnrichFn", rows: list[tuple[str, str]]) -> int:
    """Enrich ``(id, text)`` rows again and replace their enrichment, tags and flags in one
    transaction; returns how many were re-enriched (a row that fails keeps its old one)."""
    enrichments = enrich([t for _, t in rows], [cid for cid, _ in rows])
    scored = [(cid, e) for (cid, _), e in zip(rows, enrichments) if not e.error]
    with store.write_session() as session, session.begin():
        now = utcnow()
        ids = [cid for cid, _ in scored]
        for table in (CommentTag, CommentFlag, EnrichmentRow):
            session.execute(delete(table).where(table.comment_id.in_(ids)))
        if scored:
            session.execute(insert_for(store.dialect, EnrichmentRow), [enrichment_row(cid, e, now) for cid, e in scored])
            tags = tag_rows(scored)
            if tags:
                session.execute(insert_for(store.dialect, CommentTag), tags)
            flags = flag_rows(scored)
            if flags:
                session.execute(insert_for(store.dialect, CommentFlag), flags)
            for cid, e in scored:
                session.execute(update(Comment).where(Comment.id == cid).values(text_redacted=e.redacted_text))
            register_model_versions(
                session,
                store.ingest_statements["model_versions"],
                {e.model_version for _, e in scored if e.model_version},
                now,
            )
    return len(scored)
