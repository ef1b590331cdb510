"""The feedback store: idempotent, transactional ingestion and the queries everything else reads.

Ingestion has three steps so the slow part runs outside any database transaction:

1. `plan_ingest` validates rows, finds which (source, external_id) are already stored and gives
   each new comment an id;
2. the caller enriches the new texts (`Pipeline.enrich`, directly or through the API's
   micro-batcher);
3. `commit_ingest` writes every new comment with its enrichment, tags, flags, customer and the
   caller's checkpoint in ONE transaction, and runs the ingest hooks inside it.

A concurrent duplicate that slipped in between steps 1 and 3 is absorbed by the unique
constraint (INSERT ... ON CONFLICT DO NOTHING) and reported as not created, with the stored id.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np
from sqlalchemy import Select, and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from voc_engine.config import Settings
from voc_engine.errors import InvalidArgumentError, NotFoundError, VocError
from voc_engine.schema import Enrichment
from voc_engine.store.catalogue import Catalogue, load_catalogue
from voc_engine.store.checkpoint import Checkpointer, without_autocheckpoint
from voc_engine.store.db import ensure_schema, make_engine, sqlite_file, writer
from voc_engine.store.filters import CommentFilter
from voc_engine.store.hooks import SESSION_KEY, Extensions, StoredComment
from voc_engine.store.models import (
    AuditEntry,
    Base,
    Comment,
    CommentFlag,
    CommentTag,
    Customer,
    EnrichmentRow,
    ErasedKey,
    IngestCheckpoint,
    ModelVersion,
    QuarantinedComment,
    new_comment_id,
    utcnow,
)
from voc_engine.store.privacy import PiiPolicy, is_pseudonym, load_or_create_key
from voc_engine.store.schemas import (
    STANDARD_SCORES,
    CommentIn,
    FieldLimits,
    RowError,
    validate_comment,
    validation_context,
)
from voc_engine.times import parse_time

EnrichFn = Callable[[list[str], list[str]], list[Enrichment]]
log = logging.getLogger(__name__)
_IN_CHUNK = 500  # ids per IN (...) list: well inside every backend's parameter limit


# --------------------------------------------------------------------------- results and plans
@dataclass
class IngestResult:
    """The outcome for one input row: stored (created or already there) or rejected."""

    index: int
    id: str | None = None
    created: bool = False
    enrichment: dict[str, Any] | None = None
    error: str | None = None
    fields: tuple[dict[str, Any], ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return RowError(self.index, self.error, self.fields).to_dict()
        return {"index": self.index, "id": self.id, "created": self.created, "enrichment": self.enrichment}


@dataclass
class _Planned:
    index: int
    comment: CommentIn
    id: str


@dataclass
class IngestPlan:
    """Step 1's output: what to enrich, and what is already settled."""

    size: int
    first_index: int = 0  # index of the first row (rows are numbered first_index, first_index + 1, ...)
    new: list[_Planned] = field(default_factory=list)
    existing: dict[int, str] = field(default_factory=dict)  # index -> stored id
    same_as: dict[int, int] = field(default_factory=dict)  # index -> earlier index in this batch
    rejected: dict[int, RowError] = field(default_factory=dict)

    @property
    def texts(self) -> list[str]:
        return [p.comment.text for p in self.new]

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.new]


class _Staged:
    """A plan with its enrichments, on its way into (and out of) a write transaction."""

    def __init__(self, plan: IngestPlan, enrichments: Sequence[Enrichment]):
        if len(enrichments) != len(plan.new):
            raise ValueError(f"{len(plan.new)} comments to store but {len(enrichments)} enrichments")
        self.plan = plan
        self.failed: dict[int, IngestResult] = {}
        self.to_store: list[tuple[_Planned, Enrichment]] = []
        self.public: dict[str, dict[str, Any]] = {}
        for planned, enrichment in zip(plan.new, enrichments, strict=True):
            if enrichment.error:
                self.failed[planned.index] = IngestResult(
                    planned.index, error=f"could not be scored: {enrichment.error}"
                )
                continue
            try:
                self.public[planned.id] = _public_record(enrichment, planned.id)
            except (TypeError, ValueError) as exc:  # a pipeline defect hits this row, not the batch
                self.failed[planned.index] = IngestResult(
                    planned.index, error=f"could not be scored: enrichment not serialisable ({type(exc).__name__})"
                )
                continue
            self.to_store.append((planned, enrichment))
        self.created: set[str] = set()
        self.raced: dict[int, str] = {}


@dataclass(frozen=True)
class Checkpoint:
    """Progress of a file ingest, committed atomically with the rows it covers."""

    key: str
    source: str
    path: str
    rows_done: int
    completed: bool = False


@dataclass
class CommentPage:
    items: list[dict[str, Any]]
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}


@dataclass
class ErasureReport:
    customer_id: str
    comments: int
    audit_id: int

    def to_dict(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "erased_comments": self.comments, "audit_id": self.audit_id}


class InvalidCursorError(InvalidArgumentError):
    """A pagination cursor that this store did not issue."""


