"""`voc score --engine ray` gives the local engine's answers, row for row."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from voc_engine.cluster.score import score_files
from voc_engine.cluster.session import ClusterOptions
from voc_engine.config import Settings
from voc_engine.samples.generate import generate_comments
from voc_engine.scoring import score_file

pytestmark = pytest.mark.cluster

N_EQUALITY = 5000


def _close(a, b, path="") -> list[str]:
    """Where two records differ: exactly, except floats, within 1e-6."""
    if isinstance(a, float) or isinstance(b, float):
        ok = isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, abs_tol=1e-6)
        return [] if ok else [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a)} != {sorted(b)}"]
        return [d for k in a for d in _close(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _close(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


@pytest.fixture(scope="module")
def comments_csv(tmp_path_factory) -> Path:
    """5,000 generated comments (PII, flags, other languages among them), then rows a reader
    cannot read: a row with too many fields and an unclosed quote, and an emoji-only comment."""
    frame = generate_comments(n_weeks=40, per_week=150, seed=11).head(N_EQUALITY - 3)
    path = tmp_path_factory.mktemp("cluster") / "comments.csv"
    frame[["id", "text", "channel"]].to_csv(path, index=False)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('x1,"Too, many",fields,here\n')
        handle.write('x2,\U0001F621,app\n')
        handle.write('x3,"never closed quote,web\n')
    return path


def test_the_cluster_scores_5000_comments_as_the_local_engine_does(ray_cluster, pipeline, comments_csv, tmp_path):
    local = tmp_path / "local.jsonl"
    score_file(pipeline, comments_csv, local)
    expected = [json.loads(line) for line in local.read_text(encoding="utf-8").splitlines()]

    manifest = score_files(Settings(), str(comments_csv), str(tmp_path / "ray"), output_format="jsonl",
                           options=ClusterOptions(actors=2, batch_rows=256, progress=False))
    lines = [json.loads(line) for part in manifest["partitions"]
             for line in (tmp_path / "ray" / part["path"]).read_text(encoding="utf-8").splitlines()]
    assert {line.pop("file") for line in lines} == {str(comments_csv)}
    got = sorted(lines, key=lambda line: line["row"])
    assert [line.pop("row") for line in got] == list(range(len(expected)))
    assert len(got) == len(expected) >= N_EQUALITY - 1  # the unclosed quote swallows the last line
    differences = [d for n, (a, b) in enumerate(zip(got, expected)) for d in _close(a, b, f"row {n}")]
    assert differences == []
    # The rows that could not be read are error lines in both, and the manifest counts them.
    errors = [r for r in expected if r["error"]]
    assert errors and manifest["errors"] == len(errors)
    assert manifest["unreadable"] >= 1 and manifest["rows"] == len(expected)
    assert any("no_text" in r["flags"] for r in expected[-3:])
    assert manifest["model_versions"] == {pipeline.model_version: len(expected)}
    saved = json.loads((tmp_path / "ray" / "manifest.json").read_text())
    assert saved["rows"] == len(expected) and sum(p["rows"] for p in saved["partitions"]) == len(expected)


def test_parquet_partitions_hold_the_local_records_and_columns_to_filter_on(ray_cluster, pipeline, tmp_path):
    source = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "The refund never came and the agent hung up on me."},
            {"id": "b", "text": "Lovely staff, quick boarding."},
            {"id": "c"},
            {"id": "d", "text": "Email me at jane.doe@example.com about the broken app."}]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    score_file(pipeline, source, tmp_path / "local" / "local.jsonl")
    expected = [json.loads(line) for line in (tmp_path / "local" / "local.jsonl").read_text().splitlines()]

    manifest = score_files(Settings(), str(tmp_path / "*.jsonl"), str(tmp_path / "out"),
                           options=ClusterOptions(actors=1, batch_rows=2, progress=False))
    assert manifest["inputs"] == [str(source)]  # the glob matched the input, not the local output
    table = pq.read_table(tmp_path / "out" / manifest["partitions"][0]["path"]).sort_by("row")
    assert table.column("row").to_pylist() == [0, 1, 2, 3, 4]
    assert [json.loads(r) for r in table.column("record").to_pylist()] == expected
    assert table.column("id").to_pylist()[:4] == ["a", "b", "c", "d"]
    assert table.column("sentiment").to_pylist()[0] == "negative"
    assert "[EMAIL]" in json.loads(table.column("record").to_pylist()[3])["redacted_text"]
    assert table.column("unreadable").to_pylist() == [False, False, False, False, True]
    assert manifest["unreadable"] == 1 and manifest["errors"] == 2  # the line without text, the broken line
