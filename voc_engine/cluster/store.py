"""``voc ingest --engine ray`` and ``voc reprocess --engine ray``: the store's writes, spread
over a pool of workers, each with its own models and connection to the (PostgreSQL) store.

Both are safe to run again and to lose a worker in. Ingest: each worker stores its rows through
the local engine's `ChunkIngest` (one transaction per call, idempotent on (source,
external_id), every row having one: a column's, or a hash of its values), so rows given again
after a worker died, or read again by a re-run after the driver died, are "already stored"; the
alert rules run in the transaction that creates a comment, so a case opens once. Reprocess:
the driver cuts the comments still on another model version into id ranges; a worker re-reads
its range's comments that still need it, so a range given twice is re-enriched once.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voc_engine.cluster.inputs import block, pack, unpack
from voc_engine.cluster.session import ClusterOptions, connected, in_calls, worker_settings
from voc_engine.errors import ConfigError, InputFileError
from voc_engine.io import TableReader

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.ingest.mapping import FieldMap
    from voc_engine.ingest.runner import FileIngestReport
    from voc_engine.runtime import Runtime


def _worker_runtime(settings, encoder_threads: int) -> "Runtime":
    """A worker's runtime: the driver's settings, models loaded once with the encoder on the
    worker's CPUs, reading the store's flag configuration like every runtime."""
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.runtime import Runtime

    return Runtime(settings, pipeline=Pipeline.from_paths(settings=settings, encoder_threads=encoder_threads))


# --------------------------------------------------------------------------- ingest
def read_ingest_rows(batch, files: dict[str, dict[str, Any]], block_rows: int):
    """Read task: each file's rows as `voc ingest` reads them, from the row its checkpoint names."""
    from voc_engine.ingest.runner import ingest_row

    for spec in batch.column("file").to_pylist():
        plan = files[spec]
        reader = TableReader(spec, plan["format"])
        parquet_columns = plan["columns"] if reader.format == "parquet" else None
        items: list[tuple[int, Any]] = []
        for index, row in reader.rows(parquet_columns):
            items.append((index, ingest_row(index, row)))
            if len(items) >= block_rows:
                yield block([spec] * len(items), [i for i, _ in items], [pack(r) for _, r in items])
                items = []
        if items:
            yield block([spec] * len(items), [i for i, _ in items], [pack(r) for _, r in items])


class IngestWorker:
    """One worker: a runtime (models, store) built once; per call, a batch of rows stored."""

    def __init__(self, settings, files: dict[str, dict[str, Any]], value_maps, unknown_channel, encoder_threads: int):
        from voc_engine.ingest.runner import ChunkIngest

        self.runtime = _worker_runtime(settings, encoder_threads)
        store = self.runtime.store
        catalogue = store.catalogue.with_overrides(value_maps, unknown_channel)
        self.ingest = {spec: ChunkIngest(store, plan["mapping"], plan["source"], catalogue)
                       for spec, plan in files.items()}

    def __call__(self, batch):
        import pyarrow as pa

        files = batch.column("file").to_pylist()
        rows = batch.column("row").to_pylist()
        payloads = batch.column("payload").to_pylist()
        out: dict[str, list] = {"file": [], "row": [], "created": [], "error": [], "changed": []}
        for spec in dict.fromkeys(files):
            chunk = [(row, unpack(payload)) for f, row, payload in zip(files, rows, payloads) if f == spec]
            step = self.ingest[spec]
            results = step.ingest(chunk, self.runtime.pipeline.enrich)
            changed = {name: dict(counts) for name, counts in step.take_values_changed().items()}
            for n, (row, result) in enumerate(results):
                out["file"].append(spec)
                out["row"].append(row)
                out["created"].append(bool(result.created))
                out["error"].append(result.error)
                out["changed"].append(json.dumps(changed) if changed and n == 0 else None)
        return pa.table({"file": pa.array(out["file"], pa.string()), "row": pa.array(out["row"], pa.int64()),
                         "created": pa.array(out["created"], pa.bool_()), "error": pa.array(out["error"], pa.string()),
                         "changed": pa.array(out["changed"], pa.string())})


