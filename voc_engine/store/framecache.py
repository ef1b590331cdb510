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
    """Frames read from the store, and results computed over its rows, kept while nothing they
    hold changed.

    Reading 100,000 comments (with their enrichments, tags and flags) costs seconds, and so does a
    driver analysis or a handful of grouped counts over them. A kept frame or result is reused
    only if this process has committed no write to `FRAME_TABLES` since it was computed (watched
    on the engine, whichever session wrote) and it is at most ``max_age`` seconds old, which
    bounds how late a write by another process shows. Frames are handed out as copies, so callers
    may change them; results are shared and must be treated as read-only.
    """

    def __init__(self, engine: "Engine", max_age: float, max_frames: int = 4, max_results: int = 128):
        self.max_age = max_age
        self.limits = {"frame": max_frames, "result": max_results}
        self.generation = 0
        self._kept: dict[str, OrderedDict[str, tuple[int, float, Any]]] = {"frame": OrderedDict(), "result": OrderedDict()}
        self._lock = threading.Lock()
        if max_age > 0:
            on_committed_write(engine, FRAME_TABLES, self._written)

    def _written(self) -> None:
        with self._lock:
            self.generation += 1
            for kept in self._kept.values():
                kept.clear()

    def get(self, key: str, read: Callable[[], Any]) -> Any:
        """The frame `read` returns, kept under `key`; a copy each time."""
        return self._reuse("frame", key, read).copy()

    def result(self, key: str, compute: Callable[[], Any]) -> Any:
        """What `compute` returns (a results object over stored rows), kept under `key`."""
        return self._reuse("result", key, compute)

    def _reuse(self, kind: str, key: str, compute: Callable[[], Any]) -> Any:
        if self.max_age <= 0:
            return compute()
        now = time.monotonic()
        kept = self._kept[kind]
        with self._lock:
            found = kept.get(key)
            generation = self.generation
        if found is not None and found[0] == generation and now - found[1] <= self.max_age:
            return found[2]
        value = compute()
        with self._lock:
            if self.generation == generation:  # no write committed while it was computed
                kept[key] = (generation, now, value)
                kept.move_to_end(key)
                while len(kept) > self.limits[kind]:
                    kept.popitem(last=False)
        return value
