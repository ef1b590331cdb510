"""Logs, metrics, readiness, body-size limit and database-failure mapping for the service.

`install(app)` adds all of it. Logs are JSON lines that never contain comment text: the
request log names the route template (not the path, which may hold a customer id, nor the
query, which may hold a text search), and exception records carry the exception type and
stack frames but not the message (a validation or database message can quote the input).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import threading
import time
import traceback
import uuid
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import exc as sa_exc

from api.deps import api_key_header, get_principal, get_settings, loaded_pipeline, session_cookie
from api.metrics import ServiceMetrics
from voc_engine.auth.policy import ROLES, authorize
from voc_engine.config import Settings
from voc_engine.runtime import Runtime
from voc_engine.store.db import SchemaOutOfDateError, current_revision, head_revision

log = logging.getLogger("voc.api")

# ------------------------------------------------------------------ JSON logs
_LOG_FIELDS = (
    "request_id",
    "method",
    "route",
    "status",
    "duration_ms",
    "api_key_id",
    "comments",
    "comments_created",
    "comments_existing",
    "comments_rejected",
)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; extra fields only from a fixed list, exceptions without messages."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in _LOG_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            entry["exc_type"] = f"{kind.__module__}.{kind.__qualname__}"
            entry["exc_stack"] = [f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)][-12:]
        return json.dumps(entry, default=str)


def route_library_logs_through_json() -> None:
    """Under `voc serve` (root logger in JSON), drop handlers libraries attach to their own loggers
    (spaCy adds a plain-text one); their records still reach the root logger's JSON handler."""
    if not any(isinstance(h.formatter, JsonFormatter) for h in logging.getLogger().handlers):
        return
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger) and logger.propagate:
            for handler in list(logger.handlers):
                if not isinstance(handler.formatter, JsonFormatter):
                    logger.removeHandler(handler)


# ------------------------------------------------------------------ middleware
class BodyTooLargeError(Exception):
    pass


