"""The FastAPI service: routers per domain, errors mapped to HTTP in one place (api.errors).

`create_app(runtime)` builds the app around one `voc_engine.runtime.Runtime` (by default one
read from the environment), kept on ``app.state.runtime`` and reached through `api.deps`;
`voc serve` runs ``create_app`` as uvicorn's factory, one runtime per worker process.
"""
from __future__ import annotations

from fastapi import Depends, FastAPI

from api import errors
from api.deps import reject_nul_characters
from api.errors import ERROR_RESPONSES
from voc_engine import __version__
from voc_engine.runtime import Runtime


def create_app(runtime: Runtime | None = None) -> FastAPI:
    app = FastAPI(title="voc-engine", version=__version__, dependencies=[Depends(reject_nul_characters)])
    app.state.runtime = runtime or Runtime()
    errors.install(app)

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok", "version": __version__}

    # --- router registrations (one line each; ERROR_RESPONSES documents the error bodies) ---
    from api.routers import scoring
    app.include_router(scoring.router, responses=ERROR_RESPONSES)
    from api import observability
    observability.install(app)  # JSON logs, /metrics, /readyz, 413 body limit, 503 when the database is down
    from api.routers import auth
    app.include_router(auth.router, responses=ERROR_RESPONSES)
    from api.routers import comments, customers
    app.include_router(comments.router, responses=ERROR_RESPONSES)
    app.include_router(customers.router, responses=ERROR_RESPONSES)
    from api.routers import spc
    app.include_router(spc.router, responses=ERROR_RESPONSES)
    from api.routers import alerts, cases
    app.include_router(cases.router, responses=ERROR_RESPONSES)
    app.include_router(alerts.router, responses=ERROR_RESPONSES)
    from api.routers import flags
    app.include_router(flags.router, responses=ERROR_RESPONSES)
    from api.routers import topics
    app.include_router(topics.router, responses=ERROR_RESPONSES)
    from api.routers import taxonomy
    app.include_router(taxonomy.router, responses=ERROR_RESPONSES)
    from api.routers import drivers
    app.include_router(drivers.router, responses=ERROR_RESPONSES)
    from api.routers import actions
    app.include_router(actions.router, responses=ERROR_RESPONSES)
    from api.routers import corrections
    app.include_router(corrections.router, responses=ERROR_RESPONSES)
    from api.routers import digest
    app.include_router(digest.router, responses=ERROR_RESPONSES)
    from api import web
    web.install(app)  # the workspace's pages: /, /login, /cases, /charts, /comments (not in /docs)
    # --- end of registrations ---
    return app
