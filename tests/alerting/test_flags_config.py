"""The flag configuration as stored configuration: CLI and API round trips, validation, dry runs,
and a saved change that the running service's next ingest applies (real models)."""

from __future__ import annotations

import json

import pytest
import yaml
from alerting_helpers import comment, default_routing, ingest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.main import create_app
from voc_engine.alerting.config import StoreFlags, active_flags, save_flags, save_routing
from voc_engine.alerting.flagtest import dry_run_flags
from voc_engine.auth.keys import create_api_key
from voc_engine.errors import ConfigError
from voc_engine.nlp.taxonomy import DEFAULT_FLAGS, load_flags
from voc_engine.store.repository import FeedbackStore
from voc_engine.runtime import Runtime

TELECOM = "Been with you 9 years. I'm cancelling my contract and moving to Vodafone, the signal is useless."


def with_praise(severity: str = "low") -> dict:
    """The shipped configuration less legal_threat, plus a flag of our own."""
    document = load_flags().model_dump()
    document["flags"] = [f for f in document["flags"] if f["name"] != "legal_threat"]
    document["flags"].append({"name": "praise", "description": "A delivery that went well.", "severity": severity,
                              "rules": ["arrived early"], "model": False})
    return document


# --------------------------------------------------------------------------- the library
def test_saving_validates_versions_and_audits(store):
    assert active_flags(store) == (None, load_flags())
    with pytest.raises(ConfigError, match=r"flags\[0\]\.rules"):
        save_flags(store, {"flags": [{"name": "x", "rules": []}]}, "test")
    saved = save_flags(store, yaml.safe_dump(with_praise()), "test")
    assert saved.version and saved.document["flags"][-1]["name"] == "praise"
    assert active_flags(store)[0] == saved.version
    assert store.audit_log()[0]["action"] == "alerts.flags.set"


def test_the_store_source_sees_a_saved_change_at_once(store):
    source = StoreFlags(store)
    token, flags = source.current()
    assert flags == load_flags() and source.current()[0] == token
    save_flags(store, with_praise(), "test")
    new_token, new_flags = source.current()
    assert new_token != token and "praise" in new_flags.names


def test_the_dry_run_counts_gains_and_losses_per_flag(store, pipeline):
    ingest(store,
           comment("The parcel arrived early, thank you!", customer="a"),
           comment("My solicitor will hear about this.", customer="b"),
           comment("Please cancel my order, it came broken.", customer="c"),
           comment("Close my account today.", customer="d"))
    result = dry_run_flags(store, with_praise(), examples_per_flag=1, pipeline=pipeline).to_dict()
    assert result["comments_evaluated"] == 4 and result["active_version"] is None and not result["limited"]
    flags = result["flags"]
    assert {k: flags["praise"][k] for k in ("before", "after", "gained", "lost")} == \
        {"before": 0, "after": 1, "gained": 1, "lost": 0}
    assert {k: flags["legal_threat"][k] for k in ("before", "after", "gained", "lost")} == \
        {"before": 1, "after": 0, "gained": 0, "lost": 1}
    assert {k: flags["churn_intent"][k] for k in ("before", "after", "gained", "lost")} == \
        {"before": 1, "after": 1, "gained": 0, "lost": 0}
    (example,) = flags["praise"]["examples"]["gained"]
    assert example["text"] == "The parcel arrived early, thank you!" and example["by"] == "rule"
    limited = dry_run_flags(store, with_praise(), limit=2, pipeline=pipeline).to_dict()
    assert (limited["comments_evaluated"], limited["limited"]) == (2, True)


