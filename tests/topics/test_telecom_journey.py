"""Issue 22's topic journey on a telecom's comments (not the demo's), through the real pipeline
and a real SQLite store: `voc topics fit`, `voc topics show`, GET /v1/topics.

A reader must be able to trust a topic's label: it is a phrase the topic's comments write, it
never comes from a closing phrase many complaints end with ("Sort it out, …"), a topic of
complaints is never named by the praise a few of its comments give, and the sentiment mix is
shown next to every label, in the same JSON from the CLI and the API.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.topics.telecom import CLOSINGS, telecom_comments
from voc_engine.cli import app

runner = CliRunner()
CLOSING_WORDS = {"sort", "far too long", "good enough", "expect much better", "company like yours"}


@pytest.fixture(scope="module")
def journey(pipeline, tmp_path_factory):
    """The telecom comments ingested (scored by the shipped pipeline), topics fitted by the CLI
    in store mode; five topics asked for, so that the compliments share a topic with complaints."""
    from voc_engine.store.repository import FeedbackStore
    from voc_engine.config import Settings

    tmp = tmp_path_factory.mktemp("telecom")
    comments = telecom_comments()
    store = FeedbackStore(f"sqlite:///{tmp / 'voc.db'}", Settings(data_dir=tmp / "var"))
    rows = [{"source": "telecom-survey", "external_id": r.id, "text": r.text, "created_at": r.created_at,
             "scores": {"nps": r.nps}} for r in comments.itertuples()]
    results = store.ingest(rows, pipeline.enrich)
    assert all(result.ok for result in results)
    root = tmp / "var" / "topics"  # the data directory's, where `voc topics` keeps its models
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VOC_DATABASE_URL", store.url)
        patch.setenv("VOC_DATA_DIR", str(tmp / "var"))
        png = tmp / "topics.png"
        fitted = runner.invoke(app, ["topics", "fit", "--nr-topics", "5", "--seed", "7", "--png", str(png)])
    assert fitted.exit_code == 0, fitted.output
    frame = store.read_frame().assign(id=lambda f: f["id"].astype(str))
    issue_of = dict(zip([str(r.id) for r in results], comments["issue"]))
    return {"store": store, "root": root, "tmp": tmp, "output": fitted.output, "png": png, "frame": frame,
            "issue_of": issue_of}


@pytest.fixture()
def cli(journey, monkeypatch):
    monkeypatch.setenv("VOC_DATABASE_URL", journey["store"].url)
    monkeypatch.setenv("VOC_DATA_DIR", str(journey["tmp"] / "var"))
    return lambda *args: runner.invoke(app, list(args))


def _topics(cli) -> dict:
    shown = cli("topics", "show", "--json")
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.output)


def _members(journey, version: str) -> pd.DataFrame:
    """Each stored comment with the topic the saved model gave it, its text and sentiment."""
    assigned = pd.read_parquet(journey["root"] / version / "assignments.parquet")
    return journey["frame"].merge(assigned.assign(id=assigned["id"].astype(str)), on="id")


def _writes(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text.lower()) is not None


def test_every_label_is_shown_with_its_sentiment_mix(journey, cli):
    document = _topics(cli)
    assert len(document["topics"]) == 5
    for topic in document["topics"]:
        mix = topic["sentiment"]
        assert mix is not None and set(mix) == {"negative", "neutral", "positive", "mean", "scored"}
        assert mix["scored"] == topic["size"]  # every comment here has a sentiment
        assert abs(mix["negative"] + mix["neutral"] + mix["positive"] - 1) < 1e-3
        # the readable summary prints the label and its mix on one line
        line = next(row for row in journey["output"].splitlines() if row.strip().startswith(f"{topic['id']} "))
        assert topic["label"] in line and f"neg {mix['negative']:.0%}" in line and f"pos {mix['positive']:.0%}" in line
    assert journey["png"].read_bytes()[:4] == b"\x89PNG"


def test_a_topic_of_complaints_is_never_named_by_its_praise(journey, cli):
    document = _topics(cli)
    members = _members(journey, document["version"])
    mixed = []
    for topic in document["topics"]:
        comments = members[members["topic"] == topic["id"]]
        negative = (comments["sentiment_label"] == "negative").mean()
        if negative < 0.5:
            continue
        if (comments["sentiment_label"] == "positive").any():
            mixed.append(topic["id"])
        for phrase in topic["label"].split(", "):
            writers = comments[[_writes(t, phrase) for t in comments["redacted_text"]]]
            assert len(writers), (topic["label"], phrase)
            # the phrase is what its complaints say, not what its compliments say
            assert (writers["sentiment_label"] == "negative").mean() > 0.5, (topic["label"], phrase)
    # the compliments did land in a topic of complaints: the check above had something to check
    assert mixed


def test_closing_phrases_never_name_or_split_a_topic(journey, cli):
    document = _topics(cli)
    for topic in document["topics"]:
        label = topic["label"].lower()
        assert not any(words in label for words in CLOSING_WORDS), topic["label"]
        assert not any(words in " | ".join(topic["words"]) for words in CLOSING_WORDS), topic["words"]
    members = _members(journey, document["version"])
    members["issue"] = members["id"].map(journey["issue_of"])
    # Each complaint is one topic whatever phrase it closes with: the topic holding most of an
    # issue's comments holds at least 90 % of them, and no topic is made by one closing.
    for issue, comments in members[members["issue"] != "praise"].groupby("issue"):
        assert comments["topic"].value_counts(normalize=True).iloc[0] >= 0.9, issue
    for _, comments in members.groupby("topic"):
        closed = np.array([[c.split(",")[0] in t for c in CLOSINGS] for t in comments["redacted_text"]])
        assert (closed.mean(axis=0) <= 0.8).all()


def test_the_cli_and_the_api_print_one_json_shape(journey, cli):
    from fastapi.testclient import TestClient

    from api.deps import get_store
    from api.main import create_app
    from api.routers import topics as topics_router

    api = create_app()
    api.dependency_overrides[topics_router.analyst] = lambda: None
    api.dependency_overrides[topics_router.get_topics_root] = lambda: journey["root"]
    api.dependency_overrides[get_store] = lambda: journey["store"]
    client = TestClient(api)
    document = _topics(cli)
    listed = client.get("/v1/topics")
    assert listed.status_code == 200, listed.text
    assert listed.json() == document
    one = cli("topics", "show", "--topic", "2", "--json")
    assert one.exit_code == 0, one.output
    assert client.get("/v1/topics/2").json() == json.loads(one.output)
    assert json.loads(one.output) == {"version": document["version"], **document["topics"][2]}
    assert client.get("/v1/topics/9").status_code == 404
    missing = cli("topics", "show", "--topic", "9")
    assert missing.exit_code == 1 and "no topic 9" in missing.output and "ids 0 to 4" in missing.output
    # trends: one shape too, the emerging-topic test policy decided in the service for both
    trends_cli = cli("topics", "trends", "--json", "--tz", "UTC", "--baseline", "1")
    assert trends_cli.exit_code == 0, trends_cli.output
    trends_api = client.get("/v1/topics/trends", params={"tz": "UTC", "baseline": 1})
    assert trends_api.json() == json.loads(trends_cli.output)
    assert trends_api.json()["emerging"]["tested"] is True  # 324 comments over 6 weeks: one baseline week
