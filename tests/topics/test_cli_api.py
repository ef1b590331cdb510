"""`voc topics fit` (standalone contract and store mode), `voc topics show|trends|coverage`,
and GET /v1/topics, /v1/topics/{id}, /v1/topics/trends, over a stand-in pipeline and store."""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from voc_engine.cli import app
from voc_engine.config import Settings
from voc_engine.schema import Enrichment, Sentiment
from voc_engine.store.hooks import Extensions
from voc_engine.topics.service import assign_store_comments, fit_store
from voc_engine.topics.versions import load_version, save_version, stored_assignments, version_dir

runner = CliRunner()


class StandInPipeline:
    """Redacts @handles and returns the corpus embedding of each text: the pipeline's contract
    without loading its models. Empty texts fail, as in the real pipeline."""

    def __init__(self, texts, vectors):
        self.vectors = {t: v for t, v in zip(texts, vectors)}

    def enrich(self, texts, ids):
        out = []
        for text, i in zip(texts, ids):
            if not isinstance(text, str) or not text.strip():
                out.append(Enrichment.failed(i, "empty text"))
                continue
            sentiment = Sentiment(label="negative", score=-0.6, probs={"negative": 0.7, "positive": 0.1})
            out.append(Enrichment(id=i, redacted_text=re.sub(r"@\w+", "[HANDLE]", text),
                                  embedding=self.vectors[text], sentiment=sentiment))
        return out


class StandInStore:
    """read_frame / read_embeddings over an in-memory table, as FeedbackStore returns them, with
    a store's settings and (no) extensions."""

    def __init__(self, frame: pd.DataFrame, vectors: np.ndarray):
        self.frame, self.vectors = frame, {i: v for i, v in zip(frame["id"], vectors)}
        self.settings, self.extensions = Settings(), Extensions()

    def dispose(self):
        pass

    def read_frame(self, filters=None):
        frame = self.frame
        if filters is not None and filters.since is not None:
            frame = frame[frame["created_at"] >= filters.since]
        return frame.reset_index(drop=True)

    def read_embeddings(self, ids):
        return np.stack([self.vectors[i] for i in ids]).astype(np.float32)

    def read_tag_scores(self, ids):
        return [None for _ in ids]  # enriched without a tagger

    def kept_result(self, key, compute):
        return compute()  # keeps nothing, as a store with frame_cache_seconds=0


@pytest.fixture()
def standalone(monkeypatch, corpus, tmp_path):
    texts, vectors, themes = corpus
    monkeypatch.setattr("voc_engine.nlp.pipeline.Pipeline.default", lambda *a, **k: StandInPipeline(texts, vectors))
    table = pd.DataFrame({"ref": [f"r{i}" for i in range(len(texts))], "comment": texts,
                          "when": pd.date_range("2026-03-02", periods=len(texts), freq="2h").astype(str)})
    table.loc[len(table)] = ["r-empty", "", "2026-03-02 00:00:00"]
    path = tmp_path / "comments.csv"
    table.to_csv(path, index=False)
    return path, themes


def test_standalone_contract(standalone, tmp_path):
    path, themes = standalone
    out, assigned, trends = tmp_path / "topics.json", tmp_path / "assigned.jsonl", tmp_path / "trends.json"
    result = runner.invoke(app, ["topics", "fit", "--input", str(path), "--text-col", "comment", "--id-col", "ref",
                                 "--time-col", "when", "--output", str(out), "--assignments", str(assigned),
                                 "--trends", str(trends), "--min-topic-size", "20", "--brands", "Northwind",
                                 "--seed", "7"])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text())
    assert set(document) == {"version", "n_documents", "n_outliers", "outlier_share", "topics"}
    assert len(document["topics"]) == 4 and document["n_documents"] == len(themes)
    assert all(set(t) == {"id", "label", "words", "size", "share", "sentiment", "examples"}
               for t in document["topics"])
    assert not any("northwind" in t["label"].lower() or "@" in t["label"] for t in document["topics"])
    lines = [json.loads(line) for line in assigned.read_text().splitlines()]
    assert len(lines) == len(themes) + 1  # one line per input row, the empty one included
    assert all(set(line) == {"id", "topic", "label"} for line in lines)
    assert lines[-1] == {"id": "r-empty", "topic": -1, "label": "outlier"}
    sizes = pd.Series([line["topic"] for line in lines[:-1]]).value_counts().sort_index()
    assert sizes.tolist() == [t["size"] for t in document["topics"]]
    assert json.loads(trends.read_text())["period"] == "week"


def test_standalone_errors_name_the_problem(standalone, monkeypatch):
    # The exit statuses of voc_engine/exits.py: 1 the data, 2 the command line or configuration.
    path, _ = standalone
    result = runner.invoke(app, ["topics", "fit", "--input", str(path), "--text-col", "nope"])
    assert result.exit_code == 1 and "column 'nope'" in result.output
    result = runner.invoke(app, ["topics", "fit", "--input", str(path)])
    assert result.exit_code == 2 and "--text-col" in result.output
    monkeypatch.setenv("VOC_BUSINESS_TIMEZONE", "Mars/Olympus")
    result = runner.invoke(app, ["topics", "fit", "--input", str(path), "--text-col", "comment"])
    assert result.exit_code == 2 and "VOC_BUSINESS_TIMEZONE" in result.output and "Traceback" not in result.output