class ObservabilityMiddleware:
    """Pure ASGI (no per-request task switch): request id, 413 over the body limit, metrics, log line."""

    def __init__(self, app, max_body_bytes: int, metrics: ServiceMetrics):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(_header(scope, b"x-request-id"))
        state = {"status": 500, "started": False}
        scope.setdefault("state", {})
        scope["state"]["request_id"] = request_id

        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
            await self._too_large(send, state, request_id)
            self._record(scope, state, started, request_id)
            return

        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLargeError()
            return message

        async def tracking_send(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["started"] = True
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLargeError:
            if not state["started"]:
                await self._too_large(send, state, request_id)
        except Exception:
            state["status"] = 500
            log.exception("unhandled error", extra={"request_id": request_id})
            if not state["started"]:
                await _send_json(send, 500, {"detail": "internal error", "request_id": request_id}, request_id)
        finally:
            self._record(scope, state, started, request_id)

    async def _too_large(self, send, state, request_id: str) -> None:
        state["status"] = 413
        await _send_json(send, 413, {"detail": f"request body larger than {self.max_body_bytes} bytes"}, request_id)

    def _record(self, scope, state, started: float, request_id: str) -> None:
        elapsed = time.perf_counter() - started
        route = _route_template(scope)
        method = scope["method"]
        self.metrics.http_requests.labels(method, route, str(state["status"])).inc()
        self.metrics.http_latency.labels(method, route).observe(elapsed)
        extra = {
            "request_id": request_id,
            "method": method,
            "route": route,
            "status": state["status"],
            "duration_ms": round(elapsed * 1000, 2),
        }
        request_state = scope.get("state", {})
        for key in _LOG_FIELDS[5:]:
            if key in request_state:
                extra[key] = request_state[key]
        log.info("request", extra=extra)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _request_id(sent: str | None) -> str:
    """The caller's X-Request-ID when it is a plain token (it is logged), else a new one."""
    if sent and len(sent) <= 64 and all(c.isalnum() or c in "-_.:" for c in sent):
        return sent
    return uuid.uuid4().hex


def _route_template(scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if path else "unmatched"


async def _send_json(send, status: int, body: dict, request_id: str) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"x-request-id", request_id.encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


# ------------------------------------------------------------------ health, readiness, metrics
router = APIRouter(tags=["service"])


class ModelWarmup:
    """Loads the models of the app's runtime on a background thread, so the first request does
    not pay for it (one per app: ``app.state.warmup``)."""

    def __init__(self, app: FastAPI):
        self.app = app
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        runtime: Runtime = self.app.state.runtime
        with self._lock:
            if self._thread is None or (not self._thread.is_alive() and not runtime.pipeline_loaded):
                self._thread = threading.Thread(target=self._load, args=(runtime,), name="voc-model-warmup",
                                                daemon=True)
                self._thread.start()

    def _load(self, runtime: Runtime) -> None:
        try:
            loaded_pipeline(runtime)
        except Exception:  # readiness keeps saying why not ready; the log says what failed
            log.exception("model loading failed")
        route_library_logs_through_json()


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """200 when the database answers at the expected schema and the models are loaded, else 503."""
    runtime: Runtime = request.app.state.runtime
    checks: dict[str, str] = {}
    try:
        # Not a dependency: a store that cannot even be opened must give 503 with a reason here.
        store = await run_in_threadpool(lambda: runtime.store)
        revision = await run_in_threadpool(current_revision, store.engine)
        checks["database"] = "ok" if revision == head_revision() else f"schema at {revision}, needs {head_revision()}"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"unavailable ({type(exc).__name__})"
    if runtime.pipeline_loaded:
        checks["models"] = "ok"
        checks["model_version"] = runtime.pipeline.model_version
    else:
        request.app.state.warmup.start()
        checks["models"] = "loading"
    ready = checks["database"] == "ok" and checks["models"] == "ok"
    return JSONResponse(
        status_code=200 if ready else 503, content={"status": "ready" if ready else "not ready", **checks}
    )


def _from_loopback(request: Request) -> bool:
    try:
        return ipaddress.ip_address(request.client.host).is_loopback if request.client else False
    except ValueError:  # not an address (a test client's name, a Unix socket)
        return False


@router.get("/metrics", include_in_schema=False)
async def metrics(
    request: Request,
    key: str | None = Security(api_key_header),
    token: str | None = Security(session_cookie),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Prometheus metrics. `metrics_access`: "loopback" (default) serves requests from this host
    and asks others for credentials of any role; "key" always asks; "open" never does."""
    access = settings.store.metrics_access
    if access == "key" or (access == "loopback" and not _from_loopback(request)):
        principal = await get_principal(request, key, token, None, request.app.state.runtime)
        authorize(principal, ROLES)
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


# ------------------------------------------------------------------ installation
_UNAVAILABLE = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
    SchemaOutOfDateError,
)


def install(app: FastAPI) -> None:
    """Middleware, handlers, /readyz and /metrics; at startup, model warm-up and the in-process
    webhook delivery worker of the app's runtime (``app.state.runtime``); at shutdown, the
    runtime's batchers, worker and (own) store close."""
    route_library_logs_through_json()
    app.state.metrics = metrics = ServiceMetrics()
    app.add_middleware(ObservabilityMiddleware, max_body_bytes=app.state.runtime.settings.store.max_body_bytes,
                       metrics=metrics)
    app.state.warmup = ModelWarmup(app)
    _count_enrich_batches(app.state.runtime, metrics)

    async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        request.app.state.metrics.db_errors.inc()
        log.error(
            "database unavailable", extra={"request_id": getattr(request.state, "request_id", None)}, exc_info=exc
        )
        return JSONResponse(
            status_code=503,
            content={"detail": "database unavailable; nothing was stored, retry later"},
            headers={"Retry-After": "5"},
        )

    for kind in _UNAVAILABLE:
        app.add_exception_handler(kind, database_unavailable)
    app.include_router(router)

    previous = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application):
        runtime: Runtime = application.state.runtime
        async with previous(application) as state:
            _count_enrich_batches(runtime, application.state.metrics)
            application.state.warmup.start()
            # Pending notifications, including those left by a crash, go out from startup on.
            await run_in_threadpool(_start_delivery, runtime)
            try:
                yield state
            finally:
                await run_in_threadpool(runtime.stop_delivery)
                await runtime.aclose()
                # A stopped app counts no more of its runtime's encoder calls (the runtime may serve another).
                if application.state.metrics.observe_enrich_batch in runtime.enrich_batch_listeners:
                    runtime.enrich_batch_listeners.remove(application.state.metrics.observe_enrich_batch)

    app.router.lifespan_context = lifespan


def _count_enrich_batches(runtime: Runtime, metrics: ServiceMetrics) -> None:
    if metrics.observe_enrich_batch not in runtime.enrich_batch_listeners:
        runtime.enrich_batch_listeners.append(metrics.observe_enrich_batch)


def _start_delivery(runtime: Runtime) -> None:
    try:
        runtime.start_delivery()
    except Exception:  # noqa: BLE001 - the API must come up even if delivery cannot
        log.exception("webhook delivery worker not started")
