"""Feedback store benchmark: ingestion throughput, request latency, memory, query latency.

(a) `voc score` alone (score_file in-process, models loaded) on N airline tweets, against
    POST /v1/comments in batches of 500 to a real `voc serve` on 127.0.0.1 with the embedded
    SQLite store, 1 and 2 concurrent clients (target: within 15 % of scoring alone).
(b) Single-comment POST /v1/comments latency with 10 concurrent clients (target p50 <= 25 ms,
    p99 <= 60 ms on 2 cores).

The clients run on the same 2 cores as the server, so they are kept cheap: one thread per client,
each with one kept-alive `http.client` connection (about 0.2 ms of CPU per request; httpx's
AsyncClient took about 2 ms). The CPU time of the clients and of the server per request is
recorded next to each figure.
(c) `voc ingest` of a CSV as a subprocess: rows/s and resident memory sampled over the run
    (target: flat).
(e) One-line comments (one client, one at a time) while another client posts requests of
    maximum-size comments (3 x 999,000 characters, as the outside probe did; target p99 <= 100 ms).
(f) Single-comment latency with 10 clients while `voc ingest` loads a file into the same store
    (target p99 <= 150 ms; (b) alone: p99 <= 60 ms).
    With `--baseline TREE` (an export of an earlier commit, e.g. `git archive REV | tar -x -C DIR`),
    (b), (e) and (f) run `--repeats` times, alternating the baseline's server and this tree's, on
    the same data: before and after under the same load of the machine.
(d) Query latency over a larger store (SQLite; PostgreSQL too when VOC_TEST_POSTGRES_URL is set):
    stats by week x touchpoint / tag, a filtered page, the analysis frame. The store is filled
    with real enrichments of a sample of tweets, reused across rows (filling with the encoder
    would take hours and measure the encoder, not the store).

    python bench/store_bench.py [--n-api 3000] [--n-latency 600] [--n-ingest 20000] [--n-stats 200000]
        [--only latency-huge --only latency-with-ingest --baseline DIR --repeats 3]

Writes bench/results/store.json and bench/results/store.md.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from voc_engine.auth.keys import create_api_key  # noqa: E402
from voc_engine.config import Settings  # noqa: E402
from voc_engine.nlp.pipeline import Pipeline  # noqa: E402
from voc_engine.runtime import Runtime  # noqa: E402
from voc_engine.scoring import score_file  # noqa: E402
from voc_engine.store.repository import CommentFilter, FeedbackStore  # noqa: E402

RESULTS_DIR = REPO / "bench" / "results"
# The shipped models, loaded once for the whole bench run.
shipped_pipeline = functools.cache(Pipeline.default)
SHARED_DATA = Path(os.environ.get("VOC_SHARED_DATA", REPO.parent / "shared" / "data"))
TWEETS = SHARED_DATA / "airline_tweets" / "train.csv"
TOUCHPOINTS = [
    "booking",
    "checkout",
    "payment",
    "delivery",
    "travel",
    "stay",
    "complaint",
    "refund",
    "billing",
    "cancellation",
]
CHANNELS = ["survey", "chat", "email", "app_review", "social", "contact_centre"]


def tweets(n: int) -> list[str]:
    texts = pd.read_csv(TWEETS, usecols=["text"])["text"].astype(str).tolist()
    return [texts[i % len(texts)] for i in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(data_dir: Path, url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "VOC_DATA_DIR": str(data_dir),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
        }
    )
    env.pop("VOC_DATABASE_URL", None)
    if url:
        env["VOC_DATABASE_URL"] = url
    return env


class Server:
    """`voc serve` on a free port; with `replay_texts`, the service with enrichments computed before
    it starts (see `serve_with_replayed_enrichments`)."""

    def __init__(self, data_dir: Path, replay_texts: int | None = None, tree: Path = REPO, workers: int = 1):
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(data_dir / "server.log", "ab")
        command = [sys.executable, "-m", "voc_engine.cli", "serve", "--port", str(self.port), "--log-level", "warning",
                   "--workers", str(workers)]
        if replay_texts is not None:
            script = tree / "bench" / "store_bench.py"
            command = [sys.executable, str(script), "--serve-replaying", str(self.port), "--n-latency", str(replay_texts)]
        self.process = subprocess.Popen(
            command,
            cwd=tree,  # `python -m` puts the working directory first on sys.path: that tree's code
            env=server_env(data_dir),
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError("server died: " + (data_dir / "server.log").read_text()[-2000:])
            time.sleep(0.3)
        raise RuntimeError("server not ready")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server has used so far: its process and, with
        `--workers` above 1, the worker processes uvicorn started (all still running)."""
        import psutil

        root = psutil.Process(self.process.pid)
        return sum(sum(p.cpu_times()[:2]) for p in [root, *root.children(recursive=True)])

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def comment(i: int, text: str, source: str) -> dict:
    return {
        "source": source,
        "external_id": str(i),
        "text": text,
        "channel": CHANNELS[i % len(CHANNELS)],
        "touchpoint": TOUCHPOINTS[i % len(TOUCHPOINTS)],
        "customer_id": f"c{i % 5000}",
        "scores": {"nps": i % 11},
    }


