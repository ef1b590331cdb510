"""Request bodies for the comments API tests (the app itself is the `service` fixture in conftest.py)."""

from __future__ import annotations

EMAIL = "jane.doe@example.com"


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
