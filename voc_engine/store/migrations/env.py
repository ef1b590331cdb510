"""Alembic environment for the feedback store.

Runs on the connection `voc_engine.store.db.upgrade` hands over (the caller's runtime has loaded
the extensions, whose tables are then in the metadata); run stand-alone (the `alembic` command
with script_location pointing here, e.g. to autogenerate a revision) it builds what a runtime
starts from, the settings and the installed extensions, and connects to the settings' database.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from voc_engine.config import Settings
from voc_engine.store.db import make_engine, writer
from voc_engine.store.hooks import Extensions
from voc_engine.store.models import Base

# Any number: the key of the PostgreSQL advisory lock that serialises migrators.
_PG_MIGRATION_LOCK = 0x766F63  # "voc"


def _run(connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    settings = Settings()
    Extensions.load(settings)  # tables of modules built on the store (alerting) join Base.metadata
    url = context.config.get_main_option("sqlalchemy.url") or settings.resolved_database_url
    with writer(make_engine(url)).begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run `voc db upgrade`")
run_migrations_online()
