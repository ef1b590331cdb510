"""``voc score --engine ray``: files in, Parquet or JSONL partitions and a manifest out.

Read tasks read each file with the local reader (`voc_engine.io.TableReader`) and hand on, per
row, exactly what `voc_engine.scoring.score_file` hands the pipeline (`batch_inputs`); a pool of
workers, each with the pipeline loaded once, scores them and makes each row's record as the
local engine does (`chunk_records`); write tasks write the partitions and count what they hold
(`ScoringSummary.add`), and the driver writes ``manifest.json`` from those counts.

Each output row carries the input ``file`` and its 0-based data ``row`` (partitions are not in
input order): a JSONL line is the local engine's line with those two keys first; a Parquet row
has them, a few columns to filter on, and ``record``, the local engine's JSON line itself.
"""
from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from voc_engine.cluster.inputs import BLOCK_ROWS, block, expand_inputs, is_uri, local_copy, pack, unpack
from voc_engine.cluster.session import ClusterOptions, connected, import_ray, in_calls
from voc_engine.errors import InvalidArgumentError
from voc_engine.io import BadRow, TableReader, jsonl_line
from voc_engine.scoring import ScoringSummary, batch_inputs, chunk_records, resolve_id_col

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings
    from voc_engine.nlp.flags import FlagSet

OUTPUT_FORMATS = ("parquet", "jsonl")
MANIFEST = "manifest.json"
# Rows per output partition at least (the last may hold fewer): each partition is a write task,
# and a task per worker call would be a file and a task start per few hundred rows.
PARTITION_ROWS = 8192


@dataclass(frozen=True)
class ModelChoice:
    """The models of a scoring run, as `voc score` names them (paths must be readable on every
    node: the image's models, or a shared volume); the flag configuration travels as data."""

    sentiment_model: Path | None = None
    tagger_model: Path | None = None
    taxonomy: Path | None = None
    backend: str | None = None
    flags: "FlagSet | None" = None


def read_score_inputs(batch, text_col: str, id_col: str | None, block_rows: int = BLOCK_ROWS):
    """Read task: each file of the batch, in blocks of rows as the local engine reads them (a
    block is a worker's call: blocks of the pool's batch size spread a file over the pool)."""
    for spec in batch.column("file").to_pylist():
        with local_copy(spec) as path:
            reader = TableReader(path)
            file_id_col = resolve_id_col(reader, id_col)
            for chunk, bad in reader.frames(block_rows):
                texts, ids = batch_inputs(chunk, text_col, file_id_col)
                items = [(int(row), ("row", text, row_id, file_id_col))
                         for row, text, row_id in zip(chunk.index, texts, ids)]
                items += [(row.index, ("bad", row, None, file_id_col)) for row in bad]
                items.sort(key=lambda item: item[0])
                if items:
                    yield block([spec] * len(items), [row for row, _ in items], [pack(item) for _, item in items])


class ScoreWorker:
    """One worker of the pool: the pipeline loaded once, then a batch of rows per call."""

    def __init__(self, settings: "Settings", models: ModelChoice, encoder_threads: int):
        from voc_engine.nlp.pipeline import Pipeline

        self.pipeline = Pipeline.from_paths(models.sentiment_model, models.tagger_model, models.taxonomy,
                                            settings=settings, backend=models.backend, flags=models.flags,
                                            encoder_threads=encoder_threads)

    def __call__(self, batch):
        import pyarrow as pa

        files = batch.column("file").to_pylist()
        rows = batch.column("row").to_pylist()
        items = [unpack(p) for p in batch.column("payload").to_pylist()]
        good = [n for n, item in enumerate(items) if item[0] == "row"]
        enrichments = self.pipeline.enrich([items[n][1] for n in good], [items[n][2] for n in good])
        version = self.pipeline.model_version
        out: dict[str, list] = {name: [] for name in ("file", "row", "id", "language", "sentiment", "tags", "flags",
                                                      "error", "model_version", "unreadable", "record")}
        scored = dict(zip(good, enrichments))
        for n, item in enumerate(items):
            if n in scored:
                ((_, record),) = chunk_records([rows[n]], [scored[n]], [], item[3], version)
            else:
                bad: BadRow = item[1]
                ((_, record),) = chunk_records([], [], [bad], item[3], version)
            out["file"].append(files[n])
            out["row"].append(rows[n])
            out["id"].append(None if record["id"] is None else str(record["id"]))
            out["language"].append(record.get("language"))
            out["sentiment"].append((record.get("sentiment") or {}).get("label"))
            out["tags"].append([t["name"] for t in record.get("tags") or []])
            out["flags"].append(list(record.get("flags") or []))
            out["error"].append(record["error"])
            out["model_version"].append(record.get("model_version"))
            out["unreadable"].append(n not in scored)
            out["record"].append(jsonl_line(record))
        return pa.table({
            "file": pa.array(out["file"], pa.string()), "row": pa.array(out["row"], pa.int64()),
            "id": pa.array(out["id"], pa.string()), "language": pa.array(out["language"], pa.string()),
            "sentiment": pa.array(out["sentiment"], pa.string()),
            "tags": pa.array(out["tags"], pa.list_(pa.string())), "flags": pa.array(out["flags"], pa.list_(pa.string())),
            "error": pa.array(out["error"], pa.string()), "model_version": pa.array(out["model_version"], pa.string()),
            "unreadable": pa.array(out["unreadable"], pa.bool_()), "record": pa.array(out["record"], pa.string()),
        })


