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
(d) Query latency over a larger store (SQLite; PostgreSQL too when VOC_TEST_POSTGRES_URL is set):
    stats by week x touchpoint / tag, a filtered page, the analysis frame. The store is filled
    with real enrichments of a sample of tweets, reused across rows (filling with the encoder
    would take hours and measure the encoder, not the store).

    python bench/store_bench.py [--n-api 3000] [--n-latency 600] [--n-ingest 20000] [--n-stats 200000]

Writes bench/results/store.json and bench/results/store.md.
"""

from __future__ import annotations

import argparse
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
from voc_engine.nlp.pipeline import default_pipeline  # noqa: E402
from voc_engine.scoring import score_file  # noqa: E402
from voc_engine.store.repository import CommentFilter, FeedbackStore  # noqa: E402
from voc_engine.store.settings import StoreSettings  # noqa: E402

RESULTS_DIR = REPO / "bench" / "results"
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

    def __init__(self, data_dir: Path, replay_texts: int | None = None):
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(data_dir / "server.log", "ab")
        command = [sys.executable, "-m", "voc_engine.cli", "serve", "--port", str(self.port), "--log-level", "warning"]
        if replay_texts is not None:
            command = [sys.executable, str(Path(__file__).resolve()), "--serve-replaying", str(self.port), "--n-latency", str(replay_texts)]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
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
        """CPU time (user + system) the server process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

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


# ------------------------------------------------------------------ (a) batch throughput
def bench_batches(n: int, work: Path) -> dict:
    texts = tweets(n)
    pipeline = default_pipeline()
    pipeline.enrich(texts[:64])  # warm-up
    frame_path = work / "texts.csv"
    pd.DataFrame({"id": range(n), "text": texts}).to_csv(frame_path, index=False)
    summary = score_file(pipeline, frame_path, work / "scored.jsonl")
    score_rate = n / summary.seconds

    server = Server(work)
    store = FeedbackStore(settings=StoreSettings(data_dir=work))
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


def run_clients(base: str, key: str, bodies: list[dict], clients: int, expect: int = 200) -> list[float]:
    """Post `bodies` from `clients` closed-loop threads; the latency of each request, in seconds."""
    lock = threading.Lock()
    todo = list(reversed(bodies))
    latencies: list[float] = []
    failures: list[str] = []

    def worker() -> None:
        with ApiClient(base, key) as api:
            while True:
                with lock:
                    if not todo or failures:
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
def bench_latency(n: int, work: Path, concurrency: int = 10, replay: bool = False) -> dict:
    texts = tweets(n + 50)
    server = Server(work, replay_texts=n if replay else None)
    store = FeedbackStore(settings=StoreSettings(data_dir=work))
    key, _ = create_api_key(store, "ingest")
    try:
        warmup = [comment(i, texts[i], "latency-warmup") for i in range(n, n + 50)]
        run_clients(server.base, key, warmup, concurrency, expect=201)
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
        store.dispose()
    ms = np.array(latencies) * 1000
    batch_sum = _metric(metrics, "voc_enrich_batch_texts_sum")
    batch_count = _metric(metrics, "voc_enrich_batch_texts_count")
    return {
        "requests": n,
        "concurrency": concurrency,
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
        self._real = default_pipeline()
        self.model_version = self._real.model_version
        enrichments = self._real.enrich(texts)
        self._by_text = {" ".join(t.split()): e for t, e in zip(texts, enrichments)}

    def enrich(self, texts, ids):
        return [self._by_text[" ".join(t.split())].model_copy(update={"id": i}) for t, i in zip(texts, ids)]


def serve_with_replayed_enrichments(port: int, n: int) -> None:
    """The real service (HTTP, auth, store reads, group commit, hooks) with the encoder's cost taken
    out: what is left of the single-comment latency is the service's own overhead."""
    import uvicorn

    import api.deps
    from voc_engine.store.cli import json_log_config

    api.deps._pipeline = _ReplayedPipeline(tweets(n + 50))
    uvicorn.run("api.main:app", host="127.0.0.1", port=port, log_config=json_log_config("warning"), access_log=False)


def _metric(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return 0.0


# ------------------------------------------------------------------ (c) voc ingest
def bench_ingest(n: int, work: Path) -> dict:
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
    command = [
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


# ------------------------------------------------------------------ (d) query latency
def fill_store(store: FeedbackStore, n: int, sample: int = 2000) -> float:
    pipeline = default_pipeline()
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
        store = FeedbackStore(url, StoreSettings(data_dir=work), auto_upgrade=True)
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
        "--only", choices=["batches", "latency", "latency-no-encoder", "ingest", "queries"], action="append"
    )
    parser.add_argument("--serve-replaying", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_replaying:
        serve_with_replayed_enrichments(args.serve_replaying, args.n_latency)
        return
    parts = args.only or ["batches", "latency", "latency-no-encoder", "ingest", "queries"]
    previous = json.loads((RESULTS_DIR / "store.json").read_text()) if (RESULTS_DIR / "store.json").exists() else {}
    report = dict(previous)
    report.update(
        {
            "machine": f"{os.cpu_count()} CPU cores, {platform.machine()}, CPython {platform.python_version()}",
            "command": "python bench/store_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "model_version": default_pipeline().model_version,
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
            load = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
            report["latency"] = {"load_avg_1m_at_start": load, **bench_latency(args.n_latency, _fresh(work_root / "b"))}
            report["latency"]["load_avg_1m_at_end"] = round(os.getloadavg()[0], 2)
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
