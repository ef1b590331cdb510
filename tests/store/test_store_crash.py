"""Crash safety with real processes: kill -9 a writer mid-ingest, restart, nothing lost or doubled.

1. `voc serve` under concurrent clients posting batches is killed with SIGKILL; every comment it
   acknowledged is stored exactly once with its enrichment; after a restart the clients retry
   what was not acknowledged and the store holds every comment exactly once.
2. `voc ingest` is killed with SIGKILL; what it committed matches its checkpoint; the re-run
   continues there and ends with every row exactly once.

VOC_CRASH_COMMENTS sets the size of the server test (default 400; the issue's figure is 20,000).
The server's JSON log is checked for comment text on the way.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pandas as pd
from sqlalchemy import text

from voc_engine.auth.keys import create_api_key
from voc_engine.store.repository import FeedbackStore

REPO = Path(__file__).resolve().parents[2]
MARKER = "zebracorn"  # in every comment text; must never appear in a log line
N_COMMENTS = int(os.environ.get("VOC_CRASH_COMMENTS", "400"))
BATCH = 25
CLIENTS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(db_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "VOC_DATABASE_URL": db_url,
            "VOC_DATA_DIR": str(data_dir),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def start_server(db_url: str, data_dir: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = open(log_path, "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "voc_engine.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO,
        env=env_for(db_url, data_dir),
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {log_path.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("server not ready in 240 s")


def comments(n: int) -> list[dict]:
    moods = [
        "the queue was endless and staff ignored me",
        "lovely quick service",
        "billing error again",
        "delivery arrived broken",
        "okay experience overall",
    ]
    return [
        {
            "source": "crash-test",
            "external_id": f"k{i}",
            "text": f"{moods[i % 5]} {MARKER} {i}",
            "created_at": "2026-11-21T12:00:00Z",
            "channel": "chat",
            "customer_id": f"c{i % 50}",
            "scores": {"nps": i % 11},
        }
        for i in range(n)
    ]


def post_all(base: str, key: str, todo: list[dict], acked: set[str], lock: threading.Lock, stop_on_error: bool) -> None:
    """CLIENTS threads post BATCH-sized requests until the work runs out (or the server dies)."""
    work: queue.Queue = queue.Queue()
    for start in range(0, len(todo), BATCH):
        work.put(todo[start : start + BATCH])

    def client() -> None:
        with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=60) as http:
            while True:
                try:
                    batch = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    response = http.post("/v1/comments", json={"comments": batch})
                except httpx.HTTPError:
                    if stop_on_error:
                        return
                    raise
                if response.status_code != 200:
                    raise AssertionError(f"{response.status_code}: {response.text[:300]}")
                results = response.json()["results"]
                assert all("id" in r for r in results), results
                with lock:
                    acked.update(c["external_id"] for c in batch)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def store_state(store: FeedbackStore, source: str) -> tuple[dict[str, int], int, int]:
    with store.engine.connect() as connection:
        per_key = dict(
            connection.execute(
                text("SELECT external_id, count(*) FROM comments WHERE source = :s GROUP BY external_id"), {"s": source}
            ).all()
        )
        half_written = connection.execute(
            text(
                "SELECT count(*) FROM comments c LEFT JOIN enrichments e ON e.comment_id = c.id WHERE e.comment_id IS NULL"
            )
        ).scalar()
        enrichments = connection.execute(text("SELECT count(*) FROM enrichments")).scalar()
    return per_key, half_written, enrichments


def assert_json_logs_without_text(log_path: Path) -> None:
    lines = [line for line in log_path.read_text(errors="replace").splitlines() if line.strip()]
    assert lines, "the server wrote no log"
    for line in lines:
        assert MARKER not in line
        json.loads(line)  # every line is a JSON object


def test_server_killed_mid_ingest_loses_and_doubles_nothing(db_url, settings, tmp_path, pipeline):
    store = FeedbackStore(db_url, settings)
    key, _ = create_api_key(store, "ingest")
    everything = comments(N_COMMENTS)
    acked: set[str] = set()
    lock = threading.Lock()
    log_path = tmp_path / "server.log"

    server, base = start_server(db_url, tmp_path, log_path)
    clients = threading.Thread(target=post_all, args=(base, key, everything, acked, lock, True))
    clients.start()
    while len(acked) < N_COMMENTS * 0.3 and clients.is_alive():
        time.sleep(0.05)
    server.send_signal(signal.SIGKILL)
    server.wait()
    clients.join()
    assert 0 < len(acked) < N_COMMENTS, "the kill must land in the middle of the ingest"
    acked_before_kill = len(acked)

    per_key, half_written, _ = store_state(store, "crash-test")
    assert half_written == 0
    assert acked <= set(per_key), "an acknowledged comment was lost"
    assert set(per_key.values()) == {1}
    stored_at_kill = len(per_key)  # may exceed the acknowledged: committed, answer lost in the kill

    server, base = start_server(db_url, tmp_path, log_path)
    try:
        retry = [c for c in everything if c["external_id"] not in acked]
        post_all(base, key, retry, acked, lock, False)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    per_key, half_written, enrichments = store_state(store, "crash-test")
    assert len(per_key) == N_COMMENTS and set(per_key.values()) == {1}
    assert half_written == 0 and enrichments == N_COMMENTS
    assert_json_logs_without_text(log_path)
    print(
        f"\ncrash test ({store.dialect}): {N_COMMENTS} comments, {CLIENTS} clients x {BATCH}/request; "
        f"acknowledged before kill -9: {acked_before_kill}; stored at the kill: {stored_at_kill}; "
        f"after restart and retry: {len(per_key)} distinct, max copies {max(per_key.values())}, "
        f"without enrichment {half_written}"
    )
    store.dispose()


def test_voc_ingest_killed_mid_file_resumes_without_duplicates(db_url, settings, tmp_path, pipeline):
    n = 400
    path = tmp_path / "feedback.csv"
    pd.DataFrame(
        {
            "id": [f"f{i}" for i in range(n)],
            "comment": [c["text"] for c in comments(n)],
            "score": [i % 11 for i in range(n)],
        }
    ).to_csv(path, index=False)
    command = [
        sys.executable,
        "-m",
        "voc_engine.cli",
        "ingest",
        str(path),
        "--source",
        "file",
        "--map",
        "text=comment,external_id=id,nps=score",
        "--chunk-rows",
        "20",
        "--quiet",
        "--json",
    ]
    store = FeedbackStore(db_url, settings)
    process = subprocess.Popen(
        command, cwd=REPO, env=env_for(db_url, tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 240
    while store.count_comments() < 80 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    per_key, half_written, _ = store_state(store, "file")
    assert 80 <= len(per_key) < n, "the kill must land in the middle of the file"
    assert half_written == 0 and set(per_key.values()) == {1}
    with store.engine.connect() as connection:
        rows_done = connection.execute(text("SELECT rows_done FROM ingest_checkpoints")).scalar()
    assert rows_done == len(per_key)  # the checkpoint commits with its rows: they always agree

    finished = subprocess.run(command, cwd=REPO, env=env_for(db_url, tmp_path), capture_output=True, timeout=600)
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]
    report = json.loads(finished.stdout)
    assert report["resumed_from"] == rows_done and report["completed"]
    per_key, half_written, enrichments = store_state(store, "file")
    assert len(per_key) == n and set(per_key.values()) == {1} and half_written == 0 and enrichments == n
    store.dispose()
