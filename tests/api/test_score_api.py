"""POST /v1/score over real HTTP semantics (FastAPI TestClient), real models."""
from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app


def client() -> TestClient:
    return TestClient(create_app())


def test_healthz():
    response = client().get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_score_returns_redacted_enrichments_in_order(pipeline):
    body = {"comments": [
        {"id": "x", "text": "Rude agent, call me back on 020 7946 0958"},
        {"id": "y", "text": ""},
    ]}
    response = client().post("/v1/score", json=body)
    assert response.status_code == 200, response.text
    payload = response.json()
    assert payload["model_version"] == pipeline.model_version
    first, second = payload["results"]
    assert first["id"] == "x" and "[PHONE]" in first["redacted_text"]
    assert "7946" not in response.text
    assert second["error"] == "empty text"


def test_score_rejects_oversized_and_empty_batches():
    assert client().post("/v1/score", json={"comments": []}).status_code == 422
    many = {"comments": [{"text": "ok"}] * 1001}
    assert client().post("/v1/score", json=many).status_code == 422
