"""Tables of the transactional level: alert configuration, cases, alerts, the outbox.

They share the feedback store's metadata (`voc_engine.store.models.Base`), so one Alembic history
and one schema check cover everything. Whatever holds comment text or points at a comment goes
with it on erasure: cases, alerts and outbox rows reference `comments` / `customers` with
ON DELETE CASCADE, and notes, events and deliveries hang off their case or outbox row the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from voc_engine.store.models import Base, BigIntPK, User  # noqa: F401  (users are the auth module's; re-exported for the case code)


class AlertConfig(Base):
    """Every saved version of the alert rules ('rules') and of the routing ('routing'); the newest wins."""

    __tablename__ = "alert_config"
    __table_args__ = (Index("ix_alert_config_kind_id", "kind", "id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)  # YAML as the admin wrote it
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100))


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_customer_pk_state", "customer_pk", "state"),
        Index("ix_cases_team_state", "team", "state"),
        Index("ix_cases_owner_id_state", "owner_id", "state"),
        Index("ix_cases_opened_at", "opened_at"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    rule_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(16))
    team: Mapped[str | None] = mapped_column(String(100))
    owner_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id", ondelete="SET NULL"))
    customer_pk: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("customers.id", ondelete="CASCADE"))
    comment_id: Mapped[str] = mapped_column(String(32), ForeignKey("comments.id", ondelete="CASCADE"))
    opened_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    last_alert_at: Mapped[datetime]
    assigned_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    response_due_at: Mapped[datetime]
    due_at: Mapped[datetime]  # closed by then, or the case is in breach
    resolution_code: Mapped[str | None] = mapped_column(String(50))
    outcome: Mapped[str | None] = mapped_column(String(30))
    alert_count: Mapped[int] = mapped_column(Integer, default=1)
    reopened_count: Mapped[int] = mapped_column(Integer, default=0)


class Alert(Base):
    """One rule matching one comment; every alert belongs to the case it opened or joined."""

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("comment_id", "rule_id"),
        Index("ix_alerts_case_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("cases.id", ondelete="CASCADE"))
    comment_id: Mapped[str] = mapped_column(String(32), ForeignKey("comments.id", ondelete="CASCADE"))
    rule_id: Mapped[str] = mapped_column(String(100))
    severity: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]


class CaseNote(Base):
    __tablename__ = "case_notes"
    __table_args__ = (Index("ix_case_notes_case_id", "case_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("cases.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class CaseEvent(Base):
    """The case's history: opened, alert added, assigned, each state change (who and when)."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_id", "case_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("cases.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    details: Mapped[dict[str, Any]]


class OutboxMessage(Base):
    """A notification to send, written in the transaction that changed the case (at-least-once).

    The body is kept as the exact bytes to send so that every retry carries the same body,
    signature and Idempotency-Key. The webhook's URL and secret are looked up at delivery time
    from the routing configuration (secrets never enter the database through here).
    """

    __tablename__ = "webhook_outbox"
    __table_args__ = (Index("ix_webhook_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    event: Mapped[str] = mapped_column(String(40))
    # None for messages about no case (an action plan's reminder names its plan in the body).
    case_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("cases.id", ondelete="CASCADE"))
    team: Mapped[str] = mapped_column(String(100))
    webhook: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | delivered | dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class WebhookDelivery(Base):
    """The delivery log: one row per attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_outbox_id", "outbox_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    outbox_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("webhook_outbox.id", ondelete="CASCADE"))
    attempt: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    url: Mapped[str] = mapped_column(Text)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[float] = mapped_column(Float)
    outcome: Mapped[str] = mapped_column(String(12))  # delivered | retry | dead
