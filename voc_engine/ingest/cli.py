"""``voc ingest``: a thin shell over `voc_engine.ingest.ingest_file`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def ingest_command(
    file: Path = typer.Argument(..., help="CSV, TSV, JSONL or Parquet file of comments."),
    source: Optional[str] = typer.Option(
        None,
        "--source",
        help="Name of the sending system; with the external id it makes a comment unique. "
        "Without it, a `source` column (or --map source=COLUMN) names the system per row.",
    ),
    map_spec: Optional[str] = typer.Option(
        None,
        "--map",
        help="FIELD=COLUMN pairs, e.g. text=comment,created_at=date,nps=score,external_id=response_id,"
        "customer_id=cust,touchpoint=tp,kpi.NAME=COL,meta.NAME=COL. Unmapped fields use a same-name column.",
    ),
    set_spec: Optional[str] = typer.Option(
        None, "--set", help="FIELD=VALUE constants for every row, e.g. channel=survey"
    ),
    file_format: Optional[str] = typer.Option(
        None, "--format", help="csv, tsv, jsonl or parquet (default: from the suffix)."
    ),
    chunk_rows: Optional[int] = typer.Option(
        None, "--chunk-rows", min=1, help="Rows per transaction (default VOC_INGEST_CHUNK_ROWS=64)."
    ),
    restart: bool = typer.Option(
        False, "--restart", help="Ignore the checkpoint and read the file from the top (stored rows are still skipped)."
    ),
    errors: Optional[Path] = typer.Option(
        None, "--errors", help="Append every rejected row (index and reason) to this JSONL file."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Store and enrich every comment of a file: chunked, resumable, idempotent."""
    from voc_engine.errors import VocError
    from voc_engine.ingest import FieldMap, ingest_file
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.store.repository import FeedbackStore

    try:
        field_map = FieldMap.parse(map_spec, set_spec)
        store = FeedbackStore()
        pipeline = Pipeline.default()
        pipeline.encoder.worker_nice = store.settings.ingest_nice
        report = ingest_file(
            file,
            source,
            field_map,
            store,
            pipeline.enrich,
            file_format=file_format,
            chunk_rows=chunk_rows or store.settings.ingest_chunk_rows,
            resume=not restart,
            progress=not quiet,
            errors_path=errors,
        )
    except VocError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(code=2) from exc
    if as_json:
        typer.echo(json.dumps(report.to_dict()))
    else:
        typer.echo(report.summary(), err=True)
    if report.rejected and not report.created and not report.already_stored:
        raise typer.Exit(code=1)
