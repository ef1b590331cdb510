"""The model registry: every model version that enriched a stored comment, and how many it did."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voc_engine.store.models import EnrichmentRow, ModelVersion
from voc_engine.store.rows import insert_for


def components(model_version: str) -> dict[str, str]:
    """'encoder:x;sentiment:v1;tagger:v1' -> {'encoder': 'x', ...} (kept verbatim if unparsable)."""
    parts = {}
    for part in re.split(r"[;+]", model_version):
        name, sep, version = part.partition(":")
        if not sep:
            return {"version": model_version}
        parts[name] = version
    return parts


def register_statement(dialect: str):
    """The INSERT that registers versions (a version registered before is left as it is)."""
    return insert_for(dialect, ModelVersion).on_conflict_do_nothing(index_elements=["version"])


def register_model_versions(session: Session, statement, versions: set[str], now: datetime) -> None:
    """Register `versions` with `statement` (`register_statement`'s, built once per store)."""
    if versions:
        session.execute(
            statement,
            [{"version": v, "components": components(v), "first_used_at": now} for v in sorted(versions)],
        )


def model_versions(session: Session) -> list[dict[str, Any]]:
    counts = dict(
        session.execute(select(EnrichmentRow.model_version, func.count()).group_by(EnrichmentRow.model_version)).all()
    )
    rows = session.scalars(select(ModelVersion).order_by(ModelVersion.id)).all()
    return [
        {
            "version": r.version,
            "components": r.components,
            "first_used_at": r.first_used_at.isoformat(),
            "comments": int(counts.get(r.version, 0)),
        }
        for r in rows
    ]
