"""Reading input tables (CSV, JSONL, Parquet) and writing JSONL, with row-level errors."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from voc_engine.errors import InputFileError

FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


def table_format(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputFileError(f"{path}: unknown file type; use one of {', '.join(sorted(FORMATS))}")
    return fmt


# How `iter_table` (scoring) decodes bytes that are not UTF-8: as U+FFFD, which the
# pipeline flags "invalid_utf8" on the row before scoring it. One damaged comment in an
# export must not stop the file. `read_table` (analysis tables) stays strict.
INVALID_UTF8 = "replace"


def _read_jsonl(path: Path, encoding_errors: str = "strict") -> pd.DataFrame:
    rows = []
    with open(path, "rb") as handle:
        for index, line in enumerate(handle):
            if not line.strip():
                continue
            try:
                # A byte-order mark (Windows tools write one) may open the file.
                value = json.loads(line.decode("utf-8-sig" if index == 0 else "utf-8", encoding_errors))
            except UnicodeDecodeError as exc:
                raise InputFileError(f"{path}: invalid UTF-8 ({exc.reason})", row=index) from exc
            except json.JSONDecodeError as exc:
                raise InputFileError(f"{path}: not valid JSON: {exc.msg}", row=index) from exc
            if not isinstance(value, dict):
                raise InputFileError(f"{path}: each line must be a JSON object", row=index)
            rows.append(value)
    return pd.DataFrame.from_records(rows)


def _read_csv(path: Path, sep: str) -> pd.DataFrame:
    try:
        # Strings stay strings: ids like 00123 must not turn into numbers.
        return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False,
                           na_values=[""], encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = open(path, "rb").read()[: exc.start].count(b"\n")
        raise InputFileError(f"{path}: invalid UTF-8 ({exc.reason})", row=max(0, line - 1)) from exc
    except pd.errors.EmptyDataError:  # a 0-byte file: no rows, like a header alone
        return pd.DataFrame()
    except pd.errors.ParserError as exc:
        raise _malformed_csv(path, exc) from exc


_FIELDS_RE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _malformed_csv(path: Path, exc: Exception) -> InputFileError:
    """pandas' "Expected 2 fields in line 3, saw 4" as the data row it is, with the likely cause."""
    found = _FIELDS_RE.search(str(exc))
    if not found:
        return InputFileError(f"{path}: malformed CSV: {exc}")
    expected, line, saw = (int(g) for g in found.groups())
    return InputFileError(
        f"{path}: malformed CSV: line {line} has {saw} fields where the header has {expected} "
        "(a value containing the separator needs double quotes)",
        row=line - 2,  # line 1 is the header; rows count from 0
    )


def _separator(path: Path, fmt: str) -> str:
    """Tab for .tsv; for .csv a comma, or a semicolon when the header has semicolons and no
    comma (spreadsheets in locales with a decimal comma export that way)."""
    if fmt == "tsv":
        return "\t"
    with open(path, "rb") as handle:
        header = handle.readline(65536)
    return ";" if b";" in header and b"," not in header else ","


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InputFileError(f"input file not found: {path}")
    if not path.is_file():
        raise InputFileError(f"{path}: not a file")


def read_table(path: Path | str) -> pd.DataFrame:
    """The whole table as a DataFrame; a malformed file raises InputFileError naming the row."""
    path = Path(path)
    _check_readable(path)
    fmt = table_format(path)
    if fmt == "parquet":
        try:
            return pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several unrelated types
            raise InputFileError(f"{path}: not a readable Parquet file: {exc}") from exc
    if fmt == "jsonl":
        return _read_jsonl(path)
    return _read_csv(path, _separator(path, fmt))


def iter_table(path: Path | str, chunk_rows: int = 2000) -> Iterator[pd.DataFrame]:
    """The table in chunks (constant memory) with a global 0-based row index.

    Bytes that are not UTF-8 do not stop the file (see ``INVALID_UTF8``).
    """
    path = Path(path)
    fmt = table_format(path)
    _check_readable(path)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        offset = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_rows):
            frame = batch.to_pandas()
            frame.index = range(offset, offset + len(frame))
            offset += len(frame)
            yield frame
    elif fmt == "jsonl":
        frame = _read_jsonl(path, INVALID_UTF8)
        for start in range(0, len(frame), chunk_rows):
            yield frame.iloc[start : start + chunk_rows]
    else:
        try:
            reader = pd.read_csv(path, sep=_separator(path, fmt), dtype=str,
                                 keep_default_na=False, na_values=[""], chunksize=chunk_rows,
                                 encoding="utf-8", encoding_errors=INVALID_UTF8)
            yield from reader
        except pd.errors.EmptyDataError:  # a 0-byte file: no rows, like a header alone
            return
        except pd.errors.ParserError as exc:
            raise _malformed_csv(path, exc) from exc


def write_jsonl(records: Iterable[dict], path: Path | str) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                count += 1
    except BaseException:
        partial.unlink(missing_ok=True)  # a failed run leaves no half-written output
        raise
    partial.replace(path)
    return count
