"""The service's Prometheus metrics: one `ServiceMetrics` per app (`api.main.create_app` keeps it
on ``app.state.metrics``), in a registry of its own, so that two apps in one process (two
runtimes over two databases) count and report only their own requests. Defined apart from the
middleware that serves them, so that the routers that count can use them without importing the
service's wiring."""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry, Counter, GCCollector, Histogram, PlatformCollector, ProcessCollector, generate_latest,
)

HTTP_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
BATCH_TEXT_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
BATCH_SECOND_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class ServiceMetrics:
    """The counters and histograms of one app, and their exposition (``GET /metrics``)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        # The process's own figures (CPU, memory, garbage collection), as the default registry shows them.
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        GCCollector(registry=r)
        self.http_requests = Counter("voc_http_requests_total", "HTTP requests", ["method", "route", "status"],
                                     registry=r)
        self.http_latency = Histogram("voc_http_request_duration_seconds", "HTTP request latency",
                                      ["method", "route"], buckets=HTTP_LATENCY_BUCKETS, registry=r)
        self.comments_ingested = Counter("voc_comments_ingested_total", "Comments posted, by outcome", ["outcome"],
                                         registry=r)
        self.enrich_batch_texts = Histogram("voc_enrich_batch_texts", "Texts per shared encoder call (micro-batching)",
                                            buckets=BATCH_TEXT_BUCKETS, registry=r)
        self.enrich_batch_seconds = Histogram("voc_enrich_batch_seconds", "Seconds per shared encoder call",
                                              buckets=BATCH_SECOND_BUCKETS, registry=r)
        self.db_errors = Counter("voc_database_errors_total",
                                 "Requests failed because the database was unavailable", registry=r)

    def observe_enrich_batch(self, requests: int, texts: int, seconds: float) -> None:
        self.enrich_batch_texts.observe(texts)
        self.enrich_batch_seconds.observe(seconds)

    def count_ingest(self, created: int, existing: int, rejected: int) -> None:
        for outcome, n in (("created", created), ("existing", existing), ("rejected", rejected)):
            if n:
                self.comments_ingested.labels(outcome).inc(n)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
