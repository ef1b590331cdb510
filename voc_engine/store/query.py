"""Reading comments back: filters as WHERE clauses, pages with cursors, counts, stored records,
embeddings and tag scores. Functions over a session; `FeedbackStore` opens it."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import numpy as np
from sqlalchemy import Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from voc_engine.errors import InvalidArgumentError, NotFoundError, VocError
from voc_engine.store.filters import CommentFilter
from voc_engine.store.models import Comment, CommentFlag, CommentTag, Customer, EnrichmentRow
from voc_engine.store.privacy import PiiPolicy
from voc_engine.store.rows import chunks, restore_record
from voc_engine.store.schemas import STANDARD_SCORES
from voc_engine.times import parse_time

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore


@dataclass
class CommentPage:
    items: list[dict[str, Any]]
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}


class InvalidCursorError(InvalidArgumentError):
    """A pagination cursor that this store did not issue."""


# --------------------------------------------------------------------------- filters
def customer_keys(pii: PiiPolicy, customer_id: str) -> list[str]:
    """The stored forms a customer id may have: its pseudonym, and the id itself in a store
    written before pseudonymisation (until `voc db check --fix` converts it)."""
    pseudonym = pii.customer_id(customer_id)
    return [pseudonym] if pseudonym == customer_id else [pseudonym, customer_id]


def apply_filters(query: Select, f: CommentFilter, pii: PiiPolicy) -> Select:
    """WHERE clauses for `f`; `query` must select from comments joined with enrichments."""
    conditions = []
    if f.since is not None:
        conditions.append(Comment.created_at >= f.since)
    if f.until is not None:
        conditions.append(Comment.created_at < f.until)
    for column, values in (
        (Comment.channel, f.channel),
        (Comment.touchpoint, f.touchpoint),
        (Comment.journey_stage, f.journey_stage),
        (Comment.segment, f.segment),
        (Comment.source, f.source),
        (EnrichmentRow.sentiment_label, f.sentiment),
    ):
        if values:
            conditions.append(column.in_(values))
    if f.customer_id is not None:
        conditions.append(
            Comment.customer_pk.in_(select(Customer.id).where(Customer.external_id.in_(customer_keys(pii, f.customer_id))))
        )
    if f.tag:
        conditions.append(exists().where(CommentTag.comment_id == Comment.id, CommentTag.name.in_(f.tag)))
    if f.flag:
        conditions.append(exists().where(CommentFlag.comment_id == Comment.id, CommentFlag.flag.in_(f.flag)))
    for column, low, high in (
        (EnrichmentRow.sentiment_score, f.sentiment_min, f.sentiment_max),
        (Comment.nps, f.nps_min, f.nps_max),
        (Comment.csat, f.csat_min, f.csat_max),
        (Comment.ces, f.ces_min, f.ces_max),
    ):
        if low is not None:
            conditions.append(column >= low)
        if high is not None:
            conditions.append(column <= high)
    if f.text_contains:
        conditions.append(Comment.text_redacted.icontains(f.text_contains, autoescape=True))
    if f.model_version is not None:
        conditions.append(EnrichmentRow.model_version == f.model_version)
    if f.comment_ids is not None:
        # Rendered into the statement, not bound one by one: a topic may hold more comments
        # than SQLite takes parameters (the ids are the store's own hex ids, quoted as literals).
        ids = bindparam("comment_ids", sorted(set(f.comment_ids)), expanding=True, literal_execute=True)
        conditions.append(Comment.id.in_(ids))
    return query.where(*conditions) if conditions else query


# --------------------------------------------------------------------------- comments
def _item_query() -> Select:
    return (
        select(Comment, EnrichmentRow, Customer.external_id)
        .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
        .outerjoin(Customer, Customer.id == Comment.customer_pk)
    )


def get_comment(session: Session, comment_id: str) -> dict[str, Any]:
    row = session.execute(_item_query().where(Comment.id == comment_id)).first()
    if row is None:
        raise NotFoundError(f"no comment with id {comment_id!r}")
    return _item(*row)


def list_comments(
    session: Session, pii: PiiPolicy, filters: CommentFilter | None = None, limit: int = 50, cursor: str | None = None
) -> CommentPage:
    """Newest first (created_at, then id); the cursor carries the last row's position."""
    query = apply_filters(_item_query(), filters or CommentFilter(), pii)
    if cursor:
        created_at, last_id = _decode_cursor(cursor)
        query = query.where(
            or_(Comment.created_at < created_at, and_(Comment.created_at == created_at, Comment.id < last_id))
        )
    query = query.order_by(Comment.created_at.desc(), Comment.id.desc()).limit(limit + 1)
    rows = session.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = _encode_cursor(rows[-1][0].created_at, rows[-1][0].id) if more and rows else None
    return CommentPage([_item(*row) for row in rows], next_cursor)


