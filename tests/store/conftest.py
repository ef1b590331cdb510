"""Fixtures for the store tests: every store test runs on SQLite and on PostgreSQL.

PostgreSQL: `eval "$(scripts/postgres.sh start)"` exports VOC_TEST_POSTGRES_URL. Without it the
PostgreSQL cases skip with a visible reason, except under CI=true, where they fail.
Each test session gets its own PostgreSQL database (created and dropped here), migrated once
with Alembic and emptied before each test; each SQLite test gets a fresh copy of a migrated file.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pytest
from fastapi.testclient import TestClient

from api.main import create_app

from pg_support import empty_migrated_database, throwaway_postgres_database
from voc_engine.schema import Enrichment, Sentiment, TagResult
from voc_engine.store.repository import FeedbackStore
from voc_engine.auth.keys import ROLES, create_api_key
from voc_engine.config import Settings
from voc_engine.runtime import Runtime

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_test_url(postgres_server_url: str):
    """A database of our own for this session, migrated to head, dropped at the end."""
    with throwaway_postgres_database(postgres_server_url, "voc_store_test") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A migrated, empty database: a SQLite file, or this session's PostgreSQL database."""
    return empty_migrated_database(request, tmp_path, "postgres_test_url")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "var", business_timezone="UTC")


@pytest.fixture
def store(db_url: str, settings: Settings):
    s = FeedbackStore(db_url, settings)
    yield s
    s.dispose()


def plain_enrichments(
    texts: list[str], ids: list[str], model_version: str = "encoder:test;sentiment:t1"
) -> list[Enrichment]:
    """Enrichments built by hand (plain data) for tests of the store itself.

    'bad'/'awful' -> negative, 'ok' -> neutral, else positive; 'wait' -> tag wait_time,
    'price' -> tag billing; 'leave' -> flag churn_intent; an e-mail address is redacted;
    the embedding is a deterministic function of the text.
    """
    out = []
    for text_, id_ in zip(texts, ids):
        lowered = text_.lower()
        if "bad" in lowered or "awful" in lowered:
            label, score, probs = "negative", -0.8, {"negative": 0.85, "neutral": 0.1, "positive": 0.05}
        elif "ok" in lowered.split():
            label, score, probs = "neutral", 0.0, {"negative": 0.2, "neutral": 0.6, "positive": 0.2}
        else:
            label, score, probs = "positive", 0.7, {"negative": 0.05, "neutral": 0.2, "positive": 0.75}
        tags = []
        if "wait" in lowered:
            start = lowered.index("wait")
            tags.append(TagResult(name="wait_time", confidence=0.9, sentiment=label, spans=[(start, start + 4)]))
        if "price" in lowered:
            start = lowered.index("price")
            tags.append(TagResult(name="billing", confidence=0.6, sentiment="negative", spans=[(start, start + 5)]))
        seed = sum(map(ord, text_)) % (2**32)
        out.append(
            Enrichment(
                id=id_,
                language="en",
                redacted_text=" ".join("[EMAIL]" if "@" in w else w for w in text_.split(" ")),
                sentiment=Sentiment(label=label, score=score, probs=probs),
                tags=tags,
                flags=["churn_intent"] if "leave" in lowered else [],
                model_version=model_version,
                embedding=np.random.default_rng(seed).standard_normal(384).astype(np.float32),
            )
        )
    return out


@pytest.fixture
def enrich() -> Callable[[list[str], list[str]], list[Enrichment]]:
    return plain_enrichments


@pytest.fixture
def service(db_url, settings, pipeline):
    """(client, store, keys by role) for an app whose runtime's store is this test's database."""
    store = FeedbackStore(db_url, settings.updated(max_body_bytes=200_000))
    app = create_app(Runtime(store=store, pipeline=pipeline))
    keys = {role: create_api_key(store, role)[0] for role in ROLES}
    with TestClient(app) as client:
        yield client, store, keys
    store.dispose()