def ingest_key(work: Path, tree: Path) -> str:
    """An ingest key, made by `tree`'s own `voc keys create`: the store is then that tree's, at
    its schema (this tree's code would migrate a baseline's store past what its server knows)."""
    made = subprocess.run(
        [sys.executable, "-m", "voc_engine.cli", "keys", "create", "--role", "ingest", "--name", "bench"],
        cwd=tree, env=server_env(work), capture_output=True, text=True, check=True,
    )
    return made.stdout.strip().splitlines()[-1]


def count_source(work: Path, source: str) -> int:
    """Comments of `source` in the store under `work`, read with sqlite3 (any tree's schema)."""
    import sqlite3

    with sqlite3.connect(f"file:{work / 'voc.db'}?mode=ro", uri=True, timeout=30) as connection:
        return connection.execute("SELECT count(*) FROM comments WHERE source = ?", (source,)).fetchone()[0]


# ------------------------------------------------------------------ (a) batch throughput
def bench_batches(n: int, work: Path) -> dict:
    texts = tweets(n)
    pipeline = shipped_pipeline()
    pipeline.enrich(texts[:64])  # warm-up
    frame_path = work / "texts.csv"
    pd.DataFrame({"id": range(n), "text": texts}).to_csv(frame_path, index=False)
    summary = score_file(pipeline, frame_path, work / "scored.jsonl")
    score_rate = n / summary.seconds

    server = Server(work)
    store = FeedbackStore(settings=Settings(data_dir=work))
    key, _ = create_api_key(store, "ingest")
    out = {"comments": n, "score_alone_per_s": round(score_rate, 1)}
    try:
        with ApiClient(server.base, key) as warmup:
            warmup.post({"comments": [comment(i, t, "warmup") for i, t in enumerate(texts[:100])]})
        for clients in (1, 2):
            source = f"bench-{clients}"
            batches = [[comment(i, texts[i], source) for i in range(s, min(s + 500, n))] for s in range(0, n, 500)]
            encoder_before = _metric(httpx.get(f"{server.base}/metrics").text, "voc_enrich_batch_seconds_sum")
            cpu_before = server.cpu_seconds(), time.process_time()
            started = time.perf_counter()
            run_clients(server.base, key, [{"comments": batch} for batch in batches], clients)
            elapsed = time.perf_counter() - started
            server_cpu, client_cpu = server.cpu_seconds() - cpu_before[0], time.process_time() - cpu_before[1]
            encoder_seconds = _metric(httpx.get(f"{server.base}/metrics").text, "voc_enrich_batch_seconds_sum")
            encoder_seconds -= encoder_before
            rate = n / elapsed
            out[f"api_{clients}_client_per_s"] = round(rate, 1)
            out[f"api_{clients}_client_vs_score"] = round(rate / score_rate, 3)
            # The same run's encoder time: robust to other load on the machine, which moves
            # `score_alone` and the API run differently.
            out[f"api_{clients}_client_encoder_share"] = round(encoder_seconds / elapsed, 3)
            out[f"api_{clients}_client_server_cpu_ms_per_comment"] = round(server_cpu / n * 1000, 3)
            out[f"api_{clients}_client_client_cpu_ms_per_comment"] = round(client_cpu / n * 1000, 3)
        assert store.count_comments(CommentFilter(source=["bench-1"])) == n
        assert store.count_comments(CommentFilter(source=["bench-2"])) == n
    finally:
        server.stop()
        store.dispose()
    return out


class ApiClient:
    """One kept-alive HTTP/1.1 connection posting JSON to /v1/comments: cheap on CPU, which the
    clients share with the server on this machine."""

    def __init__(self, base: str, key: str, timeout: float = 600):
        host, port = base.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
        self.headers = {"X-API-Key": key, "Content-Type": "application/json"}

    def post(self, body: dict) -> tuple[int, bytes]:
        self.connection.request("POST", "/v1/comments", json.dumps(body).encode(), self.headers)
        response = self.connection.getresponse()
        return response.status, response.read()

    def __enter__(self) -> "ApiClient":
        return self

    def __exit__(self, *exc) -> None:
        self.connection.close()


def run_clients(
    base: str, key: str, bodies: list[dict], clients: int, expect: int = 200, max_seconds: float | None = None
) -> list[float]:
    """Post `bodies` from `clients` closed-loop threads (stopping after `max_seconds`, if given);
    the latency of each request, in seconds."""
    deadline = time.perf_counter() + max_seconds if max_seconds else None
    lock = threading.Lock()
    todo = list(reversed(bodies))
    latencies: list[float] = []
    failures: list[str] = []

    def worker() -> None:
        with ApiClient(base, key) as api:
            while True:
                with lock:
                    if not todo or failures or (deadline and time.perf_counter() > deadline):
                        return
                    body = todo.pop()
                started = time.perf_counter()
                status, answer = api.post(body)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if status != expect:
                        failures.append(f"{status}: {answer[:300]!r}")

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"{len(failures)} request(s) failed, e.g. {failures[0]}")
    return latencies


