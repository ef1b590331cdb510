"""The audit log: who did what to the store's data (erasure, quarantine, configuration changes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voc_engine.store.models import AuditEntry, utcnow

ACTOR_CHARS, TARGET_CHARS = AuditEntry.actor.type.length, AuditEntry.target.type.length


def record(
    session: Session, actor: str, action: str, target: str, details: dict[str, Any], at: datetime | None = None
) -> AuditEntry:
    """Add an audit entry to the session's transaction (flush it for its id). The actor and the
    target are cut to their columns' widths: a long name must not make the change it records fail."""
    entry = AuditEntry(at=at or utcnow(), actor=actor[:ACTOR_CHARS], action=action, target=target[:TARGET_CHARS],
                       details=details)
    session.add(entry)
    return entry


def audit_log(session: Session, limit: int = 100) -> list[dict[str, Any]]:
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).all()
    return [
        {
            "id": r.id,
            "at": r.at.isoformat(),
            "actor": r.actor,
            "action": r.action,
            "target": r.target,
            "details": r.details,
        }
        for r in rows
    ]
