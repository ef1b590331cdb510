"""Fixtures for the alerting tests: a migrated store (SQLite; PostgreSQL too for `any_store`).

PostgreSQL runs when VOC_TEST_POSTGRES_URL is set (`eval "$(scripts/postgres.sh start)"`).
"""

from __future__ import annotations

import shutil

import pytest
from alerting_helpers import default_routing

from pg_support import empty_postgres_database, throwaway_postgres_database
from voc_engine.alerting.config import save_routing
from voc_engine.store.repository import FeedbackStore
from voc_engine.config import Settings


# --------------------------------------------------------------------------- databases
@pytest.fixture(scope="session")
def postgres_url(postgres_server_url: str):
    with throwaway_postgres_database(postgres_server_url, "voc_alerting_test") as url:
        yield url


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "var", business_timezone="UTC")


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    path = tmp_path / "voc.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def store(sqlite_url, settings):
    s = FeedbackStore(sqlite_url, settings)
    yield s
    s.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, settings):
    if request.param == "sqlite":
        url = request.getfixturevalue("sqlite_url")
    else:
        url = request.getfixturevalue("postgres_url")
        empty_postgres_database(url)
    s = FeedbackStore(url, settings)
    yield s
    s.dispose()


@pytest.fixture
def routed(store):
    """The store with the default routing saved (so tests can change it) and one agent per team."""
    from voc_engine.alerting.users import create_user

    save_routing(store, default_routing(), "test")
    for team in ("customer_care", "billing", "retention", "risk"):
        create_user(store, f"{team}.agent", team)
    return store

