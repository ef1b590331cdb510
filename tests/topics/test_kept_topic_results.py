"""Topic results over stored comments (trends, taxonomy coverage, a topic's comment ids) are
kept by the store (`FeedbackStore.kept_result`) while neither the stored comments nor the topic
model version's files change: comments stored, comments assigned to the version, a new fit made
active each give a fresh computation. Real SQLite store, as tests/store/test_frame_cache.py."""
from __future__ import annotations

import logging

import pandas as pd

from tests.topics.conftest import make_modeler, sqlite_store_of


def _total(trends) -> int:
    return sum(t["total"] for t in trends.to_dict()["topics"])


def test_topic_results_are_kept_until_the_comments_or_the_model_change(corpus, embedder, tmp_path):
    from voc_engine.topics.service import fit_store, store_coverage, store_trends, topic_comment_ids
    from voc_engine.topics.versions import append_assignments, version_dir

    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    texts, vectors, _ = corpus
    store, _ = sqlite_store_of(tmp_path, texts[:150], vectors[:150])
    root = tmp_path / "topics"
    try:
        fit_store(store, modeler=make_modeler(embedder, min_cluster_size=12), root=root)
        trends = lambda period="week": store_trends(store, root=root, period=period, tz="UTC")[0]  # noqa: E731
        first = trends()
        assert _total(first) == 150
        assert trends() is first  # kept
        assert trends("month") is not trends()  # per question asked
        coverage = store_coverage(store, root=root, categories=["lost_damaged_items"])
        assert store_coverage(store, root=root, categories=["lost_damaged_items"]) is coverage
        assert store_coverage(store, root=root, categories=["refund_cancellation"]) is not coverage
        ids = topic_comment_ids(store, 0, root=root)
        ids.append("changed by the caller")
        assert "changed by the caller" not in topic_comment_ids(store, 0, root=root)

        # a comment assigned to the version (its assigned.parquet written): computed again
        path = version_dir(None, root)
        append_assignments(path, pd.DataFrame({"id": ["c-elsewhere"], "topic": [0]}))
        assert trends() is not first
        assert "c-elsewhere" in topic_comment_ids(store, 0, root=root)

        # comments stored: computed again, and the new ones assigned and counted
        sqlite_store_of(tmp_path, texts[150:], vectors[150:], store=store, start=150)
        assigning = trends()
        assert _total(assigning) == len(texts)
        settled = trends()  # computed once more over the assignments the call before wrote
        assert trends() is settled and _total(settled) == len(texts)

        # another fit made active: its own results
        fit_store(store, modeler=make_modeler(embedder, min_cluster_size=12, random_state=8), root=root)
        assert version_dir(None, root) != path
        assert trends() is not settled and trends().version == version_dir(None, root).name
    finally:
        store.dispose()
