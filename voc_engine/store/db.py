"""Engines and schema migrations for SQLite (embedded default, WAL) and PostgreSQL.

Write transactions on SQLite start with BEGIN IMMEDIATE: a deferred transaction that reads and
then writes can fail at once with "database is locked" when another writer committed in between,
and the busy timeout does not help there. Readers keep plain BEGIN and never block writers in WAL.
"""

from __future__ import annotations

import fcntl
import os
import threading
from functools import lru_cache
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from voc_engine.errors import ConfigError, VocError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
WRITE_OPTION = "voc_write"


class SchemaOutOfDateError(VocError):
    """The database schema is not at the revision this code expects."""


def normalise_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg2, the driver we ship."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg2://" + url[len("postgresql://") :]
    return url


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, *, synchronous: str = "FULL", busy_timeout_ms: int = 30_000) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
            hide_parameters=True,  # statement parameters carry comment text: never into logs
        )
        _configure_sqlite(engine, synchronous, busy_timeout_ms)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)
    raise ConfigError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql")


def _configure_sqlite(engine: Engine, synchronous: str, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, see module docstring
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, so an erased customer's text does not linger
        # in free pages of the file (see FeedbackStore.erase_customer).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine (and pool), flagged so SQLite transactions take the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _alembic_config(connection=None):
    from alembic.config import Config

    from voc_engine.store.hooks import migration_locations

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # The store's own revisions and those of every installed extension form one history.
    config.set_main_option("path_separator", "os")
    locations = [MIGRATIONS_DIR / "versions", *migration_locations()]
    config.set_main_option("version_locations", os.pathsep.join(str(path) for path in locations))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with _migration_lock(engine), writer(engine).begin() as connection:
        command.upgrade(_alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with _migration_lock(engine), writer(engine).begin() as connection:
        command.downgrade(_alembic_config(connection), revision)


def ensure_schema(engine: Engine, *, auto_upgrade: bool) -> None:
    """Upgrade (embedded store) or insist that someone ran `voc db upgrade` (server databases)."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    if auto_upgrade:
        upgrade(engine)
        return
    raise SchemaOutOfDateError(
        f"database schema is at {current or 'nothing'}, this version needs {head}: run `voc db upgrade`"
    )


_process_lock = threading.Lock()


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One migrator at a time: a lock file next to a SQLite database (PostgreSQL locks in env.py)."""
    with _process_lock:
        database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
        if not database or database == ":memory:":
            yield
            return
        lock_path = Path(database).with_suffix(".migrate.lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def on_committed_write(engine: Engine, tables: tuple[str, ...], callback: Callable[[], None]) -> None:
    """Call `callback` after each commit, on `engine`, of a transaction that inserted, updated or
    deleted rows of one of `tables` (whichever session or connection wrote them).

    Keeps what a process holds in memory in step with what the same process writes; a name is
    matched anywhere in the statement, so a false match only costs an extra call.
    """
    key = ("wrote", tables)

    def noted(connection, cursor, statement: str, parameters, context, executemany) -> None:
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE") and any(t in statement for t in tables):
            connection.info[key] = True

    def committed(connection) -> None:
        if connection.info.pop(key, None):
            callback()

    event.listen(engine, "after_cursor_execute", noted)
    event.listen(engine, "commit", committed)
    event.listen(engine, "rollback", lambda connection: connection.info.pop(key, None))

