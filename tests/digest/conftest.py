"""Fixtures of the digest tests: the store of digest_world.py on SQLite and PostgreSQL
(VOC_TEST_POSTGRES_URL), and on SQLite alone for the command-line tests."""

from __future__ import annotations

import shutil

import pytest
from digest_world import fill

from pg_support import empty_migrated_database, throwaway_postgres_database
from voc_engine.config import Settings
from voc_engine.store.repository import FeedbackStore


@pytest.fixture(scope="session")
def digest_postgres_url(postgres_server_url: str):
    with throwaway_postgres_database(postgres_server_url, "voc_digest_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request, tmp_path):
    url = empty_migrated_database(request, tmp_path, "digest_postgres_url")
    store = FeedbackStore(url, Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    yield fill(store)
    store.dispose()


@pytest.fixture
def sqlite_world(tmp_path, sqlite_template):
    path = tmp_path / "voc.db"
    shutil.copy(sqlite_template, path)
    store = FeedbackStore(f"sqlite:///{path}", Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    yield fill(store)
    store.dispose()
