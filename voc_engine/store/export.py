"""`voc export`: stored comments to CSV or Parquet, one page in memory at a time."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from voc_engine.errors import InputFileError
from voc_engine.store.audit import record
from voc_engine.store.filters import CommentFilter
from voc_engine.store.repository import FeedbackStore

# Columns copied from the stored item as they are; the rest are derived in _flat.
ITEM_COLUMNS = (
    "id",
    "source",
    "external_id",
    "created_at",
    "received_at",
    "channel",
    "touchpoint",
    "journey_stage",
    "customer_id",
    "segment",
    "language",
    "text",
)
EXPORT_COLUMNS = ITEM_COLUMNS + (
    "nps",
    "csat",
    "ces",
    "kpis",
    "metadata",
    "sentiment_label",
    "sentiment_score",
    "tags",
    "flags",
    "model_version",
    "enrichment",
)


def _flat(item: dict[str, Any]) -> dict[str, Any]:
    enrichment = item["enrichment"]
    scores = dict(item["scores"])
    sentiment = enrichment.get("sentiment") or {}
    return {
        **{k: item[k] for k in ITEM_COLUMNS},
        "nps": scores.pop("nps", None),
        "csat": scores.pop("csat", None),
        "ces": scores.pop("ces", None),
        "kpis": json.dumps(scores),
        "metadata": json.dumps(item["metadata"], ensure_ascii=False),
        "sentiment_label": sentiment.get("label"),
        "sentiment_score": sentiment.get("score"),
        "tags": "|".join(t["name"] for t in enrichment.get("tags", [])),
        "flags": "|".join(enrichment.get("flags", [])),
        "model_version": enrichment.get("model_version"),
        "enrichment": json.dumps(enrichment, ensure_ascii=False),
    }


def export_comments(
    store: FeedbackStore,
    path: str | Path,
    file_format: str | None = None,
    filters: CommentFilter | None = None,
    page_size: int = 2000,
    actor: str | None = None,
) -> int:
    """Write matching comments (newest first) to CSV or Parquet; returns how many. With
    ``actor`` (who asked: `voc export`, the workspace's export), the export is written to the
    audit log with its filters and row count (a text filter only as given, never its words)."""
    path = Path(path)
    fmt = file_format or {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(path.suffix.lower())
    if fmt not in ("csv", "parquet"):
        raise InputFileError(f"cannot export to {path.name}: use a .csv or .parquet file, or --format")
    path.parent.mkdir(parents=True, exist_ok=True)
    items = store.iter_comments(filters, page_size=page_size)
    if fmt == "csv":
        count = 0
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(EXPORT_COLUMNS))
            writer.writeheader()
            for item in items:
                writer.writerow(_flat(item))
                count += 1
    else:
        count = _write_parquet(path, items, page_size)
    if actor is not None:
        with store.write_session() as session, session.begin():
            record(session, actor, "export_comments", "comments",
                   {"format": fmt, "rows": count, "filters": audited_filters(filters)})
    return count


def audited_filters(filters: CommentFilter | None) -> dict[str, Any]:
    """The filters of an export as the audit log keeps them: what was set, times as ISO-8601;
    a text search only as given (its words may be what was redacted)."""
    out: dict[str, Any] = {}
    for name, value in asdict(filters or CommentFilter()).items():
        if value is None or value == []:
            continue
        if name == "text_contains":
            value = "(given)"
        elif name == "customer_id":
            value = "(given)"
        out[name] = value.isoformat() if isinstance(value, datetime) else value
    return out


def _write_parquet(path: Path, items, page_size: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    string = pa.string()
    schema = pa.schema(
        [(c, string) for c in EXPORT_COLUMNS[:3]]
        + [("created_at", pa.timestamp("us", tz="UTC")), ("received_at", pa.timestamp("us", tz="UTC"))]
        + [(c, string) for c in EXPORT_COLUMNS[5:12]]
        + [(c, pa.int16()) for c in ("nps", "csat", "ces")]
        + [
            ("kpis", string),
            ("metadata", string),
            ("sentiment_label", string),
            ("sentiment_score", pa.float64()),
            ("tags", string),
            ("flags", string),
            ("model_version", string),
            ("enrichment", string),
        ]
    )
    count = 0
    page: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema) as writer:

        def flush() -> None:
            from datetime import datetime

            for row in page:
                row["created_at"] = datetime.fromisoformat(row["created_at"])
                row["received_at"] = datetime.fromisoformat(row["received_at"])
            writer.write_table(pa.Table.from_pylist(page, schema=schema))
            page.clear()

        for item in items:
            page.append(_flat(item))
            count += 1
            if len(page) >= page_size:
                flush()
        if page or count == 0:
            flush()
    return count
