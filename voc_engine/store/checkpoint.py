"""SQLite WAL checkpoints on a thread of the store's own, not inside a commit.

By default SQLite checkpoints in the connection whose commit takes the write-ahead log past
1,000 pages: that commit then also copies the log into the database file and syncs it, and
every request waiting on that commit (a group commit holds many) waits for the copy too. The
store turns this off for its connections and checkpoints from a background thread instead,
PASSIVE (it never waits for, nor blocks, readers and writers). Durability is unchanged: a
commit is durable once its log frames are synced; the checkpoint only moves them.
"""

from __future__ import annotations

import logging
import threading
import weakref

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)


def without_autocheckpoint(engine: Engine) -> None:
    """Connections of `engine` leave checkpoints to a `Checkpointer`."""

    @event.listens_for(engine, "connect")
    def _no_autocheckpoint(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


class Checkpointer:
    """Runs a passive checkpoint every `interval` seconds, until closed or its engine is gone."""

    def __init__(self, engine: Engine, interval: float = 0.5):
        self._engine = weakref.ref(engine)  # a store nobody closed still goes away, and this with it
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="voc-wal-checkpoint", daemon=True)
        self._thread.start()

    def checkpoint(self) -> tuple[int, int, int] | None:
        """(busy, frames in the log, frames checkpointed), as `PRAGMA wal_checkpoint` reports
        them; None once the engine is gone."""
        engine = self._engine()
        if engine is None:
            return None
        connection = engine.raw_connection()
        try:
            row = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            connection.close()
        return tuple(row)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                if self.checkpoint() is None:
                    return
            except Exception:  # noqa: BLE001 - a checkpoint missed now is made on the next round
                log.debug("WAL checkpoint failed", exc_info=True)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
