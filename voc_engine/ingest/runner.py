"""`voc ingest`: a file into the store in chunks, each chunk one transaction with its checkpoint.

Interrupted at any point (Ctrl-C, kill -9, a crash), a re-run continues after the last committed
chunk; a chunk that was half-way is redone, and the unique (source, external_id) makes that
harmless. Memory holds one chunk, whatever the file size.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from voc_engine.errors import InputFileError
from voc_engine.ingest.mapping import FieldMap
from voc_engine.io import BadRow, TableReader
from voc_engine.store.catalogue import MAPPABLE_FIELDS, Catalogue
from voc_engine.store.ingest import Checkpoint, EnrichFn
from voc_engine.store.repository import FeedbackStore
from voc_engine.store.schemas import RowError

MAX_ERRORS_KEPT = 100  # in the report; all of them go to --errors FILE


@dataclass
class FileIngestReport:
    path: str
    source: str
    rows_read: int = 0
    created: int = 0
    already_stored: int = 0
    rejected: int = 0
    resumed_from: int = 0
    seconds: float = 0.0
    completed: bool = False
    already_complete: bool = False  # a checkpoint says an earlier run finished this file
    errors: list[dict[str, Any]] = field(default_factory=list)
    # "channel" -> {"mapped": n, "other": n}: values the catalogue's value_map (or --map-values)
    # translated, and unknown channels filed under "other"
    values_changed: dict[str, Counter] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0

    def add(self, index: int, error: str | None, created: bool, errors_file=None) -> None:
        """Count one row's outcome (and write a rejected one to the --errors file)."""
        self.rows_read += 1
        if error is None:
            self.created += created
            self.already_stored += not created
            return
        self.rejected += 1
        entry = {"index": index, "error": error}
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(entry)
        if errors_file:
            errors_file.write(json.dumps(entry) + "\n")

    def add_values_changed(self, changed: dict[str, Counter] | dict[str, dict[str, int]]) -> None:
        for name, counts in changed.items():
            self.values_changed.setdefault(name, Counter()).update(counts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "source": self.source,
            "rows_read": self.rows_read,
            "created": self.created,
            "already_stored": self.already_stored,
            "rejected": self.rejected,
            "resumed_from": self.resumed_from,
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rate, 1),
            "completed": self.completed,
            "already_complete": self.already_complete,
            "values_changed": {name: dict(counts) for name, counts in self.values_changed.items()},
            "errors": self.errors,
        }

    def summary(self) -> str:
        if self.already_complete:
            return (
                f"{self.path} -> source {self.source!r}: already ingested completely (checkpoint); "
                "pass --restart to read it again (stored rows are still not stored twice)"
            )
        lines = [
            f"{self.path} -> source {self.source!r}",
            f"  rows read {self.rows_read} ({self.rate:.0f}/s), stored {self.created}, "
            f"already stored {self.already_stored}, rejected {self.rejected}",
        ]
        for name, counts in self.values_changed.items():
            parts = [f"{counts['mapped']} mapped"] if counts.get("mapped") else []
            if counts.get("other"):
                parts.append(f"{counts['other']} unknown filed under 'other'")
            lines.append(f"  {name}: {', '.join(parts)}")
        if self.resumed_from:
            lines.append(f"  resumed after row {self.resumed_from - 1} (checkpoint)")
        for error in self.errors[:10]:
            lines.append(f"  row {error['index']}: {error['error']}")
        if self.rejected > 10:
            lines.append(f"  ... {self.rejected - 10} more rejected rows")
        if not self.completed:
            lines.append("  stopped before the end of the file: run the same command again to continue")
        return "\n".join(lines)


class ChunkIngest:
    """Rows of a file into the store, a chunk at a time: the comment fields from the mapping,
    channel, touchpoint and journey stage in the catalogue's names, then `FeedbackStore.ingest`
    (idempotent on (source, external_id)). `voc ingest` calls it in turn; on a cluster each worker
    does (voc_engine.cluster), so both engines store a row alike."""

    def __init__(self, store: FeedbackStore, mapping: FieldMap, source: str | None, catalogue: Catalogue | None = None):
        self.store = store
        self.mapping = mapping
        self.source = source
        self.names = catalogue or store.catalogue
        # "channel" -> {"mapped": n, "other": n} since the last take_values_changed()
        self._changed: dict[str, Counter] = {}

    def _canonical(self, comment: dict[str, Any]) -> dict[str, Any]:
        for name in MAPPABLE_FIELDS:
            value = comment.get(name)
            if isinstance(value, str) and value.strip():
                comment[name], change = self.names.canonical(name, value.strip())
                if change:
                    self._changed.setdefault(name, Counter())[change] += 1
        return comment

    def comment_rows(self, chunk: list[tuple[int, "dict | RowError"]]) -> list["dict | RowError"]:
        return [row if isinstance(row, RowError) else self._canonical(self.mapping.comment(row, self.source))
                for _, row in chunk]

    def ingest(self, chunk: list[tuple[int, "dict | RowError"]], enrich: EnrichFn,
               checkpoint: Checkpoint | None = None) -> list[tuple[int, Any]]:
        """``(file row, IngestResult)`` per row of the chunk, in its order (one transaction)."""
        results = self.store.ingest(self.comment_rows(chunk), enrich, checkpoint)
        return [(index, result) for (index, _), result in zip(chunk, results)]

    def take_values_changed(self) -> dict[str, Counter]:
        changed, self._changed = self._changed, {}
        return changed


