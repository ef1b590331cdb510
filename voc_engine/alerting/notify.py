"""Webhook delivery from the outbox: signed JSON, an Idempotency-Key, retries with backoff and jitter.

Each request carries::

    Content-Type: application/json
    X-VOC-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's secret>
    Idempotency-Key: <the outbox row's key; the same on every retry of that notification>
    X-VOC-Event: case.opened | case.updated
    X-VOC-Attempt: <1, 2, ...>

A 2xx answer is delivery. Anything else (an error status, a refused connection, a timeout) is
retried after a delay drawn between d/2 and d, d = min(max, base * 2**(n-1)) for the n-th
failure, until `alerts_max_attempts`; then the row is 'dead' (`voc alerts deliver --retry-dead`
gives it a new series). Every attempt is logged in `webhook_deliveries`. Within a pass, once a
receiver fails its other notifications wait for the next pass; once it answers again, its other
waiting retries are made due at once rather than each sitting out its backoff.

`DeliveryWorker` runs passes in a background thread (what `voc serve` does in-process);
`voc alerts deliver` runs the same loop as its own process.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import random
import threading
import time
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable

import httpx

from voc_engine import __version__
from voc_engine.alerting.config import load_active_config
from voc_engine.alerting.outbox import (
    ClaimedMessage,
    claim_due,
    expedite,
    record_attempt,
    release,
    wakers_of,
)
from voc_engine.config import AlertSettings
from voc_engine.errors import ConfigError
from voc_engine.store.models import utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

log = logging.getLogger("voc_engine.alerting.notify")
SIGNATURE_HEADER = "X-VOC-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


def sign_body(secret: str, body: bytes) -> str:
    """The X-VOC-Signature value for `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return bool(header) and hmac.compare_digest(sign_body(secret, body), header)


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random) -> float:
    """Seconds to wait after the `failures`-th failed attempt: exponential, capped, jittered."""
    ceiling = min(cap, base * 2 ** max(0, failures - 1))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


@dataclass
class DeliveryPass:
    claimed: int = 0
    delivered: int = 0
    retried: int = 0
    dead: int = 0
    deferred: int = 0
    expedited: int = 0

    def add(self, other: "DeliveryPass") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Deliverer:
    """Claims due outbox rows and sends them; one `run_once` is one pass."""

    def __init__(
        self,
        store: "FeedbackStore",
        settings: AlertSettings | None = None,
        *,
        client: httpx.Client | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.store = store
        self.settings = settings or store.settings.alerting
        self._own_client = client is None
        self.client = client or httpx.Client(
            timeout=self.settings.alerts_http_timeout_seconds, follow_redirects=False, trust_env=False
        )
        self.rng = rng or random.Random()
        self.clock = clock

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def run_once(self) -> DeliveryPass:
        settings = self.settings
        now = self.clock()
        claimed = claim_due(
            self.store, now, timedelta(seconds=settings.alerts_lease_seconds), settings.alerts_batch_size
        )
        result = DeliveryPass(claimed=len(claimed))
        if not claimed:
            return result
        routing = load_active_config(self.store).routing
        failed_urls: set[str] = set()
        recovered: set[tuple[str, str]] = set()
        deferred: list[int] = []
        for message in claimed:
            webhook = routing.webhook(message.team, message.webhook)
            if webhook is None:
                self._record(message, "dead", "-", 0.0, error="webhook no longer configured for this team")
                result.dead += 1
                continue
            if webhook.url in failed_urls:
                deferred.append(message.id)  # that receiver just failed: don't hammer it this pass
                continue
            outcome = self._deliver(message, webhook)
            if outcome == "delivered":
                result.delivered += 1
                if message.attempts:
                    recovered.add((message.team, message.webhook))
            else:
                failed_urls.add(webhook.url)
                if outcome == "dead":
                    result.dead += 1
                else:
                    result.retried += 1
        release(self.store, deferred)
        result.deferred = len(deferred)
        # A receiver that failed before answers again: its other notifications need not sit out their backoff.
        result.expedited = expedite(self.store, recovered, self.clock())
        return result

    def run_until_idle(self, max_passes: int = 1000) -> DeliveryPass:
        """Passes until nothing is due now (rows waiting for a retry later stay pending)."""
        total = DeliveryPass()
        for _ in range(max_passes):
            one = self.run_once()
            total.add(one)
            if (one.claimed == 0 or one.claimed == one.deferred) and not one.expedited:
                break
        return total

    def _deliver(self, message: ClaimedMessage, webhook) -> str:
        body = message.body.encode()
        started = time.perf_counter()
        status: int | None = None
        error: str | None = None
        try:
            secret = webhook.resolve_secret()
            headers = {
                "Content-Type": "application/json",
                "User-Agent": f"voc-engine/{__version__}",
                SIGNATURE_HEADER: sign_body(secret, body),
                IDEMPOTENCY_HEADER: message.idempotency_key,
                "X-VOC-Event": message.event,
                "X-VOC-Attempt": str(message.attempts + 1),
            }
            response = self.client.post(webhook.url, content=body, headers=headers)
            status = response.status_code
            if 200 <= status < 300:
                self._record(message, "delivered", webhook.url, _ms(started), status_code=status)
                return "delivered"
            error = f"HTTP {status}"
        except ConfigError as exc:
            error = str(exc)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        failures = message.attempts + 1
        if failures >= self.settings.alerts_max_attempts:
            self._record(message, "dead", webhook.url, _ms(started), status_code=status, error=error)
            log.warning(
                "webhook gave up", extra={"outbox_id": message.id, "webhook": message.webhook, "attempts": failures}
            )
            return "dead"
        delay = backoff_delay(
            failures, self.settings.alerts_backoff_base_seconds, self.settings.alerts_backoff_max_seconds, self.rng
        )
        self._record(
            message,
            "retry",
            webhook.url,
            _ms(started),
            status_code=status,
            error=error,
            next_attempt_at=self.clock() + timedelta(seconds=delay),
        )
        return "retry"

    def _record(self, message: ClaimedMessage, outcome: str, url: str, duration_ms: float, **kwargs: Any) -> None:
        record_attempt(
            self.store, message, outcome=outcome, url=url, at=self.clock(), duration_ms=duration_ms, **kwargs
        )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def deliver_pending(store: "FeedbackStore", settings: AlertSettings | None = None, **kwargs: Any) -> DeliveryPass:
    """Send everything due now, once (retries that are not yet due stay pending)."""
    deliverer = Deliverer(store, settings, **kwargs)
    try:
        return deliverer.run_until_idle()
    finally:
        deliverer.close()


class DeliveryWorker:
    """A background thread running delivery passes: woken after each commit that enqueued
    something, and every `alerts_poll_seconds` for retries and rows left by a crash."""

    def __init__(self, store: "FeedbackStore", settings: AlertSettings | None = None, **deliverer_kwargs: Any):
        self.settings = settings or store.settings.alerting
        self.deliverer = Deliverer(store, self.settings, **deliverer_kwargs)
        self._wakers = wakers_of(store.extensions)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.totals = DeliveryPass()

    def start(self) -> "DeliveryWorker":
        if self._thread is None:
            if self._wakers is not None:
                self._wakers.register(self.wake)
            self._thread = threading.Thread(target=self._run, name="voc-webhook-delivery", daemon=True)
            self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        if self._wakers is not None:
            self._wakers.unregister(self.wake)
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.deliverer.close()

    def __enter__(self) -> "DeliveryWorker":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        while not self._stop.is_set():
            busy = False
            try:
                one = self.deliverer.run_once()
                self.totals.add(one)
                busy = one.expedited > 0 or (
                    one.claimed > one.deferred and one.claimed >= self.settings.alerts_batch_size
                )
            except Exception:  # noqa: BLE001 - a database hiccup must not end the worker
                log.exception("webhook delivery pass failed; retrying")
            if not busy:
                self._wake.wait(self.settings.alerts_poll_seconds)
                self._wake.clear()
