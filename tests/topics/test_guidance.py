"""Topics guided by the taxonomy: tag confidences join the embeddings in the clustered space."""
from __future__ import annotations

import logging

import numpy as np
import pytest

from tests.topics.conftest import build_corpus, make_modeler
from voc_engine.schema import TagResult
from voc_engine.topics.fit import TopicModeler, tag_matrix

TAG_OF_THEME = {"luggage": "lost_damaged_items", "refund": "refund_cancellation"}


@pytest.fixture(scope="module")
def blurred_corpus(sentence_embeddings):
    """The four-theme corpus, except that luggage and refund comments share one embedding
    region (the encoder cannot tell them apart) while the tagger can: each carries its tag."""
    texts, vectors, themes = build_corpus(sentence_embeddings, seed=3)
    vectors = vectors.copy()
    blurred = np.isin(themes, list(TAG_OF_THEME))
    centre = vectors[blurred].mean(axis=0)
    rng = np.random.default_rng(0)
    vectors[blurred] = centre + rng.normal(0, 0.01, size=(blurred.sum(), vectors.shape[1]))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    tags = [[{"name": TAG_OF_THEME[t], "confidence": 0.9}] if t in TAG_OF_THEME else [] for t in themes]
    return texts, vectors.astype(np.float32), themes, tags


def _themes_per_topic(topics: np.ndarray, themes: np.ndarray) -> dict[int, set[str]]:
    return {int(t): set(themes[topics == t].tolist()) for t in np.unique(topics)}


def test_tags_separate_what_embeddings_blur(blurred_corpus, embedder):
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    texts, vectors, themes, tags = blurred_corpus
    unguided = make_modeler(embedder, keyword_weight=0.0).fit(texts, vectors)
    guided = make_modeler(embedder, keyword_weight=0.0, tag_weight=0.4).fit(texts, vectors, tags=tags)
    # without the tags one topic mixes luggage and refund comments
    assert any(mixed >= {"luggage", "refund"} for mixed in _themes_per_topic(unguided.topics_, themes).values())
    # with them every topic holds one theme, and each theme has a topic of its own
    by_topic = _themes_per_topic(guided.topics_, themes)
    assert all(len(found) == 1 for found in by_topic.values())
    assert set().union(*by_topic.values()) == set(themes.tolist())
    assert guided.tag_names_ == ["lost_damaged_items", "refund_cancellation"]


def test_guided_model_assigns_new_comments_by_their_tags_and_reloads(blurred_corpus, embedder, tmp_path):
    texts, vectors, themes, tags = blurred_corpus
    guided = make_modeler(embedder, keyword_weight=0.0, tag_weight=0.4).fit(texts, vectors, tags=tags)
    topic_of = {next(iter(found)): t for t, found in _themes_per_topic(guided.topics_, themes).items()}
    blurred = np.flatnonzero(np.isin(themes, list(TAG_OF_THEME)))[:10]
    predicted = guided.predict(vectors[blurred], tags=[tags[i] for i in blurred])
    assert predicted.tolist() == [topic_of[themes[i]] for i in blurred]
    # the same comment tagged the other way goes to the other topic
    swapped = [[{"name": TAG_OF_THEME["refund" if themes[i] == "luggage" else "luggage"], "confidence": 0.9}]
               for i in blurred]
    assert guided.predict(vectors[blurred], tags=swapped).tolist() == [
        topic_of["refund" if themes[i] == "luggage" else "luggage"] for i in blurred]
    guided.save(tmp_path / "guided")
    loaded = TopicModeler.load(tmp_path / "guided", embedding_model=embedder)
    assert loaded.tag_names_ == guided.tag_names_
    assert np.array_equal(loaded.predict(vectors, tags=tags), guided.predict(vectors, tags=tags))
    assert np.array_equal(loaded.predict(vectors), guided.predict(vectors))  # untagged: embeddings decide
    with pytest.raises(Exception, match="tag lists"):
        guided.predict(vectors[:3], tags=tags[:2])


def test_tag_weight_zero_ignores_tags(corpus, embedder, fitted):
    texts, vectors, _ = corpus
    tags = [[{"name": "refund_cancellation", "confidence": 1.0}]] * len(texts)
    ignored = make_modeler(embedder, tag_weight=0.0).fit(texts, vectors, ids=fitted.ids_, tags=tags)
    assert ignored.tag_names_ == []
    assert np.array_equal(ignored.topics_, fitted.topics_)


def test_tag_matrix_reads_every_form_of_tags():
    names = ["billing_price", "wait_time"]
    tags = [
        {"wait_time": 0.7},
        [{"name": "billing_price", "confidence": 0.4}, {"name": "not_in_model", "confidence": 0.9}],
        [TagResult(name="wait_time", confidence=0.25)],
        ["billing_price"],  # a bare name counts as certain
        [],
        None,
    ]
    expected = np.array([[0, 0.7], [0.4, 0], [0, 0.25], [1, 0], [0, 0], [0, 0]], dtype=np.float32)
    assert np.allclose(tag_matrix(tags, names), expected)
