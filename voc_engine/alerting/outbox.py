"""The transactional outbox: notifications written with the case change, delivered afterwards.

`enqueue` runs inside the transaction that opens or updates a case, so the notification exists
exactly when the case does; a crash between commit and delivery leaves a pending row that the
next delivery pass (after a restart, in any process) sends. Delivery is therefore at least once:
every row carries an Idempotency-Key that the receiver can use to drop repeats.

Claiming takes a lease (`locked_until`): concurrent workers never send the same row at the same
time, and a worker that died mid-send frees its rows when the lease runs out.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import and_, event, func, or_, select, update
from sqlalchemy.orm import Session

from voc_engine.alerting.models import OutboxMessage, WebhookDelivery
from voc_engine.store.hooks import session_extensions
from voc_engine.store.models import utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.alerting.routing import Routing
    from voc_engine.store.repository import FeedbackStore

STATUSES = ("pending", "delivered", "dead")

class Wakers:
    """The in-process delivery workers of one runtime (its alerting extension holds them): each
    is woken after every commit of that runtime's store that enqueued something, so it delivers
    at once instead of at its next poll."""

    def __init__(self) -> None:
        self._wakers: set[Callable[[], None]] = set()
        self._lock = threading.Lock()

    def register(self, wake: Callable[[], None]) -> None:
        with self._lock:
            self._wakers.add(wake)

    def unregister(self, wake: Callable[[], None]) -> None:
        with self._lock:
            self._wakers.discard(wake)

    def wake_all(self, _session: Session | None = None) -> None:
        with self._lock:
            wakers = list(self._wakers)
        for wake in wakers:
            wake()


def wakers_of(extensions: Any) -> Wakers | None:
    """The wakers of a store's (or a session's) extensions; None without the alerting extension."""
    extension = extensions.get("alerting") if extensions is not None else None
    return extension.wakers if extension is not None else None


def encode_body(body: dict[str, Any]) -> str:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False, default=str)


def enqueue(
    session: Session,
    *,
    case_id: int | None = None,
    team: str | None,
    event_name: str,
    payload: dict[str, Any],
    routing: "Routing",
) -> int:
    """One outbox row per webhook of the team, in the caller's transaction; returns how many."""
    hooks = routing.webhooks_for(team)
    if not hooks:
        return 0
    now = utcnow()
    for hook in hooks:
        key = f"voc-{uuid.uuid4().hex}"
        body = {"id": key, "event": event_name, "created_at": now.isoformat(), "team": team, "webhook": hook.name}
        body.update(payload)
        session.add(
            OutboxMessage(
                idempotency_key=key,
                event=event_name,
                case_id=case_id,
                team=team,
                webhook=hook.name,
                body=encode_body(body),
                created_at=now,
                status="pending",
                attempts=0,
                next_attempt_at=now,
            )
        )
    wakers = wakers_of(session_extensions(session))
    if wakers is not None and not session.info.get("voc_outbox_wake"):
        session.info["voc_outbox_wake"] = True
        event.listen(session, "after_commit", wakers.wake_all)
    return len(hooks)


@dataclass(frozen=True)
class ClaimedMessage:
    id: int
    idempotency_key: str
    event: str
    team: str
    webhook: str
    body: str
    attempts: int


def claim_due(store: "FeedbackStore", now: datetime, lease: timedelta, limit: int) -> list[ClaimedMessage]:
    """Take up to `limit` due rows for this worker until `now + lease`."""
    with store.write_session() as session, session.begin():
        query = (
            select(OutboxMessage)
            .where(
                OutboxMessage.status == "pending",
                OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until <= now),
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
        )
        if store.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = session.scalars(query).all()
        for row in rows:
            row.locked_until = now + lease
        return [ClaimedMessage(r.id, r.idempotency_key, r.event, r.team, r.webhook, r.body, r.attempts) for r in rows]


def record_attempt(
    store: "FeedbackStore",
    message: ClaimedMessage,
    *,
    outcome: str,
    url: str,
    at: datetime,
    duration_ms: float,
    status_code: int | None = None,
    error: str | None = None,
    next_attempt_at: datetime | None = None,
) -> None:
    """Log one attempt and move the row on: delivered, retry later, or dead."""
    values: dict[str, Any] = {"attempts": OutboxMessage.attempts + 1, "locked_until": None, "last_error": error}
    if outcome == "delivered":
        values.update(status="delivered", delivered_at=at)
    elif outcome == "dead":
        values["status"] = "dead"
    else:
        values["next_attempt_at"] = next_attempt_at or at
    with store.write_session() as session, session.begin():
        session.execute(update(OutboxMessage).where(OutboxMessage.id == message.id).values(**values))
        session.add(
            WebhookDelivery(
                outbox_id=message.id,
                attempt=message.attempts + 1,
                at=at,
                url=url,
                status_code=status_code,
                error=error[:2000] if error else None,
                duration_ms=duration_ms,
                outcome=outcome,
            )
        )


def release(store: "FeedbackStore", ids: list[int]) -> None:
    """Give claimed rows back untried (their webhook failed earlier in this pass)."""
    if ids:
        with store.write_session() as session, session.begin():
            session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(locked_until=None))


def expedite(store: "FeedbackStore", webhooks: set[tuple[str, str]], now: datetime) -> int:
    """Make the waiting retries of these (team, webhook) pairs due now: their receiver is back."""
    if not webhooks:
        return 0
    with store.write_session() as session, session.begin():
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == "pending",
                OutboxMessage.next_attempt_at > now,
                or_(*(and_(OutboxMessage.team == t, OutboxMessage.webhook == w) for t, w in sorted(webhooks))),
            )
            .values(next_attempt_at=now)
        )
        return result.rowcount or 0


def requeue_dead(store: "FeedbackStore") -> int:
    """Give every dead message a fresh set of attempts (after fixing a webhook, say)."""
    with store.write_session() as session, session.begin():
        result = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "dead")
            .values(status="pending", attempts=0, next_attempt_at=utcnow(), locked_until=None)
        )
        return result.rowcount or 0


def outbox_counts(store: "FeedbackStore") -> dict[str, int]:
    with store.read_session() as session:
        found = dict(session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
    return {status: int(found.get(status, 0)) for status in STATUSES}


def next_due(store: "FeedbackStore") -> datetime | None:
    """When the earliest pending row is due (None: nothing pending)."""
    with store.read_session() as session:
        return session.scalar(select(func.min(OutboxMessage.next_attempt_at)).where(OutboxMessage.status == "pending"))


def delivery_log(store: "FeedbackStore", limit: int = 100, case_id: int | None = None) -> list[dict[str, Any]]:
    query = (
        select(WebhookDelivery, OutboxMessage.idempotency_key, OutboxMessage.case_id, OutboxMessage.webhook)
        .join(OutboxMessage, OutboxMessage.id == WebhookDelivery.outbox_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    if case_id is not None:
        query = query.where(OutboxMessage.case_id == case_id)
    with store.read_session() as session:
        rows = session.execute(query).all()
    return [
        {
            "id": d.id,
            "case_id": case,
            "webhook": hook,
            "idempotency_key": key,
            "attempt": d.attempt,
            "at": d.at.isoformat(),
            "url": d.url,
            "status_code": d.status_code,
            "error": d.error,
            "duration_ms": round(d.duration_ms, 1),
            "outcome": d.outcome,
        }
        for d, key, case, hook in rows
    ]
