"""Extension points for modules that build on stored comments (alerts and cases, for instance).

An ingest hook runs inside the transaction that stores a batch, after its comments and
enrichments are written: whatever it writes (an alert, a case, an outbox row) commits or rolls
back together with the comments. An erasure hook runs inside the erasure transaction, before the
comments go, so it can delete what it derived from them. Tables that reference `comments.id`
with ON DELETE CASCADE need no erasure hook at all.

The store knows no module built on it by name. A module declares itself an extension with a
Python entry point in the ``voc_engine.extensions`` group (``pyproject.toml``) naming a module
whose ``extension(settings)`` builds its object for one runtime: its ``on_ingest`` and
``on_erase`` methods, when it has them, are the hooks, and whatever else it holds (a compiled
configuration, a loaded model) belongs to that runtime. Every store loads the extensions when it
is built (`Extensions.load`); importing them is also what adds their tables to the shared
metadata, for the migration environment. An extension's schema changes are its own: the module
names a folder of Alembic revisions in ``MIGRATIONS`` and the store's migration environment
collects every such folder (`migration_locations`) next to its own ``versions``. (The first
revisions form one linear history across owners, so a store revision may name an extension's as
its parent; new revisions of an extension go in its own folder.)::

    # pyproject.toml
    [project.entry-points."voc_engine.extensions"]
    alerting = "voc_engine.alerting.hooks"

    # voc_engine/alerting/hooks.py
    MIGRATIONS = Path(__file__).parent / "migrations"

    class AlertingExtension:
        def __init__(self, settings): ...
        def on_ingest(self, session, stored):  # stored: list[StoredComment]
            ...

    def extension(settings):
        return AlertingExtension(settings)
"""

from __future__ import annotations

from importlib.metadata import entry_points
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Mapping

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
# Where a store's sessions carry its extensions (Session.info), for code that runs inside a
# transaction and needs its runtime's state: an ingest hook's outbox rows wake that runtime's
# delivery worker, not another's.
SESSION_KEY = "voc_extensions"


class Extensions:
    """The modules built on the store as one runtime loaded them: their hooks, and the object
    each keeps for that runtime (compiled configuration, loaded models), by entry-point name.

    Every store has one (`FeedbackStore.extensions`); two runtimes in a process have two, and
    share nothing through them.
    """

    def __init__(self, objects: Mapping[str, Any] | None = None):
        self._objects = dict(objects or {})
        self._ingest: list[IngestHook] = [o.on_ingest for o in self._objects.values() if hasattr(o, "on_ingest")]
        self._erasure: list[ErasureHook] = [o.on_erase for o in self._objects.values() if hasattr(o, "on_erase")]

    @classmethod
    def load(cls, settings: Any) -> "Extensions":
        """Every installed extension (entry points of EXTENSIONS_GROUP), each built for ``settings``
        (a `voc_engine.config.Settings`). Importing a module registers its tables too."""
        objects = {}
        for entry in sorted(entry_points(group=EXTENSIONS_GROUP), key=lambda e: e.name):
            loaded = entry.load()
            factory = loaded.extension if isinstance(loaded, ModuleType) else loaded
            objects[entry.name] = factory(settings)
        return cls(objects)

    def get(self, name: str) -> Any | None:
        """The object of extension ``name`` (None when it is not installed)."""
        return self._objects.get(name)

    @property
    def names(self) -> list[str]:
        return list(self._objects)

    def add_ingest_hook(self, hook: IngestHook) -> IngestHook:
        if hook not in self._ingest:
            self._ingest.append(hook)
        return hook

    def add_erasure_hook(self, hook: ErasureHook) -> ErasureHook:
        if hook not in self._erasure:
            self._erasure.append(hook)
        return hook

    def remove_hook(self, hook: IngestHook | ErasureHook) -> None:
        for hooks in (self._ingest, self._erasure):
            if hook in hooks:
                hooks.remove(hook)

    @property
    def ingest_hooks(self) -> tuple[IngestHook, ...]:
        return tuple(self._ingest)

    @property
    def erasure_hooks(self) -> tuple[ErasureHook, ...]:
        return tuple(self._erasure)


def migration_locations() -> list[Path]:
    """The folders of Alembic revisions that installed extensions declare (their ``MIGRATIONS``)."""
    locations: list[Path] = []
    for entry in sorted(entry_points(group=EXTENSIONS_GROUP), key=lambda e: e.name):
        loaded = entry.load()
        folder = getattr(loaded, "MIGRATIONS", None)
        if folder is not None and Path(folder) not in locations:
            locations.append(Path(folder))
    return locations


def session_extensions(session: Session) -> Extensions | None:
    """The extensions of the store whose session this is (None for a session made elsewhere)."""
    return session.info.get(SESSION_KEY)
