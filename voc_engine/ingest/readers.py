"""Streaming readers: one row at a time, whatever the file size (constant memory).

Each yields `(row_index, dict)` for a readable row or `(row_index, RowError)` for a malformed
one; the index is the 0-based data row (CSV: after the header; JSONL: the line).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Iterator

from voc_engine.errors import InputFileError
from voc_engine.io import FORMATS
from voc_engine.store.schemas import RowError


Row = tuple[int, "dict | RowError"]


def detect_format(path: Path, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in ("csv", "tsv", "jsonl", "parquet"):
            raise InputFileError(f"unknown format {explicit!r}: use csv, tsv, jsonl or parquet")
        return explicit
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputFileError(f"cannot tell the format of {path.name}: use .csv, .tsv, .jsonl or .parquet, or --format")
    return fmt


class FileReader:
    """Columns (when the format knows them up front), row count (when cheap) and the rows."""

    def __init__(self, path: Path, fmt: str | None = None, batch_rows: int = 1024):
        self.path = Path(path)
        if not self.path.is_file():
            raise InputFileError(f"no such file: {self.path}")
        self.format = detect_format(self.path, fmt)
        self.batch_rows = batch_rows

    def columns(self) -> list[str] | None:
        if self.format in ("csv", "tsv"):
            with self._open_text() as handle:
                header = next(csv.reader(handle, dialect=self._dialect()), None)
            if not header:
                raise InputFileError("the file is empty (no header row)")
            return [h.strip() for h in header]
        if self.format == "parquet":
            return list(self._parquet().schema_arrow.names)
        return None  # JSONL rows may differ; fields are checked row by row

    def total_rows(self) -> int | None:
        return self._parquet().metadata.num_rows if self.format == "parquet" else None

    def rows(self, columns: list[str] | None = None) -> Iterator[Row]:
        if self.format in ("csv", "tsv"):
            yield from self._csv_rows()
        elif self.format == "jsonl":
            yield from self._jsonl_rows()
        else:
            yield from self._parquet_rows(columns)

    def _dialect(self):
        return csv.excel_tab if self.format == "tsv" else csv.excel

    def _open_text(self):
        # Undecodable bytes become U+FFFD rather than stopping the file; the text model sees them.
        return open(self.path, encoding="utf-8-sig", errors="replace", newline="")

    def _csv_rows(self) -> Iterator[Row]:
        csv.field_size_limit(sys.maxsize)
        with self._open_text() as handle:
            reader = csv.reader(handle, dialect=self._dialect())
            header = [h.strip() for h in next(reader, [])]
            index = -1
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    index += 1
                    yield index, RowError(index, f"malformed CSV: {exc}")
                    continue
                index += 1
                if not fields or (len(fields) == 1 and not fields[0].strip()):
                    yield index, RowError(index, "empty row")
                elif len(fields) != len(header):
                    yield index, RowError(index, f"expected {len(header)} fields, got {len(fields)}")
                else:
                    yield index, dict(zip(header, fields))

    def _jsonl_rows(self) -> Iterator[Row]:
        with open(self.path, encoding="utf-8-sig", errors="replace") as handle:
            for index, line in enumerate(handle):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield index, RowError(index, f"malformed JSON: {exc.msg} at column {exc.colno}")
                    continue
                if isinstance(value, dict):
                    yield index, value
                else:
                    yield index, RowError(index, "a JSONL row must be a JSON object")

    def _parquet(self):
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(self.path)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad file
            raise InputFileError(f"cannot read {self.path.name} as Parquet: {exc}") from exc

    def _parquet_rows(self, columns: list[str] | None) -> Iterator[Row]:
        index = 0
        for batch in self._parquet().iter_batches(batch_size=self.batch_rows, columns=columns):
            for row in batch.to_pylist():
                yield index, row
                index += 1
