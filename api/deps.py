"""Shared dependencies: the store, the pipeline, the micro-batcher, and API-key auth.

Each is created once per process, on first use. Tests point the service at another database by
setting VOC_DATABASE_URL before the first request, or with `app.dependency_overrides`.
"""

from __future__ import annotations

import gc
import threading
import time
from functools import partial
from typing import Annotated, Callable

from fastapi import Depends, HTTPException, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyHeader
from pydantic import AfterValidator

from voc_engine.auth.keys import ROLES, ApiKeyInfo, authenticate, hash_key
from voc_engine.nlp.pipeline import Pipeline, default_pipeline
from voc_engine.store.microbatch import CommitBatcher, IngestService, MicroBatcher, PlanBatcher, text_cost
from voc_engine.store.repository import FeedbackStore
from voc_engine.store.settings import StoreSettings, get_store_settings

_lock = threading.Lock()
_store: FeedbackStore | None = None
_pipeline: Pipeline | None = None
_batcher: MicroBatcher | None = None
_ingest_services: dict[int, tuple[FeedbackStore, IngestService]] = {}
_auth_cache: dict[tuple[int, str], tuple[float, ApiKeyInfo]] = {}
AUTH_CACHE_SECONDS = 5.0  # a revoked key stops working within this long

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key from `voc keys create --role ROLE`."
)


def get_settings() -> StoreSettings:
    return get_store_settings()


async def get_store() -> FeedbackStore:
    """The process's store (async: a dependency needs no worker thread once the store exists)."""
    return _shared_store()


def _shared_store() -> FeedbackStore:
    global _store
    if _store is None:
        with _lock:
            if _store is None:
                _store = FeedbackStore()
    return _store


def get_pipeline() -> Pipeline:
    """The shipped models, loaded once per process (seconds) and shared by every request."""
    global _pipeline
    if _pipeline is None:
        with _lock:
            if _pipeline is None:
                pipeline = default_pipeline()
                # The models are a few hundred thousand long-lived objects: a full collection
                # walks them all, holding the GIL, and every request in flight stalls meanwhile.
                # Frozen, the collector leaves them out.
                gc.collect()
                gc.freeze()
                _pipeline = pipeline
    return _pipeline


def pipeline_loaded() -> bool:
    return _pipeline is not None


class _SharedPipeline:
    """The process's pipeline (loaded on first use) in the two steps the micro-batcher calls."""

    def start(self, texts, ids):
        return get_pipeline().start(texts, ids)

    def finish(self, started):
        return get_pipeline().finish(started)


def shared_batcher() -> MicroBatcher:
    """Concurrent requests' texts go through shared encoder passes (see MicroBatcher)."""
    global _batcher
    if _batcher is None:
        with _lock:
            if _batcher is None:
                from api.metrics import observe_enrich_batch

                settings = get_settings()
                _batcher = MicroBatcher(
                    _SharedPipeline(),
                    max_wait_ms=settings.microbatch_wait_ms,
                    max_texts=settings.microbatch_max_texts,
                    on_batch=observe_enrich_batch,
                    cost=partial(text_cost, analysis_chars=settings.max_analysis_chars),
                    long_text_chars=settings.long_text_chars,
                    alone_cost=settings.microbatch_alone_cost,
                )
    return _batcher


async def get_ingest(store: FeedbackStore = Depends(get_store)) -> IngestService:
    """The store's ingest path: concurrent requests share store reads, encoder passes and
    transactions (group commit)."""
    entry = _ingest_services.get(id(store))
    if entry is None or entry[0] is not store:
        batcher = shared_batcher()  # before taking the lock: it takes it too
        with _lock:
            entry = _ingest_services.get(id(store))
            if entry is None or entry[0] is not store:
                entry = (store, IngestService(PlanBatcher(store), batcher, CommitBatcher(store)))
                _ingest_services[id(store)] = entry
    return entry[1]


async def _authenticate(store: FeedbackStore, key: str) -> ApiKeyInfo | None:
    """`authenticate`, remembered for a few seconds: most requests then skip a database read."""
    now = time.monotonic()
    cache_key = (id(store), hash_key(key))  # never keep the key itself around
    hit = _auth_cache.get(cache_key)
    if hit is not None and hit[0] > now:
        return hit[1]
    info = await run_in_threadpool(authenticate, store, key)
    if info is not None:
        if len(_auth_cache) > 10_000:
            _auth_cache.clear()
        _auth_cache[cache_key] = (now + AUTH_CACHE_SECONDS, info)
    return info


def require_roles(*roles: str) -> Callable[..., ApiKeyInfo]:
    """A dependency admitting a valid key whose role is one of `roles` (admin always is).

    401: no key, or an unknown or revoked one. 403: a valid key with another role.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    allowed = set(roles) | {"admin"}

    async def check(
        request: Request, key: str | None = Security(api_key_header), store: FeedbackStore = Depends(get_store)
    ) -> ApiKeyInfo:
        if not key:
            raise HTTPException(
                401, "missing API key: send it in the X-API-Key header", headers={"WWW-Authenticate": "X-API-Key"}
            )
        info = await _authenticate(store, key)
        if info is None:
            raise HTTPException(401, "invalid or revoked API key", headers={"WWW-Authenticate": "X-API-Key"})
        request.state.api_key_id = info.id
        if info.role not in allowed:
            raise HTTPException(403, f"role {info.role!r} may not do this (needs {' or '.join(sorted(allowed))})")
        return info

    return check


# PostgreSQL text cannot hold NUL (U+0000), not even in a comparison: the driver raises, and a
# filter, an id or a note with one was a 500. Nothing stored can contain one, so it is a 422.
_NUL_MESSAGE = "must not contain NUL (\\u0000) characters"


async def reject_nul_characters(request: Request) -> None:
    """An app-wide dependency: a 422 for a NUL in any query or path parameter."""
    errors = [
        {"loc": (where, name), "msg": _NUL_MESSAGE, "type": "string_pattern_mismatch"}
        for where, items in (("path", request.path_params.items()), ("query", request.query_params.multi_items()))
        for name, value in items
        if isinstance(value, str) and "\x00" in value
    ]
    if errors:
        raise RequestValidationError(errors)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_NUL_MESSAGE)
    return value


# A str field of a request body that reaches the database.
DbText = Annotated[str, AfterValidator(_no_nul)]
