"""A small corpus with four clearly separated themes, built from the encoder's embeddings of a
handful of hand-written sentences (each comment mixes two sentences of its theme, plus noise),
and one topic model fitted on it, shared by the tests of this folder."""
from __future__ import annotations

import logging

import numpy as np
import pytest

THEMES: dict[str, list[str]] = {
    "luggage": [
        "You lost my luggage and nobody can tell me where my suitcase is.",
        "My bag never arrived at baggage claim.",
        "The suitcase came back damaged with a broken wheel.",
        "Still waiting for my lost baggage after three days.",
        "Baggage claim took forever and my bag was missing.",
    ],
    "refund": [
        "I am still waiting for the refund you promised me.",
        "Please give me my money back for the cancelled booking.",
        "The refund for my ticket never reached my card.",
        "You charged me twice and refuse to refund the fee.",
        "I want a full refund, not a voucher.",
    ],
    "app": [
        "The app crashes every time I try to check in.",
        "Your website keeps showing an error at checkout.",
        "I cannot log in to the app, the password reset is broken.",
        "The mobile app froze while paying and lost my booking.",
        "The website login page gives an error message.",
    ],
    "staff": [
        "The agent at the desk was rude and unhelpful.",
        "Your staff were dismissive and shouted at us.",
        "The flight attendant was very rude to my mother.",
        "A rude employee hung up on me twice.",
        "The crew treated us with arrogance and no respect.",
    ],
}
DECORATIONS = ["@NorthwindAir ", "[HANDLE] ", "Northwind ", "Hey @nw_help ", "", "[URL] ", "#northwind "]
BRANDS = ["Northwind", "Northwind Air"]
PER_THEME = 50


@pytest.fixture(scope="session")
def encoder():
    from voc_engine.nlp.encoder import Encoder

    return Encoder(None, threads=2)


@pytest.fixture(scope="session")
def sentence_embeddings(encoder) -> dict[str, np.ndarray]:
    return {theme: encoder.encode_documents(sentences) for theme, sentences in THEMES.items()}


def build_corpus(sentence_embeddings, per_theme: int = PER_THEME, seed: int = 0, noise: float = 0.01):
    """Texts, embeddings (unit rows) and the planted theme of each comment."""
    rng = np.random.default_rng(seed)
    texts, vectors, themes = [], [], []
    for theme, sentences in THEMES.items():
        for _ in range(per_theme):
            i, j = rng.choice(len(sentences), size=2, replace=False)
            weight = rng.uniform(0.3, 0.7)
            vector = weight * sentence_embeddings[theme][i] + (1 - weight) * sentence_embeddings[theme][j]
            vector = vector + rng.normal(0, noise, size=vector.shape)
            texts.append(f"{rng.choice(DECORATIONS)}{sentences[i]} {sentences[j]}")
            vectors.append(vector / np.linalg.norm(vector))
            themes.append(theme)
    order = rng.permutation(len(texts))
    return ([texts[k] for k in order], np.asarray(vectors, dtype=np.float32)[order],
            np.asarray(themes)[order])


@pytest.fixture(scope="session")
def corpus(sentence_embeddings):
    return build_corpus(sentence_embeddings)


@pytest.fixture(scope="session")
def embedder(encoder):
    from voc_engine.topics.embedder import EncoderEmbedder

    return EncoderEmbedder(encoder)


def make_modeler(embedder, **overrides):
    from voc_engine.topics import TopicModeler

    params = {"min_cluster_size": 20, "brands": BRANDS, "random_state": 7, "embedding_model": embedder}
    params.update(overrides)
    return TopicModeler(**params)


@pytest.fixture(scope="session")
def fitted(corpus, embedder):
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    texts, vectors, _ = corpus
    return make_modeler(embedder).fit(texts, vectors, ids=[f"c{i}" for i in range(len(texts))])


@pytest.fixture(scope="session")
def new_corpus(sentence_embeddings):
    """build_corpus over the same sentences: (per_theme, seed) -> texts, embeddings, themes."""
    return lambda per_theme, seed: build_corpus(sentence_embeddings, per_theme=per_theme, seed=seed)


@pytest.fixture(scope="session")
def modeler_factory(embedder):
    return lambda **overrides: make_modeler(embedder, **overrides)


def sqlite_store_of(tmp_path, texts, vectors, store=None, start: int = 0):
    """A real SQLite feedback store (``store``, or a new one under ``tmp_path``) holding these
    comments, each with its embedding (external ids ``c{start + i}``), and their stored ids."""
    from voc_engine.config import Settings
    from voc_engine.schema import Enrichment
    from voc_engine.store.repository import FeedbackStore

    store = store or FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}", Settings(data_dir=tmp_path / "var"))
    rows = [{"source": "survey", "external_id": f"c{start + i}", "text": text,
             "created_at": f"2026-03-{1 + i % 28:02d}T10:00:00Z"} for i, text in enumerate(texts)]
    vector_of = dict(zip(texts, vectors))

    def enrich(batch, ids):
        return [Enrichment(id=id_, language="en", redacted_text=text, model_version="test",
                           embedding=vector_of[text]) for text, id_ in zip(batch, ids)]

    results = store.ingest(rows, enrich)
    assert all(result.ok for result in results)
    return store, [result.id for result in results]