def ingest_files(runtime: "Runtime", paths: list[str], source: str | None, field_map: "FieldMap", *,
                 file_format: str | None = None, value_maps: dict | None = None, unknown_channel: str | None = None,
                 resume: bool = True, errors_path: str | Path | None = None,
                 options: ClusterOptions | None = None) -> list["FileIngestReport"]:
    """Ingest files into the runtime's store on a Ray cluster: one report per file, as
    `voc_engine.ingest.ingest_file` gives (rows are counted when their worker's transaction
    committed). A file a previous run finished is skipped (``resume``)."""
    from voc_engine.ingest.runner import FileIngestReport, checkpoint_key
    from voc_engine.store.repository import Checkpoint

    options = options or ClusterOptions()
    settings = worker_settings(runtime.settings)
    store = runtime.store
    plans: dict[str, dict[str, Any]] = {}
    reports: dict[str, FileIngestReport] = {}
    for spec in paths:
        path = Path(spec)
        reader = TableReader(path, file_format)
        columns = reader.columns()
        if columns == []:
            raise InputFileError(f"{path}: the file is empty (no header row)")
        mapping = field_map.resolve(columns, source)
        label = source or mapping.constants.get("source") or f"column {mapping.columns.get('source')!r}"
        key = checkpoint_key(path, label)
        previous = store.checkpoint(key) if resume else None
        reports[spec] = FileIngestReport(str(path), label)
        if previous and previous.completed:
            reports[spec].completed = reports[spec].already_complete = True
            continue
        plans[spec] = {"format": file_format, "mapping": mapping, "source": source, "key": key, "label": label,
                       "columns": mapping.source_columns}
    if not plans:
        return list(reports.values())
    started = time.perf_counter()
    errors_file = open(errors_path, "a", encoding="utf-8") if errors_path else None
    try:
        with connected(options) as ray:
            dataset = ray.data.from_items([{"file": spec} for spec in plans], override_num_blocks=len(plans))
            rows = in_calls(dataset.map_batches(read_ingest_rows, batch_size=1, batch_format="pyarrow", num_cpus=0,
                                                fn_kwargs={"files": plans, "block_rows": options.batch_rows}), options)
            stored = rows.map_batches(IngestWorker, fn_constructor_kwargs={
                "settings": settings, "files": plans, "value_maps": value_maps, "unknown_channel": unknown_channel,
                "encoder_threads": options.encoder_threads}, **options.map_args(ray))
            for result in stored.iter_batches(batch_format="pyarrow", batch_size=None):
                for spec, row, created, error, changed in zip(*(result.column(c).to_pylist() for c in (
                        "file", "row", "created", "error", "changed"))):
                    reports[spec].add(row, error, created, errors_file)
                    if changed:
                        reports[spec].add_values_changed(json.loads(changed))
    finally:
        if errors_file:
            errors_file.close()
    seconds = time.perf_counter() - started
    for spec, plan in plans.items():
        report = reports[spec]
        report.seconds, report.completed = seconds, True
        report.errors.sort(key=lambda error: error["index"])
        # The next run of this file is told it is done, as after `voc ingest`.
        store.save_checkpoint(Checkpoint(plan["key"], plan["label"][:100], str(Path(spec).resolve()),
                                         report.rows_read, True))
    return list(reports.values())


# --------------------------------------------------------------------------- reprocess
class ReprocessWorker:
    """One worker: a runtime built once; per call, id ranges re-enriched (one transaction each)."""

    def __init__(self, settings, model_version: str, everything: bool, encoder_threads: int):
        self.runtime = _worker_runtime(settings, encoder_threads)
        found = self.runtime.pipeline.model_version
        if found != model_version:  # another image or models directory than the driver's
            raise ConfigError(f"this worker's models are {found}, the driver's {model_version}: "
                              "every node must run the same image")
        self.model_version, self.everything = model_version, everything

    def __call__(self, batch):
        import pyarrow as pa

        read, done = [], []
        for first, last in zip(batch.column("first").to_pylist(), batch.column("last").to_pylist()):
            n_read, n_done = self.runtime.store.reprocess_range(
                self.runtime.pipeline.enrich, self.model_version, first, last, everything=self.everything)
            read.append(n_read)
            done.append(n_done)
        return pa.table({"read": pa.array(read, pa.int64()), "done": pa.array(done, pa.int64())})


def reprocess_store(runtime: "Runtime", *, everything: bool = False, batch_size: int = 256,
                    options: ClusterOptions | None = None) -> tuple[int, str]:
    """Re-enrich the runtime store's comments of other model versions on a Ray cluster; returns
    (comments re-enriched, the model version)."""
    options = options or ClusterOptions()
    settings = worker_settings(runtime.settings)
    version = runtime.pipeline.model_version
    ranges = [{"first": first, "last": last} for first, last, _ in
              runtime.store.reprocess_ranges(version, everything=everything, batch_size=batch_size)]
    if not ranges:
        return 0, version
    done = 0
    with connected(options) as ray:
        dataset = ray.data.from_items(ranges, override_num_blocks=min(len(ranges), 4 * options.pool_size(ray)))
        args = {**options.map_args(ray), "batch_size": 1}
        rescored = dataset.map_batches(ReprocessWorker, fn_constructor_kwargs={
            "settings": settings, "model_version": version, "everything": everything,
            "encoder_threads": options.encoder_threads}, **args)
        for result in rescored.iter_batches(batch_format="pyarrow", batch_size=None):
            done += sum(result.column("done").to_pylist())
    return done, version


