"""Frames of stored comments kept between requests (`FeedbackStore.read_frame`).

Kept apart from `voc_engine.store.frame` so that opening a store does not import pandas.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable

from voc_engine.store.db import on_committed_write

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Engine

# Tables whose rows make up a frame: a write to one of them makes every kept frame old.
FRAME_TABLES = ("comments", "enrichments", "comment_tags", "comment_flags", "customers")


class FrameCache:
    """Frames read from the store, kept per filter and reused while nothing they hold changed.

    Reading 100,000 comments (with their enrichments, tags and flags) costs seconds; a chart or a
    driver analysis over the frame costs a fraction of that. A frame is reused only if this
    process has committed no write to `FRAME_TABLES` since it was read (watched on the engine,
    whichever session wrote) and it is at most ``max_age`` seconds old, which bounds how late a
    write by another process shows. Callers get a copy, so they may change it.
    """

    def __init__(self, engine: "Engine", max_age: float, max_entries: int = 4):
        self.max_age = max_age
        self.max_entries = max_entries
        self.generation = 0
        self._frames: OrderedDict[str, tuple[int, float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        if max_age > 0:
            on_committed_write(engine, FRAME_TABLES, self._written)

    def _written(self) -> None:
        with self._lock:
            self.generation += 1
            self._frames.clear()

    def get(self, key: str, read: Callable[[], Any]) -> Any:
        if self.max_age <= 0:
            return read()
        now = time.monotonic()
        with self._lock:
            kept = self._frames.get(key)
            generation = self.generation
        if kept is not None and kept[0] == generation and now - kept[1] <= self.max_age:
            return kept[2].copy()
        frame = read()
        with self._lock:
            if self.generation == generation:  # no write committed while it was read
                self._frames[key] = (generation, now, frame)
                self._frames.move_to_end(key)
                while len(self._frames) > self.max_entries:
                    self._frames.popitem(last=False)
        return frame.copy()
