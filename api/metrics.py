"""The service's Prometheus metrics (prometheus_client keeps them per process): defined here, apart
from the middleware that serves them, so that the dependencies and routers that count can import
them without importing the service's wiring."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter("voc_http_requests_total", "HTTP requests", ["method", "route", "status"])
HTTP_LATENCY = Histogram(
    "voc_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
COMMENTS_INGESTED = Counter("voc_comments_ingested_total", "Comments posted, by outcome", ["outcome"])
ENRICH_BATCH_TEXTS = Histogram(
    "voc_enrich_batch_texts",
    "Texts per shared encoder call (micro-batching)",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
)
ENRICH_BATCH_SECONDS = Histogram(
    "voc_enrich_batch_seconds",
    "Seconds per shared encoder call",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DB_ERRORS = Counter("voc_database_errors_total", "Requests failed because the database was unavailable")


def observe_enrich_batch(requests: int, texts: int, seconds: float) -> None:
    ENRICH_BATCH_TEXTS.observe(texts)
    ENRICH_BATCH_SECONDS.observe(seconds)


def count_ingest(created: int, existing: int, rejected: int) -> None:
    for outcome, n in (("created", created), ("existing", existing), ("rejected", rejected)):
        if n:
            COMMENTS_INGESTED.labels(outcome).inc(n)
