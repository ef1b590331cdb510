"""Two runtimes in one process, each over its own database and settings, serving at the same time:
nothing one holds reaches the other (stores, business time zone, alert rules, flag configuration,
pseudonym keys, webhook delivery). One set of models serves both."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import yaml
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.alerting.cases import CaseService
from voc_engine.alerting.config import save_flags, save_routing
from voc_engine.alerting.outbox import outbox_counts
from voc_engine.alerting.receiver import WebhookReceiver
from voc_engine.alerting.routing import DEFAULT_ROUTING_FILE
from voc_engine.alerting.users import Viewer
from voc_engine.auth.keys import create_api_key
from voc_engine.config import Settings
from voc_engine.nlp.taxonomy import load_flags
from voc_engine.runtime import Runtime

ANY_NEGATIVE = """version: 1
rules:
  - id: any_negative
    name: Any negative comment
    severity: low
    when: {sentiment: {label: negative}}
"""
# Noon two days ago, without an offset: read in each runtime's business time zone (and recent
# enough for the alert rules, which leave comments older than 30 days alone).
NOON = (datetime.now(timezone.utc) - timedelta(days=2)).replace(hour=12, minute=0, second=0, microsecond=0,
                                                               tzinfo=None)
EARLY = "The parcel arrived early."
RUDE = "The driver was rude, the box was crushed and nobody answered my calls. Awful."


def _routing_to(url: str) -> dict:
    document = yaml.safe_load(DEFAULT_ROUTING_FILE.read_text())
    for name in document["teams"]:
        document["teams"][name] = {"webhooks": [{"name": "crm", "url": url, "secret": "s"}]}
    return document


def _with_praise() -> dict:
    document = load_flags().model_dump()
    document["flags"].append({"name": "praise", "description": "A delivery that went well.", "severity": "none",
                              "rules": ["arrived early"], "model": False})
    return document


def _post(client: TestClient, key: str, external_id: str, text: str) -> dict:
    body = {"source": "shop", "external_id": external_id, "text": text, "customer_id": "k1",
            "created_at": NOON.isoformat()}
    response = client.post("/v1/comments", json=body, headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    return response.json()["results"][0]


def test_two_runtimes_over_two_databases_do_not_meet(pipeline, tmp_path):
    rules = tmp_path / "any_negative.yaml"
    rules.write_text(ANY_NEGATIVE)
    # A long poll: a webhook that goes out at once went because its own runtime's worker was woken.
    paris = Runtime(Settings(data_dir=tmp_path / "paris", business_timezone="Europe/Paris",
                             alert_rules_file=rules, alerts_poll_seconds=120), pipeline=pipeline)
    utc = Runtime(Settings(data_dir=tmp_path / "utc", business_timezone="UTC", alerts_poll_seconds=120),
                  pipeline=pipeline)
    assert paris.store.url != utc.store.url
    save_flags(paris.store, _with_praise(), "test")
    keys = {name: create_api_key(runtime.store, "admin")[0] for name, runtime in (("paris", paris), ("utc", utc))}
    with WebhookReceiver("s") as paris_hooks, WebhookReceiver("s") as utc_hooks:
        save_routing(paris.store, _routing_to(paris_hooks.url), "test")
        save_routing(utc.store, _routing_to(utc_hooks.url), "test")
        with TestClient(create_app(paris)) as to_paris, TestClient(create_app(utc)) as to_utc:
            # Into Paris alone: the UTC store stays empty.
            early = _post(to_paris, keys["paris"], "1", EARLY)
            rude = _post(to_paris, keys["paris"], "2", RUDE)
            assert (paris.store.count_comments(), utc.store.count_comments()) == (2, 0)
            assert paris_hooks.wait_for(1, timeout=30)  # the case of the negative comment, sent at once
            time.sleep(1.0)
            assert utc_hooks.records == {}
            # The same comments into UTC.
            early_utc = _post(to_utc, keys["utc"], "1", EARLY)
            _post(to_utc, keys["utc"], "2", RUDE)
        # Each store's flag configuration: Paris saved "praise", UTC has the shipped one.
        assert "praise" in early["enrichment"]["flags"] and "praise" not in early_utc["enrichment"]["flags"]
        assert early["enrichment"]["model_version"] != early_utc["enrichment"]["model_version"]
        # Each business time zone: noon in Paris is 10:00 or 11:00 UTC, by the season.
        in_paris = NOON.replace(tzinfo=ZoneInfo("Europe/Paris")).astimezone(timezone.utc)
        assert in_paris.hour in (10, 11)
        assert paris.store.get_comment(early["id"])["created_at"] == in_paris.isoformat()
        assert utc.store.get_comment(early_utc["id"])["created_at"] == NOON.replace(tzinfo=timezone.utc).isoformat()
        # Each alert rule set: Paris opened its one case under its own rule, UTC never under it.
        paris_cases = CaseService(paris.store).list_cases(Viewer.system()).items
        utc_cases = CaseService(utc.store).list_cases(Viewer.system()).items
        assert [(c["rule_id"], c["comment_id"]) for c in paris_cases] == [("any_negative", rude["id"])]
        assert utc_cases and all(c["rule_id"] != "any_negative" for c in utc_cases)
        assert outbox_counts(paris.store)["delivered"] == 1 and len(paris_hooks.records) == 1
        # Each pseudonym key (one per data directory): the same customer id, two pseudonyms.
        assert paris.store.pii.customer_id("k1") != utc.store.pii.customer_id("k1")
    # Reading both after the services stopped: each still has its own two comments.
    assert {c["text"] for c in paris.store.list_comments().to_dict()["items"]} == {EARLY, RUDE}
    assert utc.store.count_comments() == 2
    paris.close()
    utc.close()


def test_a_runtime_builds_nothing_until_asked(tmp_path):
    runtime = Runtime(Settings(data_dir=tmp_path / "var"))
    assert runtime.extensions.names == ["actions", "alerting", "corrections", "customers", "topics"]
    assert not runtime.store_opened and not runtime.pipeline_loaded
    assert not (tmp_path / "var" / "voc.db").exists()
    store = runtime.store
    assert runtime.store is store and (tmp_path / "var" / "voc.db").exists()
    assert store.extensions is runtime.extensions
    runtime.close()
    runtime.close()  # twice is harmless


def test_a_runtime_has_one_set_of_settings(tmp_path):
    from voc_engine.store.repository import FeedbackStore

    store = FeedbackStore(settings=Settings(data_dir=tmp_path / "var"))
    try:
        assert Runtime(store=store).settings is store.settings
        with pytest.raises(ValueError, match="the runtime's settings"):
            Runtime(store.settings.updated(business_timezone="Asia/Tokyo"), store=store)
    finally:
        store.dispose()


def test_two_runtimes_share_no_extension_state(tmp_path):
    one, two = Runtime(Settings(data_dir=tmp_path / "one")), Runtime(Settings(data_dir=tmp_path / "two"))
    for name in ("alerting", "topics"):
        assert one.extensions.get(name) is not two.extensions.get(name)
    assert one.extensions.get("alerting").configs is not two.extensions.get("alerting").configs
    assert one.extensions.get("topics").root == tmp_path / "one" / "topics"
    assert two.extensions.get("topics").root == tmp_path / "two" / "topics"


@pytest.mark.parametrize("delivery, started", [("in_process", True), ("external", False)])
def test_the_delivery_worker_follows_the_runtime_settings(tmp_path, delivery, started):
    runtime = Runtime(Settings(data_dir=tmp_path / "var", alerts_delivery=delivery))
    try:
        assert (runtime.start_delivery() is not None) is started
    finally:
        runtime.close()
