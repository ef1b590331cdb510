"""Fixtures for the action-plan tests: a migrated store on SQLite and on PostgreSQL, with people."""

from __future__ import annotations


import pytest

from pg_support import empty_migrated_database, throwaway_postgres_database
from voc_engine.alerting.users import create_user
from voc_engine.config import Settings
from voc_engine.store.repository import FeedbackStore


@pytest.fixture(scope="session")
def actions_postgres_url(postgres_server_url: str):
    with throwaway_postgres_database(postgres_server_url, "voc_actions_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = empty_migrated_database(request, tmp_path, "actions_postgres_url")
    s = FeedbackStore(url, Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    yield s
    s.dispose()


@pytest.fixture
def people(store):
    """Two teams, each with a lead and an agent."""
    for team in ("billing", "retention"):
        create_user(store, f"{team}.lead", team, "lead")
        create_user(store, f"{team}.agent", team, "agent")
    return store