def ingest_row(index: int, row: "dict | BadRow") -> "dict | RowError":
    """A row of the file as the store takes it: its values, or a rejection naming why it could
    not be read."""
    if isinstance(row, BadRow):
        return RowError(index, f"{row.column}: {row.error}" if row.column else row.error)
    return row


def checkpoint_key(path: Path, source: str) -> str:
    """Identifies (file content, source): the path, size and the first MiB's hash."""
    digest = hashlib.sha256()
    digest.update(f"{source}\x1f{path.resolve()}\x1f{path.stat().st_size}\x1f".encode())
    with open(path, "rb") as handle:
        digest.update(handle.read(1 << 20))
    return digest.hexdigest()


def ingest_file(
    path: str | Path,
    source: str | None,
    field_map: FieldMap,
    store: FeedbackStore,
    enrich: EnrichFn,
    *,
    file_format: str | None = None,
    chunk_rows: int = 256,
    resume: bool = True,
    progress: bool = True,
    errors_path: str | Path | None = None,
    max_rows: int | None = None,
    on_chunk: Callable[[int], None] | None = None,
    catalogue: Catalogue | None = None,
) -> FileIngestReport:
    """Ingest a file; see the module docstring. `max_rows` stops early (the checkpoint keeps the place).

    `catalogue` (default: the store's) translates channel, touchpoint and journey-stage values
    for this run, e.g. the store's with `--map-values` added (`Catalogue.with_overrides`)."""
    from tqdm import tqdm

    path = Path(path)
    reader = TableReader(path, file_format)
    columns = reader.columns()
    if columns == []:
        raise InputFileError(f"{path}: the file is empty (no header row)")
    mapping = field_map.resolve(columns, source)
    source_label = source or mapping.constants.get("source") or f"column {mapping.columns.get('source')!r}"
    key = checkpoint_key(path, source_label)
    previous = store.checkpoint(key) if resume else None
    start = previous.rows_done if previous else 0
    report = FileIngestReport(str(path), source_label, resumed_from=start)
    if previous and previous.completed:
        report.completed = report.already_complete = True
        return report

    started = time.perf_counter()
    errors_file = open(errors_path, "a", encoding="utf-8") if errors_path else None
    bar = tqdm(
        total=reader.total_rows(),
        initial=start,
        unit="rows",
        desc=f"ingest {path.name}",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
    )
    chunk: list[tuple[int, dict | RowError]] = []
    last_index = start - 1

    rows_in = ChunkIngest(store, mapping, source, catalogue)

    def flush(final: bool) -> None:
        indices = [index for index, _ in chunk]
        done = (indices[-1] + 1) if indices else last_index + 1
        results = rows_in.ingest(chunk, enrich, Checkpoint(key, source_label[:100], str(path.resolve()), done, final))
        for file_index, result in results:
            report.add(file_index, result.error, result.created, errors_file)
        report.add_values_changed(rows_in.take_values_changed())
        bar.update(len(chunk))
        if on_chunk:
            on_chunk(len(chunk))
        chunk.clear()

    try:
        stopped_early = False
        for index, row in reader.rows(mapping.source_columns if reader.format == "parquet" else None):
            if index < start:
                continue
            if max_rows is not None and report.rows_read + len(chunk) >= max_rows:
                stopped_early = True
                break
            chunk.append((index, ingest_row(index, row)))
            last_index = index
            if len(chunk) >= chunk_rows:
                flush(final=False)
        if chunk or not stopped_early:
            flush(final=not stopped_early)
        report.completed = not stopped_early
    finally:
        bar.close()
        if errors_file:
            errors_file.close()
        report.seconds = time.perf_counter() - started
    return report