@dataclass
class PartCounts:
    """What one write task wrote: its file, and the local engine's summary of its rows."""

    path: str
    summary: ScoringSummary
    model_versions: Counter = field(default_factory=Counter)


def _output_fs(output: str):
    from pyarrow import fs

    if is_uri(output):
        return fs.FileSystem.from_uri(output)
    return fs.LocalFileSystem(), str(Path(output.removeprefix("file://")).resolve())


def _make_sink(output: str, fmt: str):
    """A Ray Data sink writing one partition per write task (Datasink is Ray's class, so the
    sink is made where Ray is imported)."""
    ray = import_ray()
    from ray.data.datasource import Datasink

    class PartitionSink(Datasink):
        def __init__(self):
            self.output, self.fmt = output, fmt

        @property
        def min_rows_per_write(self) -> int:
            return PARTITION_ROWS

        def on_write_start(self, schema=None) -> None:
            filesystem, root = _output_fs(self.output)
            filesystem.create_dir(root, recursive=True)

        def write(self, blocks: Iterable[Any], ctx) -> PartCounts:
            import pyarrow as pa
            import pyarrow.parquet as pq

            filesystem, root = _output_fs(self.output)
            name = f"part-{ctx.task_idx:05d}-{uuid.uuid4().hex[:8]}.{self.fmt}"
            counts = PartCounts(name, ScoringSummary())
            tables = [pa.table(b) if not isinstance(b, pa.Table) else b for b in blocks]
            tables = [t for t in tables if t.num_rows]
            for table in tables:
                for line, unreadable, version in zip(table.column("record").to_pylist(),
                                                     table.column("unreadable").to_pylist(), table.column("model_version").to_pylist()):
                    counts.summary.add(json.loads(line))
                    counts.summary.unreadable += unreadable
                    counts.model_versions[version] += 1
            if not tables:
                return PartCounts("", ScoringSummary())
            # A partition appears whole or not at all (a retried task writes it again, elsewhere).
            partial = f"{root}/.{name}.partial"
            with filesystem.open_output_stream(partial) as sink:
                if self.fmt == "parquet":
                    pq.write_table(pa.concat_tables(tables), sink)
                else:
                    for table in tables:
                        for file, row, record in zip(table.column("file").to_pylist(), table.column("row").to_pylist(),
                                                     table.column("record").to_pylist()):
                            prefix = json.dumps({"file": file, "row": row}, ensure_ascii=False)[:-1]
                            sink.write((prefix + ", " + record[1:] + "\n").encode("utf-8"))
            filesystem.move(partial, f"{root}/{name}")
            return counts

        def on_write_complete(self, write_result) -> None:
            self.parts = [part for part in write_result.write_returns if part.path]

    del ray
    return PartitionSink()


def score_files(settings: "Settings", inputs: str, output: str, *, text_col: str = "text",
                id_col: str | None = "id", output_format: str = "parquet", models: ModelChoice | None = None,
                options: ClusterOptions | None = None) -> dict[str, Any]:
    """Score every file ``inputs`` names into partitions under ``output`` (a directory or an
    object store prefix) on a Ray cluster; returns the manifest, also written as
    ``output/manifest.json``: rows, errors, unreadable rows, model versions, partitions."""
    if output_format not in OUTPUT_FORMATS:
        raise InvalidArgumentError(f"--format: {' or '.join(OUTPUT_FORMATS)}")
    options = options or ClusterOptions()
    files = expand_inputs(inputs)
    started = time.perf_counter()
    with connected(options) as ray:
        dataset = ray.data.from_items([{"file": f} for f in files], override_num_blocks=len(files))
        rows = in_calls(dataset.map_batches(read_score_inputs, batch_size=1, batch_format="pyarrow", num_cpus=0,
                                            fn_kwargs={"text_col": text_col, "id_col": id_col,
                                                       "block_rows": options.batch_rows}), options)
        scored = rows.map_batches(ScoreWorker, fn_constructor_kwargs={
            "settings": settings, "models": models or ModelChoice(), "encoder_threads": options.encoder_threads,
        }, **options.map_args(ray))
        sink = _make_sink(output, output_format)
        scored.write_datasink(sink, ray_remote_args={"num_cpus": 0})
        actors = options.pool_size(ray)
    summary, versions = ScoringSummary(output=output), Counter()
    parts = sorted(getattr(sink, "parts", []), key=lambda part: part.path)
    for part in parts:
        summary.merge(part.summary)
        versions.update(part.model_versions)
    summary.seconds = time.perf_counter() - started
    summary.model_version = ", ".join(sorted(v for v in versions if v)) or None
    manifest = {
        "engine": "ray", "format": output_format, "inputs": files, "output": output,
        "rows": summary.rows, "errors": summary.errors, "unreadable": summary.unreadable,
        "model_versions": dict(sorted(versions.items(), key=lambda kv: str(kv[0]))),
        "partitions": [{"path": part.path, "rows": part.summary.rows, "errors": part.summary.errors} for part in parts],
        "actors": actors, "cpus_per_actor": options.cpus_per_actor, "batch_rows": options.batch_rows,
        "seconds": round(summary.seconds, 2), "summary": summary.to_dict(),
    }
    filesystem, root = _output_fs(output)
    with filesystem.open_output_stream(f"{root}/{MANIFEST}") as handle:
        handle.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return manifest
