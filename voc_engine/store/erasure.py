"""Taking data out: a customer's erasure on request (GDPR), the purge of the deleted rows' bytes,
quarantine of unreadable comments, and the pseudonymisation of customer ids stored as sent."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from voc_engine.errors import NotFoundError
from voc_engine.store.audit import record
from voc_engine.store.models import (
    AuditEntry,
    Base,
    Comment,
    CommentFlag,
    CommentTag,
    Customer,
    EnrichmentRow,
    ErasedKey,
    QuarantinedComment,
    utcnow,
)
from voc_engine.store.privacy import PiiPolicy, is_pseudonym
from voc_engine.store.query import customer_keys
from voc_engine.store.rows import chunks, insert_for

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore


@dataclass
class ErasureReport:
    customer_id: str
    comments: int
    audit_id: int

    def to_dict(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "erased_comments": self.comments, "audit_id": self.audit_id}


def erased_key_hash(source: str, external_id: str) -> str:
    return hashlib.sha256(f"{source}\x1f{external_id}".encode()).hexdigest()


def pseudonym_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def customer_tables() -> list:
    """Every table with a `customer_pk` column (the store's and those of modules built on it: loading
    the extensions imported their tables)."""
    return [table for table in Base.metadata.sorted_tables if "customer_pk" in table.c]


def erase_customer(store: "FeedbackStore", customer_id: str, actor: str) -> ErasureReport:
    """GDPR right to erasure: the customer's comments, enrichments, tags, flags, anything a
    hook derived, every row a module keeps under the customer (their CRM profile, cases), and the
    customer row, in one transaction, with an audit entry that names the customer only by
    their pseudonym and counts what went.

    On SQLite the deleted rows' bytes are overwritten (secure_delete) and the write-ahead log
    is then checkpointed and truncated, so no copy stays in the files; the audit entry records
    whether that checkpoint completed. PostgreSQL keeps dead row versions until VACUUM."""
    pseudonym = store.pii.customer_id(customer_id)
    with store.write_session() as session, session.begin():
        customer_pks = list(
            session.scalars(select(Customer.id).where(Customer.external_id.in_(customer_keys(store.pii, customer_id))))
        )
        if not customer_pks:
            raise NotFoundError("no such customer")
        rows = session.execute(
            select(Comment.id, Comment.source, Comment.external_id).where(Comment.customer_pk.in_(customer_pks))
        ).all()
        comment_ids = [r.id for r in rows]
        delete_comments(session, comment_ids, store.extensions.erasure_hooks)
        # Children before parents; each table counted for the audit entry.
        records: dict[str, int] = {}
        for table in reversed(customer_tables()):
            if table.name == Comment.__tablename__:
                continue
            deleted = session.execute(delete(table).where(table.c.customer_pk.in_(customer_pks))).rowcount
            if deleted:
                records[table.name] = deleted
        session.execute(delete(Customer).where(Customer.id.in_(customer_pks)))
        keys = [
            {"key_hash": erased_key_hash(r.source, r.external_id), "erased_at": utcnow()}
            for r in rows
            if r.external_id
        ]
        if keys:
            session.execute(
                insert_for(store.dialect, ErasedKey).on_conflict_do_nothing(index_elements=["key_hash"]), keys
            )
        entry = record(session, actor, "erase_customer", f"customer:{pseudonym}", {"comments": len(comment_ids), "records": records})
        session.flush()
        audit_id = entry.id
    files = purge_deleted_bytes(store)
    with store.write_session() as session, session.begin():
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.id == audit_id)
            .values(details={"comments": len(comment_ids), "records": records, "files": files})
        )
    return ErasureReport(pseudonym, len(comment_ids), audit_id)


def purge_deleted_bytes(store: "FeedbackStore") -> str:
    """After an erasure: make sure deleted rows survive in no file of the database."""
    if store.dialect != "sqlite":
        return "rows deleted; PostgreSQL frees their space at the next VACUUM"
    with store.engine.connect() as connection:
        # TRUNCATE copies every committed page into the database file (where secure_delete
        # has zeroed the erased rows) and empties the log; it waits for readers as long as
        # the busy timeout allows.
        busy, log_pages, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        return "rows deleted; the write-ahead log could not be checkpointed (busy): run `voc db check`"
    return f"rows deleted and overwritten; write-ahead log checkpointed and truncated ({log_pages} pages)"


def delete_comments(session: Session, comment_ids: list[str], hooks: Sequence[Callable]) -> None:
    """Delete comments with everything derived from them (erasure hooks first, then our tables)."""
    for hook in hooks:
        hook(session, comment_ids)
    for chunk in chunks(comment_ids):
        for table in (CommentTag, CommentFlag, EnrichmentRow):
            session.execute(delete(table).where(table.comment_id.in_(chunk)))
        session.execute(delete(Comment).where(Comment.id.in_(chunk)))


def quarantine(store: "FeedbackStore", problems: dict[str, str], actor: str) -> int:
    """Move comments that cannot be read back out of the live tables (`voc db check --fix`).

    `problems` maps comment id -> reason. Each row is kept in `quarantined_comments` as
    ASCII-only JSON, then deleted with everything derived from it, in one transaction with
    an audit entry. Returns how many were moved."""
    if not problems:
        return 0
    now = utcnow()
    with store.write_session() as session, session.begin():
        ids = list(problems)
        kept = []
        for chunk in chunks(ids):
            rows = session.execute(
                select(Comment, EnrichmentRow.record)
                .outerjoin(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
                .where(Comment.id.in_(chunk))
            ).all()
            for comment, stored in rows:
                row = {a.columns[0].name: getattr(comment, a.key) for a in Comment.__mapper__.column_attrs}
                payload = json.dumps({"comment": row, "enrichment": stored}, ensure_ascii=True, default=str)
                kept.append(
                    {
                        "comment_id": comment.id,
                        "quarantined_at": now,
                        "reason": problems[comment.id][:200],
                        "payload": payload,
                    }
                )
        if kept:
            session.execute(insert_for(store.dialect, QuarantinedComment).on_conflict_do_nothing(), kept)
            delete_comments(session, [k["comment_id"] for k in kept], store.extensions.erasure_hooks)
            record(session, actor, "quarantine", "comments", {"comments": len(kept)}, at=now)
    return len(kept)


def legacy_customer_ids(session: Session) -> int:
    """Customers stored before pseudonymisation (their id kept as sent)."""
    ids = session.scalars(select(Customer.external_id)).all()
    return sum(1 for value in ids if not is_pseudonym(value))


def pseudonymise_legacy_customers(session: Session, pii: PiiPolicy, actor: str) -> int:
    """Replace customer ids stored as sent by their pseudonyms; a customer already known under
    the pseudonym gets the old row's comments and cases, and the old row goes."""
    legacy = [c for c in session.scalars(select(Customer)).all() if not is_pseudonym(c.external_id)]
    if not legacy:
        return 0
    for customer in legacy:
        pseudonym = pii.customer_id(customer.external_id)
        target = session.scalar(select(Customer).where(Customer.external_id == pseudonym))
        if target is None:
            customer.external_id = pseudonym
            continue
        for table in customer_tables():
            session.execute(update(table).where(table.c.customer_pk == customer.id).values(customer_pk=target.id))
        target.first_seen_at = min(target.first_seen_at, customer.first_seen_at)
        target.last_seen_at = max(target.last_seen_at, customer.last_seen_at)
        target.segment = target.segment or customer.segment
        session.delete(customer)
    record(session, actor, "pseudonymise_customers", "customers", {"customers": len(legacy)})
    return len(legacy)
