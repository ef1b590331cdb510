"""Alerting settings: the project's `Settings` plus what alerts, cases and webhooks need (prefix VOC_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from voc_engine.config import Settings


class AlertSettings(Settings):
    # Defaults used until an admin saves a version through the API or `voc alerts ... set`.
    alert_rules_file: Path | None = None
    routing_file: Path | None = None
    # in_process: `voc serve` delivers webhooks in a background thread; external: only
    # `voc alerts deliver` does (run it as its own service).
    alerts_delivery: Literal["in_process", "external"] = "in_process"
    alerts_poll_seconds: float = 1.0
    alerts_batch_size: int = 50
    # Retry n waits between d/2 and d, d = min(max, base * 2**(n-1)): exponential with jitter.
    alerts_backoff_base_seconds: float = 1.0
    alerts_backoff_max_seconds: float = 600.0
    alerts_max_attempts: int = 30
    alerts_http_timeout_seconds: float = 10.0
    # A claimed message is someone else's for this long; after a crash it is retried then.
    alerts_lease_seconds: float = 60.0


@lru_cache(maxsize=1)
def get_alert_settings() -> AlertSettings:
    return AlertSettings()
