"""Shared dependencies: the app's runtime and what it holds (settings, store, pipeline, ingest
path), and API-key auth.

`api.main.create_app` keeps one `voc_engine.runtime.Runtime` on ``app.state.runtime``; every
dependency here reads it from the request, so an app serves exactly its runtime's database and
settings (tests build one app per test database), and the module holds no state of its own.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Annotated, Callable

from fastapi import Depends, HTTPException, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyHeader
from pydantic import AfterValidator

from voc_engine.auth.keys import ROLES, ApiKeyInfo, authenticate, hash_key
from voc_engine.config import Settings
from voc_engine.nlp.pipeline import Pipeline
from voc_engine.runtime import Runtime
from voc_engine.store.microbatch import IngestService
from voc_engine.store.repository import FeedbackStore

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key from `voc keys create --role ROLE`."
)


# The dependencies that only look something up are async: FastAPI runs a plain function on a
# worker thread, a hop every request would pay for.
async def get_runtime(request: Request) -> Runtime:
    """The runtime the app was built with (`create_app`)."""
    return request.app.state.runtime


async def get_settings(runtime: Runtime = Depends(get_runtime)) -> Settings:
    return runtime.settings


async def get_store(runtime: Runtime = Depends(get_runtime)) -> FeedbackStore:
    """The runtime's store (async: a dependency needs no worker thread once the store is open)."""
    return runtime.store


def loaded_pipeline(runtime: Runtime) -> Pipeline:
    """The runtime's models, loaded on first use (seconds) and shared by every request. Once
    loaded they are frozen out of the garbage collector: they are a few hundred thousand
    long-lived objects, and a full collection walks them all, holding the GIL, while every
    request in flight stalls."""
    if runtime.pipeline_loaded:
        return runtime.pipeline
    pipeline = runtime.pipeline
    gc.collect()
    gc.freeze()
    return pipeline


def get_pipeline(runtime: Runtime = Depends(get_runtime)) -> Pipeline:
    return loaded_pipeline(runtime)


async def get_ingest(runtime: Runtime = Depends(get_runtime)) -> IngestService:
    """The store's ingest path: concurrent requests share store reads, encoder passes and
    transactions (group commit)."""
    return runtime.ingest


class AuthCache:
    """`authenticate`, remembered for a few seconds: most requests then skip a database read.
    One per app (``app.state.auth_cache``)."""

    SECONDS = 5.0  # a revoked key stops working within this long
    SIZE = 10_000

    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, ApiKeyInfo]] = {}
        self._lock = threading.Lock()

    async def authenticate(self, store: FeedbackStore, key: str) -> ApiKeyInfo | None:
        now = time.monotonic()
        cache_key = hash_key(key)  # never keep the key itself around
        hit = self._entries.get(cache_key)
        if hit is not None and hit[0] > now:
            return hit[1]
        info = await run_in_threadpool(authenticate, store, key)
        if info is not None:
            with self._lock:
                if len(self._entries) >= self.SIZE:
                    self._entries.clear()
                self._entries[cache_key] = (now + self.SECONDS, info)
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
        info = await request.app.state.auth_cache.authenticate(store, key)
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
