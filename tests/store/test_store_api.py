"""The comments API over real HTTP (FastAPI TestClient), with the real pipeline and a real database."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.auth.keys import ROLES
from voc_engine.runtime import Runtime
from voc_engine.store.repository import FeedbackStore

from store_api_helpers import EMAIL, comment, post


def test_batch_is_stored_and_each_result_is_a_score_line(service, pipeline):
    client, store, keys = service
    response = post(client, keys, {"comments": [comment(0), comment(1, text=f"Great help, write to {EMAIL}")]})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["index"] for r in results] == [0, 1] and all(r["created"] for r in results)
    expected_keys = set(pipeline.enrich(["x"], ["x"])[0].to_record())
    for r in results:
        assert set(r["enrichment"]) == expected_keys
        assert r["enrichment"]["id"] == r["id"]
        assert r["enrichment"]["model_version"] == pipeline.model_version
    assert EMAIL not in results[1]["enrichment"]["redacted_text"]
    assert "[EMAIL]" in results[1]["enrichment"]["redacted_text"]
    assert store.count_comments() == 2


def test_retry_is_idempotent(service):
    client, store, keys = service
    body = {"comments": [comment(i) for i in range(3)]}
    first = post(client, keys, body).json()["results"]
    second = post(client, keys, body).json()["results"]
    assert [r["id"] for r in second] == [r["id"] for r in first]
    assert [r["created"] for r in second] == [False] * 3
    assert [r["enrichment"] for r in second] == [r["enrichment"] for r in first]
    assert store.count_comments() == 3


def test_single_comment_created_then_found(service):
    client, store, keys = service
    first = post(client, keys, comment(7))
    assert first.status_code == 201 and first.json()["results"][0]["created"] is True
    again = post(client, keys, comment(7))
    assert again.status_code == 200 and again.json()["results"][0]["id"] == first.json()["results"][0]["id"]


def test_bad_rows_are_reported_by_index_and_good_rows_stored(service):
    client, store, keys = service
    body = {
        "comments": [
            comment(0),
            comment(1, scores={"nps": 12}),
            {"source": "survey"},
            comment(3, channel="fax"),
            42,
            comment(5),
        ]
    }
    response = post(client, keys, body)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [("error" in r) for r in results] == [False, True, True, True, True, False]
    assert results[1]["fields"][0]["loc"] == ["scores"]
    assert results[2]["fields"][0]["loc"] == ["text"]
    assert store.count_comments() == 2


def test_malformed_requests_get_field_level_422(service):
    client, _, keys = service
    single = post(client, keys, comment(1, scores={"csat": 9}))
    assert single.status_code == 422
    assert single.json()["detail"][0]["loc"] == ["body", "scores"]
    too_many = post(client, keys, {"comments": [comment(i) for i in range(1001)]})
    # 1,001 comments are > 200 kB here: the body limit answers first; a small over-long batch gets 422
    assert too_many.status_code == 413
    over = post(client, keys, {"comments": [{"text": "x"}] * 1001})
    assert over.status_code == 422 and "at most 1000" in over.json()["detail"][0]["msg"]
    assert post(client, keys, {"comments": "nope"}).status_code == 422
    assert post(client, keys, [1, 2]).status_code == 422
    assert (
        client.post(
            "/v1/comments",
            content=b"{not json",
            headers={"X-API-Key": keys["ingest"], "content-type": "application/json"},
        ).status_code
        == 422
    )
    assert client.get("/v1/comments?limit=0", headers={"X-API-Key": keys["analyst"]}).status_code == 422


def test_body_over_the_configured_size_is_413(service):
    client, store, keys = service
    response = post(client, keys, comment(1, text="word " * 50_000))  # 250 kB > VOC_MAX_BODY_BYTES=200000
    assert response.status_code == 413
    assert store.count_comments() == 0


ENDPOINTS = [
    ("POST", "/v1/comments", {"ingest", "admin"}),
    ("GET", "/v1/comments", {"analyst", "admin"}),
    ("GET", "/v1/comments/{id}", {"analyst", "admin"}),
    ("GET", "/v1/stats", {"analyst", "admin"}),
    ("DELETE", "/v1/customers/cust-1", {"admin"}),
]


@pytest.mark.parametrize("method, path, allowed", ENDPOINTS)
def test_roles(service, method, path, allowed):
    client, store, keys = service
    comment_id = post(client, keys, comment(1))
    path = path.replace("{id}", comment_id.json()["results"][0]["id"])
    kwargs = {"json": comment(2)} if method == "POST" else {}
    assert client.request(method, path, **kwargs).status_code == 401
    assert client.request(method, path, headers={"X-API-Key": "voc_nope_nope"}, **kwargs).status_code == 401
    for role in ROLES:
        status = client.request(method, path, headers={"X-API-Key": keys[role]}, **kwargs).status_code
        assert (status < 400) == (role in allowed), (role, status)
        if role not in allowed:
            assert status == 403


def test_listing_filters_and_cursor_over_http(service):
    client, _, keys = service
    post(
        client,
        keys,
        {
            "comments": [
                comment(i, touchpoint="delivery" if i % 2 else "checkout", created_at=f"2026-11-{10 + i:02d}T08:00:00Z")
                for i in range(9)
            ]
        },
    )
    headers = {"X-API-Key": keys["analyst"]}
    delivery = client.get("/v1/comments", params={"touchpoint": "delivery", "limit": 100}, headers=headers).json()
    assert len(delivery["items"]) == 4 and delivery["next_cursor"] is None
    both = client.get("/v1/comments", params=[("touchpoint", "delivery"), ("touchpoint", "checkout")], headers=headers)
    assert len(both.json()["items"]) == 9
    window = client.get(
        "/v1/comments", params={"since": "2026-11-12T00:00:00Z", "until": "2026-11-15T00:00:00Z"}, headers=headers
    ).json()
    assert sorted(i["created_at"][:10] for i in window["items"]) == ["2026-11-12", "2026-11-13", "2026-11-14"]
    detractors = client.get("/v1/comments", params={"nps_max": 6}, headers=headers).json()
    assert sorted(i["scores"]["nps"] for i in detractors["items"]) == [0, 1, 2, 3, 4, 5, 6]
    seen, cursor = [], None
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/comments", params=params, headers=headers).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 9
    one = client.get(f"/v1/comments/{seen[0]}", headers=headers).json()
    assert one["id"] == seen[0] and one["enrichment"]["id"] == seen[0]
    assert client.get("/v1/comments/" + "0" * 32, headers=headers).status_code == 404
    assert client.get("/v1/comments", params={"cursor": "garbage"}, headers=headers).status_code == 400


def test_stats_over_http(service):
    client, _, keys = service
    # NPS answers 10, 9, 7, 3, 0 -> 2 promoters, 2 detractors of 5 -> NPS 0; mean 5.8
    scores = [10, 9, 7, 3, 0]
    post(client, keys, {"comments": [comment(i, scores={"nps": s, "csat": 4}) for i, s in enumerate(scores)]})
    body = client.get(
        "/v1/stats", params={"period": "month", "by": "touchpoint"}, headers={"X-API-Key": keys["analyst"]}
    ).json()
    (row,) = body["rows"]
    assert (row["period"], row["group"], row["comments"]) == ("2026-11", "checkout", 5)
    assert row["nps_index"] == pytest.approx(0.0) and row["mean_ltr"] == pytest.approx(5.8)
    assert row["mean_csat"] == pytest.approx(4.0)
    assert row["negative"] + row["neutral"] + row["positive"] == 5
    assert client.get("/v1/stats", params={"by": "colour"}, headers={"X-API-Key": keys["analyst"]}).status_code == 422


def test_erasure_over_http(service):
    client, store, keys = service
    post(client, keys, {"comments": [comment(i) for i in range(6)]})
    response = client.delete("/v1/customers/cust-1", headers={"X-API-Key": keys["admin"]})
    assert response.status_code == 200 and response.json()["erased_comments"] == 2
    listed = client.get("/v1/comments", params={"customer_id": "cust-1"}, headers={"X-API-Key": keys["analyst"]})
    assert listed.json()["items"] == []
    assert store.count_comments() == 4
    assert store.audit_log()[0]["actor"].startswith("key:")
    assert client.delete("/v1/customers/cust-1", headers={"X-API-Key": keys["admin"]}).status_code == 404


def test_readyz_and_metrics(service):
    client, _, keys = service
    post(client, keys, {"comments": [comment(i) for i in range(3)]})
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] == "ok" and ready.json()["models"] == "ok"
    metrics = client.get("/metrics", headers={"X-API-Key": keys["ingest"]}).text
    assert 'voc_comments_ingested_total{outcome="created"}' in metrics
    assert 'voc_http_requests_total{method="POST",route="/v1/comments",status="200"}' in metrics
    assert "voc_enrich_batch_texts_bucket" in metrics
    assert client.get("/docs").status_code == 200
    assert "/v1/comments" in client.get("/openapi.json").json()["paths"]


def test_concurrent_requests_share_encoder_passes(service):
    client, store, keys = service
    batcher = client.app.state.runtime.batcher
    calls_before, requests_before = batcher.stats.calls, batcher.stats.requests
    barrier = threading.Barrier(16)
    statuses: list[int] = []

    def one(i: int) -> None:
        barrier.wait()
        statuses.append(post(client, keys, comment(100 + i)).status_code)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [201] * 16
    assert batcher.stats.requests - requests_before == 16
    assert batcher.stats.calls - calls_before < 16  # some requests shared an encoder call
    assert store.count_comments() == 16


def test_database_unavailable_is_503_and_nothing_is_stored(db_url, settings, pipeline, service):
    client, store, keys = service
    if store.dialect == "sqlite":
        # Another process holds the write lock longer than our busy timeout.
        impatient = FeedbackStore(db_url, settings.updated(sqlite_busy_timeout_ms=200))
        blocker = store.engine.raw_connection()
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            with TestClient(create_app(Runtime(store=impatient, pipeline=pipeline))) as impatient_client:
                response = post(impatient_client, keys, {"comments": [comment(i) for i in range(5)]})
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert response.status_code == 503 and response.headers["retry-after"]
        assert store.count_comments() == 0
        impatient.dispose()
    else:
        # The database refuses new connections (as during a failover).
        import sqlalchemy

        name = store.engine.url.database
        admin = sqlalchemy.create_engine(store.engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            connection.exec_driver_sql(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            )
        try:
            response = post(client, keys, {"comments": [comment(i) for i in range(5)]})
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            admin.dispose()
        assert response.status_code == 503
        store.engine.dispose()
        assert store.count_comments() == 0
    # and once the database is back, the same request succeeds
    assert all(r["created"] for r in post(client, keys, {"comments": [comment(i) for i in range(5)]}).json()["results"])
