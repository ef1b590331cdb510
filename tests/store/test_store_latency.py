"""What keeps a small request fast next to big ones and under many writers (mechanisms, not timings)."""

from __future__ import annotations

import gc

from api.deps import loaded_pipeline
from voc_engine.config import Settings
from voc_engine.runtime import Runtime


def test_the_loaded_models_are_left_out_of_full_garbage_collections(pipeline, tmp_path):
    runtime = Runtime(Settings(data_dir=tmp_path), pipeline=pipeline)
    gc.unfreeze()
    try:
        loaded_pipeline(runtime)
        assert gc.get_freeze_count() > 0  # what existed once the models were loaded is frozen
    finally:
        gc.unfreeze()


def test_commits_leave_the_wal_checkpoint_to_the_stores_own_thread(tmp_path):
    import sqlite3

    from voc_engine.store.repository import FeedbackStore

    store = FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}", Settings(data_dir=tmp_path))
    try:
        store._checkpointer.close()  # only the explicit checkpoint below
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        with store.write_session() as session, session.begin():
            session.connection().exec_driver_sql("CREATE TABLE filler (x BLOB)")
            for _ in range(300):  # 1,200 pages: past the 1,000 at which a commit would checkpoint
                session.connection().exec_driver_sql("INSERT INTO filler VALUES (zeroblob(16000))")
        other = sqlite3.connect(tmp_path / "voc.db")
        assert other.execute("SELECT count(*) FROM filler").fetchone() == (300,)  # committed, in the log
        other.close()
        busy, frames, done = store._checkpointer.checkpoint()
        assert busy == 0 and frames > 1000 and done == frames
    finally:
        store.dispose()


def test_the_encoders_worker_threads_run_at_the_nice_value_asked_for():
    import os
    import threading

    from voc_engine.nlp.encoder import Encoder

    encoder = Encoder.__new__(Encoder)  # the worker pool alone, without loading a model
    encoder.backend, encoder.threads, encoder.worker_nice = "onnx", 1, 5
    encoder._workers = encoder._workers_pid = None
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    theirs = encoder._worker_pool().submit(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    assert theirs.result() == min(19, mine + 5)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine  # this thread keeps its own


def test_a_long_comment_is_stored_whole_and_redacted_to_its_end_through_the_api(db_url, settings, pipeline):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from voc_engine.auth.keys import create_api_key
    from voc_engine.store.repository import FeedbackStore

    store = FeedbackStore(db_url, settings.updated(max_body_bytes=400_000))
    app = create_app(Runtime(store=store, pipeline=pipeline))
    key, _ = create_api_key(store, "ingest")
    # Over `long_text_chars`: normalised and redacted in the helper process, analysed in part.
    text = "The queue was long and nobody helped. " * 8000 + "Write to jane.doe@example.com or call 07700 900123."
    try:
        with TestClient(app) as client:
            response = client.post(
                "/v1/comments", json={"source": "survey", "external_id": "long-1", "text": text},
                headers={"X-API-Key": key},
            )
        assert response.status_code == 201, response.text
        result = response.json()["results"][0]
        stored = store.get_comment(result["id"])
        assert len(stored["text"]) > 300_000
        assert stored["text"].endswith("Write to [EMAIL] or call [PHONE].")
        assert "jane.doe" not in stored["text"] and "[EMAIL]" not in stored["text"][:-40]
        assert "analysis_cut" in result["enrichment"]["flags"]
        assert result["enrichment"]["redacted_text"] == stored["text"]
    finally:
        store.dispose()


def test_a_small_calls_texts_are_dealt_evenly_over_the_encoders_workers():
    from voc_engine.nlp.encoder import _dealt

    lengths = [5, 80, 12, 33, 41, 7, 60, 19, 25, 50]  # a call of ten comments, two workers
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    units = _dealt(order, 2)
    assert sorted(i for unit in units for i in unit) == list(range(10)) and [len(u) for u in units] == [5, 5]
    totals = [sum(lengths[i] for i in unit) for unit in units]
    # Runs of the sorted order would give 68 and 264: the call would wait for the long half.
    assert abs(totals[0] - totals[1]) <= 0.1 * sum(lengths)
    assert _dealt(order[:3], 4) == [[order[0]], [order[1]], [order[2]], []]
