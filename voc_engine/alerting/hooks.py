"""Alerting as an extension of the store: rules run on every newly stored comment, inside its
transaction, so an alert, its case and the case's outbox rows commit together with the comment,
or not at all.

Declared as a `voc_engine.extensions` entry point (pyproject.toml): every store builds one
`AlertingExtension` for its runtime, which holds that runtime's compiled configurations and its
delivery workers' wakers, and gives the runtime its flag source (the store's saved flag
configuration) and its in-process delivery worker. Erasure needs no hook: cases, alerts and
outbox rows go with the comments by ON DELETE CASCADE.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sqlalchemy.orm import Session

from voc_engine.alerting.opening import open_cases
from voc_engine.alerting.config import AlertConfigs, StoreFlags
from voc_engine.alerting.outbox import Wakers
from voc_engine.store.hooks import StoredComment

# The alerting tables' Alembic revisions (voc_engine.store.hooks.migration_locations).
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.alerting.notify import DeliveryWorker
    from voc_engine.config import Settings
    from voc_engine.store.repository import FeedbackStore


class AlertingExtension:
    def __init__(self, settings: "Settings"):
        self.settings = settings.alerting
        self.configs = AlertConfigs(settings.alerting)
        self.wakers = Wakers()

    def on_ingest(self, session: Session, stored: list[StoredComment]) -> None:
        open_cases(session, stored, self.configs.active(session))

    def flag_source(self, store: "Callable[[], FeedbackStore]") -> StoreFlags:
        """The flag configuration saved in the store ``store()`` finds (at the first batch)."""
        return StoreFlags(resolve=store)

    def delivery_worker(self, store: "FeedbackStore") -> "DeliveryWorker | None":
        """A started in-process delivery worker, unless delivery is external (`voc alerts deliver`)."""
        if self.settings.alerts_delivery != "in_process":
            return None
        from voc_engine.alerting.notify import DeliveryWorker  # httpx: only where webhooks go out

        return DeliveryWorker(store, self.settings).start()


def extension(settings: "Settings") -> AlertingExtension:
    return AlertingExtension(settings)