# ------------------------------------------------------------------ (b) single-comment latency
def bench_latency(n: int, work: Path, concurrency: int = 10, replay: bool = False, tree: Path = REPO,
                  workers: int = 1) -> dict:
    texts = tweets(n + 50)
    server = Server(work, replay_texts=n if replay else None, tree=tree, workers=workers)
    key = ingest_key(work, tree)
    try:
        warm_up(server, key, texts[n : n + 50], "latency-warmup", concurrency, workers)
        cpu_before = server.cpu_seconds(), time.process_time()
        started = time.perf_counter()
        latencies = run_clients(
            server.base, key, [comment(i, texts[i], "latency") for i in range(n)], concurrency, expect=201
        )
        elapsed = time.perf_counter() - started
        server_cpu, client_cpu = server.cpu_seconds() - cpu_before[0], time.process_time() - cpu_before[1]
        metrics = httpx.get(f"{server.base}/metrics").text
    finally:
        server.stop()
    ms = np.array(latencies) * 1000
    batch_sum = _metric(metrics, "voc_enrich_batch_texts_sum")
    batch_count = _metric(metrics, "voc_enrich_batch_texts_count")
    return {
        "requests": n,
        "concurrency": concurrency,
        "server_workers": workers,
        "p50_ms": round(float(np.percentile(ms, 50)), 1),
        "p90_ms": round(float(np.percentile(ms, 90)), 1),
        "p99_ms": round(float(np.percentile(ms, 99)), 1),
        "max_ms": round(float(ms.max()), 1),
        "requests_per_s": round(n / elapsed, 1),
        "mean_texts_per_encoder_call": round(batch_sum / batch_count, 2) if batch_count else None,
        "server_cpu_ms_per_request": round(server_cpu / n * 1000, 2),
        "client_cpu_ms_per_request": round(client_cpu / n * 1000, 2),
    }


class _ReplayedPipeline:
    """Answers `enrich` with enrichments the real pipeline computed before the server started."""

    def __init__(self, texts: list[str]):
        self._real = shipped_pipeline()
        self.model_version = self._real.model_version
        enrichments = self._real.enrich(texts)
        self._by_text = {" ".join(t.split()): e for t, e in zip(texts, enrichments)}

    def enrich(self, texts, ids):
        return [self._by_text[" ".join(t.split())].model_copy(update={"id": i}) for t, i in zip(texts, ids)]

    def start(self, texts, ids):  # the two steps the service's micro-batcher calls
        return self.enrich(texts, ids)

    def finish(self, started):
        return started

    def with_flags(self, flags):  # the enrichments were computed already, flags included
        return self


def serve_with_replayed_enrichments(port: int, n: int) -> None:
    """The real service (HTTP, auth, store reads, group commit, hooks) with the encoder's cost taken
    out: what is left of the single-comment latency is the service's own overhead."""
    import uvicorn

    from api.main import create_app
    from voc_engine.serve import json_log_config

    app = create_app(Runtime(pipeline=_ReplayedPipeline(tweets(n + 50))))
    uvicorn.run(app, host="127.0.0.1", port=port, log_config=json_log_config("warning"), access_log=False)


def _metric(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return 0.0


# ------------------------------------------------------------------ (c) voc ingest
def ingest_file_command(n: int, work: Path) -> list[str]:
    """`voc ingest` of a CSV of `n` airline tweets written under `work` (source "bench-file")."""
    texts = tweets(n)
    path = work / "ingest.csv"
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(n)],
            "comment": texts,
            "date": [(start + timedelta(minutes=7 * i)).isoformat() for i in range(n)],
            "score": [i % 11 for i in range(n)],
            "tp": [TOUCHPOINTS[i % len(TOUCHPOINTS)] for i in range(n)],
        }
    ).to_csv(path, index=False)
    return [
        sys.executable,
        "-m",
        "voc_engine.cli",
        "ingest",
        str(path),
        "--source",
        "bench-file",
        "--map",
        "text=comment,external_id=id,created_at=date,nps=score,touchpoint=tp",
        "--set",
        "channel=survey",
        "--quiet",
        "--json",
    ]


def bench_ingest(n: int, work: Path) -> dict:
    command = ingest_file_command(n, work)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=server_env(work), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples: list[tuple[float, int]] = []
    while process.poll() is None:
        rss = _rss_kib(process.pid)
        if rss:
            samples.append((time.perf_counter() - started, rss))
        time.sleep(0.5)
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(stderr.decode()[-2000:])
    report = json.loads(stdout)
    total = time.perf_counter() - started
    # Memory over the ingest proper: after the models are loaded (the first sample past 10 % of the run).
    steady = [rss for t, rss in samples if total * 0.1 < t < total * 0.95]  # not the teardown either
    quarters = (
        [steady[min(len(steady) - 1, int(len(steady) * q))] / 1024 for q in (0.0, 0.25, 0.5, 0.75, 0.999)]
        if steady
        else []
    )
    return {
        "rows": n,
        "rows_per_s": report["rows_per_second"],
        "process_seconds": round(total, 1),
        "created": report["created"],
        "rss_mib_over_run": [round(q, 1) for q in quarters],
        "rss_growth_mib_after_first_quarter": round(max(quarters[1:]) - quarters[1], 1) if quarters else None,
        "peak_rss_mib": round(max(r for _, r in samples) / 1024, 1) if samples else None,
    }


