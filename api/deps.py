"""Shared dependencies: the app's runtime and what it holds (settings, store, pipeline, ingest
path), and who is asking (an API key or a session) and whether they may.

`api.main.create_app` keeps one `voc_engine.runtime.Runtime` on ``app.state.runtime``; every
dependency here reads it from the request, so an app serves exactly its runtime's database and
settings (tests build one app per test database), and the module holds no state of its own.
"""

from __future__ import annotations

import gc
from typing import Annotated, Awaitable, Callable

from fastapi import Depends, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyCookie, APIKeyHeader
from pydantic import AfterValidator

from voc_engine.auth.policy import Principal, allowed_roles, authorize
from voc_engine.auth.sessions import COOKIE_NAME, CSRF_HEADER, authenticate_session
from voc_engine.config import Settings
from voc_engine.errors import NotAuthenticatedError
from voc_engine.nlp.pipeline import Pipeline
from voc_engine.runtime import Runtime
from voc_engine.store.microbatch import IngestService
from voc_engine.store.repository import FeedbackStore

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key from `voc keys create --role ROLE`."
)
session_cookie = APIKeyCookie(
    name=COOKIE_NAME, auto_error=False, description="The session of `POST /v1/auth/login` (HttpOnly)."
)
csrf_header = APIKeyHeader(
    name=CSRF_HEADER, auto_error=False,
    description="The csrf_token of `POST /v1/auth/login`, with every change made with the session cookie.",
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


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_principal(
    request: Request,
    key: str | None = Security(api_key_header),
    token: str | None = Security(session_cookie),
    csrf: str | None = Security(csrf_header),
    runtime: Runtime = Depends(get_runtime),
) -> Principal | None:
    """Who the request's credentials stand for (None: it has none). An API key, when there is
    one, is the credential; else the session cookie. 401 for a key or a session that is
    unknown, revoked, expired, or whose owner is disabled. A session is read afresh on every
    request; a key that was valid is trusted for ``auth.key_recheck_seconds`` (see
    `voc_engine.auth.keys.KeyAuthenticator`), whichever process revoked or disabled."""
    principal: Principal | None = None
    if key:
        keys = runtime.keys
        principal = keys.recent(key) or await run_in_threadpool(keys.authenticate, key)
        if principal is None:
            raise NotAuthenticatedError("invalid or revoked API key")
    elif token:
        principal = await run_in_threadpool(authenticate_session, runtime.store, runtime.settings.auth, token, csrf)
        if principal is None:
            raise NotAuthenticatedError("the session has ended: sign in again")
    if principal is not None and principal.via == "key":
        request.state.api_key_id = principal.credential_id
    return principal


def require_roles(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting a caller whose role is one of `roles` (admin always is; lead
    wherever agent is), by key or by session alike: `voc_engine.auth.policy.authorize` decides.

    401: no credentials, or unknown, revoked or expired ones. 403: another role; a change
    through the session cookie without its X-CSRF-Token.
    """
    allowed_roles(roles)  # unknown roles fail when the router is built, not at the first request

    async def check(request: Request, principal: Principal | None = Depends(get_principal)) -> Principal:
        return authorize(principal, roles, write=request.method not in SAFE_METHODS)

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
