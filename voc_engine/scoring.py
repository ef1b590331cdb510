"""Batch scoring of files and frames: what ``voc score`` and the demo call."""
from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from voc_engine.errors import InputFileError
from voc_engine.io import BadRow, TableReader, write_jsonl
from voc_engine.nlp.pipeline import Pipeline
from voc_engine.schema import Enrichment

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# Rows read from the input at a time (the pipeline scores them in steps of its own).
CHUNK_ROWS = 2048


@dataclass
class ScoringSummary:
    """What a scoring run produced, for people (``summary()``) and machines (``to_dict()``)."""

    rows: int = 0
    errors: int = 0
    unreadable: int = 0  # of the errors: rows of the file that could not be read at all
    seconds: float = 0.0
    sentiment: Counter = field(default_factory=Counter)
    tags: Counter = field(default_factory=Counter)
    negative_tags: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    output: str | None = None
    model_version: str | None = None

    def add(self, record: dict) -> None:
        self.rows += 1
        if record["error"]:
            self.errors += 1
            return
        if record["sentiment"]:
            self.sentiment[record["sentiment"]["label"]] += 1
        for tag in record["tags"]:
            self.tags[tag["name"]] += 1
            if tag["sentiment"] == "negative":
                self.negative_tags[tag["name"]] += 1
        self.flags.update(record["flags"])

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def merge(self, other: "ScoringSummary") -> None:
        """Add the counts of another part of the same run (the cluster's partitions)."""
        self.rows += other.rows
        self.errors += other.errors
        self.unreadable += other.unreadable
        for mine, theirs in ((self.sentiment, other.sentiment), (self.tags, other.tags),
                             (self.negative_tags, other.negative_tags), (self.flags, other.flags)):
            mine.update(theirs)

    def to_dict(self) -> dict:
        return {
            "rows": self.rows, "errors": self.errors, "unreadable": self.unreadable, "seconds": round(self.seconds, 2),
            "comments_per_second": round(self.rate, 1), "sentiment": dict(self.sentiment),
            "tags": dict(self.tags.most_common()), "negative_tags": dict(self.negative_tags.most_common()),
            "flags": dict(self.flags.most_common()), "output": self.output,
            "model_version": self.model_version,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ScoringSummary":
        """The summary ``to_dict`` gave (a cluster run's manifest keeps it)."""
        return cls(rows=data["rows"], errors=data["errors"], unreadable=data["unreadable"], seconds=data["seconds"],
                   sentiment=Counter(data["sentiment"]), tags=Counter(data["tags"]),
                   negative_tags=Counter(data["negative_tags"]), flags=Counter(data["flags"]),
                   output=data["output"], model_version=data["model_version"])

    def summary(self) -> str:
        scored = max(1, sum(self.sentiment.values()))
        lines = [
            f"Scored {self.rows} comments in {self.seconds:.1f} s ({self.rate:.0f}/s), "
            f"{self.errors} could not be scored"
            + (f" ({self.unreadable} unreadable rows of the file: see their error lines)." if self.unreadable else "."),
            "Sentiment: " + ", ".join(
                f"{label} {self.sentiment[label]} ({100 * self.sentiment[label] / scored:.0f} %)"
                for label in ("negative", "neutral", "positive")
            ),
            "Top issues (mentions, of which negative):",
        ]
        lines += [f"  {name:<22} {count:>5}  {self.negative_tags[name]:>5} negative"
                  for name, count in self.tags.most_common(10)]
        if self.flags:
            lines.append("Flags: " + ", ".join(f"{n} {c}" for n, c in self.flags.most_common()))
        if self.output:
            lines.append(f"Enriched results: {self.output}")
        return "\n".join(lines)


def batch_inputs(chunk: "pd.DataFrame", text_col: str, id_col: str | None) -> tuple[list, list]:
    """The texts and ids of a chunk of readable rows (ids: the id column's values, else the row
    numbers); what both engines hand the pipeline, so that they score the same values."""
    if len(chunk):
        if text_col not in chunk.columns:
            raise InputFileError(f"no text column {text_col!r}; columns are {list(chunk.columns)}", column=text_col)
        if id_col and id_col not in chunk.columns:
            raise InputFileError(f"no id column {id_col!r}; columns are {list(chunk.columns)}", column=id_col)
    ids = chunk[id_col].tolist() if id_col and len(chunk) else [int(i) for i in chunk.index]
    return (chunk[text_col].tolist() if len(chunk) else []), ids


def chunk_records(rows: list[int], enrichments: list[Enrichment], bad: list[BadRow], id_col: str | None,
                  model_version: str) -> list[tuple[int, dict]]:
    """``(row, record)`` for every row of a chunk, in row order: the scored rows and, in their
    places, an error line for each row that could not be read."""
    failed = [(row.index, Enrichment.failed(None if id_col else row.index, str(row), model_version)) for row in bad]
    return [(index, enrichment.to_record())
            for index, enrichment in sorted([*zip(rows, enrichments), *failed], key=lambda pair: pair[0])]


def resolve_id_col(reader: TableReader, id_col: str | None) -> str | None:
    """``id_col``, or None (row numbers) when the file has no such column and the caller kept
    the default ``id``."""
    columns = reader.columns()
    if columns is None:  # JSONL: the fields of the first readable row
        columns = next((list(row) for _, row in reader.rows() if not isinstance(row, BadRow)), [])
    return None if id_col == "id" and "id" not in columns else id_col


def _records(pipeline: Pipeline, chunks: Iterable[tuple["pd.DataFrame", list[BadRow]]], text_col: str,
             id_col: str | None, summary: ScoringSummary, progress) -> Iterator[dict]:
    read: deque[tuple[list[int], list[BadRow]]] = deque()

    def batches():
        for chunk, bad in chunks:
            texts, ids = batch_inputs(chunk, text_col, id_col)
            read.append(([int(i) for i in chunk.index], bad))
            yield texts, ids

    # enrich_many encodes one chunk while this generator's consumer writes the one before.
    for enrichments in pipeline.enrich_many(batches()):
        rows, bad = read.popleft()
        # A row that could not be read keeps its place in the output, as an error line.
        summary.unreadable += len(bad)
        for _, record in chunk_records(rows, enrichments, bad, id_col, pipeline.model_version):
            summary.add(record)
            yield record
        progress(len(enrichments) + len(bad))


def score_file(pipeline: Pipeline, input_path: Path, output_path: Path, text_col: str = "text",
               id_col: str | None = "id", show_progress: bool = False) -> ScoringSummary:
    """Score a CSV/JSONL/Parquet file into JSONL, one line per input row, in input order.

    ``id_col`` falls back to the row number when the file has no such column
    and the caller kept the default. A row that cannot be read (broken JSON, too many fields)
    is an error line naming its row; the rows around it are scored.
    """
    reader = TableReader(input_path)
    id_col = resolve_id_col(reader, id_col)
    summary = ScoringSummary(output=str(output_path), model_version=pipeline.model_version)
    started = time.perf_counter()
    bar = None
    if show_progress:
        from tqdm import tqdm

        bar = tqdm(unit=" comments", desc="scoring", leave=False)
    try:
        write_jsonl(
            _records(pipeline, reader.frames(CHUNK_ROWS), text_col, id_col, summary,
                     bar.update if bar is not None else (lambda n: None)),
            output_path,
        )
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    return summary