def test_a_row_without_a_readable_time_is_reported_and_keeps_its_topic(standalone, tmp_path):
    # Real exports hold a broken row or two ("&lt" where the time should be): the run goes on.
    path, themes = standalone
    table = pd.read_csv(path)
    table.loc[5, "when"] = "&lt"
    table.loc[7, "when"] = None
    bad = tmp_path / "bad-time.csv"
    table.to_csv(bad, index=False)
    out, assigned, trends = tmp_path / "topics.json", tmp_path / "assigned.jsonl", tmp_path / "trends.json"
    result = runner.invoke(app, ["topics", "fit", "--input", str(bad), "--text-col", "comment", "--id-col", "ref",
                                 "--time-col", "when", "--output", str(out), "--assignments", str(assigned),
                                 "--trends", str(trends), "--min-topic-size", "20", "--seed", "7",
                                 "--period", "month"])
    assert result.exit_code == 0, result.output
    assert "row 5 (id r5): not a timestamp '&lt' in column 'when': kept for topics" in result.output
    assert "row 7 (id r7): no time in column 'when'" in result.output
    lines = [json.loads(line) for line in assigned.read_text().splitlines()]
    assert lines[5]["topic"] >= 0 and lines[7]["topic"] >= 0  # kept, with a topic
    document = json.loads(trends.read_text())
    assert [(r["row"], r["id"], r["reason"]) for r in document["untimed_rows"]] == [
        (5, "r5", "not a timestamp"), (7, "r7", "no time")]
    assert "&lt" not in trends.read_text()  # what stood in the time column is not kept
    assert sum(p["total"] for p in document["periods"]) == len(themes) - 2
    # Two weeks and a half are one month: trends, and the reason there is no emerging-topic test.
    assert document["emerging"]["tested"] is False and "span 1 month" in document["emerging"]["reason"]
    assert document["alerts"] == [] and "emerging topics not tested" in result.output


def test_a_time_column_with_no_readable_time_gives_topics_without_trends(standalone, tmp_path):
    path, _ = standalone
    table = pd.read_csv(path)
    table["when"] = "[30.35, -87.27]"  # e.g. a coordinates column taken for the time
    bad = tmp_path / "bad-time.csv"
    table.to_csv(bad, index=False)
    out = tmp_path / "topics.json"
    result = runner.invoke(app, ["topics", "fit", "--input", str(bad), "--text-col", "comment", "--time-col", "when",
                                 "--output", str(out), "--min-topic-size", "20", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "row 0 (id 0): not a timestamp" in result.output and "no trends" in result.output
    assert len(json.loads(out.read_text())["topics"]) == 4


def test_nr_topics_takes_a_number_auto_or_none(standalone, tmp_path):
    path, _ = standalone
    common = ["topics", "fit", "--input", str(path), "--text-col", "comment", "--min-topic-size", "20", "--seed", "7"]
    counts = {}
    for value in ("3", "auto", "none"):
        out = tmp_path / f"topics-{value}.json"
        result = runner.invoke(app, [*common, "--nr-topics", value, "--output", str(out)])
        assert result.exit_code == 0, result.output
        counts[value] = len(json.loads(out.read_text())["topics"])
    # four distinct themes: merged to three when asked, left alone by "auto" and "none"
    assert counts == {"3": 3, "auto": 4, "none": 4}
    result = runner.invoke(app, [*common, "--nr-topics", "many"])
    assert result.exit_code == 2 and "--nr-topics" in result.output


@pytest.fixture(scope="module")
def store_setup(corpus, tmp_path_factory, modeler_factory):
    """A model fitted on the first half of the comments; the second half arrives later."""
    tmp_path = tmp_path_factory.mktemp("store")
    texts, vectors, themes = corpus
    n = len(texts)
    created = pd.date_range("2026-01-05", periods=n, freq="6h", tz="UTC")
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(n)], "created_at": created, "redacted_text": texts,
                          "sentiment_score": np.where(themes == "refund", -0.8, -0.2),
                          "tags": [[{"name": "lost_damaged_items"}] if t == "luggage" else [] for t in themes]})
    half = n // 2
    store = StandInStore(frame.iloc[:half], vectors[:half])
    modeler, version = fit_store(store, modeler=modeler_factory(min_cluster_size=12), root=tmp_path / "topics")
    store.frame, store.vectors = frame, {i: v for i, v in zip(frame["id"], vectors)}  # later arrivals
    return store, version, tmp_path / "topics", themes


