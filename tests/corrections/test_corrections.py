"""Corrections: stored with who and when, audited, refused to agents and for labels outside the
taxonomy or the sentiment labels, applied in order, erased with the customer; the JSON API."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.auth.keys import create_api_key
from voc_engine.corrections.service import CorrectionService, LabelNotAllowedError, apply_corrections
from voc_engine.errors import ConflictError, PermissionDeniedError
from voc_engine.runtime import Runtime


def test_a_tag_correction_is_stored_with_who_and_when_and_audited(world):
    store, ids, ana = world["store"], world["ids"], world["people"]["analyst"]
    service = CorrectionService(store)
    before = datetime.now(timezone.utc)
    made = service.correct(ana, ids["c1"], "tag", old="wait_time", new="billing_price")
    after = datetime.now(timezone.utc)
    assert (made["field"], made["old_value"], made["new_value"], made["by"]) == ("tag", "wait_time", "billing_price", "user:ana")
    assert before - timedelta(seconds=1) <= datetime.fromisoformat(made["at"]) <= after + timedelta(seconds=1)
    listed = service.list(ana).items
    assert [(c["comment_id"], c["by"]) for c in listed] == [(ids["c1"], "user:ana")]
    audit = [e for e in store.audit_log() if e["action"] == "correct_label"]
    assert len(audit) == 1 and audit[0]["actor"] == "user:ana" and audit[0]["target"] == f"comment:{ids['c1']}"
    assert audit[0]["details"] == {"correction": made["id"], "field": "tag", "old": "wait_time", "new": "billing_price"}
    labels = service.effective_labels(ana, ids["c1"])
    assert labels["stored"]["tags"] == ["wait_time"] and labels["corrected"]["tags"] == ["billing_price"]


def test_a_sentiment_correction_records_the_label_it_replaces(world):
    store, ids, adm = world["store"], world["ids"], world["people"]["admin"]
    service = CorrectionService(store)
    made = service.correct(adm, ids["c3"], "sentiment", new="negative")
    assert (made["old_value"], made["new_value"], made["by"]) == ("neutral", "negative", "user:adm")
    with pytest.raises(ConflictError):  # it is negative now
        service.correct(adm, ids["c3"], "sentiment", new="negative")
    with pytest.raises(ConflictError):  # the caller thought it was still neutral
        service.correct(adm, ids["c3"], "sentiment", old="neutral", new="positive")


def test_an_agent_cannot_correct_or_read_corrections(world):
    store, ids, amy = world["store"], world["ids"], world["people"]["agent"]
    service = CorrectionService(store)
    with pytest.raises(PermissionDeniedError):
        service.correct(amy, ids["c1"], "tag", old="wait_time", new="billing_price")
    with pytest.raises(PermissionDeniedError):
        service.list(amy)
    assert service.list(world["people"]["admin"]).items == []


def test_labels_outside_the_taxonomy_or_the_sentiment_labels_are_refused_naming_the_allowed(world):
    store, ids, ana = world["store"], world["ids"], world["people"]["analyst"]
    service = CorrectionService(store)
    with pytest.raises(LabelNotAllowedError) as bad_sentiment:
        service.correct(ana, ids["c1"], "sentiment", new="angry")
    assert "negative, neutral, positive" in str(bad_sentiment.value)
    with pytest.raises(LabelNotAllowedError) as bad_tag:
        service.correct(ana, ids["c1"], "tag", new="no_such_category")
    assert bad_tag.value.allowed == service.allowed_tags() and "billing_price" in bad_tag.value.allowed
    with pytest.raises(ConflictError):  # c2 has no wait_time tag to be wrong
        service.correct(ana, ids["c2"], "tag", old="wait_time", new="billing_price")
    with pytest.raises(ConflictError):  # c2 has staff_attitude already
        service.correct(ana, ids["c2"], "tag", new="staff_attitude")
    assert service.list(ana).items == []


def test_corrections_apply_in_the_order_made():
    rows = [{"field": "tag", "old_value": "wait_time", "new_value": "billing_price"},
            {"field": "tag", "old_value": None, "new_value": "communication"},
            {"field": "sentiment", "old_value": "negative", "new_value": "neutral"},
            {"field": "tag", "old_value": "billing_price", "new_value": None}]
    assert apply_corrections(["wait_time", "staff_attitude"], "negative", rows) == (["staff_attitude", "communication"], "neutral")


def test_corrected_labels_give_each_corrected_comment_its_labels_after_all_corrections(world):
    store, ids, ana = world["store"], world["ids"], world["people"]["analyst"]
    service = CorrectionService(store)
    service.correct(ana, ids["c1"], "tag", new="billing_price")  # a missing tag
    service.correct(ana, ids["c3"], "tag", new="booking_website_app")
    service.correct(ana, ids["c3"], "sentiment", new="negative")
    tagger = service.corrected_labels(ana, "tagger").to_dict()
    assert tagger["comments"] == 2 and tagger["corrections"] == 2
    assert {e["comment_id"]: e["labels"] for e in tagger["examples"]} == {
        ids["c1"]: ["wait_time", "billing_price"], ids["c3"]: ["booking_website_app"]}
    sentiment = service.corrected_labels(ana, "sentiment")
    assert [(e.comment_id, e.labels, e.text) for e in sentiment.examples] == [
        (ids["c3"], ["negative"], "The app logged me out twice")]


def test_erasing_the_customer_erases_their_comments_corrections(world):
    store, ids, ana = world["store"], world["ids"], world["people"]["analyst"]
    service = CorrectionService(store)
    service.correct(ana, ids["c1"], "tag", old="wait_time", new="billing_price")
    service.correct(ana, ids["c2"], "sentiment", new="neutral")
    store.erase_customer("cust-c1", actor="test")
    assert [c["comment_id"] for c in service.list(ana).items] == [ids["c2"]]
    store.erase_customer("cust-c2", actor="test")
    assert service.list(ana).items == []


def test_the_json_api(world):
    store, ids = world["store"], world["ids"]
    keys = {role: create_api_key(store, None, owner=name)[0] for role, name in (("analyst", "ana"), ("agent", "amy"))}
    with TestClient(create_app(Runtime(store=store))) as client:
        url = f"/v1/comments/{ids['c1']}/corrections"
        ana, amy = {"X-API-Key": keys["analyst"]}, {"X-API-Key": keys["agent"]}
        made = client.post(url, headers=ana, json={"field": "tag", "old": "wait_time", "new": "billing_price"})
        assert made.status_code == 201, made.text
        assert made.json()["by"] == "user:ana" and made.json()["new_value"] == "billing_price"
        assert client.post(url, headers=amy, json={"field": "sentiment", "new": "positive"}).status_code == 403
        bad = client.post(url, headers=ana, json={"field": "sentiment", "new": "angry"})
        assert bad.status_code == 422 and "negative, neutral, positive" in bad.text
        bad_tag = client.post(url, headers=ana, json={"field": "tag", "new": "no_such_category"})
        assert bad_tag.status_code == 422 and "billing_price" in bad_tag.text and "wait_time" in bad_tag.text
        assert client.post(url, headers=ana, json={"field": "tag", "old": "wait_time"}).status_code == 409
        missing = client.post(f"/v1/comments/{'0' * 32}/corrections", headers=ana, json={"field": "sentiment", "new": "neutral"})
        assert missing.status_code == 404
        listed = client.get("/v1/corrections", headers=ana, params={"comment_id": ids["c1"]}).json()
        assert [(c["field"], c["old_value"], c["new_value"], c["by"]) for c in listed["corrections"]] == [
            ("tag", "wait_time", "billing_price", "user:ana")]
        assert client.get("/v1/corrections", headers=amy).status_code == 403