def iter_comments(
    store: "FeedbackStore", filters: CommentFilter | None = None, page_size: int = 1000
) -> Iterator[dict[str, Any]]:
    """Every matching comment, newest first, one page (and one read transaction) at a time."""
    cursor = None
    while True:
        with store.read_session() as session:
            page = list_comments(session, store.pii, filters, limit=page_size, cursor=cursor)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def count_comments(session: Session, pii: PiiPolicy, filters: CommentFilter | None = None) -> int:
    query = apply_filters(
        select(func.count()).select_from(Comment).join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id),
        filters or CommentFilter(),
        pii,
    )
    return int(session.scalar(query))


def records(session: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The stored public records (what the first ingest returned), by comment id."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        query = (
            select(Comment.id, Comment.text_redacted, EnrichmentRow.record)
            .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
            .where(Comment.id.in_(chunk))
        )
        for cid, text, record in session.execute(query):
            out[cid] = restore_record(record, cid, text)
    return out


# --------------------------------------------------------------------------- analysis inputs
def _read_enrichment_column(session: Session, ids: Sequence[str], column) -> dict[str, Any]:
    """{id: the enrichments row's value of ``column``} for these ids; an unknown id is an error."""
    found: dict[str, Any] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        query = select(EnrichmentRow.comment_id, column).where(EnrichmentRow.comment_id.in_(chunk))
        found.update(dict(session.execute(query).all()))
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFoundError(f"{len(missing)} comment id(s) not in the store, e.g. {missing[0]!r}")
    return found


def read_embeddings(session: Session, ids: Sequence[str]) -> np.ndarray:
    """Stored embeddings as a float32 matrix, one row per id in the given order.

    A comment stored without an embedding gets a row of NaN; an unknown id is an error.
    """
    ids = list(ids)
    found: dict[str, bytes | None] = _read_enrichment_column(session, ids, EnrichmentRow.embedding)
    widths = {len(b) // 2 for b in found.values() if b}
    if len(widths) > 1:
        raise VocError(f"stored embeddings have different sizes {sorted(widths)}: reprocess the store")
    width = widths.pop() if widths else 0
    matrix = np.full((len(ids), width), np.nan, dtype=np.float32)
    for row, comment_id in enumerate(ids):
        blob = found[comment_id]
        if blob:
            matrix[row] = np.frombuffer(blob, dtype=np.float16)
    return matrix


def read_tag_scores(session: Session, ids: Sequence[str]) -> list[dict[str, float] | None]:
    """Stored tagger scores ({category: probability}), one per id in the given order; None for
    a comment stored without them. An unknown id is an error."""
    ids = list(ids)
    found = _read_enrichment_column(session, ids, EnrichmentRow.tag_scores)
    return [found[i] or None for i in ids]


# --------------------------------------------------------------------------- rows and cursors
def _scores(comment: Comment) -> dict[str, float]:
    scores: dict[str, float] = {k: getattr(comment, k) for k in STANDARD_SCORES if getattr(comment, k) is not None}
    scores.update(comment.kpis or {})
    return scores


def _item(comment: Comment, enrichment: EnrichmentRow, customer_id: str | None) -> dict[str, Any]:
    return {
        "id": comment.id,
        "source": comment.source,
        "external_id": comment.external_id,
        "created_at": comment.created_at.isoformat(),
        "received_at": comment.received_at.isoformat(),
        "channel": comment.channel,
        "touchpoint": comment.touchpoint,
        "journey_stage": comment.journey_stage,
        "customer_id": customer_id,
        "segment": comment.segment,
        "language": enrichment.language,
        "text": comment.text_redacted,
        "scores": _scores(comment),
        "metadata": comment.meta or {},
        "enrichment": restore_record(enrichment.record, comment.id, comment.text_redacted),
    }


def _encode_cursor(created_at: datetime, comment_id: str) -> str:
    raw = json.dumps([created_at.isoformat(), comment_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created_at, comment_id = json.loads(raw)
        return parse_time(created_at), str(comment_id)  # a forged cursor's time is checked like any other
    except (ValueError, TypeError) as exc:
        raise InvalidCursorError("invalid cursor: pass back the next_cursor of the previous page") from exc