# --------------------------------------------------------------------------- the CLI
@pytest.fixture
def cli(sqlite_url, tmp_path, monkeypatch):
    from voc_engine.cli import app

    monkeypatch.setenv("VOC_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    store = FeedbackStore()

    def run(*args: str, code: int = 0) -> tuple[str, str]:
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result.stdout, result.stderr

    yield run, store, tmp_path
    store.dispose()


@pytest.mark.parametrize("text, message", [
    ("flags: [\n  - {name: a\n", "not valid YAML"),
    ("flags:\n  - {name: a, rules: [x], colour: red}\n", "flags[0].colour: unknown field"),
    ("flags:\n  - {name: a, rules: []}\n", "flags[0].rules: rules must hold at least one phrase"),
])
def test_cli_set_refuses_a_bad_configuration(cli, text, message):
    run, store, tmp_path = cli
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    _, err = run("alerts", "flags", "set", str(bad), code=2)
    assert message in err
    _, err = run("alerts", "flags", "test", str(bad), code=2)
    assert message in err
    assert active_flags(store)[0] is None


def test_cli_show_set_and_test(cli, pipeline):
    run, store, tmp_path = cli
    shown, _ = run("alerts", "flags", "show")
    assert shown.startswith("# version: default") and DEFAULT_FLAGS.read_text().strip() in shown
    good = tmp_path / "flags.yaml"
    good.write_text(yaml.safe_dump(with_praise(), sort_keys=False))
    ingest(store, comment("The parcel arrived early.", customer="a"))
    report, _ = run("alerts", "flags", "test", str(good))
    assert "Flag dry run over 1 stored comments" in report and "gained praise" in report
    counts = json.loads(run("alerts", "flags", "test", str(good), "--json")[0])["flags"]["praise"]
    assert (counts["gained"], counts["lost"]) == (1, 0)
    _, err = run("alerts", "flags", "set", str(good))
    assert "saved flags version" in err
    shown, _ = run("alerts", "flags", "show")
    assert shown.splitlines()[0].startswith("# version: ") and "arrived early" in shown
    assert yaml.safe_load(shown) == with_praise()


def test_voc_ingest_and_reprocess_use_the_stored_configuration(cli, pipeline):
    run, store, tmp_path = cli
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\n1,The parcel arrived early.\n2,The app crashed twice.\n")
    run("ingest", str(rows), "--source", "shop", "--quiet")
    assert all(not item["enrichment"]["flags"] for item in store.iter_comments())
    settings = tmp_path / "flags.yaml"
    settings.write_text(yaml.safe_dump(with_praise()))
    run("alerts", "flags", "set", str(settings))
    # Stored comments were flagged under another configuration: reprocess re-flags them.
    _, err = run("reprocess", "--quiet")
    assert "re-enriched 2 comments" in err
    flagged = {item["text"]: item["enrichment"]["flags"] for item in store.iter_comments()}
    assert flagged == {"The parcel arrived early.": ["praise"], "The app crashed twice.": []}
    more = tmp_path / "more.csv"
    more.write_text("id,text\n3,It arrived early again!\n")
    run("ingest", str(more), "--source", "shop", "--quiet")
    assert {i["text"]: i["enrichment"]["flags"] for i in store.iter_comments()}["It arrived early again!"] == ["praise"]


# --------------------------------------------------------------------------- the API
@pytest.fixture
def service(store, pipeline):
    """A running service over this store: its runtime's pipeline reads this store's flags."""
    save_routing(store, default_routing(), "test")
    app = create_app(Runtime(store=store, pipeline=pipeline))
    keys = {role: {"X-API-Key": create_api_key(store, role)[0]} for role in ("admin", "analyst", "ingest", "agent")}
    with TestClient(app) as client:
        yield client, store, keys


def test_api_round_trip_in_yaml_and_json_with_validation_and_roles(service):
    client, store, keys = service
    default = client.get("/v1/alerts/flags", headers=keys["analyst"]).json()
    assert default["source"] == "default" and default["version"] is None
    assert [f["name"] for f in default["document"]["flags"]] == load_flags().names
    assert default["yaml"] == DEFAULT_FLAGS.read_text()
    assert client.get("/v1/alerts/flags", headers=keys["agent"]).status_code == 403
    text = yaml.safe_dump(with_praise())
    assert client.put("/v1/alerts/flags", content=text,
                      headers={**keys["analyst"], "Content-Type": "application/yaml"}).status_code == 403
    response = client.put("/v1/alerts/flags", content=text, headers={**keys["admin"], "Content-Type": "application/yaml"})
    assert response.status_code == 200, response.text
    saved = client.get("/v1/alerts/flags", headers=keys["analyst"]).json()
    assert saved["source"] == "saved" and saved["yaml"] == text and saved["document"] == with_praise()
    for bad, where in [
        ("flags: [\n  - {name: a\n", "not valid YAML"),
        ({"flags": [{"name": "a", "rules": ["x"], "colour": "red"}]}, "flags[0].colour: unknown field"),
        ({"flags": [{"name": "a", "rules": []}]}, "flags[0].rules: rules must hold at least one phrase"),
    ]:
        if isinstance(bad, str):
            response = client.put("/v1/alerts/flags", content=bad,
                                  headers={**keys["admin"], "Content-Type": "application/yaml"})
        else:
            response = client.put("/v1/alerts/flags", json=bad, headers=keys["admin"])
        assert response.status_code == 400 and where in response.json()["detail"], response.text
    as_json = client.put("/v1/alerts/flags", json=load_flags().model_dump(), headers=keys["admin"])
    assert as_json.status_code == 200 and as_json.json()["version"] > saved["version"]


def test_api_dry_run(service):
    client, store, keys = service
    ingest(store, comment("The parcel arrived early.", customer="a"), comment("See you in court.", customer="b"))
    response = client.post("/v1/alerts/flags/test", json={"flags": with_praise(), "examples_per_flag": 1},
                           headers=keys["analyst"])
    assert response.status_code == 200, response.text
    flags = response.json()["flags"]
    assert (flags["praise"]["gained"], flags["legal_threat"]["lost"], flags["churn_intent"]["gained"]) == (1, 1, 0)
    by_yaml = client.post("/v1/alerts/flags/test", json={"yaml": yaml.safe_dump(with_praise())},
                          headers=keys["analyst"]).json()
    assert by_yaml["flags"]["praise"]["after"] == 1
    bad = client.post("/v1/alerts/flags/test", json={"flags": {"flags": [{"name": "a", "rules": []}]}},
                      headers=keys["analyst"])
    assert bad.status_code == 400 and "flags[0].rules" in bad.json()["detail"]
    assert client.post("/v1/alerts/flags/test", json={}, headers=keys["ingest"]).status_code == 403


def test_a_saved_configuration_changes_what_the_next_api_ingest_flags(service):
    client, store, keys = service

    def post(external_id: str, text: str, **extra) -> dict:
        body = {"source": "app", "external_id": external_id, "text": text, "channel": "app",
                "created_at": "2026-11-20T10:00:00Z", **extra}
        response = client.post("/v1/comments", json=body, headers=keys["ingest"])
        assert response.status_code in (200, 201), response.text
        return response.json()["results"][0]["enrichment"]

    assert post("e1", "The parcel arrived early.")["flags"] == []
    response = client.put("/v1/alerts/flags", json=with_praise("high"), headers=keys["admin"])
    assert response.status_code == 200, response.text
    # No restart: the service's next batch reads the saved version.
    assert post("e2", "The parcel arrived early again.")["flags"] == ["praise"]
    scored = client.post("/v1/score", json={"comments": [{"id": 1, "text": "It arrived early!"}]},
                         headers=keys["ingest"]).json()
    assert scored["results"][0]["flags"] == ["praise"]
    # The flag's severity is the case's: `critical_flag` (severity: flag) opens a high case.
    cases = client.get("/v1/cases", headers=keys["admin"]).json()["items"]
    assert [(c["rule_id"], c["severity"]) for c in cases] == [("critical_flag", "high")]


# Issue 22's ways of leaving, none of them a sentence of the training data (training/flag_seeds.yaml),
# and things customers cancel or move that are not leaving the company (CHURN_DEFINITION in
# training/flag_data.py: one order, one booking, one trip).
LEAVING = [
    "I want to cancel my contract, the coverage has been awful all year.",
    "We are moving to Vodafone next month.",
    "Honestly, I'm done with you lot.",
    "Please port my number to my new provider.",
]
NOT_LEAVING = [
    "I cancelled my order and reordered a different size.",
    "My flight was cancelled, please rebook me on the next one.",
    "Can I move my delivery to Saturday?",
]


def test_the_score_api_flags_ways_of_leaving_and_not_cancelled_orders(service):
    client, store, keys = service
    comments = [{"id": i, "text": text} for i, text in enumerate(LEAVING + NOT_LEAVING)]
    response = client.post("/v1/score", json={"comments": comments}, headers=keys["ingest"])
    assert response.status_code == 200, response.text
    flagged = {r["id"]: "churn_intent" in r["flags"] for r in response.json()["results"]}
    assert flagged == {i: i < len(LEAVING) for i in range(len(comments))}


@pytest.mark.xfail(strict=True, reason="known miss of flags v2 and v4: 'moving to <competitor>' followed by a reason "
                                        "scores below the head's threshold, and no pattern says 'moving to <Name>' "
                                        "(\"we're moving to Leeds\" reads the same)")
@pytest.mark.parametrize("text", ["We're moving to Vodafone next month, they offered half the price.",
                                  "We're moving to O2 next month, they offered half the price."])
def test_moving_to_a_competitor_with_a_reason_is_flagged(service, text):
    client, store, keys = service
    response = client.post("/v1/score", json={"comments": [{"id": 1, "text": text}]}, headers=keys["ingest"])
    assert "churn_intent" in response.json()["results"][0]["flags"]


def test_the_telecom_detractor_opens_a_critical_retention_case(service):
    client, store, keys = service
    body = {"source": "survey", "external_id": "t1", "text": TELECOM, "channel": "survey",
            "created_at": "2026-11-20T10:00:00Z", "customer_id": "tel-1", "scores": {"nps": 0}}
    response = client.post("/v1/comments", json=body, headers=keys["ingest"])
    assert response.status_code in (200, 201), response.text
    assert "churn_intent" in response.json()["results"][0]["enrichment"]["flags"]
    (case,) = client.get("/v1/cases", headers=keys["admin"]).json()["items"]
    assert (case["severity"], case["team"], case["rule_id"]) == ("critical", "retention", "critical_flag")