def _rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# ------------------------------------------------------------------ (e) next to maximum-size comments
_TWEET_TEXT: list[str] = []


def huge_text(i: int, chars: int = 999_000) -> str:
    """`chars` characters of tweets (with their @handles and numbers), personal data at the end."""
    if not _TWEET_TEXT:
        _TWEET_TEXT.append(" ".join(tweets(12_000)))
    tail = f" Request {i}: call me on 07700 900{i % 1000:03d} or write to jane.doe{i}@example.com"
    return (f"Comment {i}. " + _TWEET_TEXT[0])[: chars - len(tail)] + tail


def _latency_summary(latencies: list[float]) -> dict:
    ms = np.array(latencies) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 1),
        "p90_ms": round(float(np.percentile(ms, 90)), 1),
        "p99_ms": round(float(np.percentile(ms, 99)), 1),
        "max_ms": round(float(ms.max()), 1),
    }


def bench_latency_huge(n: int, work: Path, tree: Path = REPO, per_request: int = 3, chars: int = 999_000,
                       workers: int = 1) -> dict:
    """One-line comments, one at a time, while another client keeps posting requests of
    `per_request` comments of `chars` characters."""
    texts = tweets(n + 20)
    server = Server(work, tree=tree, workers=workers)
    key = ingest_key(work, tree)
    big_bodies = [{"comments": [comment(1000 * r + k, huge_text(1000 * r + k, chars), "huge") for k in range(per_request)]}
                  for r in range(2)]
    stop = threading.Event()
    big_latencies: list[float] = []
    big_failures: list[str] = []
    first_big_sent = threading.Event()

    def big_client() -> None:
        with ApiClient(server.base, key) as api:
            sent = 0
            while not stop.is_set():
                body = big_bodies[sent % len(big_bodies)]  # repeats are answered from the store: keep them new
                body = {"comments": [{**c, "external_id": f"{c['external_id']}-{sent}"} for c in body["comments"]]}
                started = time.perf_counter()
                first_big_sent.set()
                status, answer = api.post(body)
                big_latencies.append(time.perf_counter() - started)
                if status != 200:
                    big_failures.append(f"{status}: {answer[:200]!r}")
                sent += 1

    try:
        warm_up(server, key, texts[n : n + 20], "huge-warmup", 1, workers)
        with ApiClient(server.base, key) as warm:  # the helper process starts with the first long comment
            for k in range(workers):  # one per server process, as far as the kernel spreads them
                warm.post({"comments": [comment(999_999 - k, huge_text(999_999 - k, chars), "huge-warmup")]})
        cpu_before = server.cpu_seconds()
        big = threading.Thread(target=big_client)
        big.start()
        first_big_sent.wait(30)
        time.sleep(0.2)  # the big request is in the server
        started = time.perf_counter()
        latencies = run_clients(  # an earlier tree may take seconds a comment here: bounded in time
            server.base, key, [comment(i, texts[i], "one-line") for i in range(n)], 1, expect=201, max_seconds=90
        )
        elapsed = time.perf_counter() - started
        stop.set()
        big.join()
        server_cpu = server.cpu_seconds() - cpu_before
    finally:
        stop.set()
        server.stop()
    if big_failures:
        raise RuntimeError(f"{len(big_failures)} big request(s) failed, e.g. {big_failures[0]}")
    return {
        "server_workers": workers,
        "one_line_requests": len(latencies),
        **_latency_summary(latencies),
        "seconds": round(elapsed, 1),
        "big_requests_done": len(big_latencies),
        "big_request_comments": per_request,
        "big_comment_chars": chars,
        "big_request_mean_s": round(float(np.mean(big_latencies)), 2) if big_latencies else None,
        "server_cpu_s": round(server_cpu, 1),
    }


