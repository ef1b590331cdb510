"""TF-IDF blocks a head may read next to the encoder's dense features.

A *hybrid* head scores ``[w_dense * features | w_word * tfidf(word 1-2-grams) |
w_char * tfidf(char_wb 2-5-grams)]``, each block L2-normalised per row before
it is weighted. Surface n-grams help on many-class intent data (banking77)
where close intents differ by one word the encoder blurs ("top up" vs
"transfer", "card" vs "virtual card").

Training fits scikit-learn's ``TfidfVectorizer``; what is saved is plain data
(settings as JSON, vocabulary as a JSON list of terms in column order, idf as
a float array in ``head.npz``) — never a pickle. At inference the same
transform is rebuilt from that data: a ``CountVectorizer`` with the fixed
vocabulary, then sublinear tf, idf and L2 normalisation, exactly as
``TfidfVectorizer.transform`` computes them.

Texts are what the encoder reads (normalised, PII-redacted:
``voc_engine.nlp.redact.encoder_text`` at training, ``doc.text`` in the
pipeline), so placeholders such as ``[CARD]`` are tokens, never digits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

if TYPE_CHECKING:  # scipy is imported where it is used: heads load without it
    import scipy.sparse as sp

# Settings a block may carry; anything else in a saved file is refused.
_SETTINGS = ("analyzer", "ngram_range", "lowercase", "sublinear_tf", "min_df", "token_pattern")
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default, saved with each block


@dataclass
class TfidfBlock:
    """One fitted TF-IDF block: its settings, vocabulary (terms in column order), idf and weight."""

    name: str
    settings: dict[str, Any]
    vocabulary: list[str]
    idf: np.ndarray
    weight: float = 1.0
    _vectorizer: Any = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def fit(cls, name: str, texts: Sequence[str], weight: float = 1.0, **settings) -> "TfidfBlock":
        from sklearn.feature_extraction.text import TfidfVectorizer

        unknown = set(settings) - set(_SETTINGS)
        if unknown:
            raise ValueError(f"unknown TF-IDF settings {sorted(unknown)}")
        settings = {"lowercase": True, "sublinear_tf": True, "min_df": 1, "token_pattern": TOKEN_PATTERN,
                    **settings}
        settings["ngram_range"] = list(settings.get("ngram_range", (1, 1)))
        vectorizer = TfidfVectorizer(
            analyzer=settings["analyzer"], ngram_range=tuple(settings["ngram_range"]),
            lowercase=settings["lowercase"], sublinear_tf=settings["sublinear_tf"],
            min_df=settings["min_df"], token_pattern=settings["token_pattern"], norm="l2",
            smooth_idf=True, dtype=np.float64,
        ).fit(list(texts))
        terms = vectorizer.get_feature_names_out().tolist()  # sorted: column order
        return cls(name, settings, terms, vectorizer.idf_.astype(np.float64), float(weight))

    @property
    def size(self) -> int:
        return len(self.vocabulary)

    def _counter(self):
        if self._vectorizer is None:
            from sklearn.feature_extraction.text import CountVectorizer

            self._vectorizer = CountVectorizer(
                analyzer=self.settings["analyzer"], ngram_range=tuple(self.settings["ngram_range"]),
                lowercase=self.settings["lowercase"],
                token_pattern=self.settings.get("token_pattern", TOKEN_PATTERN),
                vocabulary={term: k for k, term in enumerate(self.vocabulary)}, dtype=np.float64,
            )
        return self._vectorizer

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Row-L2-normalised TF-IDF (n, size), as ``TfidfVectorizer.transform`` gives it."""
        import scipy.sparse as sp

        counts = self._counter().transform(list(texts)).tocsr().astype(np.float64)
        if self.settings["sublinear_tf"]:
            np.log(counts.data, counts.data)
            counts.data += 1.0
        tfidf = counts @ sp.diags(self.idf)
        return _normalise_sparse_rows(sp.csr_matrix(tfidf))

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "weight": self.weight, **self.settings, "size": self.size}


def _normalise_sparse_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    import scipy.sparse as sp

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1.0 / np.maximum(norms, 1e-12)) @ matrix)


@dataclass
class TextFeatures:
    """``[dense_weight * unit(dense) | weight_b * tfidf_b(text) ...]``: the design matrix of a hybrid head."""

    blocks: list[TfidfBlock]
    dense_weight: float = 1.0

    @property
    def text_dimension(self) -> int:
        return sum(block.size for block in self.blocks)

    def transform(self, dense: np.ndarray, texts: Sequence[str]) -> sp.csr_matrix:
        import scipy.sparse as sp

        dense = np.atleast_2d(np.asarray(dense, dtype=np.float64))
        texts = list(texts)
        if len(texts) != len(dense):
            raise ValueError(f"{len(dense)} feature rows but {len(texts)} texts")
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        parts = [sp.csr_matrix(self.dense_weight * dense / np.maximum(norms, 1e-12))]
        parts += [block.weight * block.transform(texts) for block in self.blocks]
        return sp.hstack(parts, format="csr")

    # -- persistence (plain JSON and arrays; no pickle) ----------------------
    def meta(self) -> dict[str, Any]:
        return {"dense_weight": self.dense_weight, "blocks": [b.describe() for b in self.blocks]}

    def vocabularies(self) -> dict[str, list[str]]:
        return {block.name: block.vocabulary for block in self.blocks}

    def arrays(self) -> dict[str, np.ndarray]:
        return {f"idf_{block.name}": block.idf for block in self.blocks}

    @classmethod
    def from_saved(cls, meta: dict, vocabularies: dict[str, list[str]],
                   arrays: Any) -> "TextFeatures":
        blocks = []
        for spec in meta["blocks"]:
            name = spec["name"]
            settings = {key: spec[key] for key in _SETTINGS if key in spec}
            if settings.get("analyzer") not in ("word", "char", "char_wb"):
                raise ValueError(f"block {name!r}: unknown analyzer {settings.get('analyzer')!r}")
            vocabulary, idf = list(vocabularies[name]), np.asarray(arrays[f"idf_{name}"], dtype=np.float64)
            if len(vocabulary) != len(idf) or len(vocabulary) != spec.get("size", len(vocabulary)):
                raise ValueError(f"block {name!r}: {len(vocabulary)} terms but {len(idf)} idf values")
            blocks.append(TfidfBlock(name, settings, vocabulary, idf, float(spec["weight"])))
        return cls(blocks, float(meta["dense_weight"]))
