"""The one reader of input files (CSV, TSV, JSONL, Parquet) and the JSONL writer.

Every command that takes a file (`voc score`, `voc ingest`, `voc train`, `voc spc --input`,
`voc drivers --input`, `voc topics fit --input`) reads it through :class:`TableReader`:

* the format comes from the suffix (or is named: `voc ingest --format`);
* a ``.csv`` is split on commas, or on semicolons when its header has semicolons and no comma
  (spreadsheets in decimal-comma locales export that way); ``.tsv`` on tabs; values stay
  text (an id like ``00123`` must not become a number) and an empty value is missing;
* text is UTF-8, with or without a byte-order mark. Bytes that are not UTF-8 are replaced by
  U+FFFD where the text itself is the input (scoring and ingest: the pipeline flags the row
  ``invalid_utf8`` and the rest of the file goes on), and make the row a bad row where the
  values are read as data (analysis tables);
* a row that cannot be read (too many or too few fields, broken JSON, a JSON line that is not
  an object, bytes that are not UTF-8) is a :class:`BadRow` naming its 0-based data row (and
  its column, where one is to blame); the rows around it are kept. Blank lines are not rows
  but keep their place in the count, so a row's number is the same in every run.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Literal

import pandas as pd

from voc_engine.errors import InputFileError

FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
FORMAT_NAMES = ("csv", "tsv", "jsonl", "parquet")

# What bytes that are not UTF-8 become: "replace" (U+FFFD, the row goes on; for text that is
# scored) or "reject" (the row is a bad row; for values read as data).
InvalidUtf8 = Literal["replace", "reject"]


@dataclass(frozen=True)
class BadRow:
    """A row of the file that could not be read, by its 0-based data row."""

    index: int
    error: str
    column: str | None = None

    def to_error(self, path: Path | str | None = None) -> InputFileError:
        return InputFileError(f"{path}: {self.error}" if path else self.error, row=self.index, column=self.column)

    def __str__(self) -> str:
        return str(self.to_error())

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.index, "column": self.column, "error": self.error}


Row = tuple[int, "dict[str, Any] | BadRow"]


def table_format(path: Path | str, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in FORMAT_NAMES:
            raise InputFileError(f"unknown format {explicit!r}: use {', '.join(FORMAT_NAMES)}")
        return explicit
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputFileError(
            f"cannot tell the format of {Path(path).name} from its name: use one of "
            f"{', '.join(sorted(FORMATS))} (voc ingest: or --format)"
        )
    return fmt


class TableReader:
    """A file of rows: its columns (when the format states them), its row count (when cheap),
    and its rows one at a time, in chunks or all together."""

    def __init__(self, path: Path | str, fmt: str | None = None, *, invalid_utf8: InvalidUtf8 = "replace"):
        self.path = Path(path)
        if not self.path.exists():
            raise InputFileError(f"input file not found: {self.path}")
        if not self.path.is_file():
            raise InputFileError(f"{self.path}: not a file")
        self.format = table_format(self.path, fmt)
        self.invalid_utf8 = invalid_utf8
        self._header: list[str] = []  # a CSV's column names, once its rows are read

    # --- what the file holds

    def columns(self) -> list[str] | None:
        """The header of a CSV/TSV ([] for an empty file), the schema of a Parquet file; None for
        JSONL (rows may differ)."""
        if self.format in ("csv", "tsv"):
            with self._open_text() as handle:
                header = next(csv.reader(handle, self._dialect()), None)
            return _column_names(header) if header else []
        if self.format == "parquet":
            return list(self._parquet().schema_arrow.names)
        return None

    def total_rows(self) -> int | None:
        return self._parquet().metadata.num_rows if self.format == "parquet" else None

    def separator(self) -> str:
        """Tab for .tsv; for .csv a comma, or a semicolon when the header has semicolons and no
        comma."""
        if self.format == "tsv":
            return "\t"
        with open(self.path, "rb") as handle:
            header = handle.readline(65536)
        return ";" if b";" in header and b"," not in header else ","

    # --- rows

    def rows(self, columns: list[str] | None = None) -> Iterator[Row]:
        """``(index, values)`` per readable row, ``(index, BadRow)`` per unreadable one.
        `columns` limits a Parquet read to those columns."""
        if self.format in ("csv", "tsv"):
            yield from self._csv_rows()
        elif self.format == "jsonl":
            yield from self._jsonl_rows()
        else:
            for batch_start, frame in self._parquet_frames(1024, columns):
                for offset, values in enumerate(frame.to_dict("records")):
                    yield batch_start + offset, values

    def frames(self, chunk_rows: int = 2000) -> Iterator[tuple[pd.DataFrame, list[BadRow]]]:
        """The readable rows in DataFrames of at most `chunk_rows` rows, indexed by their data
        row, each with the bad rows read along with them (constant memory)."""
        if self.format == "parquet":
            for _, frame in self._parquet_frames(chunk_rows):
                yield frame, []
            return
        good: list[tuple[int, dict[str, Any]]] = []
        bad: list[BadRow] = []
        for index, row in self.rows():
            if isinstance(row, BadRow):
                bad.append(row)
            else:
                good.append((index, row))
            if len(good) + len(bad) >= chunk_rows:
                yield self._frame(good), bad
                good, bad = [], []
        if good or bad:
            yield self._frame(good), bad

    def read(self, on_bad_row: Callable[[BadRow], None] | None = None) -> pd.DataFrame:
        """The whole table, indexed by data row. A bad row goes to `on_bad_row` and is left out;
        without it, the first one raises InputFileError naming it."""
        if self.format == "parquet":
            try:
                return pd.read_parquet(self.path)
            except Exception as exc:  # noqa: BLE001 - pyarrow raises several unrelated types
                raise InputFileError(f"{self.path}: not a readable Parquet file: {exc}") from exc
        good = []
        for index, row in self.rows():
            if isinstance(row, BadRow):
                if on_bad_row is None:
                    raise row.to_error(self.path)
                on_bad_row(row)
            else:
                good.append((index, row))
        return self._frame(good)

    # --- formats

    def _dialect(self) -> type[csv.Dialect]:
        class Dialect(csv.excel):
            delimiter = self.separator()

        return Dialect

    def _open_text(self):
        # surrogateescape keeps undecodable bytes apart (lone surrogates) so that each row can
        # decide: U+FFFD for scoring, a bad row naming the column for data.
        return open(self.path, encoding="utf-8-sig", errors="surrogateescape", newline="")

    def _csv_rows(self) -> Iterator[Row]:
        csv.field_size_limit(sys.maxsize)
        with self._open_text() as handle:
            lines = _LineLog(handle)
            # Lenient like pandas ('"great" service' is a value), so an unclosed quote is seen
            # only at the end: see _unclosed_quote.
            reader = csv.reader(lines, self._dialect())
            header = next(reader, None)
            if header is None:
                return
            header = _column_names(header)
            self._header = header
            index, pending, unclosed_from = -1, None, None
            while True:
                lines.start_record()
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:  # e.g. a NUL byte
                    index += 1
                    yield index, BadRow(index, f"malformed CSV at line {reader.line_num}: {exc}")
                    continue
                index += 1
                if pending is not None:
                    yield pending
                pending = self._csv_row(index, header, fields, reader.line_num)
                # Odd quotes over several lines: an unclosed quote, if this proves the last record.
                unclosed_from = lines.first_line if lines.spans_lines() and lines.odd_quotes() else None
            if pending is not None and unclosed_from is not None:
                yield pending[0], BadRow(pending[0], f"malformed CSV: the double quote opened on line {unclosed_from} "
                                                     "is never closed, so this value runs to the end of the file")
            elif pending is not None:
                yield pending

    def _csv_row(self, index: int, header: list[str], fields: list[str], line: int) -> Row | None:
        if not fields or (len(fields) == 1 and not fields[0].strip() and len(header) > 1):
            return None  # a blank line is not a row
        if len(fields) != len(header):
            hint = " (a value containing the separator needs double quotes)" if len(fields) > len(header) else ""
            return index, BadRow(
                index, f"malformed CSV: line {line} has {len(fields)} fields where the header has {len(header)}{hint}"
            )
        return self._decoded(index, dict(zip(header, fields)))

    def _decoded(self, index: int, values: dict[str, str]) -> Row:
        """Values with undecodable bytes replaced (or the row refused), "" as missing."""
        if _has_undecodable("".join(values.values())):
            for column, value in values.items():
                if _has_undecodable(value):
                    if self.invalid_utf8 == "reject":
                        return index, BadRow(index, "bytes that are not UTF-8", column)
                    values[column] = _replace_undecodable(value)
        return index, {column: value if value != "" else None for column, value in values.items()}

    def _jsonl_rows(self) -> Iterator[Row]:
        with open(self.path, "rb") as handle:
            for index, line in enumerate(handle):
                if not line.strip():
                    continue
                # A byte-order mark (Windows tools write one) may open the file.
                text = line.decode("utf-8-sig" if index == 0 else "utf-8", "surrogateescape")
                try:
                    value = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield index, BadRow(index, f"not valid JSON: {exc.msg} at column {exc.colno}")
                    continue
                if not isinstance(value, dict):
                    yield index, BadRow(index, "each line must be a JSON object")
                    continue
                if _has_undecodable(text):
                    if self.invalid_utf8 == "reject":
                        column = next((k for k, v in value.items() if isinstance(v, str) and _has_undecodable(v)), None)
                        yield index, BadRow(index, "bytes that are not UTF-8", column)
                        continue
                    value = json.loads(_replace_undecodable(text))
                yield index, value

    def _parquet(self):
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(self.path)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad file
            raise InputFileError(f"{self.path}: not a readable Parquet file: {exc}") from exc

    def _parquet_frames(self, chunk_rows: int, columns: list[str] | None = None) -> Iterator[tuple[int, pd.DataFrame]]:
        offset = 0
        for batch in self._parquet().iter_batches(batch_size=chunk_rows, columns=columns):
            frame = batch.to_pandas()
            frame.index = range(offset, offset + len(frame))
            yield offset, frame
            offset += len(frame)

    def _frame(self, rows: list[tuple[int, dict[str, Any]]]) -> pd.DataFrame:
        index = [i for i, _ in rows]
        if self.format == "jsonl":
            return pd.DataFrame.from_records([r for _, r in rows], index=pd.Index(index, dtype="int64"))
        return pd.DataFrame([list(r.values()) for _, r in rows], columns=self._header,
                            index=pd.Index(index, dtype="int64"), dtype=object)


class _LineLog:
    """The lines a csv.reader takes, so that the lines of each record can be looked at."""

    def __init__(self, handle):
        self._lines = iter(handle)
        self._record: list[str] = []
        self._line = 0
        self.first_line = 1

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._line += 1
        self._record.append(line)
        return line

    def start_record(self) -> None:
        self._record = []
        self.first_line = self._line + 1

    def spans_lines(self) -> bool:
        return len(self._record) > 1

    def odd_quotes(self) -> bool:
        return sum(line.count('"') for line in self._record) % 2 == 1


def _column_names(header: list[str]) -> list[str]:
    """Stripped names; an empty one becomes ``Unnamed: <position>`` and a repeated one
    ``name.1`` (as pandas names them, so a frame written with its index reads back)."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(header):
        name = _replace_undecodable(raw.strip()) or f"Unnamed: {position}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def _has_undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _replace_undecodable(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_table(path: Path | str, bad_rows: list[BadRow] | None = None) -> pd.DataFrame:
    """A table read as data (bytes that are not UTF-8 make a bad row), indexed by data row.

    With a `bad_rows` list, unreadable rows are appended to it and the others kept; without
    one, the first raises InputFileError naming its row."""
    reader = TableReader(path, invalid_utf8="reject")
    return reader.read(bad_rows.append if bad_rows is not None else None)


def jsonl_line(record: dict) -> str:
    """One record as a line of the JSONL outputs (without the newline)."""
    return json.dumps(record, ensure_ascii=False, default=str)


def write_jsonl(records: Iterable[dict], path: Path | str) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(jsonl_line(record) + "\n")
                count += 1
    except BaseException:
        partial.unlink(missing_ok=True)  # a failed run leaves no half-written output
        raise
    partial.replace(path)
    return count
