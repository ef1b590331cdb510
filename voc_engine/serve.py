"""``voc serve``: the HTTP service over this command's runtime.

The service lives in the `api` package, above the library; this shell is the one place in
`voc_engine` that names it, by string, for uvicorn to import in each worker process (the store
and the other domains know nothing of it).
"""

from __future__ import annotations

import typer

from voc_engine.exits import cli_errors


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes; each loads the models once."),
    log_level: str = typer.Option("info", "--log-level"),
    migrate: bool = typer.Option(True, "--migrate/--no-migrate", help="Upgrade the database schema before serving."),
) -> None:
    """Run the HTTP API (uvicorn): OpenAPI at /docs, /healthz, /readyz, /metrics; JSON logs."""
    import uvicorn

    from voc_engine.runtime import cli_runtime

    if migrate:
        with cli_errors():
            cli_runtime().open_store(auto_upgrade=True).dispose()
    # The service lives in the `api` package; uvicorn imports it by name and calls the app
    # factory in each worker process, which builds that process's runtime.
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        log_config=json_log_config(log_level),
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
    )


def json_log_config(level: str = "info") -> dict:
    """Logging for `voc serve`: one JSON object per line on stderr (formatter in api.observability)."""
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "api.observability.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "loggers": {
            "": {"handlers": ["stderr"], "level": level},
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "alembic": {"level": "WARNING"},
        },
    }
