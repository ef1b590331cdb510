"""Alerting's ingest hook: rules run on every newly stored comment, inside its transaction.

So an alert, its case and the case's outbox rows commit together with the comment, or not at
all. Declared as a `voc_engine.extensions` entry point (pyproject.toml), so every store loads it. Erasure
needs no hook: cases, alerts and outbox rows go with the comments by ON DELETE CASCADE.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from voc_engine.alerting.cases import open_cases
from voc_engine.store.hooks import StoredComment, register_ingest_hook


@register_ingest_hook
def raise_alerts(session: Session, stored: list[StoredComment]) -> None:
    open_cases(session, stored)
