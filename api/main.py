"""The FastAPI service: routers per domain, errors mapped to HTTP in one place."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from voc_engine import __version__
from voc_engine.errors import (
    ConflictError,
    InputFileError,
    ModelNotFoundError,
    NotFoundError,
    PermissionDeniedError,
    VocError,
)

_STATUS_BY_ERROR: list[tuple[type[VocError], int]] = [
    (NotFoundError, 404),
    (PermissionDeniedError, 403),
    (ConflictError, 409),
    (InputFileError, 422),
    (ModelNotFoundError, 503),
    (VocError, 400),
]


def create_app() -> FastAPI:
    app = FastAPI(title="voc-engine", version=__version__)

    @app.exception_handler(VocError)
    async def _voc_error(request: Request, exc: VocError) -> JSONResponse:
        status = next(code for kind, code in _STATUS_BY_ERROR if isinstance(exc, kind))
        return JSONResponse(status_code=status, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's default answer echoes each failing value ("input"): for a batch of
        # comments, their raw, unredacted text. Where and why is enough to fix a request.
        errors = [{key: error[key] for key in ("type", "loc", "msg") if key in error} for error in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": jsonable_encoder(errors)})

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok", "version": __version__}

    # --- router registrations (one line each) ---
    from api.routers import scoring
    app.include_router(scoring.router)
    from api import observability
    observability.install(app)  # JSON logs, /metrics, /readyz, 413 body limit, 503 when the database is down
    from api.routers import comments, customers
    app.include_router(comments.router)
    app.include_router(customers.router)
    from api.routers import spc
    app.include_router(spc.router)
    from api.routers import alerts, cases
    app.include_router(cases.router)
    app.include_router(alerts.router)
    from api.routers import flags
    app.include_router(flags.router)
    from api.routers import topics
    app.include_router(topics.router)
    from api.routers import drivers
    app.include_router(drivers.router)
    # --- end of registrations ---
    return app


app = create_app()
