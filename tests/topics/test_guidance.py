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


def _store_of(tmp_path, texts, vectors, tags, scores):
    """A real SQLite feedback store holding the comments with these enrichments, and the
    stored id of each comment."""
    from voc_engine.schema import Enrichment
    from voc_engine.store.repository import FeedbackStore
    from voc_engine.config import Settings

    store = FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}", Settings(data_dir=tmp_path / "var"))
    rows = [{"source": "survey", "external_id": f"c{i}", "text": text,
             "created_at": f"2026-03-{1 + i % 28:02d}T10:00:00Z"} for i, text in enumerate(texts)]

    def enrich(batch, ids):
        assert len(batch) == len(texts)  # every row is new: the batch is in row order
        return [Enrichment(id=id_, language="en", redacted_text=text, model_version="test", embedding=vectors[k],
                           tags=[TagResult(**tag) for tag in tags[k]], tag_scores=scores[k])
                for k, (text, id_) in enumerate(zip(batch, ids))]

    results = store.ingest(rows, enrich)
    assert all(result.ok for result in results)
    return store, [result.id for result in results]


def _fitted_themes(modeler, ids, themes) -> np.ndarray:
    """The theme of each fitted comment, in the model's order (the store's, by creation time)."""
    theme_of = dict(zip(ids, themes))
    return np.array([theme_of[i] for i in modeler.ids_])


def test_a_store_fit_is_guided_by_the_tagger_scores_it_keeps(blurred_corpus, embedder, tmp_path):
    from voc_engine.topics.service import fit_store
    from voc_engine.topics.versions import load_version

    texts, vectors, themes, _ = blurred_corpus
    # the tagger's scores tell luggage from refund comments; no tag was returned (all under threshold)
    scores = [{"lost_damaged_items": 0.45 if t == "luggage" else 0.05,
               "refund_cancellation": 0.45 if t == "refund" else 0.05} for t in themes]
    store, ids = _store_of(tmp_path, texts, vectors, [[] for _ in texts], scores)
    modeler, version = fit_store(store, modeler=make_modeler(embedder, keyword_weight=0.0, tag_weight=1.0),
                                 root=tmp_path / "topics")
    assert modeler.fitted_tag_kind_ == "scores"
    by_topic = _themes_per_topic(modeler.topics_, _fitted_themes(modeler, ids, themes))
    assert all(len(found) == 1 for found in by_topic.values())
    assert set().union(*by_topic.values()) == set(themes.tolist())
    reloaded = load_version(version, tmp_path / "topics")
    assert reloaded.fitted_tag_kind_ == "scores"
    # new comments are compared by their scores, alike before and after the model is reloaded
    some = np.flatnonzero(np.isin(themes, ["luggage", "refund"]))[:10]
    predicted = reloaded.predict(vectors[some], tags=[scores[i] for i in some])
    assert predicted.tolist() == modeler.predict(vectors[some], tags=[scores[i] for i in some]).tolist()
    topic_of = {next(iter(found)): t for t, found in by_topic.items()}
    assert predicted.tolist() == [topic_of[themes[i]] for i in some]


def test_a_store_fit_never_mixes_scores_and_returned_tags(blurred_corpus, embedder, tmp_path, caplog):
    from voc_engine.topics.service import fit_store

    texts, vectors, themes, tags = blurred_corpus
    scores = [{"lost_damaged_items": 0.45 if t == "luggage" else 0.05,
               "refund_cancellation": 0.45 if t == "refund" else 0.05} for t in themes]
    scores[0] = {}  # one comment enriched before the scores were kept
    store, ids = _store_of(tmp_path, texts, vectors, tags, scores)
    with caplog.at_level(logging.WARNING, logger="voc_engine.topics.service"):
        modeler, _ = fit_store(store, modeler=make_modeler(embedder, keyword_weight=0.0, tag_weight=0.4),
                               root=tmp_path / "topics")
    assert modeler.fitted_tag_kind_ == "tags"
    assert "1 of 200 comments have no stored tagger scores" in caplog.text
    fitted_themes = _fitted_themes(modeler, ids, themes)
    assert all(len(found) == 1 for found in _themes_per_topic(modeler.topics_, fitted_themes).values())
