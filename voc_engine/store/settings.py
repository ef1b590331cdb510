"""Store and service settings: the project's `Settings` plus what only the store needs.

A subclass, so there is still one source of configuration (environment, prefix ``VOC_``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr

from voc_engine.config import Settings


# Comments per API request (POST /v1/comments and /v1/score), VOC_MAX_BATCH; the OpenAPI
# schemas state this default.
MAX_BATCH = 1000


class StoreSettings(Settings):
    # YAML file with the channel list and the touchpoint -> journey-stage catalogue;
    # None uses the built-in default in `voc_engine.store.catalogue`.
    catalogue_file: Path | None = None
    max_batch: int = MAX_BATCH
    max_body_bytes: int = 16 * 1024 * 1024
    max_text_chars: int = 1_000_000
    # Per-comment metadata: serialised size, nesting and number of keys (all levels).
    max_metadata_bytes: int = 16_384
    max_metadata_depth: int = 4
    max_metadata_keys: int = 100
    # PII policy of the structured fields (voc_engine.store.privacy): the key of the customer-id
    # pseudonyms (default: a key file made once in data_dir) and the metadata fields kept as sent.
    pseudonym_key: SecretStr | None = None
    metadata_safe_fields: list[str] = []
    # Who may read /metrics: "loopback" (default: requests from this host; others need an API
    # key), "key" (always an API key), "open" (anyone who reaches the port).
    metrics_access: Literal["loopback", "key", "open"] = "loopback"
    # Micro-batching of concurrent API requests into shared encoder passes. max_texts: a call's
    # budget in units of work (a tweet is 1, a long comment 1 + 1 per 1,000 characters analysed;
    # see microbatch.text_cost), shared fairly between the waiting requests: big enough to keep
    # the encoder's workers busy on a batch, small enough that a one-line comment never waits
    # behind much. A text of more than alone_cost units is analysed in a call of its own.
    microbatch_wait_ms: float = 5.0
    microbatch_max_texts: int = 64
    microbatch_alone_cost: int = 8
    # Comments longer than this are normalised and redacted in a helper process (0: in the
    # service process, where each regex pass over a long comment holds the GIL throughout).
    long_text_chars: int = 20_000
    # FULL: a commit survives power loss, not only a process crash (system of record).
    sqlite_synchronous: Literal["OFF", "NORMAL", "FULL", "EXTRA"] = "FULL"
    sqlite_busy_timeout_ms: int = 30_000
    # `voc ingest`: rows per transaction (it holds the write lock throughout, and a `voc serve`
    # on the same store waits for it), and the nice value of its encoder threads (most of its
    # CPU), so a bulk load leaves the cores to the service; its transactions keep the normal
    # priority, or a starved thread could sit on the write lock.
    ingest_chunk_rows: int = 64
    ingest_nice: int = 10


    @property
    def field_limits(self):
        from voc_engine.store.schemas import FieldLimits

        return FieldLimits(
            max_text_chars=self.max_text_chars,
            max_metadata_bytes=self.max_metadata_bytes,
            max_metadata_depth=self.max_metadata_depth,
            max_metadata_keys=self.max_metadata_keys,
        )

    def pii_policy(self):
        from voc_engine.store.privacy import PiiPolicy, load_or_create_key

        configured = self.pseudonym_key.get_secret_value() if self.pseudonym_key else None
        return PiiPolicy(
            key=load_or_create_key(configured, self.data_dir), safe_metadata_fields=frozenset(self.metadata_safe_fields)
        )


@lru_cache(maxsize=1)
def get_store_settings() -> StoreSettings:
    return StoreSettings()
