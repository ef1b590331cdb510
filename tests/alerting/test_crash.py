"""kill -9 between the case commit and the webhook delivery: the notification still goes out.

A child process stores a bad comment (its case and outbox row commit with it) and is killed with
SIGKILL (1) before it delivers anything, (2) while its webhook request is at the receiver, before
it could record the delivery. `voc alerts deliver --once` started afterwards sends what is left;
in (2) the receiver sees the same Idempotency-Key twice and records it once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from alerting_helpers import routing_with_webhook

from voc_engine.alerting.config import save_routing
from voc_engine.alerting.outbox import outbox_counts
from voc_engine.alerting.receiver import WebhookReceiver
from voc_engine.store.privacy import load_or_create_key, pseudonymise

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SECRET = "crash-secret"

CHILD = """
import sys, time
sys.path.insert(0, sys.argv[3])
from alerting_helpers import comment, spec_enrich
from voc_engine.store.repository import FeedbackStore
store = FeedbackStore(sys.argv[1])
results = store.ingest([comment("Awful, never again [neg -0.95]", customer="k9", nps=0)], spec_enrich)
assert results[0].ok, results[0].error
print("COMMITTED", flush=True)
if sys.argv[2] == "before-delivery":
    time.sleep(600)
else:
    from voc_engine.alerting.notify import deliver_pending
    deliver_pending(store)
    print("DELIVERED", flush=True)
"""


def _env(url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "VOC_DATABASE_URL": url,
            "VOC_DATA_DIR": str(data_dir),
            "VOC_ALERTS_LEASE_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(REPO),
        }
    )
    return env


def _start_child(url: str, mode: str, env: dict[str, str]) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, mode, str(HERE)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = child.stdout.readline()
    assert line.strip() == "COMMITTED", child.stderr.read()
    return child


def _kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(30) == -signal.SIGKILL


def _deliver_after_restart(env: dict[str, str]) -> str:
    result = subprocess.run(
        # `voc alerts deliver --once`, without importing every other domain's CLI (seconds of imports)
        [sys.executable, "-c", "from voc_engine.alerting.cli import alerts_app; alerts_app(['deliver', '--once'])"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_killed_before_delivery_the_notification_goes_out_after_restart(store, sqlite_url, tmp_path):
    with WebhookReceiver(SECRET) as receiver:
        save_routing(store, routing_with_webhook(receiver.url, SECRET), "test")
        env = _env(sqlite_url, tmp_path)
        child = _start_child(sqlite_url, "before-delivery", env)
        _kill(child)
        assert receiver.requests == []
        assert outbox_counts(store) == {"pending": 1, "delivered": 0, "dead": 0}
        _deliver_after_restart(env)
        assert len(receiver.records) == 1 and len(receiver.requests) == 1
        (body,) = receiver.records.values()
        assert body["event"] == "case.opened" and body["case"]["customer_id"] == pseudonymise("k9", load_or_create_key(None, tmp_path))
    assert outbox_counts(store) == {"pending": 0, "delivered": 1, "dead": 0}


def test_killed_mid_delivery_the_notification_is_resent_and_recorded_once(store, sqlite_url, tmp_path):
    arrived, killed = threading.Event(), threading.Event()

    def hold(request) -> None:
        if not arrived.is_set():
            arrived.set()
            killed.wait(30)  # the sender dies before our answer reaches it

    with WebhookReceiver(SECRET) as receiver:
        receiver.before_response = hold
        save_routing(store, routing_with_webhook(receiver.url, SECRET), "test")
        env = _env(sqlite_url, tmp_path)
        child = _start_child(sqlite_url, "mid-delivery", env)
        assert arrived.wait(60), child.stderr.read()
        _kill(child)
        killed.set()
        assert outbox_counts(store)["pending"] == 1  # the child never recorded the delivery
        time.sleep(1.2)  # the child's claim (1 s lease) runs out
        _deliver_after_restart(env)
        assert len(receiver.requests) == 2 and len(receiver.records) == 1
        assert receiver.requests[0].idempotency_key == receiver.requests[1].idempotency_key
        assert receiver.requests[0].body == receiver.requests[1].body
    assert outbox_counts(store) == {"pending": 0, "delivered": 1, "dead": 0}
