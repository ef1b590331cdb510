"""Idempotent, transactional ingestion, in three steps so the slow part runs outside any database
transaction:

1. `plan_ingest_many` validates rows, finds which (source, external_id) are already stored and
   gives each new comment an id;
2. the caller enriches the new texts (`Pipeline.enrich`, directly or through the API's
   micro-batcher);
3. `commit_ingest` writes every new comment with its enrichment, tags, flags, customer and the
   caller's checkpoint in ONE transaction, and runs the ingest hooks inside it.

A concurrent duplicate that slipped in between steps 1 and 3 is absorbed by the unique
constraint (INSERT ... ON CONFLICT DO NOTHING) and reported as not created, with the stored id.
Functions take the store (for its engine, sessions, catalogue, validation context and extensions)
or a session; `FeedbackStore`'s methods of the same names call them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from voc_engine.schema import Enrichment
from voc_engine.store.erasure import erased_key_hash
from voc_engine.store.hooks import StoredComment
from voc_engine.store.models import (
    Comment,
    CommentFlag,
    CommentTag,
    Customer,
    EnrichmentRow,
    ErasedKey,
    IngestCheckpoint,
    new_comment_id,
    utcnow,
)
from voc_engine.store.query import records
from voc_engine.store.registry import register_model_versions, register_statement
from voc_engine.store.rows import chunks, enrichment_row, flag_rows, insert_for, public_record, tag_rows
from voc_engine.store.schemas import CommentIn, RowError, validate_comment

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

EnrichFn = Callable[[list[str], list[str]], list[Enrichment]]


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
                self.public[planned.id] = public_record(enrichment, planned.id)
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


def statements(dialect: str) -> dict[str, Any]:
    """The statements every ingest transaction runs, for one store to build once: building one
    costs about as much as running it for a few comments."""
    customers = insert_for(dialect, Customer)
    customers = customers.on_conflict_do_update(
        index_elements=["external_id"],
        set_={
            "segment": func.coalesce(customers.excluded.segment, Customer.__table__.c.segment),
            "last_seen_at": customers.excluded.last_seen_at,
        },
    ).returning(Customer.__table__.c.id, Customer.__table__.c.external_id)
    comments = insert_for(dialect, Comment).on_conflict_do_nothing(index_elements=["source", "external_id"])
    return {
        "customers": customers,
        "comments": comments.returning(Comment.__table__.c.id),
        "enrichments": insert_for(dialect, EnrichmentRow),
        "tags": insert_for(dialect, CommentTag),
        "flags": insert_for(dialect, CommentFlag),
        "model_versions": register_statement(dialect),
    }


# --------------------------------------------------------------------------- the three steps
def plan_ingest_many(
    store: "FeedbackStore",
    batches: Sequence[Sequence[CommentIn | RowError | Any]],
    first_indexes: Sequence[int] | None = None,
) -> list[IngestPlan]:
    """Step 1 for several requests with ONE read of the store (the API's micro-batches).

    Each request is planned on its own (a key new to two requests is new to both; the
    commit stores it once and tells the second request the first one's id).
    """
    first_indexes = list(first_indexes) if first_indexes is not None else [0] * len(batches)
    checked = [
        [
            row if isinstance(row, (CommentIn, RowError)) else validate_comment(row, first + i, store.validation)
            for i, row in enumerate(rows)
        ]
        for rows, first in zip(batches, first_indexes, strict=True)
    ]
    keys = {(c.source, c.external_id) for rows in checked for c in rows if isinstance(c, CommentIn) and c.external_id}
    stored: dict[tuple[str, str], str] = {}
    erased: set[tuple[str, str]] = set()
    if keys:
        with store.engine.connect() as connection:  # two reads: no ORM session needed
            stored = ids_by_key(connection, keys)
            hashes = {erased_key_hash(*key): key for key in keys}
            erased = {hashes[h] for h in existing_erased(connection, list(hashes))}
    return [_plan(rows, first, stored, erased) for rows, first in zip(checked, first_indexes)]


def commit_ingest(
    store: "FeedbackStore", plan: IngestPlan, enrichments: Sequence[Enrichment], checkpoint: Checkpoint | None = None
) -> list[IngestResult]:
    """Step 3: store every new comment that was scored, in one transaction; results in input order."""
    staged = [_Staged(plan, enrichments)]
    with store.write_session() as session, session.begin():
        _write_comments(store, session, staged)
        if checkpoint is not None:
            save_checkpoint(session, checkpoint)
    return _results(store, staged[0])


def commit_ingest_many(
    store: "FeedbackStore", batches: Sequence[tuple[IngestPlan, Sequence[Enrichment]]]
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
        with store.write_session() as session, session.begin():
            _write_comments(store, session, ready)
    except Exception:
        if len(batches) == 1:
            raise
        outcomes: list[list[IngestResult] | Exception] = []
        for (plan, enrichments), item in zip(batches, staged):
            if isinstance(item, Exception):
                outcomes.append(item)
                continue
            try:
                outcomes.append(commit_ingest(store, plan, enrichments))
            except Exception as exc:  # noqa: BLE001 - handed to that request's caller
                outcomes.append(exc)
        return outcomes
    return [item if isinstance(item, Exception) else _results(store, item) for item in staged]


def ingest(
    store: "FeedbackStore",
    rows: Sequence[CommentIn | RowError | Any],
    enrich: EnrichFn,
    checkpoint: Checkpoint | None = None,
    first_index: int = 0,
) -> list[IngestResult]:
    """Plan, enrich the new texts, commit: the synchronous path (`voc ingest`, scripts, tests)."""
    plan = plan_ingest_many(store, [rows], [first_index])[0]
    enrichments = enrich(plan.texts, plan.ids) if plan.new else []
    return commit_ingest(store, plan, enrichments, checkpoint)


def _results(store: "FeedbackStore", staged: _Staged) -> list[IngestResult]:
    plan, results, public = staged.plan, dict(staged.failed), staged.public
    ids = list(plan.existing.values()) + list(staged.raced.values())
    stored_records: dict[str, dict[str, Any]] = {}
    if ids:
        with store.read_session() as session:
            stored_records = records(session, ids)
    for planned, _ in staged.to_store:
        if planned.id in staged.created:
            results[planned.index] = IngestResult(planned.index, planned.id, True, public[planned.id])
        else:
            stored_id = staged.raced[planned.index]
            results[planned.index] = IngestResult(planned.index, stored_id, False, stored_records.get(stored_id))
    for index, stored_id in plan.existing.items():
        results[index] = IngestResult(index, stored_id, False, stored_records.get(stored_id))
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


# --------------------------------------------------------------------------- writing rows
def _write_comments(store: "FeedbackStore", session: Session, staged: Sequence[_Staged]) -> None:
    """Insert the scored comments of every staged request: one statement per table for all of them.

    Sets each request's `created` ids and `raced` rows (a key stored since planning, by another
    transaction or by an earlier request of this group, maps to the stored id).
    """
    to_store = [(item, planned, enrichment) for item in staged for planned, enrichment in item.to_store]
    if not to_store:
        return
    now = utcnow()
    prepared = store.ingest_statements
    customer_pks = _upsert_customers(session, prepared["customers"], [p.comment for _, p, _ in to_store], now)
    # Same lock order in every transaction, so concurrent batches cannot deadlock on PostgreSQL;
    # a key new to two requests of the group goes to the earlier request.
    position = {id(item): n for n, item in enumerate(staged)}
    ordered = sorted(
        to_store,
        key=lambda ipe: (ipe[1].comment.source, ipe[1].comment.external_id or "", position[id(ipe[0])], ipe[1].id),
    )
    comment_rows = [_comment_row(store, p, e, customer_pks, now) for _, p, e in ordered]
    created = set(session.scalars(prepared["comments"], comment_rows).all())
    raced = [(item, p) for item, p, _ in ordered if p.id not in created]
    if raced:
        stored = ids_by_key(session, {(p.comment.source, p.comment.external_id) for _, p in raced})
        for item, p in raced:
            item.raced[p.index] = stored[(p.comment.source, p.comment.external_id)]
    kept = [(item, p, e) for item, p, e in ordered if p.id in created]
    for item, p, _ in kept:
        item.created.add(p.id)
    if not kept:
        return
    session.execute(prepared["enrichments"], [enrichment_row(p.id, e, now, item.public[p.id]) for item, p, e in kept])
    scored = [(p.id, e) for _, p, e in kept]
    tags = tag_rows(scored)
    if tags:
        session.execute(prepared["tags"], tags)
    flags = flag_rows(scored)
    if flags:
        session.execute(prepared["flags"], flags)
    register_model_versions(session, prepared["model_versions"], {e.model_version for _, _, e in kept if e.model_version}, now)
    hooks = store.extensions.ingest_hooks
    if hooks:
        stored_comments = [_stored_comment(p, e, customer_pks, now) for _, p, e in kept]
        for hook in hooks:
            hook(session, stored_comments)


def _comment_row(
    store: "FeedbackStore", planned: _Planned, enrichment: Enrichment, customer_pks: dict[str, int], now: datetime
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
        "journey_stage": c.journey_stage or store.catalogue.journey_stage_of(c.touchpoint),
        "customer_pk": customer_pks.get(c.customer_id) if c.customer_id else None,
        "segment": c.segment,
        "text_redacted": enrichment.redacted_text,
        "text_raw": c.text if store.settings.store_raw_text else None,
        "nps": c.scores.get("nps"),
        "csat": c.scores.get("csat"),
        "ces": c.scores.get("ces"),
        "kpis": c.kpis,
        "metadata": c.metadata,
    }


def _upsert_customers(session: Session, upsert, comments: Iterable[CommentIn], now: datetime) -> dict[str, int]:
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
    return {external_id: pk for pk, external_id in session.execute(upsert, rows).all()}


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


# --------------------------------------------------------------------------- checkpoints
def save_checkpoint(session: Session, checkpoint: Checkpoint) -> None:
    insert = insert_for(session.get_bind().dialect.name, IngestCheckpoint)
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


def read_checkpoint(session: Session, key: str) -> Checkpoint | None:
    row = session.get(IngestCheckpoint, key)
    return None if row is None else Checkpoint(row.key, row.source, row.path, row.rows_done, row.completed)


# --------------------------------------------------------------------------- planning
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


# Every ingest reads these: built once (with the IN lists as parameters) rather than per call.
_IDS_BY_KEY = select(Comment.__table__.c.id, Comment.__table__.c.external_id).where(
    Comment.__table__.c.source == bindparam("source"),
    Comment.__table__.c.external_id.in_(bindparam("external_ids", expanding=True)),
)
_ERASED_HASHES = select(ErasedKey.__table__.c.key_hash).where(
    ErasedKey.__table__.c.key_hash.in_(bindparam("hashes", expanding=True))
)


def ids_by_key(session: Session | Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    by_source: dict[str, list[str]] = {}
    for source, external_id in keys:
        by_source.setdefault(source, []).append(external_id)
    for source, external_ids in by_source.items():
        for chunk in chunks(external_ids):
            rows = session.execute(_IDS_BY_KEY, {"source": source, "external_ids": chunk})
            found.update({(source, ext): cid for cid, ext in rows})
    return found


def existing_erased(session: Session | Connection, hashes: list[str]) -> set[str]:
    out: set[str] = set()
    for chunk in chunks(hashes):
        out.update(session.execute(_ERASED_HASHES, {"hashes": chunk}).scalars())
    return out
