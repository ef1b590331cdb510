"""File ingestion (`voc ingest`): CSV, JSONL and Parquet into the feedback store, resumable.

    from voc_engine.ingest import FieldMap, ingest_file

Attributes are imported lazily so that `voc --help` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "FieldMap": "voc_engine.ingest.mapping",
    "parse_assignments": "voc_engine.ingest.mapping",
    "FileIngestReport": "voc_engine.ingest.runner",
    "ingest_file": "voc_engine.ingest.runner",
    "TableReader": "voc_engine.io",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'voc_engine.ingest' has no attribute {name!r}")
