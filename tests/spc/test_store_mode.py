"""`voc spc` store mode end to end on a small SQLite feedback store."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from voc_engine.schema import Enrichment, Sentiment
from voc_engine.spc.cli import spc_command

repository = pytest.importorskip("voc_engine.store.repository")


def _enrich(texts: list[str], ids: list[str]) -> list[Enrichment]:
    out = []
    for text, comment_id in zip(texts, ids):
        label = "negative" if text.startswith("bad") else "positive"
        probs = {"negative": 0.9, "neutral": 0.05, "positive": 0.05} if label == "negative" else \
            {"negative": 0.05, "neutral": 0.05, "positive": 0.9}
        out.append(Enrichment(id=comment_id, language="en", redacted_text=text, model_version="test:1",
                              sentiment=Sentiment(label=label, score=probs["positive"] - probs["negative"], probs=probs)))
    return out


@pytest.fixture()
def store_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'voc.db'}"
    monkeypatch.setenv("VOC_DATABASE_URL", url)
    return url


def test_store_mode_charts_each_touchpoint(store_url, tmp_path):
    rows = []
    monday = pd.Timestamp("2025-12-29T10:00Z")  # ISO week 2026-W01
    for week in range(12):
        for touchpoint in ("checkout", "delivery"):
            negatives = 12 if (touchpoint == "delivery" and week == 10) else 2
            for i in range(12):
                rows.append({
                    "source": "survey", "external_id": f"{touchpoint}-{week}-{i}",
                    "text": ("bad service " if i < negatives else "great service ") + str(i),
                    "created_at": (monday + pd.Timedelta(weeks=week, hours=i)).isoformat(),
                    "channel": "survey", "touchpoint": touchpoint,
                })
    app = typer.Typer()
    app.command("spc")(spc_command)
    app.command("other")(lambda: None)
    empty = CliRunner().invoke(app, ["spc", "--metric", "volume"])
    assert empty.exit_code == 1 and "no comments" in empty.output

    store = repository.FeedbackStore(store_url)
    try:
        assert all(result.ok for result in store.ingest(rows, _enrich))
    finally:
        store.dispose()
    out, png = tmp_path / "charts.json", tmp_path / "chart.png"
    run = CliRunner().invoke(app, ["spc", "--metric", "negative_rate", "--by", "touchpoint", "--period", "week",
                                   "--chart", "p", "--rules", "nelson-1", "--tz", "UTC",
                                   "--output", str(out), "--png", str(png)])
    assert run.exit_code == 0, run.output
    document = json.loads(out.read_text())
    assert (document["metric"], document["by"], document["period"]) == ("negative_rate", "touchpoint", "week")
    charts = {chart["key"]["touchpoint"]: chart for chart in document["charts"]}
    assert set(charts) == {"checkout", "delivery"}
    assert charts["checkout"]["center"] == pytest.approx(2 / 12)
    flagged = [p["period"] for p in charts["delivery"]["points"] if p["signals"]]
    assert flagged == ["2026-W11"]
    assert (tmp_path / "chart-checkout.png").exists() and (tmp_path / "chart-delivery.png").exists()
