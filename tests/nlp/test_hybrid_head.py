"""Hybrid heads: encoder features next to TF-IDF blocks of the redacted text."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from voc_engine.nlp.heads import LinearHead, softmax, sigmoid
from voc_engine.nlp.textfeatures import TextFeatures, TfidfBlock
from voc_engine.nlp.train import HeadTrainer

MODELS = Path(__file__).resolve().parents[2] / "models"
TEXTS = [
    "My card has not arrived yet", "Where is my new card?", "card still not delivered after a week",
    "I want to top up my account", "How do I top up by bank transfer?", "top-up failed twice",
    "Why was I charged a fee?", "There is an extra fee on my statement", "what is this fee for",
    "I forgot my passcode", "How can I reset my passcode?", "passcode locked after three tries",
]
LABELS = ["card_arrival"] * 3 + ["top_up"] * 3 + ["fee"] * 3 + ["passcode"] * 3
BLOCKS = ({"name": "word", "weight": 0.5, "analyzer": "word", "ngram_range": (1, 2)},
          {"name": "char", "weight": 0.3, "analyzer": "char_wb", "ngram_range": (2, 5)})


def dense_features(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)


def test_ngram_analyzer_gives_sklearns_ngrams():
    from sklearn.feature_extraction.text import CountVectorizer

    from voc_engine.nlp.textfeatures import TOKEN_PATTERN, ngram_analyzer

    texts = ["", "x", "a I  Top-UP\t\n fee fee", "Café crème, déjà vu — top up", "my card top up fee"]
    for analyzer, ngram_range in (("word", (1, 2)), ("word", (2, 3)), ("char_wb", (2, 5)), ("char", (1, 3))):
        settings = {"analyzer": analyzer, "ngram_range": ngram_range, "lowercase": True, "token_pattern": TOKEN_PATTERN}
        reference = CountVectorizer(**settings).build_analyzer()
        ours = ngram_analyzer(settings)
        for text in texts:
            assert sorted(ours(text)) == sorted(reference(text)), (analyzer, text)


def test_tfidf_block_is_sklearns_tfidf_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    for settings in ({"analyzer": "word", "ngram_range": (1, 2)},
                     {"analyzer": "word", "ngram_range": (2, 3)},
                     {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2},
                     {"analyzer": "char", "ngram_range": (1, 3)}):
        block = TfidfBlock.fit("b", TEXTS, **settings)
        reference = TfidfVectorizer(sublinear_tf=True, **settings).fit(TEXTS)
        unseen = ["my card top up fee", "passcode?", "nothing known here zzz", "", "a I  Top-UP\t\n fee fee",
                  "Café crème, déjà vu — top up", "x"]
        assert block.vocabulary == reference.get_feature_names_out().tolist()
        np.testing.assert_allclose(block.transform(unseen).toarray(), reference.transform(unseen).toarray(),
                                   atol=1e-12)


@pytest.mark.parametrize("loss", ["hinge", "logistic"])
def test_a_saved_hybrid_head_reloads_and_scores_the_same(tmp_path, loss):
    X = dense_features(len(TEXTS))
    trainer = HeadTrainer("tagger", "t", "enc", C=1.0, loss=loss, text_blocks=BLOCKS, dense_weight=1.0)
    trainer.fit(X, LABELS, texts=TEXTS)
    head = trainer.head_
    assert head.reads_text and head.weight.shape[1] == 16 + head.text_features.text_dimension
    head.save(tmp_path / "a")
    meta = json.loads((tmp_path / "a" / "model.json").read_text())
    assert [b["name"] for b in meta["text_features"]["blocks"]] == ["word", "char"]
    assert set(json.loads((tmp_path / "a" / "vocabulary.json").read_text())) == {"word", "char"}
    loaded = LinearHead.load(tmp_path / "a")  # np.load(allow_pickle=False): plain arrays only
    new_x, new_texts = dense_features(3, seed=1), ["card not here", "fee?", "reset passcode please"]
    # Saved weights are float32, as for every head; the reloaded head reproduces the trained one.
    np.testing.assert_allclose(loaded.predict_proba(new_x, new_texts), head.predict_proba(new_x, new_texts),
                               atol=1e-5)
    loaded.save(tmp_path / "b")
    again = LinearHead.load(tmp_path / "b")
    np.testing.assert_array_equal(again.predict_proba(new_x, new_texts), loaded.predict_proba(new_x, new_texts))
    assert [loaded.labels[int(r.argmax())] for r in loaded.predict_proba(X, TEXTS)] == LABELS
    with pytest.raises(ValueError, match="reads text"):
        loaded.predict_proba(new_x)


def test_the_text_blocks_move_the_scores():
    # Same dense input, different words: only the TF-IDF blocks can tell them apart.
    X = np.zeros((len(TEXTS), 8), np.float32)
    head = HeadTrainer("tagger", "t", C=1.0, loss="hinge", text_blocks=BLOCKS).fit(X, LABELS, texts=TEXTS).head_
    probs = head.predict_proba(np.zeros((2, 8)), ["where is my card", "reset my passcode"])
    assert [head.labels[int(r.argmax())] for r in probs] == ["card_arrival", "passcode"]


def test_a_hybrid_multi_label_head_keeps_its_thresholds(tmp_path):
    label_sets = [{label} for label in LABELS]
    label_sets[0] |= {"fee"}
    head = HeadTrainer("tagger", "t", multi_label=True, C=4.0, text_blocks=BLOCKS[:1]).fit(
        dense_features(len(TEXTS)), label_sets, texts=TEXTS).head_
    head.save(tmp_path)
    loaded = LinearHead.load(tmp_path)
    assert loaded.activation == "sigmoid" and loaded.thresholds == head.thresholds
    assert len(loaded.text_features.blocks) == 1


def test_a_damaged_hybrid_head_is_refused(tmp_path):
    from voc_engine.errors import ModelNotFoundError

    HeadTrainer("tagger", "t", loss="hinge", text_blocks=BLOCKS).fit(
        dense_features(len(TEXTS)), LABELS, texts=TEXTS).head_.save(tmp_path)
    vocabulary = json.loads((tmp_path / "vocabulary.json").read_text())
    vocabulary["word"] = vocabulary["word"][:-1]
    (tmp_path / "vocabulary.json").write_text(json.dumps(vocabulary))
    with pytest.raises(ModelNotFoundError, match="terms"):
        LinearHead.load(tmp_path)
    (tmp_path / "vocabulary.json").unlink()
    with pytest.raises(ModelNotFoundError, match="vocabulary.json"):
        LinearHead.load(tmp_path)


def shipped_heads(hybrid: bool) -> list[Path]:
    return sorted(p.parent for p in MODELS.glob("*/v*/model.json")
                  if (p.parent / "head.npz").exists() and ("text_features" in json.loads(p.read_text())) == hybrid)


@pytest.mark.parametrize("directory", shipped_heads(hybrid=False), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_heads_load_and_score_as_before(directory):
    head = LinearHead.load(directory)
    assert not head.reads_text and head.text_features is None
    X = dense_features(4, head.weight.shape[1], seed=2)
    logits = X @ head.weight.T + head.bias
    expected = softmax(logits) if head.activation == "softmax" else sigmoid(logits)
    np.testing.assert_array_equal(head.predict_proba(X), expected)
    np.testing.assert_array_equal(head.predict_proba(X, ["a", "b", "c", "d"]), expected)  # texts ignored


@pytest.mark.parametrize("directory", shipped_heads(hybrid=True), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_hybrid_heads_score_their_dense_and_text_parts(directory):
    from sklearn.feature_extraction.text import CountVectorizer

    head = LinearHead.load(directory)
    assert head.reads_text
    dense_dim = head.weight.shape[1] - head.text_features.text_dimension
    X = dense_features(2, dense_dim, seed=3)
    texts = ["my bag was lost on the flight", "the refund never arrived"]
    with pytest.raises(ValueError, match="reads text"):
        head.predict_proba(X)
    # The same logits from the saved parts, assembled independently: unit dense rows, then per
    # block counts over the saved vocabulary -> sublinear tf x idf -> unit rows, each weighted.
    meta = head.text_features.meta()
    parts = [meta["dense_weight"] * X / np.linalg.norm(X, axis=1, keepdims=True)]
    for block in head.text_features.blocks:
        counter = CountVectorizer(analyzer=block.settings["analyzer"], ngram_range=tuple(block.settings["ngram_range"]),
                                  vocabulary=block.vocabulary)
        counts = counter.transform(texts).toarray().astype(float)
        tfidf = np.where(counts > 0, np.log(np.maximum(counts, 1)) + 1, 0) * block.idf
        parts.append(block.weight * tfidf / np.linalg.norm(tfidf, axis=1, keepdims=True))
    logits = np.hstack(parts) @ head.weight.T.astype(float) + head.bias
    expected = softmax(logits) if head.activation == "softmax" else sigmoid(logits)
    np.testing.assert_allclose(head.predict_proba(X, texts), expected, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("directory", shipped_heads(hybrid=True), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_rows_text_columns_do_not_depend_on_the_rows_beside_it(directory):
    import scipy.sparse as sp

    features = LinearHead.load(directory).text_features
    batch = ["my bag was lost on the flight", "", "the refund never arrived. Refund refund!", "x",
             "Café crème, déjà vu — top up", "my bag was lost on the flight"]
    together = features.transform_text(batch)
    # The blocks side by side, each weighted, in the order of the saved blocks.
    side_by_side = sp.hstack([block.weight * block.transform(batch) for block in features.blocks], format="csr")
    np.testing.assert_array_equal(together.toarray(), side_by_side.toarray())
    # A comment scores the same whatever the service batches it with: to the last bit.
    for k, text in enumerate(batch):
        alone = features.transform_text([text])
        row = together[k]
        np.testing.assert_array_equal(alone.indices, row.indices)
        np.testing.assert_array_equal(alone.data, row.data)
    assert together[1].nnz == 0 and together[0].nnz == together[5].nnz > 0
    np.testing.assert_allclose(sp.linalg.norm(together[0]) ** 2, sum(b.weight ** 2 for b in features.blocks))


def test_a_hybrid_tagger_scores_through_the_pipeline(pipeline):
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.nlp.redact import encoder_text

    texts = [encoder_text(t) for t in TEXTS]
    head = HeadTrainer("tagger", "t", pipeline.encoder.version, C=1.0, loss="hinge", text_blocks=BLOCKS).fit(
        pipeline.encoder.encode_features(texts), LABELS, texts=texts).head_
    scorer = Pipeline(pipeline.encoder, pipeline.sentiment, head)
    comment = "I forgot my passcode. Mail me at jo@example.com please!"
    record = scorer.enrich([comment])[0].to_record()
    redacted = record["redacted_text"]
    assert "[EMAIL]" in redacted  # the head reads the redacted text, as training did
    expected = dict(zip(head.labels, head.predict_proba(pipeline.encoder.encode_features([redacted]), [redacted])[0]))
    by_model = {t["name"]: t for t in record["tags"] if t["source"] == "model"}
    assert "passcode" in by_model
    for name, tag in by_model.items():
        assert tag["confidence"] == pytest.approx(expected[name], abs=2e-3)  # int8: batch-dependent
    # The span comes from the sentence-level scores, which read each sentence's own text.
    start, end = by_model["passcode"]["spans"][0]
    assert "passcode" in redacted[start:end]
    # A batch is scored in one call; each comment keeps its own rows.
    batch = ["Hello. Where is my card? It has not arrived.", "", "I forgot my passcode.",
             "How do I top up my account?"]
    records = [r.to_record() for r in scorer.enrich(batch)]
    assert records[1]["error"] == "empty text"
    tops = [max((t for t in r["tags"] if t["source"] != "rule"), key=lambda t: t["confidence"])["name"]
            for r in (records[0], records[2], records[3])]
    assert tops == ["card_arrival", "passcode", "top_up"]


def test_train_head_fits_a_hybrid_single_label_tagger(pipeline, tmp_path):
    import pandas as pd

    from voc_engine.nlp.train import train_head

    data = tmp_path / "intents.csv"
    pd.DataFrame({"text": TEXTS * 3, "intent": LABELS * 3}).to_csv(data, index=False)
    result = train_head("tagger", data, "text", "intent", tmp_path / "model", pipeline.encoder)
    head = LinearHead.load(tmp_path / "model")
    assert head.reads_text and head.input == "features" and head.extra["estimator"] == "linear-svm"
    assert result.metrics["validation"]["top_tag_accuracy"] >= 0.8
    assert result.metrics["head"]["text_features"]["blocks"]
    assert "TF-IDF" in (tmp_path / "model" / "MODEL_CARD.md").read_text()
