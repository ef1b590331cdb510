"""Extension points for modules that build on stored comments (alerts and cases, for instance).

An ingest hook runs inside the transaction that stores a batch, after its comments and
enrichments are written: whatever it writes (an alert, a case, an outbox row) commits or rolls
back together with the comments. An erasure hook runs inside the erasure transaction, before the
comments go, so it can delete what it derived from them. Tables that reference `comments.id`
with ON DELETE CASCADE need no erasure hook at all.

The store knows no module built on it by name. A module registers its hooks at import time and
declares itself an extension with a Python entry point in the ``voc_engine.extensions`` group
(``pyproject.toml``), which every store loads before its first ingest or erasure and the
migration environment loads so that the module's tables join the shared metadata::

    # pyproject.toml
    [project.entry-points."voc_engine.extensions"]
    alerting = "voc_engine.alerting.hooks"

    # voc_engine/alerting/hooks.py
    from voc_engine.store.hooks import register_ingest_hook

    @register_ingest_hook
    def open_cases(session, stored):  # stored: list[StoredComment]
        ...
"""

from __future__ import annotations

import threading
from importlib.metadata import entry_points
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from sqlalchemy.orm import Session

from voc_engine.schema import Enrichment

EXTENSIONS_GROUP = "voc_engine.extensions"


@dataclass(frozen=True)
class StoredComment:
    """A comment as just stored. There is deliberately no raw text here: use `enrichment.redacted_text`."""

    id: str
    source: str
    external_id: str | None
    created_at: datetime
    received_at: datetime
    channel: str | None
    touchpoint: str | None
    journey_stage: str | None
    customer_id: str | None
    customer_pk: int | None
    segment: str | None
    scores: dict[str, float]
    metadata: dict[str, Any]
    enrichment: Enrichment = field(repr=False)


IngestHook = Callable[[Session, list[StoredComment]], None]
ErasureHook = Callable[[Session, list[str]], None]

_ingest_hooks: list[IngestHook] = []
_erasure_hooks: list[ErasureHook] = []
_loaded = False
_load_lock = threading.Lock()


def register_ingest_hook(hook: IngestHook) -> IngestHook:
    if hook not in _ingest_hooks:
        _ingest_hooks.append(hook)
    return hook


def register_erasure_hook(hook: ErasureHook) -> ErasureHook:
    if hook not in _erasure_hooks:
        _erasure_hooks.append(hook)
    return hook


def load_extensions() -> None:
    """Import every installed extension (entry points of EXTENSIONS_GROUP), once per process."""
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if not _loaded:
            for extension in entry_points(group=EXTENSIONS_GROUP):
                extension.load()
            _loaded = True


def ingest_hooks() -> list[IngestHook]:
    load_extensions()
    return list(_ingest_hooks)


def erasure_hooks() -> list[ErasureHook]:
    load_extensions()
    return list(_erasure_hooks)
