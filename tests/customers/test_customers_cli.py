"""`voc customers import|show`: the result in words, the API's JSON with --json, and exit statuses."""

from __future__ import annotations

import json

from alerting_helpers import comment, ingest
from typer.testing import CliRunner

from voc_engine.cli import app
from voc_engine.customers.service import CustomerService
from voc_engine.alerting.users import Viewer


def test_import_and_show(store, tmp_path, monkeypatch):
    monkeypatch.setenv("VOC_DATABASE_URL", store.url)
    monkeypatch.setenv("VOC_DATA_DIR", str(store.settings.data_dir))
    monkeypatch.setenv("VOC_PSEUDONYM_KEY", "test-key")
    ingest(store, comment("Lovely [pos 0.8]", customer="c1", nps=9, created_at="2026-09-03T10:00:00Z"))
    path = tmp_path / "crm.csv"
    path.write_text("acct,rev\nc1,12.5\n,3\n")
    runner = CliRunner()
    result = runner.invoke(app, ["customers", "import", str(path), "--map", "customer_id=acct,revenue=rev", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["created"], body["rejected"], body["errors"]) == (1, 1, [{"index": 1, "error": "customer_id: missing"}])
    shown = runner.invoke(app, ["customers", "show", "c1", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == json.loads(json.dumps(
        CustomerService(store).profile(Viewer.system("system:cli"), "c1").to_dict()))
    assert "revenue 12.5" in runner.invoke(app, ["customers", "show", "c1"]).stdout
    assert runner.invoke(app, ["customers", "show", "nobody"]).exit_code == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("acct,rev\n,1\n")
    assert runner.invoke(app, ["customers", "import", str(bad), "--map", "customer_id=acct"]).exit_code == 1
    assert runner.invoke(app, ["customers", "import", str(bad), "--map", "who=acct"]).exit_code == 2
