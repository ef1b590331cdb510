"""PostgreSQL for tests: a throwaway database per test session on the server of VOC_TEST_POSTGRES_URL."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@contextmanager
def throwaway_postgres_database(server_url: str, prefix: str, migrate: bool = True) -> Iterator[str]:
    """A database of our own on the server, migrated to head (or left empty), dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from voc_engine.store.db import make_engine, upgrade

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    if migrate:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = :name AND pid <> pg_backend_pid()"),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def empty_postgres_database(url: str) -> None:
    """Every table of a migrated test database emptied (ids restart), the schema kept."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        tables = [
            r[0]
            for r in connection.execute(
                text(
                    "SELECT tablename FROM pg_tables"
                    " WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"
                )
            )
        ]
        if tables:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


def empty_migrated_database(request, tmp_path, postgres_fixture: str) -> str:
    """For a fixture parametrised ``sqlite``/``postgresql``: a migrated, empty database, as a copy
    of the session's SQLite template or the named session PostgreSQL database emptied."""
    import shutil

    if request.param == "sqlite":
        path = tmp_path / "voc.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue(postgres_fixture)
    empty_postgres_database(url)
    return url