# ------------------------------------------------------------------ (f) next to `voc ingest`
def bench_latency_with_ingest(n: int, work: Path, tree: Path = REPO, file_rows: int = 20_000, concurrency: int = 10,
                              workers: int = 1) -> dict:
    """Single-comment latency with `concurrency` clients while `voc ingest` loads a file into the
    same store (the ingest is stopped once the clients are done; it is resumable)."""
    texts = tweets(n + 50)
    command = ingest_file_command(file_rows, work)
    server = Server(work, tree=tree, workers=workers)
    key = ingest_key(work, tree)
    ingest = None
    try:
        warm_up(server, key, texts[n : n + 50], "ingest-warmup", concurrency, workers)
        ingest = subprocess.Popen(command, cwd=tree, env=server_env(work), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 180
        while count_source(work, "bench-file") < 256:  # models loaded, the first chunk committed
            if ingest.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("voc ingest did not start: " + ingest.stderr.read().decode()[-2000:])
            time.sleep(0.2)
        rows_before = count_source(work, "bench-file")
        started = time.perf_counter()
        latencies = run_clients(
            server.base, key, [comment(i, texts[i], "with-ingest") for i in range(n)], concurrency, expect=201
        )
        elapsed = time.perf_counter() - started
        rows_during = count_source(work, "bench-file") - rows_before
        still_running = ingest.poll() is None
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.send_signal(signal.SIGTERM)
            ingest.wait(timeout=60)
        server.stop()
    return {
        "requests": n,
        "concurrency": concurrency,
        "server_workers": workers,
        **_latency_summary(latencies),
        "requests_per_s": round(n / elapsed, 1),
        "file_rows_per_s_meanwhile": round(rows_during / elapsed, 1),
        "ingest_ran_throughout": still_running,
    }


def warm_up(server: Server, key: str, texts: list[str], source: str, concurrency: int, workers: int) -> None:
    """Requests before the measured ones, until every server process has loaded its models: each
    worker process loads them on its first request, and the kernel picks which process accepts a
    connection, so with several workers the first rounds may not reach them all."""
    for round_ in range(1 if workers == 1 else 4):
        rows = [comment(10_000_000 * (round_ + 1) + i, text, source) for i, text in enumerate(texts)]
        run_clients(server.base, key, rows, concurrency, expect=201)


def compare(run, work_root: Path, name: str, baseline: Path | None, repeats: int,
            workers: int = 1, baseline_workers: int | None = None) -> dict:
    """`run(work, tree, workers)` `repeats` times on this tree, alternating with the baseline's when
    given (same data, same hour); the median run of each, and every run with its load average.
    The baseline is an earlier tree, or (``baseline_workers``) this tree served by that many
    processes."""
    runs: dict[str, list[dict]] = {"current": [], "baseline": []}
    if baseline is None and baseline_workers is not None:
        baseline = REPO
    variants = (("baseline", baseline, baseline_workers or workers), ("current", REPO, workers))
    for r in range(repeats):
        for label, tree, server_workers in variants:
            if tree is None:
                continue
            load = round(os.getloadavg()[0], 2)
            result = run(_fresh(work_root / f"{name}-{label}-{r}"), tree, server_workers)
            runs[label].append({"load_avg_1m_at_start": load, **result, "load_avg_1m_at_end": round(os.getloadavg()[0], 2)})
            print(label, runs[label][-1], flush=True)
    out = {**_median_run(runs["current"]), "runs": runs["current"]}
    if runs["baseline"]:
        out["baseline"] = {**_median_run(runs["baseline"]), "runs": runs["baseline"], "tree": str(baseline)}
        if baseline_workers is not None:
            out["baseline"]["tree"] = f"this tree, voc serve --workers {baseline_workers}"
    return out


def _median_run(runs: list[dict]) -> dict:
    """The run with the median p99 (a real run, not a mix of figures from different runs)."""
    return dict(sorted(runs, key=lambda r: r["p99_ms"])[len(runs) // 2])


# ------------------------------------------------------------------ (d) query latency
def fill_store(store: FeedbackStore, n: int, sample: int = 2000) -> float:
    pipeline = shipped_pipeline()
    texts = tweets(sample)
    enriched = pipeline.enrich(texts, list(range(sample)))
    start = datetime(2025, 1, 6, tzinfo=timezone.utc)
    rng = np.random.default_rng(7)
    nps = rng.integers(0, 11, n)
    minutes = np.sort(rng.integers(0, 60 * 24 * 7 * 100, n))  # about 100 weeks

    started = time.perf_counter()
    for lo in range(0, n, 1000):
        rows = [
            {
                "source": "bench",
                "external_id": f"s{i}",
                "text": texts[i % sample],
                "created_at": start + timedelta(minutes=int(minutes[i])),
                "channel": CHANNELS[i % len(CHANNELS)],
                "touchpoint": TOUCHPOINTS[(i * 7) % len(TOUCHPOINTS)],
                "customer_id": f"c{i % 20000}",
                "scores": {"nps": int(nps[i])},
            }
            for i in range(lo, min(lo + 1000, n))
        ]
        plan = store.plan_ingest(rows)
        # row i carries sample text i % sample: reuse that text's real enrichment
        enrichments = [enriched[(lo + p.index) % sample].model_copy(update={"id": p.id}) for p in plan.new]
        store.commit_ingest(plan, enrichments)
    return n / (time.perf_counter() - started)


def time_queries(store: FeedbackStore, repeats: int = 5) -> dict:
    last_quarter = CommentFilter(since=datetime(2026, 9, 1, tzinfo=timezone.utc))
    queries = {
        "stats_week_by_touchpoint": lambda: store.stats(period="week", by="touchpoint"),
        "stats_week_by_tag": lambda: store.stats(period="week", by="tag"),
        "stats_day_by_channel_last_quarter": lambda: store.stats(last_quarter, period="day", by="channel"),
        "list_page_touchpoint_negative": lambda: store.list_comments(
            CommentFilter(touchpoint=["checkout"], sentiment=["negative"]), limit=50
        ),
        "frame_one_touchpoint": lambda: store.read_frame(CommentFilter(touchpoint=["refund"])),
    }
    out = {}
    for name, query in queries.items():
        query()
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            query()
            times.append(time.perf_counter() - started)
        out[name + "_ms"] = round(statistics.median(times) * 1000, 1)
    return out


def bench_queries(n: int, work: Path) -> dict:
    out = {}
    backends = {"sqlite": f"sqlite:///{work / 'stats.db'}"}
    pg = os.environ.get("VOC_TEST_POSTGRES_URL")
    if pg:
        backends["postgresql"] = _fresh_postgres(pg)
    for name, url in backends.items():
        store = FeedbackStore(url, Settings(data_dir=work), auto_upgrade=True)
        fill_rate = fill_store(store, n)
        out[name] = {"comments": n, "fill_rows_per_s_without_encoder": round(fill_rate, 1), **time_queries(store)}
        store.dispose()
    return out


def _fresh_postgres(server_url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from voc_engine.store.db import normalise_url

    server_url = normalise_url(server_url)
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text('DROP DATABASE IF EXISTS "voc_store_bench"'))
        connection.execute(text('CREATE DATABASE "voc_store_bench"'))
    admin.dispose()
    return make_url(server_url).set(database="voc_store_bench").render_as_string(hide_password=False)


# ------------------------------------------------------------------ report
def write_markdown(report: dict, path: Path) -> None:
    b, lat, ing, q = report["batches"], report["latency"], report["ingest"], report["queries"]
    lines = [
        "# Feedback store benchmark",
        "",
        f"Machine: {report['machine']}. Models: {report.get('model_version')}. Command: `{report['command']}`.",
        "",
        "Load average (1 min) when each part started (and ended, where recorded), from other work on the shared "
        "machine: "
        + ", ".join(f"{k} {_load_span(report[k])}" for k in ("batches", "latency", "ingest", "queries"))
        + " (2 cores: anything above 2 means our processes waited for CPU).",
        "",
        "## Ingestion through the API vs scoring alone",
        "",
        f"{b['comments']:,} airline tweets; POST /v1/comments in batches of 500 to `voc serve` (SQLite, WAL, "
        "synchronous=FULL) on 127.0.0.1. Target: within 15 % of `voc score` alone.",
        "",
        "| path | comments/s | vs scoring alone |",
        "| --- | --- | --- |",
        f"| `voc score` alone (score_file, models loaded) | {b['score_alone_per_s']} | 1.00 |",
        f"| API, 1 client | {b['api_1_client_per_s']} | {b['api_1_client_vs_score']:.2f} |",
        f"| API, 2 clients | {b['api_2_client_per_s']} | {b['api_2_client_vs_score']:.2f} |",
        "",
        f"Share of the API run's wall time spent inside the encoder call (same run, so other load on the "
        f"machine cancels out): 1 client {b.get('api_1_client_encoder_share')}, 2 clients "
        f"{b.get('api_2_client_encoder_share')}; the rest is HTTP, validation and the database. "
        f"CPU per comment, server / clients: 1 client {b.get('api_1_client_server_cpu_ms_per_comment')} / "
        f"{b.get('api_1_client_client_cpu_ms_per_comment')} ms, 2 clients "
        f"{b.get('api_2_client_server_cpu_ms_per_comment')} / {b.get('api_2_client_client_cpu_ms_per_comment')} ms.",
        "",
        "## Single-comment latency",
        "",
        f"{lat['requests']} single-comment POSTs from {lat['concurrency']} concurrent closed-loop clients (target "
        "p50 <= 25 ms, p99 <= 60 ms). The clients share the 2 cores with the server: each is a thread with one "
        "kept-alive `http.client` connection; their CPU time per request is in the last column.",
        "",
        "| encoder | p50 ms | p90 ms | p99 ms | max ms | requests/s | texts per encoder call | "
        "server CPU ms/request | client CPU ms/request |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| real | {lat['p50_ms']} | {lat['p90_ms']} | {lat['p99_ms']} | {lat['max_ms']} | {lat['requests_per_s']} | "
        f"{lat['mean_texts_per_encoder_call']} | {lat.get('server_cpu_ms_per_request')} | "
        f"{lat.get('client_cpu_ms_per_request')} |",
    ]
    bare = report.get("latency_no_encoder")
    if bare:
        lines += [
            f"| replayed | {bare['p50_ms']} | {bare['p90_ms']} | {bare['p99_ms']} | {bare['max_ms']} | {bare['requests_per_s']} | "
            f"{bare['mean_texts_per_encoder_call']} | {bare.get('server_cpu_ms_per_request')} | "
            f"{bare.get('client_cpu_ms_per_request')} |",
            "",
            "The `replayed` row (`--only latency-no-encoder`, load "
            f"{_load_span(bare)}) is the same service with the encoder's cost taken out: the "
            "server answers with enrichments the real pipeline computed before it started. HTTP, API-key check, "
            "store reads, group commit with the alert hooks and the response are all in it; what the first row "
            "adds is the encoder.",
        ]
    lines += _comparison_lines(report)
    lines += [
        "",
        "## `voc ingest`",
        "",
        f"{ing['rows']:,} CSV rows, subprocess. Resident memory (MiB) at 0/25/50/75/100 % of the run after model "
        "loading; target: flat.",
        "",
        "| rows/s | process s | RSS over the run (MiB) | growth after first quarter (MiB) | peak RSS (MiB) |",
        "| --- | --- | --- | --- | --- |",
        f"| {ing['rows_per_s']} | {ing['process_seconds']} | {' / '.join(map(str, ing['rss_mib_over_run']))} | "
        f"{ing['rss_growth_mib_after_first_quarter']} | {ing['peak_rss_mib']} |",
        "",
        "## Query latency over a larger store",
        "",
        "Median of 5 runs, ms. Store filled with real enrichments of 2,000 tweets reused across rows, "
        "about 100 weeks, 10 touchpoints, 6 channels.",
        "",
    ]
    backends = {name: row for name, row in q.items() if isinstance(row, dict)}
    names = [k for k in next(iter(backends.values())) if k.endswith("_ms")]
    lines += [
        "| backend | comments | fill rows/s (no encoder) | " + " | ".join(n[:-3] for n in names) + " |",
        "| --- | --- | --- | " + " | ".join("---" for _ in names) + " |",
    ]
    for backend, row in backends.items():
        lines.append(
            f"| {backend} | {row['comments']:,} | {row['fill_rows_per_s_without_encoder']} | "
            + " | ".join(str(row[n]) for n in names)
            + " |"
        )
    crash = report.get("crash_test")
    if crash:  # figures of the full-size crash test (a test, not re-run by this script)
        lines += ["", "## Crash safety (a test, run at full size)", "", f"`{crash['command']}` (VOC_CRASH_COMMENTS=20000):",
                  "the server is killed with SIGKILL after 30 % are acknowledged, restarted, and the clients retry "
                  "what was not acknowledged.", "",
                  "| backend | comments | acknowledged before kill -9 | stored at the kill | after restart + retry | "
                  "max copies | without enrichment |", "| --- | --- | --- | --- | --- | --- | --- |"]
        for backend in ("sqlite", "postgresql"):
            c = crash.get(backend)
            if c:
                lines.append(f"| {backend} | {c['comments']:,} | {c['acknowledged_before_kill']:,} | {c['stored_at_kill']:,} "
                             f"| {c['distinct_after_retry']:,} | {c['max_copies']} | {c['without_enrichment']} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _comparison_lines(report: dict) -> list[str]:
    """(b), (e) and (f): this tree's median run next to the baseline's, then every run."""
    parts = [
        ("latency", "10 single-comment clients (b)", "target p99 <= 60 ms"),
        ("latency_huge", "One-line comments next to a client posting 3 x 999,000-character comments (e)",
         "target p99 <= 100 ms"),
        ("latency_with_ingest", "10 single-comment clients next to `voc ingest` of a file (f)", "target p99 <= 150 ms"),
    ]
    present = [(key, title, target) for key, title, target in parts if report.get(key, {}).get("runs")]
    if not present:
        return []
    lines = ["", "## Latency before and after, same runs", ""]
    if any("baseline" in report[key] for key, _, _ in present):
        tree = next(report[key]["baseline"]["tree"] for key, _, _ in present if "baseline" in report[key])
        lines += [
            f"`--baseline {tree}` (an export of the earlier commit) and this tree, run alternately with the same "
            "data; the median run (by p99) of each, load average (1 min) at its start -> end. Each run: "
            "load, p50 / p99 ms.",
            "",
        ]
    lines += ["| scenario | tree | p50 ms | p90 ms | p99 ms | max ms | load | runs (load: p50 / p99) |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for key, title, target in present:
        for label, row in (("before", report[key].get("baseline")), ("after", report[key])):
            if not row:
                continue
            runs = "; ".join(f"{r['load_avg_1m_at_start']}: {r['p50_ms']} / {r['p99_ms']}" for r in row["runs"])
            lines.append(f"| {title} ({target}) | {label} | {row['p50_ms']} | {row['p90_ms']} | {row['p99_ms']} | "
                         f"{row['max_ms']} | {_load_span(row)} | {runs} |")
    huge = report.get("latency_huge")
    if huge and huge.get("runs"):
        lines += ["", f"(e): the big client finished {huge['big_requests_done']} request(s) of "
                  f"{huge['big_request_comments']} comments in the median run (mean {huge['big_request_mean_s']} s "
                  "each); one-line requests are bounded to 90 s a run (an earlier tree took seconds each)."]
    with_ingest = report.get("latency_with_ingest")
    if with_ingest and with_ingest.get("runs"):
        lines += ["", f"(f): `voc ingest` stored {with_ingest['file_rows_per_s_meanwhile']} rows/s meanwhile "
                  "(median run), and ran throughout."]
    return lines


def _load_span(part: dict) -> str:
    end = part.get("load_avg_1m_at_end")
    return f"{part['load_avg_1m_at_start']}" + (f" -> {end}" if end is not None else "")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n-api", type=int, default=3000)
    parser.add_argument("--n-latency", type=int, default=600)
    parser.add_argument("--n-ingest", type=int, default=20000)
    parser.add_argument("--n-stats", type=int, default=200000)
    parser.add_argument(
        "--only",
        choices=["batches", "latency", "latency-no-encoder", "ingest", "queries", "latency-huge", "latency-with-ingest"],
        action="append",
    )
    parser.add_argument("--n-small", type=int, default=300, help="one-line requests next to maximum-size comments (e)")
    parser.add_argument("--huge-comments", type=int, default=3, help="999,000-character comments per big request (e)")
    parser.add_argument("--baseline", type=Path, help="an earlier tree to run (b), (e) and (f) against")
    parser.add_argument("--repeats", type=int, default=1, help="runs of (b), (e) and (f) on each tree, alternating")
    parser.add_argument("--server-workers", type=int, default=1, help="`voc serve --workers` for (b), (e) and (f)")
    parser.add_argument("--baseline-workers", type=int,
                        help="run (b), (e) and (f) alternately against this tree served by this many processes")
    parser.add_argument("--serve-replaying", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_replaying:
        serve_with_replayed_enrichments(args.serve_replaying, args.n_latency)
        return
    parts = args.only or [
        "batches", "latency", "latency-no-encoder", "ingest", "queries", "latency-huge", "latency-with-ingest"
    ]
    previous = json.loads((RESULTS_DIR / "store.json").read_text()) if (RESULTS_DIR / "store.json").exists() else {}
    report = dict(previous)
    report.update(
        {
            "machine": f"{os.cpu_count()} CPU cores, {platform.machine()}, CPython {platform.python_version()}",
            "command": "python bench/store_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "model_version": shipped_pipeline().model_version,
        }
    )
    work_root = Path(tempfile.mkdtemp(prefix="voc-store-bench-"))
    try:
        if "batches" in parts:
            print(f"(a) batch ingestion, {args.n_api} comments", flush=True)
            load = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
            report["batches"] = {"load_avg_1m_at_start": load, **bench_batches(args.n_api, _fresh(work_root / "a"))}
            report["batches"]["load_avg_1m_at_end"] = round(os.getloadavg()[0], 2)
            print(report["batches"], flush=True)
        if "latency" in parts:
            print(f"(b) single-comment latency, {args.n_latency} requests", flush=True)
            report["latency"] = compare(
                lambda work, tree, workers: bench_latency(args.n_latency, work, tree=tree, workers=workers),
                work_root, "b", args.baseline, args.repeats, args.server_workers, args.baseline_workers,
            )
            print(report["latency"], flush=True)
        if "latency-no-encoder" in parts:
            print(f"(b') single-comment latency with replayed enrichments, {args.n_latency} requests", flush=True)
            load = round(os.getloadavg()[0], 2)
            report["latency_no_encoder"] = {
                "load_avg_1m_at_start": load,
                **bench_latency(args.n_latency, _fresh(work_root / "b2"), replay=True),
                "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
            }
            print(report["latency_no_encoder"], flush=True)
        if "ingest" in parts:
            print(f"(c) voc ingest, {args.n_ingest} rows", flush=True)
            load = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
            report["ingest"] = {"load_avg_1m_at_start": load, **bench_ingest(args.n_ingest, _fresh(work_root / "c"))}
            print(report["ingest"], flush=True)
        if "latency-huge" in parts:
            print(f"(e) {args.n_small} one-line comments next to requests of {args.huge_comments} x 999,000 "
                  "characters", flush=True)
            report["latency_huge"] = compare(
                lambda work, tree, workers: bench_latency_huge(args.n_small, work, tree, per_request=args.huge_comments,
                                                               workers=workers),
                work_root, "e", args.baseline, args.repeats, args.server_workers, args.baseline_workers,
            )
        if "latency-with-ingest" in parts:
            print(f"(f) single-comment latency next to voc ingest, {args.n_latency} requests", flush=True)
            report["latency_with_ingest"] = compare(
                lambda work, tree, workers: bench_latency_with_ingest(args.n_latency, work, tree, workers=workers),
                work_root, "f", args.baseline, args.repeats, args.server_workers, args.baseline_workers,
            )
        if "queries" in parts:
            print(f"(d) queries over {args.n_stats} comments", flush=True)
            load = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
            report["queries"] = {"load_avg_1m_at_start": load, **bench_queries(args.n_stats, _fresh(work_root / "d"))}
            print(report["queries"], flush=True)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "store.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if all(k in report for k in ("batches", "latency", "ingest", "queries")):
        write_markdown(report, RESULTS_DIR / "store.md")
        print((RESULTS_DIR / "store.md").read_text())


def _fresh(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


if __name__ == "__main__":
    main()
