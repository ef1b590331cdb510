"""The digest's topics over a store with a fitted topic model: three themes of comments (the
real encoder's embeddings of hand-written sentences, mixed two at a time), one of which grows
tenfold in 2026-W47. The emerging alert and the week's counts are counted by hand and are
`store_trends`' own (the trends of GET /v1/topics/trends)."""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta

import numpy as np
import pytest
from digest_world import WEEK, WEEK_START

from voc_engine.auth.policy import Principal
from voc_engine.config import Settings
from voc_engine.digest.service import build_digest
from voc_engine.schema import Enrichment, Sentiment
from voc_engine.store.filters import CommentFilter
from voc_engine.store.repository import FeedbackStore

pytestmark = pytest.mark.slow

THEMES = {  # tests/topics/conftest.py's sentences, three of its four themes
    "refund": ["I am still waiting for the refund you promised me.",
               "Please give me my money back for the cancelled booking.",
               "The refund for my ticket never reached my card.",
               "You charged me twice and refuse to refund the fee.",
               "I want a full refund, not a voucher."],
    "app": ["The app crashes every time I try to check in.",
            "Your website keeps showing an error at checkout.",
            "I cannot log in to the app, the password reset is broken.",
            "The mobile app froze while paying and lost my booking.",
            "The website login page gives an error message."],
    "staff": ["The agent at the desk was rude and unhelpful.",
              "Your staff were dismissive and shouted at us.",
              "The flight attendant was very rude to my mother.",
              "A rude employee hung up on me twice.",
              "The crew treated us with arrogance and no respect."],
}
# Comments per theme and week, 2026-W44 to W47: staff grows from 3 to 25 in W47. With clusters of
# at least 30 (min_cluster_size), no theme has enough comments to split into two topics.
PER_WEEK = {"refund": [12, 12, 12, 12], "app": [12, 12, 12, 12], "staff": [3, 3, 3, 25]}


@pytest.fixture(scope="module")
def topic_store(tmp_path_factory, sqlite_template):
    from voc_engine.nlp.encoder import Encoder
    from voc_engine.topics.embedder import EncoderEmbedder
    from voc_engine.topics.fit import TopicModeler
    from voc_engine.topics.service import fit_store

    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    tmp = tmp_path_factory.mktemp("digest-topics")
    shutil.copy(sqlite_template, tmp / "voc.db")
    store = FeedbackStore(f"sqlite:///{tmp / 'voc.db'}", Settings(data_dir=tmp / "var", business_timezone="UTC"))
    encoder = Encoder(None, threads=2)
    sentences = {theme: encoder.encode_documents(texts) for theme, texts in THEMES.items()}
    rng = np.random.default_rng(0)
    rows, vectors = [], {}
    for theme, counts in PER_WEEK.items():
        for week, count in enumerate(counts):
            when = WEEK_START - timedelta(weeks=3 - week) + timedelta(days=2, hours=12)
            for k in range(count):
                i, j = rng.choice(len(THEMES[theme]), size=2, replace=False)
                weight = rng.uniform(0.3, 0.7)
                vector = weight * sentences[theme][i] + (1 - weight) * sentences[theme][j]
                vector = vector + rng.normal(0, 0.01, size=vector.shape)
                text = f"{THEMES[theme][i]} {THEMES[theme][j]} ({theme} {week}.{k})"
                vectors[text] = (vector / np.linalg.norm(vector)).astype(np.float32)
                rows.append({"source": "t", "external_id": f"{theme}-{week}-{k}", "text": text,
                             "created_at": when.isoformat(), "touchpoint": "app"})

    def enrich(texts, ids):
        return [Enrichment(id=i, language="en", redacted_text=t, embedding=vectors[t], model_version="test",
                           sentiment=Sentiment(label="neutral", score=0.0,
                                               probs={"negative": 0.0, "neutral": 1.0, "positive": 0.0}))
                for t, i in zip(texts, ids)]

    assert all(r.ok for r in store.ingest(rows, enrich))
    fit_store(store, modeler=TopicModeler(min_cluster_size=30, random_state=7, embedding_model=EncoderEmbedder(encoder)))
    yield store
    store.dispose()


def test_the_weeks_emerging_topic_and_largest_topics(topic_store):
    from voc_engine.topics.service import store_trends

    topics = build_digest(topic_store, Principal.system("test"), WEEK, "retention").topics
    assert topics["error"] is None and topics["version"]
    # By hand: W47 has 49 comments (12, 12 and 25 of staff); the week before 27 (12, 12, 3).
    largest = topics["largest"]
    assert [t["count"] for t in largest] == [25, 12, 12]
    assert [t["previous_count"] for t in largest] == [3, 12, 12]
    # The staff topic: 25 of 49 this week against 9 of 81 in the three weeks before: its share
    # is (25 / 49) / (9 / 81) = 225 / 49 = 4.59 times what it was.
    (alert,) = topics["emerging"]
    assert (alert["topic"], alert["count"], alert["total"]) == (largest[0]["id"], 25, 49)
    assert (alert["baseline_count"], alert["baseline_total"]) == (9, 81)
    assert alert["ratio"] == pytest.approx(225 / 49, abs=1e-4)
    assert alert["new"] is False and alert["p_adjusted"] < 0.01
    # The alerts are store_trends' own, for the same weeks.
    trends, _ = store_trends(topic_store, filters=CommentFilter(since=WEEK_START - timedelta(weeks=11),
                                                                until=WEEK_START + timedelta(weeks=1)),
                             period="week", tz="UTC")
    assert topics["emerging"] == [a for a in trends.to_dict()["alerts"] if a["period"] == WEEK]
