"""The words of each comment as a TF-IDF vector, and topics refined by meaning *and* words.

Sentence embeddings of short complaints mix the issue with tone and context ("worst airline
ever, 2 hours on hold"), so clusters of embeddings alone follow the issue only loosely. After
HDBSCAN has found the topics, every comment is moved to the topic whose embedding centroid and
keyword centroid (mean TF-IDF vector of its comments, document-frequency IDF) it matches best,
a weighted sum of the two cosine similarities, for a few k-means-like rounds. Outliers join a
topic the same way. The keyword vocabulary, its IDF weights and the keyword centroids are
saved with the model, so new comments are assigned by the same rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from voc_engine.topics.preprocess import TOKEN_PATTERN

KEYWORDS_JSON = "keywords.json"
KEYWORDS_TENSORS = "keywords.safetensors"


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


@dataclass
class KeywordSpace:
    """Unigram TF-IDF of cleaned feedback text: sublinear term frequency, rows of unit length."""

    vectorizer: TfidfVectorizer

    @classmethod
    def fit(cls, docs: Sequence[str], stop_words: list[str], min_df: int = 2) -> "KeywordSpace":
        vectorizer = TfidfVectorizer(stop_words=stop_words, token_pattern=TOKEN_PATTERN, min_df=min_df,
                                     sublinear_tf=True, lowercase=True, dtype=np.float32)
        try:
            vectorizer.fit(docs)
        except ValueError:  # no word occurs twice: fall back to every word
            vectorizer.set_params(min_df=1).fit(docs)
        return cls(vectorizer)

    def transform(self, docs: Sequence[str]) -> sp.csr_matrix:
        return self.vectorizer.transform(docs).tocsr()

    def centroids(self, vectors: sp.csr_matrix, topics: np.ndarray, topic_ids: np.ndarray) -> np.ndarray:
        """Unit-length mean keyword vector of each topic's comments, (k, vocabulary)."""
        rows = np.searchsorted(topic_ids, topics)
        indicator = sp.csr_matrix((np.ones(len(topics), np.float32), (rows, np.arange(len(topics)))),
                                  shape=(len(topic_ids), len(topics)))
        return _unit_rows(np.asarray((indicator @ vectors).todense(), dtype=np.float32))

    def save(self, path: Path, centroids: np.ndarray) -> None:
        import json

        from safetensors.numpy import save_file

        vocabulary = self.vectorizer.get_feature_names_out().tolist()
        (path / KEYWORDS_JSON).write_text(json.dumps({"vocabulary": vocabulary}, ensure_ascii=False))
        save_file({"idf": self.vectorizer.idf_.astype(np.float32), "centroids": centroids.astype(np.float32)},
                  str(path / KEYWORDS_TENSORS))

    @classmethod
    def load(cls, path: Path, stop_words: list[str]) -> tuple["KeywordSpace", np.ndarray] | None:
        import json

        from safetensors.numpy import load_file

        if not (path / KEYWORDS_JSON).exists():
            return None
        vocabulary = json.loads((path / KEYWORDS_JSON).read_text())["vocabulary"]
        tensors = load_file(str(path / KEYWORDS_TENSORS))
        vectorizer = TfidfVectorizer(stop_words=stop_words, token_pattern=TOKEN_PATTERN, sublinear_tf=True,
                                     lowercase=True, dtype=np.float32, vocabulary=vocabulary)
        vectorizer.idf_ = tensors["idf"].astype(np.float64)
        return cls(vectorizer), tensors["centroids"]


def combined_similarity(unit_embeddings: np.ndarray, embedding_centroids: np.ndarray,
                        keyword_vectors: sp.csr_matrix | None, keyword_centroids: np.ndarray | None,
                        keyword_weight: float) -> np.ndarray:
    """(1 - w) * cosine(embedding, centroid) + w * cosine(keywords, keyword centroid), (n, k)."""
    similarity = unit_embeddings @ embedding_centroids.T
    if keyword_vectors is None or keyword_centroids is None or keyword_weight == 0:
        return similarity
    return (1 - keyword_weight) * similarity + keyword_weight * np.asarray(keyword_vectors @ keyword_centroids.T)


def refine_topics(
    topics: np.ndarray,
    unit_embeddings: np.ndarray,
    keyword_vectors: sp.csr_matrix,
    space: KeywordSpace,
    keyword_weight: float,
    iterations: int,
    outlier: int = -1,
) -> np.ndarray:
    """Outliers to their nearest topic, then every comment to its best topic, until stable.

    Topics that lose every comment disappear; ids are renumbered 0.. by size (largest first).
    """
    current = np.asarray(topics).copy()
    found = np.unique(current[current != outlier])
    if (current == outlier).any():
        centroids = _unit_rows(np.stack([unit_embeddings[current == t].mean(axis=0) for t in found]))
        lost = current == outlier
        current[lost] = found[(unit_embeddings[lost] @ centroids.T).argmax(axis=1)]
    for _ in range(iterations):
        ids = np.unique(current)
        centroids = _unit_rows(np.stack([unit_embeddings[current == t].mean(axis=0) for t in ids]))
        keyword_centroids = space.centroids(keyword_vectors, current, ids)
        scores = combined_similarity(unit_embeddings, centroids, keyword_vectors, keyword_centroids, keyword_weight)
        moved = ids[scores.argmax(axis=1)]
        if (moved == current).all():
            break
        current = moved
    # Largest topic first, as BERTopic numbers them.
    ids, counts = np.unique(current, return_counts=True)
    order = ids[np.argsort(-counts, kind="stable")]
    renumber = {int(old): new for new, old in enumerate(order)}
    return np.array([renumber[int(t)] for t in current], dtype=int)


def merge_topics(topics: np.ndarray, space: KeywordSpace, keyword_vectors: sp.csr_matrix, threshold: float,
                 outlier: int = -1) -> np.ndarray:
    """Merge the two topics whose keyword centroids are most similar, while that cosine
    similarity is at least ``threshold``; ids renumbered 0.. by size (largest first).

    Given keyword vectors of comments without their boilerplate, two topics that differ only in
    a closing phrase ("… Sort it out!" / "… Not good enough") have the same centroid.
    """
    current = np.asarray(topics).copy()
    while True:
        ids = np.unique(current[current != outlier])
        if len(ids) < 2:
            break
        centroids = space.centroids(keyword_vectors[current != outlier], current[current != outlier], ids)
        similarity = centroids @ centroids.T
        np.fill_diagonal(similarity, -np.inf)
        a, b = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        if similarity[a, b] < threshold:
            break
        current[current == ids[b]] = ids[a]
    kept = current != outlier
    found, counts = np.unique(current[kept], return_counts=True)
    order = found[np.argsort(-counts, kind="stable")]
    renumber = {int(old): new for new, old in enumerate(order)}
    return np.array([renumber[int(t)] if t != outlier else outlier for t in current], dtype=int)
