"""Webhooks: signature (RFC 4231 vector), headers, backoff with jitter, an outage and recovery with a
real HTTP receiver on 127.0.0.1, idempotent receivers, dead letters.

VOC_TEST_OUTAGE_SECONDS sets how long the receiver is down (default 2; the benchmark uses 60).
"""

from __future__ import annotations

import os
import random
import time
from datetime import timedelta

import pytest
from alerting_helpers import comment, ingest, routing_with_webhook
from sqlalchemy import select

from voc_engine.alerting.config import save_routing
from voc_engine.alerting.models import OutboxMessage, WebhookDelivery
from voc_engine.alerting.notify import Deliverer, DeliveryWorker, backoff_delay, sign_body, verify_signature
from voc_engine.alerting.outbox import outbox_counts, requeue_dead
from voc_engine.alerting.receiver import WebhookReceiver
from voc_engine.config import AlertSettings
from voc_engine.store.models import utcnow

SECRET = "test-secret"
BAD = "Awful, the card never came [neg -0.9]"
OUTAGE = float(os.environ.get("VOC_TEST_OUTAGE_SECONDS", "2"))
FAST = AlertSettings(
    alerts_backoff_base_seconds=0.05,
    alerts_backoff_max_seconds=0.5,
    alerts_poll_seconds=0.05,
    alerts_http_timeout_seconds=5,
)


def test_signature_is_hmac_sha256_of_the_body_rfc4231_case_2():
    # RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
    expected = "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    assert sign_body("Jefe", b"what do ya want for nothing?") == expected
    assert verify_signature("Jefe", b"what do ya want for nothing?", expected)
    assert not verify_signature("Jefe", b"what do ya want for nothing!", expected)
    assert not verify_signature("jefe", b"what do ya want for nothing?", expected)
    assert not verify_signature("Jefe", b"what do ya want for nothing?", None)


def test_backoff_is_exponential_capped_and_jittered():
    rng = random.Random(7)
    for failures in range(1, 15):
        ceiling = min(60.0, 2.0 ** (failures - 1))
        delays = [backoff_delay(failures, 1.0, 60.0, rng) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert max(delays) - min(delays) > ceiling / 4  # jitter spreads retries
    assert backoff_delay(30, 1.0, 60.0, rng) <= 60.0


@pytest.fixture
def receiver():
    with WebhookReceiver(SECRET) as r:
        yield r


def outbox_rows(store) -> list[OutboxMessage]:
    with store.read_session() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_notification_is_signed_keyed_and_carries_the_case(store, receiver):
    save_routing(store, routing_with_webhook(receiver.url, SECRET), "test")
    ingest(store, comment("Never again, closing my account [neg -0.9] [flag churn_intent]", customer="c9", nps=0))
    result = Deliverer(store, FAST).run_until_idle()
    assert result.delivered == 1
    (request,) = receiver.requests
    assert request.signature_ok and request.event == "case.opened"
    body = request.body
    assert request.idempotency_key == body["id"] == outbox_rows(store)[0].idempotency_key
    assert body["case"]["severity"] == "critical" and body["case"]["team"] == "retention"
    assert body["case"]["customer_id"] == store.pii.customer_id("c9") and body["comment"]["scores"] == {"nps": 0}
    assert body["comment"]["text"] == "Never again, closing my account"
    assert [r["id"] for r in body["rules"]] == ["critical_flag", "detractor_negative", "very_negative"]
    assert outbox_counts(store) == {"pending": 0, "delivered": 1, "dead": 0}


def test_a_receiver_down_then_back_gets_every_notification_exactly_once(store):
    receiver = WebhookReceiver(SECRET).start()
    port = receiver.port
    receiver.stop()  # down: connections to the port are refused
    save_routing(store, routing_with_webhook(f"http://127.0.0.1:{port}/hooks/voc", SECRET), "test")
    worker = DeliveryWorker(store, FAST).start()
    try:
        for batch in range(4):
            ingest(store, *(comment(BAD, customer=f"b{batch}-{i}") for i in range(5)))
        time.sleep(OUTAGE)  # the outage; the worker keeps retrying meanwhile
        assert receiver.requests == []
        receiver = WebhookReceiver(SECRET, port=port).start()
        assert receiver.wait_for(20, timeout=60)
    finally:
        worker.stop()
        receiver.stop()
    rows = outbox_rows(store)
    assert len(rows) == 20 and all(r.status == "delivered" for r in rows)
    assert set(receiver.records) == {r.idempotency_key for r in rows}
    assert all(r.signature_ok for r in receiver.requests)
    with store.read_session() as session:
        failures = session.scalars(select(WebhookDelivery).where(WebhookDelivery.outcome == "retry")).all()
    assert failures and all("Connect" in f.error for f in failures)
    assert max(r.attempts for r in rows) >= 2


def test_an_idempotent_receiver_records_a_repeated_notification_once(store, receiver):
    seen: set[str] = set()

    def fail_first_answer(request) -> int:
        # processed, but the answer is lost: the sender must retry, with the same key and body
        first = request.idempotency_key not in seen
        seen.add(request.idempotency_key)
        return 503 if first else 200

    receiver.respond_with = fail_first_answer
    save_routing(store, routing_with_webhook(receiver.url, SECRET), "test")
    ingest(store, *(comment(BAD, customer=f"i{i}") for i in range(3)))
    with DeliveryWorker(store, FAST):
        assert _wait(lambda: outbox_counts(store)["delivered"] == 3)
    assert len(receiver.requests) == 6 and len(receiver.records) == 3
    for key in receiver.records:
        bodies = [r.body for r in receiver.requests if r.idempotency_key == key]
        assert len(bodies) == 2 and bodies[0] == bodies[1]


def _wait(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


class Clock:
    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now


def test_wrong_secrets_are_retried_then_dead_then_requeued(store, receiver):
    save_routing(store, routing_with_webhook(receiver.url, "not-the-receivers-secret"), "test")
    ingest(store, comment(BAD))
    clock = Clock()
    settings = AlertSettings(alerts_max_attempts=3, alerts_backoff_base_seconds=10, alerts_backoff_max_seconds=10)
    deliverer = Deliverer(store, settings, clock=clock)
    assert deliverer.run_once().retried == 1
    assert deliverer.run_once().claimed == 0  # not due for another 5-10 s
    clock.now += timedelta(seconds=10)
    assert deliverer.run_once().retried == 1
    clock.now += timedelta(seconds=10)
    assert deliverer.run_once().dead == 1
    assert outbox_counts(store) == {"pending": 0, "delivered": 0, "dead": 1}
    assert [r.signature_ok for r in receiver.requests] == [False, False, False]
    with store.read_session() as session:
        log = session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)).all()
    assert [(d.attempt, d.status_code, d.outcome) for d in log] == [
        (1, 401, "retry"),
        (2, 401, "retry"),
        (3, 401, "dead"),
    ]
    save_routing(store, routing_with_webhook(receiver.url, SECRET), "test")
    assert requeue_dead(store) == 1
    assert Deliverer(store, settings, clock=clock).run_until_idle().delivered == 1
    assert len(receiver.records) == 1


