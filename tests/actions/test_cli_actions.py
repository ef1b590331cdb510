"""`voc actions`: create, list, show, update to done, evaluate, remind — on a SQLite store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from voc_engine.schema import Enrichment, Sentiment
from voc_engine.store.repository import FeedbackStore


@pytest.fixture
def cli(sqlite_template, tmp_path, monkeypatch):
    import shutil

    from voc_engine.cli import app

    path = tmp_path / "voc.db"
    shutil.copy(sqlite_template, path)
    monkeypatch.setenv("VOC_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    store = FeedbackStore()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result.output

    yield run, store
    store.dispose()


def test_a_plan_from_creation_to_evaluation(cli):
    run, store = cli
    run("cases", "users", "add", "bea", "--team", "billing")
    rows = [{"source": "t", "external_id": f"{tp}{when}", "text": "ok", "touchpoint": tp,
             "created_at": f"{when}T09:00:00Z", "scores": {"nps": nps}}
            for tp, answers in (("billing", (3, 9, 7, 9, 10, 7)), ("support", (3, 9, 7, 3, 9, 7)))
            for when, nps in zip(("2026-10-01", "2026-10-02", "2026-10-03", "2026-11-11", "2026-11-12", "2026-11-13"),
                                 answers)]
    enrich = lambda texts, ids: [  # noqa: E731  (plain-data enrichments: no model needed here)
        Enrichment(id=i, language="en", redacted_text=t, sentiment=Sentiment(label="neutral", score=0.0,
                   probs={"neutral": 1.0}), tags=[], flags=[], model_version="test") for t, i in zip(texts, ids)]
    assert all(r.ok for r in store.ingest(rows, enrich))

    created = json.loads(run("actions", "create", "--title", "Fix invoices", "--kind", "touchpoint",
                             "--target", "billing", "--deadline", "2027-01-31", "--owner", "bea",
                             "--investment", "1000", "--json"))
    assert created["team"] == "billing" and created["created_by"] == "system:cli"
    plan = str(created["id"])
    assert f"#{plan}" in run("actions", "list", "--status", "planned")
    run("actions", "evaluate", plan, code=1)  # not done yet: a clear error
    run("actions", "update", plan, "--status", "done", "--completed-on", "2026-11-01", "--note", "Shipped")
    shown = run("actions", "show", plan)
    assert "status: planned -> done" in shown and "Shipped" in shown
    summary = run("actions", "evaluate", plan, "--value-per-point", "10")
    assert "difference in differences" in summary and "+66.667" in summary
    assert "not a causal estimate" in summary
    assert json.loads(run("actions", "evaluate", plan, "--json"))["difference_in_differences"]["estimate"] == \
        pytest.approx(200 / 3)
    run("actions", "create", "--title", "x", "--target", "y", "--deadline", "31.01.2027", code=2)
    run("actions", "update", "999", "--status", "done", code=1)


def test_remind_queues_once(cli):
    run, _ = cli
    run("actions", "create", "--title", "Soon", "--target", "wait_time", "--deadline", "2020-01-01")
    assert run("actions", "remind").startswith("0 due soon, 1 overdue")
    assert run("actions", "remind").startswith("0 due soon, 0 overdue")
