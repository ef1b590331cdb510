"""Alembic migrations: they build exactly the schema the models describe, both ways, on both backends."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from voc_engine.store.db import (
    SchemaOutOfDateError,
    current_revision,
    downgrade,
    ensure_schema,
    head_revision,
    make_engine,
    upgrade,
)
from voc_engine.config import Settings
from voc_engine.store.hooks import Extensions
from voc_engine.store.models import Base
from voc_engine.store.repository import FeedbackStore

TABLES = {
    "api_keys",
    "audit_log",
    "comment_flags",
    "comment_tags",
    "comments",
    "customers",
    "enrichments",
    "erased_keys",
    "ingest_checkpoints",
    "model_versions",
}


def test_migrated_schema_matches_the_models(db_url):
    Extensions.load(Settings())  # every module with tables of its own
    engine = make_engine(db_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(db_url):
    engine = make_engine(db_url)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_embedded_sqlite_store_migrates_itself_on_first_use(tmp_path, settings):
    store = FeedbackStore(f"sqlite:///{tmp_path / 'fresh' / 'voc.db'}", settings)
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.dispose()


def test_default_store_lives_in_the_data_dir(tmp_path, monkeypatch):
    from voc_engine.config import Settings

    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("VOC_DATABASE_URL", raising=False)
    store = FeedbackStore(settings=Settings())
    assert (tmp_path / "data" / "voc.db").exists()
    store.dispose()


def test_a_server_database_is_not_migrated_behind_the_operators_back(postgres_server_url):
    # An empty PostgreSQL database: the store refuses it and names the command to run.
    import uuid

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"voc_empty_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_server_url).set(database=name).render_as_string(hide_password=False)
    try:
        engine = make_engine(url)
        with pytest.raises(SchemaOutOfDateError, match="voc db upgrade"):
            ensure_schema(engine, auto_upgrade=False)
        engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


def test_voc_db_upgrade_command(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from voc_engine.cli import app

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("VOC_DATABASE_URL", url)
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert current_revision(make_engine(url)) == head_revision()
    result = CliRunner().invoke(app, ["db", "current"])
    assert f'"current": "{head_revision()}"' in result.output


# Tables that changed owner after the revision that created them was released (revisions are
# never rewritten): alerting's case users became the product's people (store, 0006_people,
# which also dropped their key links).
MOVED_SINCE = {("users", "alerting"): "alerting", ("user_api_keys", "alerting"): "alerting"}


def test_each_migration_folder_creates_only_its_owners_tables():
    """The store's revisions create store tables; an extension's schema lives in its own folder
    (``MIGRATIONS``), which the migration environment collects."""
    import re
    from pathlib import Path

    import voc_engine.store.db as store_db
    from voc_engine.store.hooks import migration_locations

    Extensions.load(Settings())
    owner_of = {mapper.local_table.name: mapper.class_.__module__.split(".")[1] for mapper in Base.registry.mappers}
    folders = {Path(store_db.MIGRATIONS_DIR) / "versions": "store"}
    folders.update({folder: folder.parent.name for folder in migration_locations()})
    assert set(folders.values()) >= {"store", "alerting", "actions"}
    created_anywhere = set()
    for folder, owner in folders.items():
        for script in folder.glob("*.py"):
            upgrade = script.read_text().split("def downgrade")[0]  # a downgrade may rebuild what went
            created = set(re.findall(r'op\.create_table\(\s*"(\w+)"', upgrade))
            created_anywhere |= created
            owners = {table: MOVED_SINCE.get((table, owner), owner_of.get(table)) for table in created}
            assert owners == dict.fromkeys(created, owner), script
    assert "alert_rules" in created_anywhere or "cases" in created_anywhere
