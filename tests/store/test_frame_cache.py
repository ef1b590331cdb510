"""`FeedbackStore.read_frame` keeps frames between calls (`voc_engine.store.framecache`): a frame
is reused while this process has written nothing it holds, a write through any session of the
store ends it at once, a write by another process shows within `frame_cache_seconds`, and a
caller's changes to its copy never reach the next caller. SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import event

from voc_engine.store.filters import CommentFilter
from voc_engine.store.repository import FeedbackStore

NOW = datetime.now(timezone.utc)


def rows(start: int, n: int, text: str = "The wait was bad") -> list[dict]:
    return [{"source": "t", "external_id": str(i), "text": f"{text} {i}", "channel": "survey",
             "created_at": (NOW - timedelta(hours=i + 1)).isoformat()} for i in range(start, start + n)]


def frame_reads(store: FeedbackStore) -> list[str]:
    """The statements that read comments for a frame, as they run."""
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: seen.append(statement)
                 if statement.lstrip().upper().startswith("SELECT") and "AS redacted_text" in statement else None)
    return seen


def test_a_frame_is_reused_until_this_process_writes(db_url, settings, enrich):
    store = FeedbackStore(db_url, settings.updated(frame_cache_seconds=60))
    try:
        store.ingest(rows(0, 5), enrich)
        reads = frame_reads(store)
        first = store.read_frame()
        second = store.read_frame()
        assert len(first) == len(second) == 5 and len(reads) == 1

        second["channel"] = "changed"  # a caller's copy is its own
        assert set(store.read_frame()["channel"]) == {"survey"}

        store.ingest(rows(5, 2), enrich)  # a write ends every kept frame at once
        assert len(store.read_frame()) == 7 and len(reads) == 2
        negative = store.read_frame(CommentFilter(sentiment=["negative"]))  # kept per filter
        assert len(negative) == 7 and len(reads) == 3

        from voc_engine.store.audit import record

        with store.write_session() as session, session.begin():  # a write to no table of the frame
            record(session, "test", "test.unrelated", "nothing", {})
        store.read_frame()
        assert len(reads) == 3
    finally:
        store.dispose()


def test_another_process_write_shows_within_the_bound(db_url, settings, enrich):
    bound = 1.0
    reader = FeedbackStore(db_url, settings.updated(frame_cache_seconds=bound))
    writer = FeedbackStore(db_url, settings)  # another store: as another process, it shares no memory
    try:
        writer.ingest(rows(0, 3), enrich)
        assert len(reader.read_frame()) == 3
        writer.ingest(rows(3, 4), enrich)
        time.sleep(bound + 0.1)
        assert len(reader.read_frame()) == 7
    finally:
        writer.dispose()
        reader.dispose()


def test_with_zero_seconds_every_call_reads(db_url, settings, enrich):
    store = FeedbackStore(db_url, settings.updated(frame_cache_seconds=0))
    try:
        store.ingest(rows(0, 3), enrich)
        reads = frame_reads(store)
        store.read_frame()
        store.read_frame()
        assert len(reads) == 2
    finally:
        store.dispose()
