"""The `--engine` options of the command line."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from voc_engine.cli import app


def _voc(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env)


def test_the_cluster_options_go_only_with_the_ray_engine(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,The app crashed.\n", encoding="utf-8")
    result = _voc("score", "--input", str(source), "--output", str(tmp_path / "out.jsonl"), "--address", "auto")
    assert result.exit_code == 2 and "--address: only with --engine ray" in result.output
    result = _voc("score", "--input", str(source), "--output", str(tmp_path / "o"), "--engine", "spark")
    assert result.exit_code == 2 and "--engine: local or ray" in result.output


def test_ingest_on_a_cluster_refuses_the_embedded_sqlite_store(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,The app crashed.\n", encoding="utf-8")
    result = _voc("ingest", str(source), "--source", "s", "--engine", "ray",
                  env={"VOC_DATA_DIR": str(tmp_path / "var"), "VOC_DATABASE_URL": ""})
    assert result.exit_code == 2 and "PostgreSQL" in result.output
    result = _voc("export", "--output", str(tmp_path / "all.csv"), env={"VOC_DATA_DIR": str(tmp_path / "var")})
    assert "exported 0 comments" in result.output


@pytest.mark.cluster
def test_voc_score_on_the_cluster_writes_partitions_and_a_manifest(ray_cluster, tmp_path):
    source = tmp_path / "in" / "a.csv"
    source.parent.mkdir()
    source.write_text("id,text\n1,The refund never came.\n2,Lovely staff!\n3,too,many,fields\n", encoding="utf-8")
    result = _voc("score", "--engine", "ray", "--input", str(source.parent), "--output", str(tmp_path / "out"),
                  "--format", "jsonl", "--actors", "1", "--batch-rows", "2", "--quiet")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert (manifest["rows"], manifest["unreadable"], manifest["inputs"]) == (3, 1, [str(source)])
    lines = sorted((json.loads(line) for part in manifest["partitions"]
                    for line in (tmp_path / "out" / part["path"]).read_text().splitlines()), key=lambda r: r["row"])
    assert [(r["row"], r["id"]) for r in lines] == [(0, "1"), (1, "2"), (2, None)]
    assert lines[0]["sentiment"]["label"] == "negative" and lines[2]["error"]
