"""POST /v1/score and GET /v1/drivers through the app (FastAPI TestClient), real models, real SQLite store."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.auth.keys import create_api_key
from voc_engine.runtime import Runtime
from voc_engine.store.repository import FeedbackStore


@pytest.fixture
def store(tmp_path):
    store = FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}")
    yield store
    store.dispose()


@pytest.fixture
def client(store, pipeline):
    return TestClient(create_app(Runtime(store=store, pipeline=pipeline)))


def key(store, role: str) -> dict:
    return {"X-API-Key": create_api_key(store, role)[0]}


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_score_returns_redacted_enrichments_in_order(client, store, pipeline):
    body = {"comments": [
        {"id": "x", "text": "Rude agent, call me back on 020 7946 0958"},
        {"id": "y", "text": ""},
    ]}
    response = client.post("/v1/score", json=body, headers=key(store, "ingest"))
    assert response.status_code == 200, response.text
    payload = response.json()
    assert payload["model_version"] == pipeline.model_version
    first, second = payload["results"]
    assert first["id"] == "x" and "[PHONE]" in first["redacted_text"]
    assert "7946" not in response.text
    assert second["error"] == "empty text"
    assert store.count_comments() == 0  # stateless


def test_score_needs_a_key_with_a_scoring_role(client, store):
    body = {"comments": [{"text": "ok"}]}
    assert client.post("/v1/score", json=body).status_code == 401
    assert client.post("/v1/score", json=body, headers=key(store, "agent")).status_code == 403


def test_score_rejects_oversized_and_empty_batches(client, store):
    headers = key(store, "ingest")
    assert client.post("/v1/score", json={"comments": []}, headers=headers).status_code == 422
    many = {"comments": [{"text": "ok"}] * 1001}
    assert client.post("/v1/score", json=many, headers=headers).status_code == 422


def test_score_takes_its_batch_limit_from_the_settings_like_stored_comments(pipeline, tmp_path):
    from voc_engine.config import Settings

    small = FeedbackStore(f"sqlite:///{tmp_path / 'small.db'}", Settings(data_dir=tmp_path, max_batch=2))
    try:
        client = TestClient(create_app(Runtime(store=small, pipeline=pipeline)))
        body = {"comments": [{"text": "ok"}] * 3}
        for path in ("/v1/score", "/v1/comments"):
            response = client.post(path, json=body, headers=key(small, "ingest"))
            assert response.status_code == 422, path
            assert response.json()["detail"] == [
                {"loc": ["body", "comments"], "msg": "at most 2 comments per request, got 3", "type": "too_long"}
            ]
    finally:
        small.dispose()


def test_a_rejected_request_does_not_echo_the_comments_back(client, store):
    # One bad field fails the whole batch: the answer names where, never repeats the raw text.
    body = {"comments": [{"id": "a", "text": "Email me at jane.doe@example.com"}, {"id": "b", "text": 5}]}
    response = client.post("/v1/score", json=body, headers=key(store, "ingest"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "comments", 1, "text"]
    many = {"comments": [{"text": "Call me on 020 7946 0958"}] * 1001}
    response = client.post("/v1/score", json=many, headers=key(store, "ingest"))
    assert response.status_code == 422 and "too_long" in response.text
    assert "jane.doe" not in response.text and "7946" not in response.text


def test_drivers_from_stored_comments(client, store, pipeline):
    from voc_engine.samples.generate import generate_comments
    from voc_engine.store.schemas import CommentIn

    frame = generate_comments(n_weeks=3, per_week=200, seed=3)
    rated = frame[frame["nps"].notna()]
    rows = [CommentIn(source="gen", external_id=str(r.id), text=r.text, touchpoint=r.touchpoint,
                      scores={"nps": int(r.nps)}) for r in rated.itertuples()]
    store.ingest(rows, pipeline.enrich)
    response = client.get("/v1/drivers", params={"kpi": "nps", "min_mentions": 10, "bootstrap": 20},
                          headers=key(store, "analyst"))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["kpi"] == "nps_index" and result["n"] == len(rows)  # "nps" reads as the index
    importance = sum(d["importance"] for d in result["drivers"])
    assert importance == pytest.approx(result["r2"], abs=1e-6)  # LMG shares add up to R²
    assert client.get("/v1/drivers", headers=key(store, "ingest")).status_code == 403
