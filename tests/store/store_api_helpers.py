"""The comments API under test: an app over this test's database, with a key per role."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import api.deps as deps
from api.main import create_app
from voc_engine.auth.keys import ROLES, create_api_key
from voc_engine.store.repository import FeedbackStore
from voc_engine.store.settings import get_store_settings

EMAIL = "jane.doe@example.com"


@pytest.fixture
def service(db_url, settings, pipeline, monkeypatch):
    """(client, store, keys by role) for an app whose store is this test's database."""
    monkeypatch.setenv("VOC_MAX_BODY_BYTES", "200000")
    get_store_settings.cache_clear()
    store = FeedbackStore(db_url, settings)
    app = create_app()
    app.dependency_overrides[deps.get_store] = lambda: store
    keys = {role: create_api_key(store, role)[0] for role in ROLES}
    with TestClient(app) as client:
        yield client, store, keys
    get_store_settings.cache_clear()
    store.dispose()


def comment(i: int, **extra) -> dict:
    body = {
        "source": "survey",
        "external_id": f"x{i}",
        "text": f"The staff were rude and I waited an hour ({i}).",
        "created_at": "2026-11-20T10:00:00Z",
        "channel": "survey",
        "touchpoint": "checkout",
        "customer_id": f"cust-{i % 3}",
        "scores": {"nps": i % 11},
    }
    body.update(extra)
    return body


def post(client, keys, body, role="ingest"):
    return client.post("/v1/comments", json=body, headers={"X-API-Key": keys[role]})
