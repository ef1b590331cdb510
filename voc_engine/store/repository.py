"""The feedback store: one database, its engine and sessions, and the methods everything else calls.

`FeedbackStore` is a facade: it owns the engine, the sessions, the PII policy, the validation
context and the extensions, and each method hands them to the functions that do the work, one
module per seam:

- `store.ingest`: plan, enrich, commit (idempotent, transactional), checkpoints;
- `store.query`: filters as WHERE clauses, pages, counts, embeddings and tag scores;
  `store.frame` and `store.stats` build on it;
- `store.erasure`: erasure on request, quarantine, pseudonymisation of legacy customer ids;
- `store.reprocess`, `store.registry` (model versions), `store.audit` (the audit log).
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any, Callable, Iterator, Sequence

import numpy as np
from sqlalchemy import Select
from sqlalchemy.orm import Session, sessionmaker

from voc_engine.config import Settings
from voc_engine.periods import business_timezone
from voc_engine.schema import Enrichment
from voc_engine.store import audit, erasure, ingest, registry, reprocess
from voc_engine.store import query as queries
from voc_engine.store.catalogue import Catalogue, load_catalogue
from voc_engine.store.checkpoint import Checkpointer, without_autocheckpoint
from voc_engine.store.db import ensure_schema, make_engine, sqlite_file, writer
from voc_engine.store.erasure import ErasureReport
from voc_engine.store.filters import CommentFilter
from voc_engine.store.framecache import FrameCache
from voc_engine.store.hooks import SESSION_KEY, Extensions
from voc_engine.store.ingest import Checkpoint, EnrichFn, IngestPlan, IngestResult
from voc_engine.store.privacy import PiiPolicy, load_or_create_key
from voc_engine.store.query import CommentPage
from voc_engine.store.schemas import CommentIn, FieldLimits, RowError, validation_context

log = logging.getLogger(__name__)

# Names callers import from here (`from voc_engine.store.repository import FeedbackStore, CommentFilter`).
__all__ = ["Checkpoint", "CommentFilter", "CommentPage", "EnrichFn", "ErasureReport", "FeedbackStore",
           "IngestPlan", "IngestResult"]


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
        # Checked before anything opens: a zone that does not exist is the configuration's fault,
        # not a reason to refuse every row without an offset.
        zone = business_timezone(self.settings)
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
        self._frames = FrameCache(self.engine, section.frame_cache_seconds)
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
        # What validating an input row needs: the catalogue, time zone, field limits and PII policy.
        self.validation = validation_context(self.catalogue, zone, limits, self.pii)

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

    @cached_property
    def ingest_statements(self) -> dict[str, Any]:
        """The statements every ingest transaction runs, built once for this store (`ingest.statements`)."""
        return ingest.statements(self.dialect)

    # ----------------------------------------------------------------- ingestion (store.ingest)
    def plan_ingest(self, rows: Sequence[CommentIn | RowError | Any], first_index: int = 0) -> IngestPlan:
        """Step 1: validate (dicts), deduplicate against the store and within the batch."""
        return ingest.plan_ingest_many(self, [rows], [first_index])[0]

    def plan_ingest_many(
        self, batches: Sequence[Sequence[CommentIn | RowError | Any]], first_indexes: Sequence[int] | None = None
    ) -> list[IngestPlan]:
        """Step 1 for several requests with ONE read of the store (the API's micro-batches)."""
        return ingest.plan_ingest_many(self, batches, first_indexes)

    def commit_ingest(
        self, plan: IngestPlan, enrichments: Sequence[Enrichment], checkpoint: Checkpoint | None = None
    ) -> list[IngestResult]:
        """Step 3: store every new comment that was scored, in one transaction; results in input order."""
        return ingest.commit_ingest(self, plan, enrichments, checkpoint)

    def commit_ingest_many(
        self, batches: Sequence[tuple[IngestPlan, Sequence[Enrichment]]]
    ) -> list[list[IngestResult] | Exception]:
        """Step 3 for several requests in ONE transaction (one fsync): group commit."""
        return ingest.commit_ingest_many(self, batches)

    def ingest(
        self,
        rows: Sequence[CommentIn | RowError | Any],
        enrich: EnrichFn,
        checkpoint: Checkpoint | None = None,
        first_index: int = 0,
    ) -> list[IngestResult]:
        """Plan, enrich the new texts, commit: the synchronous path (`voc ingest`, scripts, tests)."""
        return ingest.ingest(self, rows, enrich, checkpoint, first_index)

    def checkpoint(self, key: str) -> Checkpoint | None:
        with self.read_session() as session:
            return ingest.read_checkpoint(session, key)

    def save_checkpoint(self, checkpoint: Checkpoint) -> None:
        with self.write_session() as session, session.begin():
            ingest.save_checkpoint(session, checkpoint)

    # ----------------------------------------------------------------- reading back (store.query)
    def get_comment(self, comment_id: str) -> dict[str, Any]:
        with self.read_session() as session:
            return queries.get_comment(session, comment_id)

    def list_comments(
        self, filters: CommentFilter | None = None, limit: int = 50, cursor: str | None = None
    ) -> CommentPage:
        """Newest first (created_at, then id); the cursor carries the last row's position."""
        with self.read_session() as session:
            return queries.list_comments(session, self.pii, filters, limit, cursor)

    def iter_comments(self, filters: CommentFilter | None = None, page_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching comment, newest first, one page in memory at a time."""
        return queries.iter_comments(self, filters, page_size)

    def count_comments(self, filters: CommentFilter | None = None) -> int:
        with self.read_session() as session:
            return queries.count_comments(session, self.pii, filters)

    def apply_filters(self, query: Select, f: CommentFilter) -> Select:
        """WHERE clauses for `f`; `query` must select from comments joined with enrichments."""
        return queries.apply_filters(query, f, self.pii)

    def customer_keys(self, customer_id: str) -> list[str]:
        """The stored forms a customer id may have (`query.customer_keys`)."""
        return queries.customer_keys(self.pii, customer_id)

    def read_embeddings(self, ids: Sequence[str]) -> np.ndarray:
        """Stored embeddings as a float32 matrix, one row per id in the given order (NaN: none stored)."""
        with self.read_session() as session:
            return queries.read_embeddings(session, ids)

    def read_tag_scores(self, ids: Sequence[str]) -> list[dict[str, float] | None]:
        """Stored tagger scores ({category: probability}), one per id in the given order."""
        with self.read_session() as session:
            return queries.read_tag_scores(session, ids)

    def read_frame(self, filters: CommentFilter | None = None):
        """The stored comments matching `filters` as a DataFrame (`voc_engine.store.frame`),
        reused from `FrameCache` while nothing it holds has changed."""
        from voc_engine.store.frame import read_comments_frame

        return self._frames.get(repr(filters or CommentFilter()), lambda: read_comments_frame(self, filters))

    def kept_result(self, key: str, compute: Callable[[], Any]) -> Any:
        """What `compute` returns, reused like a frame (`FrameCache.result`) while no stored comment,
        enrichment or customer changed: for results computed over many stored rows. `key` must
        name everything the result depends on; the result is shared, so it is not to be changed."""
        return self._frames.result(key, compute)

    def stats(self, filters: CommentFilter | None = None, period: str = "week", by: str | None = None):
        """Counts, scores and their intervals per period (and group), grouped by the database
        (`voc_engine.store.stats`); kept while nothing they count changed (`kept_result`)."""
        from voc_engine.store.stats import compute_stats

        filters = filters or CommentFilter()
        return self.kept_result(f"stats:{filters!r}:{period}:{by}",
                                lambda: compute_stats(self, filters, period=period, by=by))

    # ----------------------------------------------------------------- erasure (store.erasure)
    def erase_customer(self, customer_id: str, actor: str) -> ErasureReport:
        """GDPR right to erasure (`erasure.erase_customer`)."""
        return erasure.erase_customer(self, customer_id, actor)

    def quarantine(self, problems: dict[str, str], actor: str) -> int:
        """Move comments that cannot be read back out of the live tables (`erasure.quarantine`)."""
        return erasure.quarantine(self, problems, actor)

    def legacy_customer_ids(self) -> int:
        """Customers stored before pseudonymisation (their id kept as sent)."""
        with self.read_session() as session:
            return erasure.legacy_customer_ids(session)

    def pseudonymise_legacy_customers(self, actor: str) -> int:
        """Replace customer ids stored as sent by their pseudonyms (`erasure.pseudonymise_legacy_customers`)."""
        with self.write_session() as session, session.begin():
            return erasure.pseudonymise_legacy_customers(session, self.pii, actor)

    # ----------------------------------------------------------------- audit, reprocessing, registry
    def audit_log(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.read_session() as session:
            return audit.audit_log(session, limit)

    def reprocess(
        self,
        enrich: EnrichFn,
        model_version: str,
        *,
        everything: bool = False,
        batch_size: int = 256,
        on_batch: Callable[[int], None] | None = None,
    ) -> int:
        """Re-enrich stored comments whose enrichment came from another model version (`reprocess.reprocess`)."""
        return reprocess.reprocess(
            self, enrich, model_version, everything=everything, batch_size=batch_size, on_batch=on_batch
        )

    def reprocess_ranges(
        self, model_version: str, *, everything: bool = False, batch_size: int = 256
    ) -> Iterator[tuple[str, str, int]]:
        """Id ranges of the comments `reprocess` would re-enrich, for workers (`reprocess.reprocess_ranges`)."""
        return reprocess.reprocess_ranges(self, model_version, everything=everything, batch_size=batch_size)

    def reprocess_range(
        self, enrich: EnrichFn, model_version: str, first: str, last: str, *, everything: bool = False
    ) -> tuple[int, int]:
        """Re-enrich one id range (`reprocess.reprocess_range`); returns (read, re-enriched)."""
        return reprocess.reprocess_range(self, enrich, model_version, first, last, everything=everything)

    def model_versions(self) -> list[dict[str, Any]]:
        with self.read_session() as session:
            return registry.model_versions(session)


def _register_sqlite_functions(engine) -> None:
    """`voc_local(ts, zone)`: a UTC timestamp as local wall-clock time, for period buckets."""
    from sqlalchemy import event

    from voc_engine.periods import sqlite_local_time

    @event.listens_for(engine, "connect")
    def _functions(dbapi_connection, _record) -> None:
        dbapi_connection.create_function("voc_local", 2, sqlite_local_time, deterministic=True)
