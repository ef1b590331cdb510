"""``voc ingest`` and ``voc reprocess``: thin shells over `voc_engine.ingest.ingest_file` and
`FeedbackStore.reprocess`, each scoring with the store's flag configuration."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from voc_engine.cluster.cli import Actors, Address, CpusPerActor, Engine
from voc_engine.exits import DATA_ERROR, cli_errors


def ingest_command(
    file: str = typer.Argument(
        ..., help="CSV, TSV, JSONL or Parquet file of comments (--engine ray: also a directory or a glob, on a "
                  "volume every node reads)."),
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
    map_values: Optional[List[str]] = typer.Option(
        None,
        "--map-values",
        help="FIELD=FROM:TO,FROM:TO: translate this file's values of channel, touchpoint or journey_stage, "
        "e.g. channel=call:contact_centre,store:branch (repeatable; adds to the catalogue's value_map).",
    ),
    unknown_channel: Optional[str] = typer.Option(
        None,
        "--unknown-channel",
        help="reject (default: the row is refused, listing the known channels) or other (filed under "
        "'other', counted in the summary).",
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
    engine: Engine = "local",
    address: Address = None,
    actors: Actors = None,
    cpus_per_actor: CpusPerActor = 1.0,
) -> None:
    """Store and enrich every comment of a file: chunked, resumable, idempotent."""
    from voc_engine.cluster.cli import cluster_options
    from voc_engine.ingest import FieldMap, ingest_file
    from voc_engine.ingest.mapping import MappingError, parse_value_maps
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        field_map = FieldMap.parse(map_spec, set_spec)
        value_maps = parse_value_maps(map_values)
        if unknown_channel not in (None, "reject", "other"):
            raise MappingError("--unknown-channel: reject or other")
        runtime = cli_runtime()
        # --chunk-rows: rows per transaction, here as on a cluster worker.
        options = cluster_options(engine, address, actors, cpus_per_actor,
                                  chunk_rows or runtime.settings.store.ingest_chunk_rows, quiet)
        if options is not None:
            from voc_engine.cluster.inputs import expand_inputs, is_uri
            from voc_engine.cluster.store import ingest_files

            if is_uri(file):
                raise MappingError("--engine ray ingests files on a volume every node reads, not object store URIs")
            reports = ingest_files(runtime, expand_inputs(file), source, field_map, file_format=file_format,
                                   value_maps=value_maps, unknown_channel=unknown_channel, resume=not restart,
                                   errors_path=errors, options=options)
    if options is not None:
        for report in reports:
            typer.echo(json.dumps(report.to_dict()) if as_json else report.summary(), err=not as_json)
        if all(r.rejected and not r.created and not r.already_stored for r in reports if not r.already_complete) \
                and any(not r.already_complete for r in reports):
            raise typer.Exit(code=DATA_ERROR)
        return
    with cli_errors():
        store = runtime.store
        catalogue = store.catalogue.with_overrides(value_maps, unknown_channel)
        # The runtime's pipeline reads the store's flag configuration (`voc alerts flags set`)
        # before each chunk.
        pipeline = runtime.pipeline
        pipeline.encoder.worker_nice = runtime.settings.store.ingest_nice
        report = ingest_file(
            Path(file),
            source,
            field_map,
            store,
            pipeline.enrich,
            file_format=file_format,
            chunk_rows=chunk_rows or runtime.settings.store.ingest_chunk_rows,
            resume=not restart,
            progress=not quiet,
            errors_path=errors,
            catalogue=catalogue,
        )
    if as_json:
        typer.echo(json.dumps(report.to_dict()))
    else:
        typer.echo(report.summary(), err=True)
    if report.rejected and not report.created and not report.already_stored:
        raise typer.Exit(code=DATA_ERROR)


def reprocess_command(
    everything: bool = typer.Option(
        False, "--all", help="Re-enrich every comment, not only those of other model versions."
    ),
    batch_size: int = typer.Option(256, "--batch-size", min=1),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    engine: Engine = "local",
    address: Address = None,
    actors: Actors = None,
    cpus_per_actor: CpusPerActor = 1.0,
) -> None:
    """Re-enrich stored comments after a model change (resumable: one transaction per batch)."""
    from tqdm import tqdm

    from voc_engine.cluster.cli import cluster_options
    from voc_engine.runtime import cli_runtime
    from voc_engine.store.filters import CommentFilter

    with cli_errors():
        options = cluster_options(engine, address, actors, cpus_per_actor, 1, quiet)
        runtime = cli_runtime()
        if options is not None:
            from voc_engine.cluster.store import reprocess_store

            done, version = reprocess_store(runtime, everything=everything, batch_size=batch_size, options=options)
    if options is not None:
        typer.echo(f"re-enriched {done} comments with {version}", err=True)
        return
    with cli_errors():
        store = runtime.store
        # With the store's flag configuration: comments flagged under another one count as
        # another model version (its content is in the version string) and are re-enriched.
        pipeline = runtime.pipeline
    version = pipeline.model_version
    total = store.count_comments() - (0 if everything else store.count_comments(CommentFilter(model_version=version)))
    with tqdm(total=total, unit="comments", desc="reprocess", disable=quiet) as bar:
        done = store.reprocess(
            pipeline.enrich, version, everything=everything, batch_size=batch_size, on_batch=bar.update
        )
    typer.echo(f"re-enriched {done} comments with {version}", err=True)