def test_a_webhook_removed_from_the_routing_is_dead_not_retried(store, receiver):
    document = routing_with_webhook(receiver.url, SECRET)
    save_routing(store, document, "test")
    ingest(store, comment(BAD))
    document["teams"]["customer_care"] = {}
    save_routing(store, document, "test")
    assert Deliverer(store, FAST).run_until_idle().dead == 1
    assert outbox_rows(store)[0].last_error == "webhook no longer configured for this team"
    assert receiver.requests == []


def test_a_failing_receiver_does_not_hold_up_another_teams(store, receiver):
    down = WebhookReceiver(SECRET).start()
    down_url = down.url
    down.stop()
    document = routing_with_webhook(receiver.url, SECRET)
    document["teams"]["risk"] = {"webhooks": [{"name": "crm", "url": down_url, "secret": SECRET}]}
    save_routing(store, document, "test")
    ingest(
        store,
        *(comment("Sue [neu 0] [flag legal_threat]", customer=f"r{i}") for i in range(3)),
        comment(BAD, customer="ok"),
    )
    result = Deliverer(store, FAST).run_once()
    assert (result.claimed, result.retried, result.deferred, result.delivered) == (4, 1, 2, 1)
    assert len(receiver.records) == 1


def test_when_a_receiver_answers_again_its_other_retries_go_at_once(store):
    receiver = WebhookReceiver(SECRET).start()
    port = receiver.port
    receiver.stop()
    save_routing(store, routing_with_webhook(f"http://127.0.0.1:{port}/hooks/voc", SECRET), "test")
    ingest(store, *(comment(BAD, customer=f"x{i}") for i in range(3)))
    clock = Clock()
    settings = AlertSettings(alerts_backoff_base_seconds=100, alerts_backoff_max_seconds=100)
    deliverer = Deliverer(store, settings, clock=clock)
    for _ in range(3):  # one attempt per pass while the receiver is down, the others deferred
        deliverer.run_once()
    rows = outbox_rows(store)
    assert [r.attempts for r in rows] == [1, 1, 1]
    receiver = WebhookReceiver(SECRET, port=port).start()
    try:
        clock.now = min(r.next_attempt_at for r in rows)  # only the earliest retry is due
        first = deliverer.run_once()
        assert (first.delivered, first.expedited) == (1, 2)
        assert deliverer.run_once().delivered == 2  # at the same moment, not 50-100 s later
    finally:
        receiver.stop()
    assert len(receiver.records) == 3
