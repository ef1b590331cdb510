"""The cases and alerts API at work: rules in YAML and JSON, dry run, filters, transitions and errors,
and the in-process webhook worker the service starts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from alerting_helpers import comment, default_routing, ingest, routing_with_webhook
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.alerting.config import save_routing
from voc_engine.alerting.receiver import WebhookReceiver
from voc_engine.alerting.cases import CaseService
from voc_engine.alerting.users import Viewer, create_user, create_user_key
from voc_engine.auth.keys import create_api_key
from voc_engine.runtime import Runtime

RESOLUTION, OUTCOME = "explained", "customer_contacted"
RULES_YAML = """
version: 1
rules:
  - id: angry_billing
    name: Angry about billing
    severity: high
    when:
      tag: {name: billing_price, sentiment: negative}
"""


@pytest.fixture
def api(store, pipeline):
    save_routing(store, default_routing(), "test")
    create_user(store, "amy", "customer_care")
    app = create_app(Runtime(store=store, pipeline=pipeline))
    keys = {
        "admin": {"X-API-Key": create_api_key(store, "admin")[0]},
        "analyst": {"X-API-Key": create_api_key(store, "analyst")[0]},
        "amy": {"X-API-Key": create_user_key(store, "amy")[0]},
    }
    return TestClient(app), store, keys


def test_rules_round_trip_in_yaml_and_json_and_bad_rules_are_refused(api):
    client, store, keys = api
    default = client.get("/v1/alerts/rules", headers=keys["analyst"]).json()
    assert default["source"] == "default" and default["version"] is None
    assert [r["id"] for r in default["document"]["rules"]] == ["critical_flag", "detractor_negative", "very_negative"]
    response = client.put(
        "/v1/alerts/rules", content=RULES_YAML, headers={**keys["admin"], "Content-Type": "application/yaml"}
    )
    assert response.status_code == 200, response.text
    saved = client.get("/v1/alerts/rules", headers=keys["analyst"]).json()
    assert saved["source"] == "saved" and saved["yaml"] == RULES_YAML and saved["created_by"].startswith("key:")
    bad = {"rules": [{"id": "x", "severity": "urgent", "when": {"nps": 0}}]}
    response = client.put("/v1/alerts/rules", json=bad, headers=keys["admin"])
    assert response.status_code == 400 and "rules[0].severity" in response.json()["detail"]
    response = client.put(
        "/v1/alerts/rules",
        json={"rules": [{"id": "t", "severity": "low", "team": "ghosts", "when": {"nps": 0}}]},
        headers=keys["admin"],
    )
    assert response.status_code == 400 and "ghosts" in response.json()["detail"]
    assert client.get("/v1/alerts/rules", headers=keys["analyst"]).json()["version"] == saved["version"]
    # the new rules apply to the next ingest
    ingest(store, comment("Overcharged again [neg -0.3] [tag billing_price negative]", customer="z"))
    (case,) = client.get("/v1/cases", headers=keys["admin"]).json()["items"]
    assert (case["rule_id"], case["severity"], case["team"]) == ("angry_billing", "high", "billing")
    log = store.audit_log()
    assert log[0]["action"] == "alerts.rules.set"


def test_the_dry_run_endpoint(api):
    client, store, keys = api
    old = (datetime.now(timezone.utc) - timedelta(days=60)).isoformat()
    ingest(
        store,
        comment("Overcharged [neg -0.3] [tag billing_price negative]", customer="a", created_at=old),
        comment("Overcharged [neg -0.3] [tag billing_price negative]", customer="a", created_at=old),
        comment("Fine price [pos 0.3] [tag billing_price positive]", customer="b", created_at=old),
    )
    response = client.post(
        "/v1/alerts/rules/test", json={"yaml": RULES_YAML, "examples_per_rule": 1}, headers=keys["analyst"]
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["comments_evaluated"], result["alerts"], result["cases_opened"]) == (3, 2, 1)
    assert result["cases_by_team"] == {"billing": 1} and len(result["examples"]) == 1
    assert client.get("/v1/cases", headers=keys["admin"]).json()["items"] == []  # nothing written
    assert (
        client.post(
            "/v1/alerts/rules/test", json={"yaml": "rules: [", "rules": {}}, headers=keys["analyst"]
        ).status_code
        == 400
    )
    assert client.post("/v1/alerts/rules/test", json={"yaml": "rules: ["}, headers=keys["analyst"]).status_code == 400


def test_an_agent_works_a_case_to_closed_through_the_api(api):
    client, store, keys = api
    ingest(store, comment("Awful [neg -0.9]", customer="q"), comment("Sue [neu 0] [flag legal_threat]", customer="r"))
    mine = client.get("/v1/cases", headers=keys["amy"]).json()["items"]
    assert [(c["owner"], c["state"]) for c in mine] == [("amy", "assigned")]
    url = f"/v1/cases/{mine[0]['id']}"
    assert (
        client.patch(url, json={"state": "closed", "outcome": "customer_contacted"}, headers=keys["amy"]).status_code
        == 409
    )
    assert client.patch(url, json={"state": "in_progress", "colour": "red"}, headers=keys["amy"]).status_code == 422
    assert client.patch(url, json={"state": "in_progress"}, headers=keys["amy"]).status_code == 200
    response = client.patch(url, json={"state": "resolved"}, headers=keys["amy"])
    assert response.status_code == 400 and "resolution_code" in response.json()["detail"]
    assert (
        client.patch(url, json={"state": "resolved", "resolution_code": "explained"}, headers=keys["amy"]).status_code
        == 200
    )
    response = client.patch(url, json={"state": "closed"}, headers=keys["amy"])
    assert response.status_code == 400 and "outcome" in response.json()["detail"]
    assert client.patch(url, json={"state": "closed", "outcome": "maybe"}, headers=keys["amy"]).status_code == 422
    response = client.patch(url, json={"state": "closed", "outcome": "customer_contacted"}, headers=keys["amy"])
    assert response.status_code == 200 and response.json()["state"] == "closed"
    note = client.post(f"{url}/notes", json={"body": "Customer happy now"}, headers=keys["amy"])
    assert note.status_code == 201 and note.json()["author"] == "user:amy"
    everything = client.get("/v1/cases", headers=keys["admin"]).json()["items"]
    assert len(everything) == 2
    closed = client.get("/v1/cases", params={"state": "closed"}, headers=keys["admin"]).json()["items"]
    assert [c["id"] for c in closed] == [mine[0]["id"]]
    critical = client.get(
        "/v1/cases", params={"severity": "critical", "breached": "false"}, headers=keys["admin"]
    ).json()
    assert [c["team"] for c in critical["items"]] == ["risk"]
    assert client.get("/v1/cases", params={"state": "lost"}, headers=keys["admin"]).status_code == 422
    report = client.get("/v1/cases/report", headers=keys["analyst"]).json()
    care = next(t for t in report["totals"] if t["team"] == "customer_care")
    assert (care["opened"], care["closed"], care["closed_loop_rate_pct"]) == (1, 1, 100.0)


def test_the_service_delivers_webhooks_in_process_including_those_left_from_before(api):
    client, store, keys = api
    with WebhookReceiver("s") as receiver:
        save_routing(store, routing_with_webhook(receiver.url, "s"), "test")
        ingest(store, comment("Awful [neg -0.9]", customer="before"))  # pending before the service starts
        with client:  # startup starts the delivery worker
            assert receiver.wait_for(1, timeout=30)
            ingest(store, comment("Awful [neg -0.9]", customer="during"))
            assert receiver.wait_for(2, timeout=30)
            outbox = client.get("/v1/alerts/outbox", headers=keys["admin"]).json()
        customers = sorted(body["case"]["customer_id"] for body in receiver.records.values())
    assert customers == sorted(store.pii.customer_id(name) for name in ("before", "during"))
    assert outbox["counts"] == {"pending": 0, "delivered": 2, "dead": 0}
    assert [d["outcome"] for d in outbox["deliveries"]] == ["delivered", "delivered"]


def test_an_agent_sees_the_team_queue_and_claims_an_unassigned_case(api):
    client, store, keys = api
    ingest(store, comment("Never again, closing my account [neg -0.9] [flag churn_intent]", customer="k1", nps=0))
    # retention had no agent when the case opened: it waits unassigned
    create_user(store, "rita", "retention")
    create_user(store, "otto", "customer_care")
    rita = {"X-API-Key": create_user_key(store, "rita")[0]}
    otto = {"X-API-Key": create_user_key(store, "otto")[0]}
    (queued,) = client.get("/v1/cases", headers=rita).json()["items"]
    assert queued["team"] == "retention" and queued["owner"] is None
    assert client.get(f"/v1/cases/{queued['id']}", headers=rita).status_code == 200
    # another team's agent neither sees nor claims it
    assert client.get("/v1/cases", headers=otto).json()["items"] == []
    assert client.post(f"/v1/cases/{queued['id']}/claim", headers=otto).status_code == 404
    claimed = client.post(f"/v1/cases/{queued['id']}/claim", headers=rita)
    assert claimed.status_code == 200
    assert (claimed.json()["owner"], claimed.json()["state"]) == ("rita", "assigned")
    # an agent cannot take a case from a colleague, nor assign to someone else
    create_user(store, "ron", "retention")
    ron = {"X-API-Key": create_user_key(store, "ron")[0]}
    assert client.post(f"/v1/cases/{queued['id']}/claim", headers=ron).status_code == 404
    assert client.patch(f"/v1/cases/{queued['id']}", json={"owner": "ron"}, headers=rita).status_code == 403


def test_voc_cases_works_a_case_from_the_command_line(store, monkeypatch, sqlite_url, tmp_path):
    from typer.testing import CliRunner

    from voc_engine.cli import app

    save_routing(store, default_routing(), "test")
    ingest(store, comment("Never again, closing my account [neg -0.9] [flag churn_intent]", customer="k2", nps=0))
    create_user(store, "rita", "retention")
    monkeypatch.setenv("VOC_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "var"))
    runner = CliRunner()
    (case,) = CaseService(store).list_cases(Viewer.system()).items
    steps = [
        ["cases", "claim", str(case["id"]), "--as", "rita", "--json"],
        ["cases", "note", str(case["id"]), "Called the customer back.", "--as", "rita", "--json"],
        ["cases", "transition", str(case["id"]), "in_progress", "--as", "rita", "--json"],
        ["cases", "transition", str(case["id"]), "resolved", "--resolution-code", RESOLUTION, "--json"],
        ["cases", "close", str(case["id"]), "--outcome", OUTCOME, "--json"],
    ]
    for step in steps:
        result = runner.invoke(app, step)
        assert result.exit_code == 0, (step, result.output)
    shown = runner.invoke(app, ["cases", "show", str(case["id"]), "--json"])
    body = json.loads(shown.stdout)
    assert (body["owner"], body["state"], body["outcome"]) == ("rita", "closed", OUTCOME)
    assert [n["body"] for n in body["notes"]] == ["Called the customer back."]
    create_user(store, "ron", "retention")
    refused = runner.invoke(app, ["cases", "claim", str(case["id"]), "--as", "ron"])
    assert refused.exit_code == 1 and "no case" in refused.output