def test_store_mode_assigns_later_comments_once(store_setup):
    store, version, root, themes = store_setup
    path = version_dir(version, root)
    modeler = load_version(version, root)
    fitted_ids = set(pd.read_parquet(path / "assignments.parquet")["id"])
    assert fitted_ids == set(store.frame["id"].iloc[: len(themes) // 2])
    topics = assign_store_comments(store, modeler, path, store.frame["id"].tolist())
    assert set(stored_assignments(path)["id"]) == set(store.frame["id"])
    assert assign_store_comments(store, modeler, path, store.frame["id"].tolist()).equals(topics)
    by_theme = pd.crosstab(themes, topics.to_numpy())
    assert (by_theme.gt(0).sum(axis=1) == 1).all()  # every theme lands in one topic


def test_store_cli_show_trends_coverage(store_setup, monkeypatch, tmp_path):
    store, version, root, _ = store_setup
    monkeypatch.setattr("voc_engine.store.repository.FeedbackStore", lambda *a, **k: store)
    monkeypatch.setattr("voc_engine.topics.versions.topics_root", lambda data_dir=None: root)
    shown = runner.invoke(app, ["topics", "show", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["version"] == version
    one = runner.invoke(app, ["topics", "show", "--topic", "0"])
    assert one.exit_code == 0 and "words:" in one.output
    missing = runner.invoke(app, ["topics", "show", "--topic", "99"])
    assert missing.exit_code == 1 and "no topic 99" in missing.output
    png = tmp_path / "trends.png"
    trends = runner.invoke(app, ["topics", "trends", "--period", "week", "--tz", "UTC", "--png", str(png)])
    assert trends.exit_code == 0, trends.output
    assert "Topic trends per week" in trends.output and png.read_bytes()[:4] == b"\x89PNG"
    coverage = runner.invoke(app, ["topics", "coverage", "--json"])
    assert coverage.exit_code == 0, coverage.output
    statuses = {t["label"]: t["status"] for t in json.loads(coverage.output)["topics"]}
    assert sorted(statuses.values()).count("covered") == 1


def test_api_topics_and_trends(store_setup):
    from fastapi.testclient import TestClient

    from api.deps import get_store
    from api.main import create_app
    from api.routers import topics as topics_router

    store, version, root, _ = store_setup
    api = create_app()
    api.dependency_overrides[topics_router.analyst] = lambda: None
    api.dependency_overrides[topics_router.get_topics_root] = lambda: root
    api.dependency_overrides[get_store] = lambda: store
    client = TestClient(api)
    listed = client.get("/v1/topics")
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert body["version"] == version and len(body["topics"]) == 4
    one = client.get("/v1/topics/1")
    assert one.status_code == 200 and one.json()["id"] == 1 and one.json()["examples"]
    assert client.get("/v1/topics/42").status_code == 404
    assert client.get("/v1/topics", params={"version": "nope"}).status_code == 404
    trends = client.get("/v1/topics/trends", params={"period": "week", "tz": "UTC"})
    assert trends.status_code == 200, trends.text
    document = trends.json()
    assert document["version"] == version and document["period"] == "week"
    assert sum(p["total"] for p in document["periods"]) == len(store.frame)


def test_api_needs_an_analyst_key(store_setup):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.routers import topics as topics_router

    _, _, root, _ = store_setup
    api = create_app()
    api.dependency_overrides[topics_router.get_topics_root] = lambda: root
    assert TestClient(api).get("/v1/topics").status_code == 401


def test_versions_registry(store_setup, fitted):
    _, version, root, _ = store_setup
    second = save_version(fitted, root=root, version="second", activate=False)
    assert load_version(root=root).topics().version == version  # the first stays active
    assert load_version(second, root=root).topics().version == "second"


def test_two_fits_saved_within_one_second_get_two_versions(fitted, tmp_path):
    from datetime import datetime, timedelta, timezone

    from voc_engine.topics.versions import list_versions, new_version_name

    now = datetime.now(timezone.utc)
    first = save_version(fitted, root=tmp_path, version=new_version_name(now))
    for seconds in range(1, 10):  # the next seconds' names are taken too, as if by fits saved then
        (tmp_path / new_version_name(now + timedelta(seconds=seconds))).mkdir()
    second = save_version(fitted, root=tmp_path)
    assert second.endswith("-2") and (tmp_path / second.removesuffix("-2")).exists()
    assert [row["version"] for row in list_versions(tmp_path)] == [first, second]
    assert load_version(root=tmp_path).topics().version == second


def test_erasure_removes_comments_from_saved_models(fitted, tmp_path):
    from voc_engine.topics.versions import forget_comments

    version = save_version(fitted, root=tmp_path, version="v1")
    erased = fitted.topics().topics[0].example_ids[:1] + ["c1"]
    assert forget_comments(erased, root=tmp_path) == 1
    path = version_dir(version, tmp_path)
    assert not set(erased) & set(pd.read_parquet(path / "assignments.parquet")["id"])
    reloaded = load_version(version, root=tmp_path).topics()
    assert erased[0] not in reloaded.topics[0].example_ids and len(reloaded.topics[0].examples) == 2
    assert forget_comments(erased, root=tmp_path) == 0
