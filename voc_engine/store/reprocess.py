"""Re-enriching stored comments with another model version (`voc db reprocess`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from sqlalchemy import delete, func, select, update

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
        query = (
            select(Comment.id, func.coalesce(Comment.text_raw, Comment.text_redacted))
            .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
            .where(Comment.id > after)
            .order_by(Comment.id)
            .limit(batch_size)
        )
        if not everything:
            query = query.where(EnrichmentRow.model_version != model_version)
        with store.read_session() as session:
            rows = [(cid, text) for cid, text in session.execute(query) if text]
        if not rows:
            return done
        after = rows[-1][0]
        enrichments = enrich([t for _, t in rows], [cid for cid, _ in rows])
        scored = [(cid, e) for (cid, _), e in zip(rows, enrichments) if not e.error]
        with store.write_session() as session, session.begin():
            now = utcnow()
            ids = [cid for cid, _ in scored]
            for table in (CommentTag, CommentFlag, EnrichmentRow):
                session.execute(delete(table).where(table.comment_id.in_(ids)))
            if scored:
                session.execute(
                    insert_for(store.dialect, EnrichmentRow), [enrichment_row(cid, e, now) for cid, e in scored]
                )
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
        done += len(scored)
        if on_batch:
            on_batch(len(rows))
