"""TopicModeler on a corpus with four planted themes: recovery, labels, determinism, persistence."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.metrics import adjusted_rand_score

from voc_engine.errors import InputFileError
from voc_engine.topics import FEEDBACK_STOP_WORDS, OUTLIER, TopicModeler, TopicModelError

THEME_WORDS = {
    "luggage": {"luggage", "bag", "baggage", "suitcase", "claim", "lost", "missing", "damaged"},
    "refund": {"refund", "money", "charged", "voucher", "fee", "ticket", "card"},
    "app": {"app", "website", "error", "login", "log", "crashes", "password", "checkout"},
    "staff": {"rude", "agent", "staff", "attendant", "employee", "crew", "dismissive", "unhelpful"},
}


def test_recovers_the_planted_themes_without_outliers(fitted, corpus):
    _, _, themes = corpus
    topic_set = fitted.topics()
    assert len(topic_set.topics) == 4
    assert adjusted_rand_score(themes, fitted.topics_) == 1.0
    assert topic_set.n_outliers == 0 and (fitted.topics_ != OUTLIER).all()
    assert sum(t.size for t in topic_set.topics) == len(themes)


def test_topic_words_name_the_issue_never_the_addressee(fitted, corpus):
    _, _, themes = corpus
    stop = set(ENGLISH_STOP_WORDS) | FEEDBACK_STOP_WORDS
    for topic in fitted.topics().topics:
        theme = str(np.unique(themes[fitted.topics_ == topic.id])[0])
        label_words = set(re.findall(r"[a-z]+", topic.label.lower()))
        every_word = {part for w in topic.words for part in w.split()} | label_words
        assert label_words & THEME_WORDS[theme], (theme, topic.label)
        assert not label_words <= stop
        assert "@" not in topic.label and "handle" not in every_word and "url" not in every_word
        assert not every_word & {"northwind", "northwindair", "nw_help", "nw", "help"}
        assert len(topic.examples) == 3


def test_same_seed_same_topics(fitted, corpus, modeler_factory):
    texts, vectors, _ = corpus
    again = modeler_factory().fit(texts, vectors, ids=fitted.ids_)
    assert np.array_equal(again.topics_, fitted.topics_)
    assert [t.label for t in again.topics().topics] == [t.label for t in fitted.topics().topics]
    assert np.allclose(again.topic_embeddings_, fitted.topic_embeddings_)


def test_new_comments_go_to_their_theme(fitted, corpus, new_corpus):
    texts, vectors, themes = corpus
    new_texts, new_vectors, new_themes = new_corpus(5, 99)
    predicted = fitted.predict(new_vectors, new_texts)
    by_theme = {str(np.unique(themes[fitted.topics_ == t.id])[0]): t.id for t in fitted.topics().topics}
    assert predicted.tolist() == [by_theme[t] for t in new_themes]
    # embeddings alone agree here too; a comment without an embedding gets no topic
    assert fitted.predict(new_vectors).tolist() == predicted.tolist()
    with_gap = new_vectors.copy()
    with_gap[0] = np.nan
    assert fitted.predict(with_gap)[0] == OUTLIER


def test_save_and_load_round_trip(fitted, corpus, tmp_path, embedder):
    texts, vectors, _ = corpus
    fitted.save(tmp_path / "model", version="v-test")
    assert (tmp_path / "model" / "bertopic" / "topic_embeddings.safetensors").exists()
    loaded = TopicModeler.load(tmp_path / "model", embedding_model=embedder)
    assert loaded.topics().to_dict() == {**fitted.topics().to_dict(), "version": "v-test"}
    assert loaded.topics().version == "v-test"
    assert np.array_equal(loaded.predict(vectors, texts), fitted.predict(vectors, texts))
    assert np.array_equal(loaded.predict(vectors), fitted.predict(vectors))
    assert loaded.assignments()["topic"].tolist() == fitted.topics_.tolist()
    assert loaded.get_params() == fitted.get_params()
    with pytest.raises(TopicModelError):
        TopicModeler.load(tmp_path / "nothing-here")


def test_contract_json_shape(fitted):
    # One shape for a topic model's topics: `voc topics fit --output`, `voc topics show --json`
    # and GET /v1/topics all print TopicSet.to_dict().
    document = json.loads(json.dumps(fitted.topics().to_dict()))
    assert list(document) == ["version", "n_documents", "n_outliers", "outlier_share", "topics"]
    assert document["n_documents"] == len(fitted.topics_) and document["outlier_share"] == 0.0
    for topic in document["topics"]:
        assert list(topic) == ["id", "label", "words", "size", "share", "sentiment", "examples"]
        assert isinstance(topic["id"], int) and isinstance(topic["size"], int)
        assert topic["share"] == round(topic["size"] / document["n_documents"], 6)
        assert topic["sentiment"] is None  # fitted without sentiment
        assert isinstance(topic["label"], str) and topic["label"]
        assert all(isinstance(w, str) and w for w in topic["words"])
        assert all(isinstance(e, str) for e in topic["examples"])
    assert [t["id"] for t in document["topics"]] == list(range(len(document["topics"])))


def test_bad_input_gets_a_clear_error(modeler_factory, corpus):
    texts, vectors, _ = corpus
    modeler = modeler_factory()
    with pytest.raises(InputFileError, match="texts but"):
        modeler.fit(texts[:10], vectors)
    broken = vectors.copy()
    broken[7, 3] = np.nan
    with pytest.raises(InputFileError, match="row 7"):
        modeler.fit(texts, broken)
    with pytest.raises(TopicModelError, match="too few"):
        modeler.fit(texts[:12], vectors[:12])
    with pytest.raises(TopicModelError, match="not fitted"):
        TopicModeler().predict(vectors)


def test_brand_words_are_stop_words():
    modeler = TopicModeler(brands=["Northwind", "Northwind Air"], extra_stop_words=["Widget"])
    assert {"northwind", "air", "northwindair", "widget"} <= set(modeler.cleaner.stop_words)


def test_outliers_can_be_kept_and_survive_a_round_trip(corpus, modeler_factory, tmp_path):
    texts, vectors, _ = corpus
    # Thirty comments that share nothing with the themes or with one another (embeddings in
    # random directions): noise HDBSCAN leaves out when it needs 20 neighbours for a core point
    # (24 to 47 outliers under seeds 7, 1, 2, 3; a dozen near-duplicate comments on one stray
    # subject are not enough: UMAP pulls them into a theme).
    rng = np.random.default_rng(5)
    odd = ["The parking garage had no free spaces.", "Parking fees at the car park are confusing.",
           "I could not find a parking spot near the entrance.", "The car park barrier was stuck."]
    odd_rows = rng.normal(0, 1, size=(30, vectors.shape[1]))
    odd_rows /= np.linalg.norm(odd_rows, axis=1, keepdims=True)
    odd_texts = [f"{odd[k % 4]} {odd[(k + 1) % 4]}" for k in range(30)]
    texts, vectors = texts + odd_texts, np.vstack([vectors, odd_rows.astype(np.float32)])
    modeler = modeler_factory(keyword_weight=0.0, reduce_outliers=False, min_samples=20,
                              cluster_selection_method="leaf")
    modeler.fit(texts, vectors)
    assert (modeler.topics_ == OUTLIER).any()
    assert modeler.topics().n_outliers == int((modeler.topics_ == OUTLIER).sum())
    assert sum(t.size for t in modeler.topics().topics) + modeler.topics().n_outliers == len(texts)
    loaded = TopicModeler.load(modeler.save(tmp_path / "m"))
    assert loaded.keyword_space_ is None
    assert np.array_equal(loaded.predict(vectors), modeler.predict(vectors))
    assert loaded.topics().to_dict() == modeler.topics().to_dict()
    assert loaded.assignments()["topic"].tolist() == modeler.topics_.tolist()


def test_labels_are_phrases_as_the_comments_write_them(fitted, corpus):
    # Every label phrase and topic word is a run of words one of the topic's comments wrote,
    # as written (lower-cased): no lemmas, nothing re-inflected, nothing joined across comments.
    texts, _, _ = corpus
    for topic in fitted.topics().topics:
        members = [texts[i].lower() for i in np.flatnonzero(fitted.topics_ == topic.id)]
        for phrase in topic.label.split(", ") + topic.words:
            pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
            assert any(pattern.search(text) for text in members), (topic.label, phrase)
