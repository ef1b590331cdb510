"""What an outside probe of the service found, each as a behaviour that must hold:
ill-formed Unicode and oversized metadata are refused at the door and nothing stored can break a
read; PII outside the text is pseudonymised or redacted; erasure leaves no copy in SQLite's files;
a repeated key in one batch is never silently dropped; /metrics is not open to every client."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from typer.testing import CliRunner

from api.main import create_app
from store_api_helpers import comment, post
from voc_engine.cli import app as voc_cli
from voc_engine.config import Settings
from voc_engine.runtime import Runtime
from voc_engine.store.models import AuditEntry, Base, QuarantinedComment
from voc_engine.store.privacy import is_pseudonym

CARD = "4111 1111 1111 1111"  # Luhn-valid test card number
RAW_CUSTOMER = "jane.doe@example.com"


def post_raw(client, keys, body: str, role: str = "ingest"):
    """POST a body as written: json= cannot carry a lone surrogate (it is not encodable)."""
    return client.post(
        "/v1/comments",
        content=body.encode("ascii"),
        headers={"X-API-Key": keys[role], "content-type": "application/json"},
    )


def database_text(store) -> str:
    """Every row of every table, as text: what someone with the database would see."""
    with store.read_session() as session:
        return "\n".join(
            repr(row) for table in Base.metadata.sorted_tables for row in session.execute(select(table)).all()
        )


# ---------------------------------------------------------------- 1. nothing invalid gets in
@pytest.mark.parametrize(
    "field, value",
    [
        ("metadata", '{"k": "\\udfff"}'),
        ("metadata", '{"\\ud800": 1}'),
        ("text", '"Fine service \\udfff"'),
        ("external_id", '"r-\\udc00"'),
        ("customer_id", '"c\\udfff"'),
        ("segment", '"gold\\ud83d"'),
        ("scores", '{"kpi\\udfff": 3}'),
    ],
)
def test_a_lone_surrogate_in_any_field_is_refused_and_reads_keep_working(service, field, value):
    client, store, keys = service
    good = json.dumps(comment(0))
    bad = json.dumps({k: v for k, v in comment(1).items() if k != field})[:-1] + f', "{field}": {value}}}'
    response = post_raw(client, keys, f'{{"comments": [{good}, {bad}]}}')
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first["created"] is True
    assert second["index"] == 1 and second["fields"][0]["loc"] == [field]
    assert "Unicode" in second["error"]
    single = post_raw(client, keys, bad)
    assert single.status_code == 422 and single.json()["detail"][0]["loc"] == ["body", field]
    assert store.count_comments() == 1
    listed = client.get("/v1/comments", headers={"X-API-Key": keys["analyst"]})
    assert listed.status_code == 200 and len(listed.json()["items"]) == 1


def test_a_nul_character_outside_the_text_is_refused_and_in_the_text_removed(service):
    client, store, keys = service
    assert post(client, keys, comment(0, segment="gold\x00")).status_code == 422
    assert post(client, keys, comment(1, metadata={"k": "a\x00b"})).status_code == 422
    stored = post(client, keys, comment(2, text="Rude\x00 staff at the desk"))
    assert stored.status_code == 201
    assert "\x00" not in stored.json()["results"][0]["enrichment"]["redacted_text"]


@pytest.mark.parametrize(
    "metadata, why",
    [
        ({"blob": "x" * 20_000}, "bytes"),
        ({"a": {"b": {"c": {"d": {"e": 1}}}}}, "levels"),
        ({f"k{i}": i for i in range(101)}, "keys"),
    ],
)
def test_metadata_over_the_limits_is_refused_with_the_limit_named(service, metadata, why):
    client, store, keys = service
    response = post(client, keys, comment(0, metadata=metadata))
    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert detail["loc"] == ["body", "metadata"] and why in detail["msg"]
    assert store.count_comments() == 0


def test_metadata_limits_are_settings(service, monkeypatch, db_url, settings, pipeline):
    from voc_engine.store.repository import FeedbackStore

    roomy = FeedbackStore(db_url, settings.updated(max_metadata_bytes=50_000))
    try:
        results = roomy.ingest([comment(0, metadata={"blob": "x" * 20_000})], pipeline.enrich)
        assert results[0].ok
    finally:
        roomy.dispose()


def _poison_one_row(store, comment_id: str) -> None:
    """A row stored before the door checked Unicode: its metadata holds a lone surrogate."""
    with store.write_session() as session, session.begin():
        session.execute(
            text("UPDATE comments SET metadata = :m WHERE id = :id"), {"m": '{"k": "\\udfff"}', "id": comment_id}
        )


def test_db_check_finds_a_poisoned_row_and_fix_quarantines_it(service, db_url, settings, monkeypatch, tmp_path):
    client, store, keys = service
    ids = [r["id"] for r in post(client, keys, {"comments": [comment(i) for i in range(3)]}).json()["results"]]
    try:
        _poison_one_row(store, ids[1])
    except Exception:  # noqa: BLE001 - PostgreSQL refuses the value itself: nothing to poison there
        pytest.skip(f"{store.dialect} cannot store a lone surrogate at all")
    with pytest.raises(UnicodeEncodeError):
        json.dumps(store.list_comments().to_dict(), ensure_ascii=False).encode("utf-8")

    monkeypatch.setenv("VOC_DATABASE_URL", db_url)
    monkeypatch.setenv("VOC_DATA_DIR", str(settings.data_dir))
    runner = CliRunner()
    found = runner.invoke(voc_cli, ["db", "check", "--json"])
    assert found.exit_code == 1, found.output
    report = json.loads(found.stdout)
    assert [row["id"] for row in report["unreadable_comments"]] == [ids[1]]
    assert report["unreadable_comments"][0]["problem"].startswith("metadata")
    assert store.count_comments() == 3  # a check changes nothing

    fixed = runner.invoke(voc_cli, ["db", "check", "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert runner.invoke(voc_cli, ["db", "check"]).exit_code == 0
    assert store.count_comments() == 2
    listed = client.get("/v1/comments", headers={"X-API-Key": keys["analyst"]})
    assert listed.status_code == 200 and {i["id"] for i in listed.json()["items"]} == {ids[0], ids[2]}
    with store.read_session() as session:
        (kept,) = session.scalars(select(QuarantinedComment)).all()
        actions = session.scalars(select(AuditEntry.action)).all()
    assert kept.comment_id == ids[1] and "\\udfff" in kept.payload
    kept.payload.encode("ascii")  # readable anywhere
    assert "quarantine" in actions
    out = tmp_path / "all.csv"
    assert runner.invoke(voc_cli, ["export", "--output", str(out)]).exit_code == 0
    assert len(list(csv.DictReader(out.open()))) == 2


# ---------------------------------------------------------------- 2. PII outside the text
def test_structured_fields_are_pseudonymised_or_redacted_before_they_are_stored(service, tmp_path):
    client, store, keys = service
    body = comment(
        0,
        text="I will leave for a competitor, the staff were rude and I waited an hour.",
        customer_id=RAW_CUSTOMER,
        segment="gold",
        scores={"nps": 0},
        metadata={
            "card": CARD,
            "card_as_number": 4111111111111111,
            "contact": {"email": "jane.doe@example.com", "phones": ["+44 20 7946 0958"]},
            "store": "north",
        },
    )
    response = post(client, keys, body)
    assert response.status_code == 201
    listed = client.get("/v1/comments", headers={"X-API-Key": keys["analyst"]}).json()["items"]
    (item,) = listed
    assert is_pseudonym(item["customer_id"])
    assert item["metadata"]["card"] == "[CARD]" and item["metadata"]["card_as_number"] == "[CARD]"
    assert item["metadata"]["contact"] == {"email": "[EMAIL]", "phones": ["[PHONE]"]}
    assert item["metadata"]["store"] == "north"
    # a customer is still found, and erased, by the id the caller knows
    found = client.get("/v1/comments", params={"customer_id": RAW_CUSTOMER}, headers={"X-API-Key": keys["analyst"]})
    assert [i["id"] for i in found.json()["items"]] == [item["id"]]
    for secret in (RAW_CUSTOMER, CARD, "4111111111111111", "7946 0958"):
        assert secret not in json.dumps(listed)
        assert secret not in database_text(store)  # cases, alerts, outbox payloads included
    assert client.delete(f"/v1/customers/{RAW_CUSTOMER}", headers={"X-API-Key": keys["admin"]}).status_code == 200
    assert store.count_comments() == 0


def test_one_customer_keeps_one_pseudonym_and_keys_differ_between_stores(service, db_url, settings, pipeline):
    from voc_engine.store.repository import FeedbackStore

    client, store, keys = service
    post(client, keys, {"comments": [comment(0, customer_id="c-9"), comment(1, customer_id="c-9")]})
    pseudonyms = {i["customer_id"] for i in client.get("/v1/comments", headers={"X-API-Key": keys["analyst"]}).json()["items"]}
    assert len(pseudonyms) == 1
    other = FeedbackStore(db_url, Settings(data_dir=settings.data_dir, pseudonym_key="another secret"))
    try:
        assert other.pii.customer_id("c-9") not in pseudonyms
    finally:
        other.dispose()


def test_metadata_fields_declared_safe_are_stored_as_sent(db_url, settings, pipeline):
    from voc_engine.store.repository import FeedbackStore

    safe = FeedbackStore(db_url, settings.updated(metadata_safe_fields=["order_ref"]))
    try:
        (result,) = safe.ingest(
            [comment(0, metadata={"order_ref": "4111 1111 1111 1111", "note": "call 020 7946 0958"})], pipeline.enrich
        )
        stored = safe.get_comment(result.id)["metadata"]
        assert stored == {"order_ref": "4111 1111 1111 1111", "note": "call [PHONE]"}
    finally:
        safe.dispose()


def test_an_external_id_holding_personal_data_is_refused_without_echoing_it(service):
    client, store, keys = service
    response = post(client, keys, comment(0, external_id="jane.doe@example.com"))
    assert response.status_code == 422
    assert "jane" not in response.text and "EMAIL" in response.text
    assert post(client, keys, comment(1, external_id="4155552671")).status_code == 201  # digits: a record id
    assert store.count_comments() == 1


def test_an_unknown_channel_is_refused_without_echoing_it(service):
    client, _, keys = service
    response = post(client, keys, comment(0, channel="Jane Doe 07700 900123"))
    assert response.status_code == 422
    assert "07700" not in response.text and "Jane" not in response.text
    assert "known:" in response.json()["detail"][0]["msg"]


def test_erasure_leaves_no_copy_in_the_sqlite_files(service, db_url):
    client, store, keys = service
    if store.dialect != "sqlite":
        pytest.skip("PostgreSQL reclaims deleted rows at VACUUM; its files are not ours to read")
    marker = "Zanzibarquill"  # a word in no other row
    post(client, keys, {"comments": [comment(i, text=f"{marker} staff were rude ({i})", customer_id="c-erase") for i in range(5)]})
    post(client, keys, comment(9, customer_id="c-keep"))
    path = Path(db_url.removeprefix("sqlite:///"))
    assert client.delete("/v1/customers/c-erase", headers={"X-API-Key": keys["admin"]}).status_code == 200
    for file in (path, Path(f"{path}-wal")):
        if file.exists():
            assert marker.encode() not in file.read_bytes(), file.name
    audit = store.audit_log()[0]
    assert audit["action"] == "erase_customer" and "checkpointed" in audit["details"]["files"]
    assert store.count_comments() == 1



def test_an_audit_entry_with_a_long_actor_or_target_is_recorded_cut_to_its_columns(store):
    # PostgreSQL refuses a value longer than its VARCHAR: the change being audited would fail with it.
    from voc_engine.store.audit import record

    actor, target = "a" * 150, "alert_config:" + "7" * 200
    with store.write_session() as session, session.begin():
        record(session, actor, "test.long_names", target, {"items": 1})
    (entry,) = [e for e in store.audit_log() if e["action"] == "test.long_names"]
    assert entry["actor"] == "a" * 100  # String(100)
    assert entry["target"] == "alert_config:" + "7" * 115  # String(128): 13 + 115 characters
    assert entry["details"] == {"items": 1}


# ---------------------------------------------------------------- 5. duplicates in one batch
def test_a_repeated_key_with_other_content_is_an_error_never_a_silent_drop(service):
    client, store, keys = service
    first = comment(0)
    same = comment(0)
    different = comment(0, text="A different comment with the same key.")
    results = post(client, keys, {"comments": [first, same, different]}).json()["results"]
    assert results[0]["created"] is True
    assert results[1]["id"] == results[0]["id"] and results[1]["created"] is False
    assert "error" in results[2] and "row 0" in results[2]["error"]
    assert store.count_comments() == 1


# ---------------------------------------------------------------- 7. /metrics
def test_metrics_need_a_key_except_from_this_host(service):
    client, store, keys = service
    assert client.get("/metrics").status_code == 401  # the test client is not a loopback address
    assert client.get("/metrics", headers={"X-API-Key": "voc_nope"}).status_code == 401
    assert client.get("/metrics", headers={"X-API-Key": keys["ingest"]}).status_code == 200
    # An agent key of no person is refused everywhere (voc_engine.auth.policy), /metrics included.
    assert client.get("/metrics", headers={"X-API-Key": keys["agent"]}).status_code == 403
    local = TestClient(client.app, client=("127.0.0.1", 50000))
    assert local.get("/metrics").status_code == 200

    def status_with(access: str, **client_options) -> int:
        from voc_engine.store.repository import FeedbackStore

        other = FeedbackStore(store.url, client.app.state.runtime.settings.updated(metrics_access=access))
        try:
            return TestClient(create_app(Runtime(store=other)), **client_options).get("/metrics").status_code
        finally:
            other.dispose()

    assert status_with("key", client=("127.0.0.1", 50000)) == 401
    assert status_with("open") == 200



def test_two_apps_in_one_process_count_only_their_own_requests(service, pipeline, tmp_path):
    client, store, keys = service
    other = Runtime(Settings(data_dir=tmp_path / "other", business_timezone="UTC"), pipeline=pipeline)
    try:
        with TestClient(create_app(other), client=("127.0.0.1", 50000)) as other_client:
            assert post(client, keys, {"comments": [comment(i) for i in range(3)]}).status_code == 200
            mine = TestClient(client.app, client=("127.0.0.1", 50000)).get("/metrics").text
            theirs = other_client.get("/metrics").text
    finally:
        other.close()
    assert 'voc_comments_ingested_total{outcome="created"} 3.0' in mine
    assert "voc_comments_ingested_total{" not in theirs and 'route="/v1/comments"' not in theirs
    assert "process_cpu_seconds_total" in theirs  # the process's own figures stay in every app's


@pytest.mark.parametrize("field", ["external_id", "customer_id", "touchpoint", "journey_stage", "segment"])
def test_a_nul_in_an_identifier_or_label_is_a_422_on_every_backend(service, field):
    client, store, keys = service
    response = post(client, keys, comment(0, **{field: "x\x00y"}))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", field]
    assert store.count_comments() == 0
