"""Fixtures for the customer tests: a migrated store on SQLite and on PostgreSQL, with case users."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pg_support import empty_migrated_database, throwaway_postgres_database
from voc_engine.alerting.users import create_user
from voc_engine.config import Settings
from voc_engine.store.repository import FeedbackStore

# The alerting tests' plain-data enrichments (the text says what its enrichment is).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "alerting"))


@pytest.fixture(scope="session")
def customers_postgres_url(postgres_server_url: str):
    with throwaway_postgres_database(postgres_server_url, "voc_customers_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = empty_migrated_database(request, tmp_path, "customers_postgres_url")
    s = FeedbackStore(url, Settings(data_dir=tmp_path / "var", business_timezone="UTC", pseudonym_key="test-key"))
    yield s
    s.dispose()


@pytest.fixture
def people(store):
    """A lead and an agent in customer_care, and an agent in retention."""
    create_user(store, "care.lead", "customer_care", "lead")
    create_user(store, "care.agent", "customer_care", "agent")
    create_user(store, "retention.agent", "retention", "agent")
    return store
