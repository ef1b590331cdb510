"""The action-plan API: the interface contract, who may do what, and errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.alerting.users import create_user_key
from voc_engine.auth.keys import create_api_key
from voc_engine.runtime import Runtime
from voc_engine.schema import Enrichment, Sentiment

PLAN = {"title": "Fix invoice errors", "target_kind": "touchpoint", "target": "billing", "owner": "billing.agent",
        "deadline": "2027-01-31", "investment": 5000, "expected_lift": 2.5}


@pytest.fixture
def api(people):
    app = create_app(Runtime(store=people))
    keys = {role: {"X-API-Key": create_api_key(people, role)[0]} for role in ("admin", "analyst", "ingest")}
    for user in ("billing.agent", "billing.lead", "retention.agent", "retention.lead"):
        keys[user] = {"X-API-Key": create_user_key(people, user)[0]}
    return TestClient(app), people, keys


def test_create_change_and_evaluate_by_the_contract(api):
    client, store, keys = api
    rows = [{"source": "t", "external_id": f"r{i}", "text": "ok", "touchpoint": tp, "created_at": when,
             "scores": {"nps": nps}}
            for i, (tp, when, nps) in enumerate(
                [(tp, f"2026-10-0{d}T09:00:00Z", n) for tp in ("billing", "support") for d, n in ((1, 3), (2, 9), (3, 7))]
                + [(tp, f"2026-11-1{d}T09:00:00Z", n) for tp, ns in (("billing", (9, 10, 7)), ("support", (3, 9, 7)))
                   for d, n in enumerate(ns, 1)])]

    def enrich(texts, ids):
        return [Enrichment(id=i, language="en", redacted_text=t, sentiment=Sentiment(label="neutral", score=0.0,
                probs={"neutral": 1.0}), tags=[], flags=[], model_version="test") for t, i in zip(texts, ids)]

    assert all(r.ok for r in store.ingest(rows, enrich))
    created = client.post("/v1/actions", json=PLAN, headers=keys["analyst"])
    assert created.status_code == 201, created.text
    plan_id = created.json()["id"]
    assert created.json()["team"] == "billing" and created.json()["status"] == "planned"

    early = client.get(f"/v1/actions/{plan_id}/evaluation", headers=keys["analyst"])
    assert early.status_code == 400 and "once it is done" in early.json()["detail"]
    done = client.patch(f"/v1/actions/{plan_id}", json={"status": "done", "completed_on": "2026-11-01"},
                        headers=keys["billing.agent"])
    assert done.status_code == 200, done.text
    evaluation = client.get(f"/v1/actions/{plan_id}/evaluation", headers=keys["billing.lead"])
    assert evaluation.status_code == 200, evaluation.text
    body = evaluation.json()
    # NPS contributions: billing (-100 + 100 + 0)/3 -> (100 + 100 + 0)/3; support 0 -> 0. DiD = 200/3.
    assert body["difference_in_differences"]["estimate"] == pytest.approx(200 / 3, abs=1e-9)
    assert "not a causal estimate" in body["interpretation"]

    note = client.post(f"/v1/actions/{plan_id}/notes", json={"body": "Customers told: call 07700 900123"},
                       headers=keys["billing.lead"])
    assert note.status_code == 201 and "07700 900123" not in str(note.json()["history"])
    listed = client.get("/v1/actions", params={"status": "done"}, headers=keys["billing.agent"]).json()["actions"]
    assert [p["id"] for p in listed] == [plan_id]


def test_who_may_call_what(api):
    client, _, keys = api
    plan_id = client.post("/v1/actions", json=PLAN, headers=keys["admin"]).json()["id"]
    assert client.get("/v1/actions").status_code == 401
    assert client.get("/v1/actions", headers={"X-API-Key": "voc_nope_nope"}).status_code == 401
    assert client.get("/v1/actions", headers=keys["ingest"]).status_code == 403
    assert client.post("/v1/actions", json=PLAN, headers=keys["billing.agent"]).status_code == 403
    assert client.post("/v1/actions", json=PLAN, headers=keys["retention.lead"]).status_code == 403
    for caller in ("retention.agent", "retention.lead"):
        assert client.get(f"/v1/actions/{plan_id}", headers=keys[caller]).status_code == 404
        assert client.patch(f"/v1/actions/{plan_id}", json={"status": "cancelled"},
                            headers=keys[caller]).status_code == 404
        assert client.get(f"/v1/actions/{plan_id}/evaluation", headers=keys[caller]).status_code == 404
    assert client.get(f"/v1/actions/{plan_id}", headers=keys["billing.agent"]).status_code == 200
    assert client.get("/v1/actions/999999", headers=keys["admin"]).status_code == 404


def test_bad_plans_are_refused_with_the_field_named(api):
    client, _, keys = api
    response = client.post("/v1/actions", json={**PLAN, "deadline": "31/01/2027"}, headers=keys["admin"])
    assert response.status_code == 422 and "deadline" in str(response.json())
    response = client.post("/v1/actions", json={**PLAN, "target_kind": "mood"}, headers=keys["admin"])
    assert response.status_code == 422
    response = client.post("/v1/actions", json={**PLAN, "owner": "nobody"}, headers=keys["admin"])
    assert response.status_code == 400 and "no user 'nobody'" in response.json()["detail"]
    plan_id = client.post("/v1/actions", json=PLAN, headers=keys["admin"]).json()["id"]
    response = client.patch(f"/v1/actions/{plan_id}", json={"status": "done"}, headers=keys["admin"])
    assert response.status_code == 200
    response = client.patch(f"/v1/actions/{plan_id}", json={"status": "cancelled"}, headers=keys["admin"])
    assert response.status_code == 400 and "a done plan moves to in_progress" in response.json()["detail"]
    assert client.patch(f"/v1/actions/{plan_id}", json={}, headers=keys["admin"]).status_code == 400
