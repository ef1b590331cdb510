"""The `voc` command's exit statuses: one scheme for every command (voc_engine/exits.py)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from voc_engine.cli import app


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "weeks.csv"
    path.write_text("period,count,size\n" + "".join(f"2026-W{i:02d},{3 + i % 3},50\n" for i in range(1, 9)))
    return path


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_done_is_0(table):
    assert run("spc", "--input", str(table), "--chart", "p").exit_code == 0


def test_data_at_fault_is_1(table, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("period,count,size\nA,3,50\nB,x,50\n")
    result = run("spc", "--input", str(bad), "--chart", "p")
    assert result.exit_code == 1 and "error: " in result.output and "row 1" in result.output
    result = run("drivers", "--input", str(table), "--kpi", "nope", "--drivers", "count")
    assert result.exit_code == 1 and "'nope'" in result.output


def test_command_line_at_fault_is_2(table):
    # click's own usage errors (an unknown option) and ours (options that do not go together)
    assert run("spc", "--input", str(table), "--no-such-option").exit_code == 2
    result = run("spc", "--input", str(table))
    assert result.exit_code == 2 and "--chart is required" in result.output
    result = run("drivers", "--input", str(table), "--kpi", "count", "--drivers", "size", "--kind", "probit")
    assert result.exit_code == 2 and "--kind must be ols or logit" in result.output
    result = run("spc", "--input", str(table), "--chart", "p", "--rules", "no-such-rule")
    assert result.exit_code == 2 and "no-such-rule" in result.output


def test_configuration_at_fault_is_2(monkeypatch):
    monkeypatch.setenv("VOC_BUSINESS_TIMEZONE", "Mars/Olympus")
    result = run("spc", "--metric", "volume")  # the command's runtime reads the environment
    assert result.exit_code == 2 and "VOC_BUSINESS_TIMEZONE" in result.output
    assert "Traceback" not in result.output