def erased_key_hash(source: str, external_id: str) -> str:
    return hashlib.sha256(f"{source}\x1f{external_id}".encode()).hexdigest()


def pseudonym_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def embedding_to_bytes(embedding: np.ndarray | None) -> bytes | None:
    if embedding is None:
        return None
    return np.asarray(embedding, dtype=np.float32).reshape(-1).astype(np.float16).tobytes()


def _components(model_version: str) -> dict[str, str]:
    """'encoder:x;sentiment:v1;tagger:v1' -> {'encoder': 'x', ...} (kept verbatim if unparsable)."""
    parts = {}
    for part in re.split(r"[;+]", model_version):
        name, sep, version = part.partition(":")
        if not sep:
            return {"version": model_version}
        parts[name] = version
    return parts


# --------------------------------------------------------------------------- the store
class FeedbackStore:
    """One database (SQLite file or PostgreSQL) holding comments and everything derived from them.

    Thread-safe: every method opens its own session from a pooled engine. ``settings`` default to
    the environment's (read now); ``extensions`` to every installed one, built for these settings
    (a runtime passes its own: `voc_engine.runtime.Runtime`).
    """

    def __init__(
        self,
        url: str | None = None,
        settings: Settings | None = None,
        *,
        auto_upgrade: bool | None = None,
        catalogue: Catalogue | None = None,
        extensions: Extensions | None = None,
    ):
        self.settings = settings or Settings()
        section = self.settings.store
        self.url = url or self.settings.resolved_database_url
        self.extensions = extensions if extensions is not None else Extensions.load(self.settings)
        new_file = sqlite_file(self.url)
        new_file = new_file if new_file is not None and not new_file.exists() else None
        self.engine = make_engine(
            self.url, synchronous=section.sqlite_synchronous, busy_timeout_ms=section.sqlite_busy_timeout_ms
        )
        self.dialect = self.engine.dialect.name
        self._checkpointer = None
        if self.dialect == "sqlite":
            _register_sqlite_functions(self.engine)
            without_autocheckpoint(self.engine)
        self.catalogue = catalogue or load_catalogue(section.catalogue_file)
        # The embedded SQLite store migrates itself on first use; a server database is migrated
        # on purpose (`voc db upgrade`) and we only check it.
        ensure_schema(self.engine, auto_upgrade=self.dialect == "sqlite" if auto_upgrade is None else auto_upgrade)
        if new_file is not None:
            # Said once, where the user sees it: a store made in an unexpected place is found at once.
            log.info("created a new feedback store at %s (VOC_DATA_DIR or VOC_DATABASE_URL choose another)", new_file)
        if self.dialect == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self._checkpointer = Checkpointer(self.engine)
        info = {SESSION_KEY: self.extensions}
        self._read = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._write = sessionmaker(writer(self.engine), expire_on_commit=False, info=info)
        configured = section.pseudonym_key.get_secret_value() if section.pseudonym_key else None
        self.pii = PiiPolicy(
            key=load_or_create_key(configured, self.settings.data_dir),
            safe_metadata_fields=frozenset(section.metadata_safe_fields),
        )
        limits = FieldLimits(
            max_text_chars=section.max_text_chars,
            max_metadata_bytes=section.max_metadata_bytes,
            max_metadata_depth=section.max_metadata_depth,
            max_metadata_keys=section.max_metadata_keys,
        )
        self._context = validation_context(self.catalogue, self.settings.business_timezone, limits, self.pii)

    # ----------------------------------------------------------------- sessions
    def read_session(self) -> Session:
        return self._read()

    def write_session(self) -> Session:
        """A session whose transaction takes the SQLite write lock at BEGIN (no-op on PostgreSQL)."""
        return self._write()

    def dispose(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        self.engine.dispose()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def _insert(self, model):
        """A Core INSERT for the model's table (the ORM bulk layer costs more than the database here)."""
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(model.__table__)

    @cached_property
    def _ingest_statements(self) -> dict[str, Any]:
        """The statements every ingest transaction runs, built once: building one costs about
        as much as running it for a few comments."""
        customers = self._insert(Customer)
        customers = customers.on_conflict_do_update(
            index_elements=["external_id"],
            set_={
                "segment": func.coalesce(customers.excluded.segment, Customer.__table__.c.segment),
                "last_seen_at": customers.excluded.last_seen_at,
            },
        ).returning(Customer.__table__.c.id, Customer.__table__.c.external_id)
        comments = self._insert(Comment).on_conflict_do_nothing(index_elements=["source", "external_id"])
        return {
            "customers": customers,
            "comments": comments.returning(Comment.__table__.c.id),
            "enrichments": self._insert(EnrichmentRow),
            "tags": self._insert(CommentTag),
            "flags": self._insert(CommentFlag),
            "model_versions": self._insert(ModelVersion).on_conflict_do_nothing(index_elements=["version"]),
        }

    # ----------------------------------------------------------------- ingestion
    def plan_ingest(self, rows: Sequence[CommentIn | RowError | Any], first_index: int = 0) -> IngestPlan:
        """Step 1: validate (dicts), deduplicate against the store and within the batch."""
        return self.plan_ingest_many([rows], [first_index])[0]

    def plan_ingest_many(
        self, batches: Sequence[Sequence[CommentIn | RowError | Any]], first_indexes: Sequence[int] | None = None
    ) -> list[IngestPlan]:
        """Step 1 for several requests with ONE read of the store (the API's micro-batches).

        Each request is planned on its own (a key new to two requests is new to both; the
        commit stores it once and tells the second request the first one's id).
        """
        first_indexes = list(first_indexes) if first_indexes is not None else [0] * len(batches)
        checked = [
            [
                row if isinstance(row, (CommentIn, RowError)) else validate_comment(row, first + i, self._context)
                for i, row in enumerate(rows)
            ]
            for rows, first in zip(batches, first_indexes, strict=True)
        ]
        keys = {
            (c.source, c.external_id) for rows in checked for c in rows if isinstance(c, CommentIn) and c.external_id
        }
        stored: dict[tuple[str, str], str] = {}
        erased: set[tuple[str, str]] = set()
        if keys:
            with self.engine.connect() as connection:  # two reads: no ORM session needed
                stored = self._ids_by_key(connection, keys)
                hashes = {erased_key_hash(*key): key for key in keys}
                erased = {hashes[h] for h in self._existing_erased(connection, list(hashes))}
        return [_plan(rows, first, stored, erased) for rows, first in zip(checked, first_indexes)]

    def commit_ingest(
        self, plan: IngestPlan, enrichments: Sequence[Enrichment], checkpoint: Checkpoint | None = None
    ) -> list[IngestResult]:
        """Step 3: store every new comment that was scored, in one transaction; results in input order."""
        staged = [_Staged(plan, enrichments)]
        with self.write_session() as session, session.begin():
            self._write_comments(session, staged)
            if checkpoint is not None:
                self._save_checkpoint(session, checkpoint)
        return self._results(staged[0])

    def commit_ingest_many(
        self, batches: Sequence[tuple[IngestPlan, Sequence[Enrichment]]]
    ) -> list[list[IngestResult] | Exception]:
        """Step 3 for several requests in ONE transaction (one fsync): group commit.

        The requests' comments go in together, with one statement per table and one call of
        each ingest hook. Should the shared transaction fail, each request is retried in its
        own, so one request's failure (a hook refusing it, say) is reported to that request
        alone and the others are stored all the same.
        """
        staged: list[_Staged | Exception] = []
        for plan, enrichments in batches:
            try:
                staged.append(_Staged(plan, enrichments))
            except ValueError as exc:  # a request whose enrichments do not fit its plan: that request fails
                staged.append(exc)
        ready = [item for item in staged if isinstance(item, _Staged)]
        try:
            with self.write_session() as session, session.begin():
                self._write_comments(session, ready)
        except Exception:
            if len(batches) == 1:
                raise
            outcomes: list[list[IngestResult] | Exception] = []
            for (plan, enrichments), item in zip(batches, staged):
                if isinstance(item, Exception):
                    outcomes.append(item)
                    continue
                try:
                    outcomes.append(self.commit_ingest(plan, enrichments))
                except Exception as exc:  # noqa: BLE001 - handed to that request's caller
                    outcomes.append(exc)
            return outcomes
        return [item if isinstance(item, Exception) else self._results(item) for item in staged]

    def _results(self, staged: "_Staged") -> list[IngestResult]:
        plan, results, public = staged.plan, dict(staged.failed), staged.public
        records = self._records(list(plan.existing.values()) + list(staged.raced.values()))
        for planned, _ in staged.to_store:
            if planned.id in staged.created:
                results[planned.index] = IngestResult(planned.index, planned.id, True, public[planned.id])
            else:
                stored_id = staged.raced[planned.index]
                results[planned.index] = IngestResult(planned.index, stored_id, False, records.get(stored_id))
        for index, stored_id in plan.existing.items():
            results[index] = IngestResult(index, stored_id, False, records.get(stored_id))
        for index, row_error in plan.rejected.items():
            results[index] = IngestResult(index, error=row_error.error, fields=row_error.fields)
        for index, original in plan.same_as.items():
            first = results[original]
            results[index] = (
                IngestResult(index, first.id, False, first.enrichment)
                if first.ok
                else IngestResult(index, error=first.error, fields=first.fields)
            )
        return [results[plan.first_index + i] for i in range(plan.size)]

    def ingest(
        self,
        rows: Sequence[CommentIn | RowError | Any],
        enrich: EnrichFn,
        checkpoint: Checkpoint | None = None,
        first_index: int = 0,
    ) -> list[IngestResult]:
        """Plan, enrich the new texts, commit: the synchronous path (`voc ingest`, scripts, tests)."""
        plan = self.plan_ingest(rows, first_index)
        enrichments = enrich(plan.texts, plan.ids) if plan.new else []
        return self.commit_ingest(plan, enrichments, checkpoint)

    def _write_comments(self, session: Session, staged: Sequence[_Staged]) -> None:
        """Insert the scored comments of every staged request: one statement per table for all of them.

        Sets each request's `created` ids and `raced` rows (a key stored since planning, by another
        transaction or by an earlier request of this group, maps to the stored id).
        """
        to_store = [(item, planned, enrichment) for item in staged for planned, enrichment in item.to_store]
        if not to_store:
            return
        now = utcnow()
        customer_pks = self._upsert_customers(session, [p.comment for _, p, _ in to_store], now)
        # Same lock order in every transaction, so concurrent batches cannot deadlock on PostgreSQL;
        # a key new to two requests of the group goes to the earlier request.
        position = {id(item): n for n, item in enumerate(staged)}
        ordered = sorted(
            to_store,
            key=lambda ipe: (ipe[1].comment.source, ipe[1].comment.external_id or "", position[id(ipe[0])], ipe[1].id),
        )
        comment_rows = [self._comment_row(p, e, customer_pks, now) for _, p, e in ordered]
        statements = self._ingest_statements
        created = set(session.scalars(statements["comments"], comment_rows).all())
        raced = [(item, p) for item, p, _ in ordered if p.id not in created]
        if raced:
            stored = self._ids_by_key(session, {(p.comment.source, p.comment.external_id) for _, p in raced})
            for item, p in raced:
                item.raced[p.index] = stored[(p.comment.source, p.comment.external_id)]
        kept = [(item, p, e) for item, p, e in ordered if p.id in created]
        for item, p, _ in kept:
            item.created.add(p.id)
        if not kept:
            return
        session.execute(
            statements["enrichments"], [_enrichment_row(p.id, e, now, item.public[p.id]) for item, p, e in kept]
        )
        tag_rows = [
            {"comment_id": p.id, "name": t.name, "confidence": float(t.confidence), "sentiment": t.sentiment}
            for _, p, e in kept
            for t in {t.name: t for t in e.tags}.values()
        ]
        if tag_rows:
            session.execute(statements["tags"], tag_rows)
        flag_rows = [{"comment_id": p.id, "flag": f} for _, p, e in kept for f in dict.fromkeys(e.flags)]
        if flag_rows:
            session.execute(statements["flags"], flag_rows)
        self._register_model_versions(session, {e.model_version for _, _, e in kept if e.model_version}, now)
        hooks = self.extensions.ingest_hooks
        if hooks:
            stored_comments = [_stored_comment(p, e, customer_pks, now) for _, p, e in kept]
            for hook in hooks:
                hook(session, stored_comments)

    def _comment_row(
        self, planned: _Planned, enrichment: Enrichment, customer_pks: dict[str, int], now: datetime
    ) -> dict[str, Any]:
        c = planned.comment
        return {
            "id": planned.id,
            "source": c.source,
            "external_id": c.external_id,
            "created_at": c.created_at or now,
            "received_at": now,
            "channel": c.channel,
            "touchpoint": c.touchpoint,
            "journey_stage": c.journey_stage or self.catalogue.journey_stage_of(c.touchpoint),
            "customer_pk": customer_pks.get(c.customer_id) if c.customer_id else None,
            "segment": c.segment,
            "text_redacted": enrichment.redacted_text,
            "text_raw": c.text if self.settings.store_raw_text else None,
            "nps": c.scores.get("nps"),
            "csat": c.scores.get("csat"),
            "ces": c.scores.get("ces"),
            "kpis": c.kpis,
            "metadata": c.metadata,
        }

    def _upsert_customers(self, session: Session, comments: Iterable[CommentIn], now: datetime) -> dict[str, int]:
        segments: dict[str, str | None] = {}
        for c in comments:
            if c.customer_id:
                segments[c.customer_id] = c.segment or segments.get(c.customer_id)
        if not segments:
            return {}
        rows = [
            {"external_id": cid, "segment": segments[cid], "first_seen_at": now, "last_seen_at": now}
            for cid in sorted(segments)
        ]
        upsert = self._ingest_statements["customers"]
        return {external_id: pk for pk, external_id in session.execute(upsert, rows).all()}

    def _register_model_versions(self, session: Session, versions: set[str], now: datetime) -> None:
        if versions:
            session.execute(
                self._ingest_statements["model_versions"],
                [{"version": v, "components": _components(v), "first_used_at": now} for v in sorted(versions)],
            )

    def _save_checkpoint(self, session: Session, checkpoint: Checkpoint) -> None:
        insert = self._insert(IngestCheckpoint)
        session.execute(
            insert.on_conflict_do_update(
                index_elements=["key"],
                set_={
                    "rows_done": insert.excluded.rows_done,
                    "completed": insert.excluded.completed,
                    "updated_at": insert.excluded.updated_at,
                },
            ),
            [
                {
                    "key": checkpoint.key,
                    "source": checkpoint.source,
                    "path": checkpoint.path,
                    "rows_done": checkpoint.rows_done,
                    "completed": checkpoint.completed,
                    "updated_at": utcnow(),
                }
            ],
        )

    def checkpoint(self, key: str) -> Checkpoint | None:
        with self.read_session() as session:
            row = session.get(IngestCheckpoint, key)
            return None if row is None else Checkpoint(row.key, row.source, row.path, row.rows_done, row.completed)

    def save_checkpoint(self, checkpoint: Checkpoint) -> None:
        with self.write_session() as session, session.begin():
            self._save_checkpoint(session, checkpoint)

    def _ids_by_key(self, session: Session | Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
        found: dict[tuple[str, str], str] = {}
        by_source: dict[str, list[str]] = {}
        for source, external_id in keys:
            by_source.setdefault(source, []).append(external_id)
        for source, external_ids in by_source.items():
            for chunk in _chunks(external_ids):
                rows = session.execute(_IDS_BY_KEY, {"source": source, "external_ids": chunk})
                found.update({(source, ext): cid for cid, ext in rows})
        return found

    def _existing_erased(self, session: Session | Connection, hashes: list[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(hashes):
            out.update(session.execute(_ERASED_HASHES, {"hashes": chunk}).scalars())
        return out

    # ----------------------------------------------------------------- reading back
    def _records(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored public records (what the first ingest returned), by comment id."""
        out: dict[str, dict[str, Any]] = {}
        if not ids:
            return out
        with self.read_session() as session:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                query = (
                    select(Comment.id, Comment.text_redacted, EnrichmentRow.record)
                    .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
                    .where(Comment.id.in_(chunk))
                )
                for cid, text, record in session.execute(query):
                    out[cid] = _restore_record(record, cid, text)
        return out

    def _item_query(self) -> Select:
        return (
            select(Comment, EnrichmentRow, Customer.external_id)
            .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
            .outerjoin(Customer, Customer.id == Comment.customer_pk)
        )

    def get_comment(self, comment_id: str) -> dict[str, Any]:
        with self.read_session() as session:
            row = session.execute(self._item_query().where(Comment.id == comment_id)).first()
        if row is None:
            raise NotFoundError(f"no comment with id {comment_id!r}")
        return _item(*row)

    def list_comments(
        self, filters: CommentFilter | None = None, limit: int = 50, cursor: str | None = None
    ) -> CommentPage:
        """Newest first (created_at, then id); the cursor carries the last row's position."""
        query = self.apply_filters(self._item_query(), filters or CommentFilter())
        if cursor:
            created_at, last_id = _decode_cursor(cursor)
            query = query.where(
                or_(Comment.created_at < created_at, and_(Comment.created_at == created_at, Comment.id < last_id))
            )
        query = query.order_by(Comment.created_at.desc(), Comment.id.desc()).limit(limit + 1)
        with self.read_session() as session:
            rows = session.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = _encode_cursor(rows[-1][0].created_at, rows[-1][0].id) if more and rows else None
        return CommentPage([_item(*row) for row in rows], next_cursor)

    def iter_comments(self, filters: CommentFilter | None = None, page_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching comment, newest first, one page in memory at a time."""
        cursor = None
        while True:
            page = self.list_comments(filters, limit=page_size, cursor=cursor)
            yield from page.items
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def count_comments(self, filters: CommentFilter | None = None) -> int:
        query = self.apply_filters(
            select(func.count()).select_from(Comment).join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id),
            filters or CommentFilter(),
        )
        with self.read_session() as session:
            return int(session.scalar(query))

    def apply_filters(self, query: Select, f: CommentFilter) -> Select:
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
                Comment.customer_pk.in_(
                    select(Customer.id).where(Customer.external_id.in_(self.customer_keys(f.customer_id)))
                )
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
        return query.where(*conditions) if conditions else query

    # ----------------------------------------------------------------- analysis helpers
    def read_frame(self, filters: CommentFilter | None = None):
        from voc_engine.store.frame import read_comments_frame

        return read_comments_frame(self, filters)

    def _read_enrichment_column(self, ids: Sequence[str], column) -> dict[str, Any]:
        """{id: the enrichments row's value of ``column``} for these ids; an unknown id is an error."""
        found: dict[str, Any] = {}
        with self.read_session() as session:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                query = select(EnrichmentRow.comment_id, column).where(EnrichmentRow.comment_id.in_(chunk))
                found.update(dict(session.execute(query).all()))
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"{len(missing)} comment id(s) not in the store, e.g. {missing[0]!r}")
        return found

    def read_embeddings(self, ids: Sequence[str]) -> np.ndarray:
        """Stored embeddings as a float32 matrix, one row per id in the given order.

        A comment stored without an embedding gets a row of NaN; an unknown id is an error.
        """
        ids = list(ids)
        found: dict[str, bytes | None] = self._read_enrichment_column(ids, EnrichmentRow.embedding)
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

    def read_tag_scores(self, ids: Sequence[str]) -> list[dict[str, float] | None]:
        """Stored tagger scores ({category: probability}), one per id in the given order; None for
        a comment stored without them. An unknown id is an error."""
        ids = list(ids)
        found = self._read_enrichment_column(ids, EnrichmentRow.tag_scores)
        return [found[i] or None for i in ids]

    def stats(self, filters: CommentFilter | None = None, period: str = "week", by: str | None = None):
        from voc_engine.store.stats import compute_stats

        return compute_stats(self, filters or CommentFilter(), period=period, by=by)

    # ----------------------------------------------------------------- erasure
    def customer_keys(self, customer_id: str) -> list[str]:
        """The stored forms a customer id may have: its pseudonym, and the id itself in a store
        written before pseudonymisation (until `voc db check --fix` converts it)."""
        pseudonym = self.pii.customer_id(customer_id)
        return [pseudonym] if pseudonym == customer_id else [pseudonym, customer_id]

    def erase_customer(self, customer_id: str, actor: str) -> ErasureReport:
        """GDPR right to erasure: the customer's comments, enrichments, tags, flags, anything a
        hook derived, and the customer row, in one transaction, with an audit entry that names
        the customer only by their pseudonym.

        On SQLite the deleted rows' bytes are overwritten (secure_delete) and the write-ahead log
        is then checkpointed and truncated, so no copy stays in the files; the audit entry records
        whether that checkpoint completed. PostgreSQL keeps dead row versions until VACUUM."""
        pseudonym = self.pii.customer_id(customer_id)
        with self.write_session() as session, session.begin():
            customer_pks = list(
                session.scalars(select(Customer.id).where(Customer.external_id.in_(self.customer_keys(customer_id))))
            )
            if not customer_pks:
                raise NotFoundError("no such customer")
            rows = session.execute(
                select(Comment.id, Comment.source, Comment.external_id).where(Comment.customer_pk.in_(customer_pks))
            ).all()
            comment_ids = [r.id for r in rows]
            _delete_comments(session, comment_ids, self.extensions.erasure_hooks)
            session.execute(delete(Customer).where(Customer.id.in_(customer_pks)))
            keys = [
                {"key_hash": erased_key_hash(r.source, r.external_id), "erased_at": utcnow()}
                for r in rows
                if r.external_id
            ]
            if keys:
                session.execute(self._insert(ErasedKey).on_conflict_do_nothing(index_elements=["key_hash"]), keys)
            entry = AuditEntry(
                at=utcnow(),
                actor=actor,
                action="erase_customer",
                target=f"customer:{pseudonym}",
                details={"comments": len(comment_ids)},
            )
            session.add(entry)
            session.flush()
            audit_id = entry.id
        files = self._purge_deleted_bytes()
        with self.write_session() as session, session.begin():
            session.execute(
                update(AuditEntry)
                .where(AuditEntry.id == audit_id)
                .values(details={"comments": len(comment_ids), "files": files})
            )
        return ErasureReport(pseudonym, len(comment_ids), audit_id)

    def _purge_deleted_bytes(self) -> str:
        """After an erasure: make sure deleted rows survive in no file of the database."""
        if self.dialect != "sqlite":
            return "rows deleted; PostgreSQL frees their space at the next VACUUM"
        with self.engine.connect() as connection:
            # TRUNCATE copies every committed page into the database file (where secure_delete
            # has zeroed the erased rows) and empties the log; it waits for readers as long as
            # the busy timeout allows.
            busy, log_pages, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:
            return "rows deleted; the write-ahead log could not be checkpointed (busy): run `voc db check`"
        return f"rows deleted and overwritten; write-ahead log checkpointed and truncated ({log_pages} pages)"

    def quarantine(self, problems: dict[str, str], actor: str) -> int:
        """Move comments that cannot be read back out of the live tables (`voc db check --fix`).

        `problems` maps comment id -> reason. Each row is kept in `quarantined_comments` as
        ASCII-only JSON, then deleted with everything derived from it, in one transaction with
        an audit entry. Returns how many were moved."""
        if not problems:
            return 0
        now = utcnow()
        with self.write_session() as session, session.begin():
            ids = list(problems)
            kept = []
            for chunk in _chunks(ids):
                rows = session.execute(
                    select(Comment, EnrichmentRow.record)
                    .outerjoin(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
                    .where(Comment.id.in_(chunk))
                ).all()
                for comment, record in rows:
                    row = {a.columns[0].name: getattr(comment, a.key) for a in Comment.__mapper__.column_attrs}
                    payload = json.dumps({"comment": row, "enrichment": record}, ensure_ascii=True, default=str)
                    kept.append(
                        {
                            "comment_id": comment.id,
                            "quarantined_at": now,
                            "reason": problems[comment.id][:200],
                            "payload": payload,
                        }
                    )
            if kept:
                session.execute(self._insert(QuarantinedComment).on_conflict_do_nothing(), kept)
                _delete_comments(session, [k["comment_id"] for k in kept], self.extensions.erasure_hooks)
                session.add(
                    AuditEntry(at=now, actor=actor, action="quarantine", target="comments", details={"comments": len(kept)})
                )
        return len(kept)

    def legacy_customer_ids(self) -> int:
        """Customers stored before pseudonymisation (their id kept as sent)."""
        with self.read_session() as session:
            ids = session.scalars(select(Customer.external_id)).all()
        return sum(1 for value in ids if not is_pseudonym(value))

    def pseudonymise_legacy_customers(self, actor: str) -> int:
        """Replace customer ids stored as sent by their pseudonyms; a customer already known under
        the pseudonym gets the old row's comments and cases, and the old row goes."""
        with self.write_session() as session, session.begin():
            legacy = [c for c in session.scalars(select(Customer)).all() if not is_pseudonym(c.external_id)]
            if not legacy:
                return 0
            for customer in legacy:
                pseudonym = self.pii.customer_id(customer.external_id)
                target = session.scalar(select(Customer).where(Customer.external_id == pseudonym))
                if target is None:
                    customer.external_id = pseudonym
                    continue
                for table in customer_tables():
                    session.execute(
                        update(table).where(table.c.customer_pk == customer.id).values(customer_pk=target.id)
                    )
                target.first_seen_at = min(target.first_seen_at, customer.first_seen_at)
                target.last_seen_at = max(target.last_seen_at, customer.last_seen_at)
                target.segment = target.segment or customer.segment
                session.delete(customer)
            session.add(
                AuditEntry(
                    at=utcnow(),
                    actor=actor,
                    action="pseudonymise_customers",
                    target="customers",
                    details={"customers": len(legacy)},
                )
            )
        return len(legacy)

    def audit_log(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.read_session() as session:
            rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).all()
        return [
            {
                "id": r.id,
                "at": r.at.isoformat(),
                "actor": r.actor,
                "action": r.action,
                "target": r.target,
                "details": r.details,
            }
            for r in rows
        ]

    # ----------------------------------------------------------------- reprocessing
    def reprocess(
        self,
        enrich: EnrichFn,
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
            query = self._reprocess_query(model_version, everything).where(Comment.id > after).limit(batch_size)
            with self.read_session() as session:
                rows = [(cid, text) for cid, text in session.execute(query) if text]
            if not rows:
                return done
            after = rows[-1][0]
            done += self._rescore(enrich, rows)
            if on_batch:
                on_batch(len(rows))

    def reprocess_ranges(
        self, model_version: str, *, everything: bool = False, batch_size: int = 256
    ) -> Iterator[tuple[str, str, int]]:
        """``(first id, last id, comments)``: the comments `reprocess` would re-enrich, in id
        ranges of at most ``batch_size`` (ids alone are read), for workers that each take a
        range (`reprocess_range`)."""
        after = ""
        while True:
            query = self._reprocess_query(model_version, everything, ids_only=True).where(Comment.id > after)
            with self.read_session() as session:
                ids = list(session.scalars(query.limit(batch_size)))
            if not ids:
                return
            yield ids[0], ids[-1], len(ids)
            after = ids[-1]

    def reprocess_range(
        self, enrich: EnrichFn, model_version: str, first: str, last: str, *, everything: bool = False
    ) -> tuple[int, int]:
        """Re-enrich the comments of one id range that still need it (one transaction): a range
        taken again after a worker died, or by a re-run, skips what was done. Returns (comments
        read, comments re-enriched)."""
        query = self._reprocess_query(model_version, everything).where(Comment.id >= first, Comment.id <= last)
        with self.read_session() as session:
            rows = [(cid, text) for cid, text in session.execute(query) if text]
        return len(rows), self._rescore(enrich, rows) if rows else 0

    def _reprocess_query(self, model_version: str, everything: bool, ids_only: bool = False) -> Select:
        columns = (Comment.id,) if ids_only else (Comment.id, func.coalesce(Comment.text_raw, Comment.text_redacted))
        query = (
            select(*columns)
            .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
            .order_by(Comment.id)
        )
        if not everything:
            query = query.where(EnrichmentRow.model_version != model_version)
        return query

    def _rescore(self, enrich: EnrichFn, rows: list[tuple[str, str]]) -> int:
        """Enrich ``(id, text)`` rows again and replace their enrichment, tags and flags in one
        transaction; returns how many were re-enriched (a row that fails keeps its old one)."""
        enrichments = enrich([t for _, t in rows], [cid for cid, _ in rows])
        scored = [(cid, e) for (cid, _), e in zip(rows, enrichments) if not e.error]
        with self.write_session() as session, session.begin():
            now = utcnow()
            ids = [cid for cid, _ in scored]
            for table in (CommentTag, CommentFlag, EnrichmentRow):
                session.execute(delete(table).where(table.comment_id.in_(ids)))
            if scored:
                session.execute(self._insert(EnrichmentRow), [_enrichment_row(cid, e, now) for cid, e in scored])
                tags = [
                    {"comment_id": cid, "name": t.name, "confidence": float(t.confidence), "sentiment": t.sentiment}
                    for cid, e in scored
                    for t in {t.name: t for t in e.tags}.values()
                ]
                if tags:
                    session.execute(self._insert(CommentTag), tags)
                flags = [{"comment_id": cid, "flag": f} for cid, e in scored for f in dict.fromkeys(e.flags)]
                if flags:
                    session.execute(self._insert(CommentFlag), flags)
                for cid, e in scored:
                    session.execute(update(Comment).where(Comment.id == cid).values(text_redacted=e.redacted_text))
                self._register_model_versions(session, {e.model_version for _, e in scored if e.model_version}, now)
        return len(scored)

    def model_versions(self) -> list[dict[str, Any]]:
        with self.read_session() as session:
            counts = dict(
                session.execute(
                    select(EnrichmentRow.model_version, func.count()).group_by(EnrichmentRow.model_version)
                ).all()
            )
            rows = session.scalars(select(ModelVersion).order_by(ModelVersion.id)).all()
        return [
            {
                "version": r.version,
                "components": r.components,
                "first_used_at": r.first_used_at.isoformat(),
                "comments": int(counts.get(r.version, 0)),
            }
            for r in rows
        ]


# --------------------------------------------------------------------------- row helpers
def _plan(
    checked: list[CommentIn | RowError],
    first_index: int,
    stored: dict[tuple[str, str], str],
    erased: set[tuple[str, str]],
) -> IngestPlan:
    """One request's plan, given which of its keys the store already holds or refuses."""
    plan = IngestPlan(size=len(checked), first_index=first_index)
    first_in_batch: dict[tuple[str, str], int] = {}
    for offset, row in enumerate(checked):
        index = first_index + offset
        if isinstance(row, RowError):
            plan.rejected[index] = row
            continue
        key = (row.source, row.external_id) if row.external_id else None
        if key in stored:
            plan.existing[index] = stored[key]
        elif key in erased:
            plan.rejected[index] = RowError(
                index, "this (source, external_id) was erased on request and is not accepted again"
            )
        elif key in first_in_batch:
            first = first_in_batch[key]
            if row == checked[first - first_index]:
                plan.same_as[index] = first  # the same comment sent twice: stored once, like a retry
            else:
                plan.rejected[index] = RowError(
                    index, f"(source, external_id) already used by row {first} of this request, with other content"
                )
        else:
            if key:
                first_in_batch[key] = index
            plan.new.append(_Planned(index, row, new_comment_id()))
    return plan


def _delete_comments(session: Session, comment_ids: list[str], hooks: Sequence[Callable]) -> None:
    """Delete comments with everything derived from them (erasure hooks first, then our tables)."""
    for hook in hooks:
        hook(session, comment_ids)
    for chunk in _chunks(comment_ids):
        for table in (CommentTag, CommentFlag, EnrichmentRow):
            session.execute(delete(table).where(table.comment_id.in_(chunk)))
        session.execute(delete(Comment).where(Comment.id.in_(chunk)))


def customer_tables() -> list:
    """Every table with a `customer_pk` column (the store's and those of modules built on it: loading
    the extensions imported their tables)."""
    return [table for table in Base.metadata.sorted_tables if "customer_pk" in table.c]


# Every ingest reads these: built once (with the IN lists as parameters) rather than per call.
_IDS_BY_KEY = select(Comment.__table__.c.id, Comment.__table__.c.external_id).where(
    Comment.__table__.c.source == bindparam("source"),
    Comment.__table__.c.external_id.in_(bindparam("external_ids", expanding=True)),
)
_ERASED_HASHES = select(ErasedKey.__table__.c.key_hash).where(
    ErasedKey.__table__.c.key_hash.in_(bindparam("hashes", expanding=True))
)


def _chunks(values: list, size: int = _IN_CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _public_record(enrichment: Enrichment, comment_id: str) -> dict[str, Any]:
    record = enrichment.to_record()
    record["id"] = comment_id
    return record


def _restore_record(stored: dict[str, Any], comment_id: str, redacted_text: str | None) -> dict[str, Any]:
    record = dict(stored)
    record["id"] = comment_id
    record["redacted_text"] = redacted_text
    return record


def _enrichment_row(
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
        "enrichment": _restore_record(enrichment.record, comment.id, comment.text_redacted),
    }


def _stored_comment(
    planned: _Planned, enrichment: Enrichment, customer_pks: dict[str, int], now: datetime
) -> StoredComment:
    c = planned.comment
    return StoredComment(
        id=planned.id,
        source=c.source,
        external_id=c.external_id,
        created_at=c.created_at or now,
        received_at=now,
        channel=c.channel,
        touchpoint=c.touchpoint,
        journey_stage=c.journey_stage,
        customer_id=c.customer_id,
        customer_pk=customer_pks.get(c.customer_id) if c.customer_id else None,
        segment=c.segment,
        scores=dict(c.scores),
        metadata=dict(c.metadata),
        enrichment=enrichment,
    )


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


def _register_sqlite_functions(engine) -> None:
    """`voc_local(ts, zone)`: a UTC timestamp as local wall-clock time, for period buckets."""
    from sqlalchemy import event

    from voc_engine.periods import sqlite_local_time

    @event.listens_for(engine, "connect")
    def _functions(dbapi_connection, _record) -> None:
        dbapi_connection.create_function("voc_local", 2, sqlite_local_time, deterministic=True)
