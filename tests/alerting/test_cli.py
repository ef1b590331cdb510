"""`voc cases` and `voc alerts`: users and keys, rules, dry run, delivery, report, listing."""

from __future__ import annotations

import json

import pytest
import yaml
from alerting_helpers import comment, ingest, routing_with_webhook
from typer.testing import CliRunner

from voc_engine.alerting.receiver import WebhookReceiver
from voc_engine.alerting.rules import DEFAULT_RULES_FILE
from voc_engine.auth.keys import authenticate
from voc_engine.store.repository import FeedbackStore


@pytest.fixture
def cli(sqlite_url, tmp_path, monkeypatch):
    from voc_engine.cli import app

    monkeypatch.setenv("VOC_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    store = FeedbackStore()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result.stdout

    yield run, store, tmp_path
    store.dispose()


def test_users_keys_and_listing(cli):
    run, store, _ = cli
    run("cases", "users", "add", "amy", "--team", "customer_care")
    run("cases", "users", "add", "lee", "--team", "customer_care", "--lead")
    run("cases", "users", "add", "amy", "--team", "billing", code=1)  # exists already: the data
    key = run("cases", "users", "key", "amy").strip()
    assert key.startswith("voc_") and "\n" not in key and authenticate(store, key).role == "agent"
    assert run("cases", "users", "list").splitlines() == [
        "amy\tcustomer_care\tagent\tactive",
        "lee\tcustomer_care\tlead\tactive",
    ]
    run("cases", "users", "set", "amy", "--inactive")
    assert "inactive" in run("cases", "users", "list").splitlines()[0]
    ingest(store, comment("Awful [neg -0.9]"))
    listed = run("cases", "list")
    assert listed.startswith("#1\tmedium\tnew\tcustomer_care\t-")
    assert json.loads(run("cases", "list", "--json"))["items"][0]["rule_id"] == "very_negative"


def test_rules_set_show_and_dry_run(cli):
    run, store, tmp_path = cli
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - {id: x, severity: high, when: {nsp: {lte: 6}}}\n")
    assert run("alerts", "rules", "set", str(bad), code=2) == ""
    good = tmp_path / "good.yaml"
    good.write_text("rules:\n  - {id: neg, severity: low, when: {sentiment: {label: negative}}}\n")
    run("alerts", "rules", "set", str(good))
    assert "id: neg" in run("alerts", "rules", "show")
    ingest(store, comment("Bad [neg -0.2]", customer="a"), comment("Good [pos 0.5]", customer="b"))
    result = json.loads(run("alerts", "test-rules", "--json"))
    assert (result["comments_evaluated"], result["cases_opened"]) == (2, 1)
    defaults = json.loads(run("alerts", "test-rules", "--json", "--rules", str(DEFAULT_RULES_FILE)))
    assert defaults["cases_opened"] == 0  # -0.2 is neither very negative nor a detractor
    assert "Dry run over 2 stored comments" in run("alerts", "test-rules")


def test_deliver_once_and_report(cli):
    run, store, tmp_path = cli
    with WebhookReceiver("k") as receiver:
        routing = tmp_path / "routing.yaml"
        routing.write_text(yaml.safe_dump(routing_with_webhook(receiver.url, "k")))
        run("alerts", "routing", "set", str(routing))
        assert (
            json.loads(run("alerts", "routing", "show"))["document"]["teams"]["risk"]["webhooks"][0]["secret"]
            == "********"
        )
        ingest(store, comment("Awful [neg -0.9]", customer="a"), comment("Awful [neg -0.9]", customer="b"))
        out = json.loads(run("alerts", "deliver", "--once"))
        assert out["delivered"] == 2 and out["outbox"] == {"pending": 0, "delivered": 2, "dead": 0}
        assert len(receiver.records) == 2
    assert json.loads(run("alerts", "outbox"))["counts"]["delivered"] == 2
    report = json.loads(run("cases", "report", "--json"))
    assert [(t["team"], t["opened"]) for t in report["totals"]] == [("customer_care", 2)]
    assert "customer_care" in run("cases", "report")
    # As a case user, the rule of GET /v1/cases/report: a lead gets their team's, an agent none.
    run("cases", "users", "add", "lena", "--team", "customer_care", "--lead")
    run("cases", "users", "add", "rick", "--team", "risk", "--lead")
    run("cases", "users", "add", "tom", "--team", "customer_care")
    lead = json.loads(run("cases", "report", "--as", "lena", "--json"))
    assert [(t["team"], t["opened"]) for t in lead["totals"]] == [("customer_care", 2)]
    assert json.loads(run("cases", "report", "--as", "rick", "--json"))["totals"] == []
    run("cases", "report", "--as", "lena", "--team", "risk", code=1)
    run("cases", "report", "--as", "tom", code=1)


def test_deliver_without_once_says_it_runs_and_how_to_stop_and_stops_on_ctrl_c(cli, sqlite_url):
    import os
    import signal
    import subprocess
    import sys

    run, store, tmp_path = cli
    with WebhookReceiver("k") as receiver:
        routing = tmp_path / "routing.yaml"
        routing.write_text(yaml.safe_dump(routing_with_webhook(receiver.url, "k")))
        run("alerts", "routing", "set", str(routing))
        ingest(store, comment("Awful [neg -0.9]", customer="a"))
        env = {**os.environ, "VOC_DATABASE_URL": sqlite_url, "VOC_DATA_DIR": str(tmp_path)}
        worker = subprocess.Popen([sys.executable, "-m", "voc_engine.cli", "alerts", "deliver"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            # Its first words, before any delivery: that it runs, what is pending, how to stop it.
            first = worker.stderr.readline()
            assert "delivering webhook notifications (1 pending)" in first and "Ctrl-C stops" in first
            assert "--once" in first
            # It delivers the pending notification and keeps running (the timeout only guards a hang).
            assert receiver.wait_for(1, timeout=120)
            assert worker.poll() is None, "deliver stopped on its own"
            worker.send_signal(signal.SIGINT)
            out, err = worker.communicate(timeout=60)
        finally:
            if worker.poll() is None:
                worker.kill()
        assert worker.returncode == 0 and out == ""
        assert json.loads(err.strip().splitlines()[-1])["delivered"] == 1
        assert len(receiver.records) == 1
