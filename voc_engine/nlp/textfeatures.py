"""TF-IDF blocks a head may read next to the encoder's dense features.

A *hybrid* head scores ``[w_dense * features | w_word * tfidf(word 1-2-grams) |
w_char * tfidf(char_wb 2-5-grams)]``, each block L2-normalised per row before
it is weighted. Surface n-grams help on many-class intent data (banking77)
where close intents differ by one word the encoder blurs ("top up" vs
"transfer", "card" vs "virtual card").

Training fits scikit-learn's ``TfidfVectorizer``; what is saved is plain data
(settings as JSON, vocabulary as a JSON list of terms in column order, idf as
a float array in ``head.npz``) — never a pickle. At inference the same
transform is rebuilt from that data: the n-grams scikit-learn's analyzers
produce, counted over the fixed vocabulary, then sublinear tf, idf and L2
normalisation, exactly as ``TfidfVectorizer.transform`` computes them (the
tests hold it to that). The analyzers are re-stated here rather than taken
from a ``CountVectorizer`` because scoring then never imports scikit-learn,
about two seconds of every ``voc score`` process.

Texts are what the encoder reads (normalised, PII-redacted:
``voc_engine.nlp.redact.encoder_text`` at training, ``doc.text`` in the
pipeline), so placeholders such as ``[CARD]`` are tokens, never digits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

if TYPE_CHECKING:  # scipy is imported where it is used: heads load without it
    import scipy.sparse as sp

# Settings a block may carry; anything else in a saved file is refused.
_SETTINGS = ("analyzer", "ngram_range", "lowercase", "sublinear_tf", "min_df", "token_pattern")
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default, saved with each block
_WHITE_SPACES = re.compile(r"\s\s+")
_WORD_CACHE_SIZE = 200_000  # words whose char_wb columns a block remembers


def word_char_ngrams(word: str, low: int, high: int) -> list[str]:
    """The char_wb n-grams of one whitespace-free word, padded with a space each side."""
    word, grams = f" {word} ", []
    for n in range(low, high + 1):
        if n >= len(word):  # a short word counts once, whole
            grams.append(word)
            break
        grams += [word[i:i + n] for i in range(len(word) - n + 1)]
    return grams


def ngram_analyzer(settings: dict[str, Any]) -> Callable[[str], list[str]]:
    """The n-grams of one text, as scikit-learn's ``CountVectorizer(**settings).build_analyzer()``
    gives them (no accent stripping, no stop words; analyzers "word", "char" and "char_wb")."""
    lowercase = settings.get("lowercase", True)
    low, high = settings["ngram_range"]
    kind = settings["analyzer"]
    if kind == "word":
        tokenise = re.compile(settings.get("token_pattern", TOKEN_PATTERN)).findall

        def word_ngrams(text: str) -> list[str]:
            tokens = tokenise(text.lower() if lowercase else text)
            grams = list(tokens) if low == 1 else []
            for n in range(max(low, 2), min(high, len(tokens)) + 1):
                grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
            return grams

        return word_ngrams
    if kind == "char_wb":
        def char_wb_ngrams(text: str) -> list[str]:
            return [gram for word in (text.lower() if lowercase else text).split()
                    for gram in word_char_ngrams(word, low, high)]

        return char_wb_ngrams
    if kind == "char":
        def char_ngrams(text: str) -> list[str]:
            text = _WHITE_SPACES.sub(" ", text.lower() if lowercase else text)
            return [text[i:i + n] for n in range(low, min(high, len(text)) + 1) for i in range(len(text) - n + 1)]

        return char_ngrams
    raise ValueError(f"unknown analyzer {kind!r}")


@dataclass
class TfidfBlock:
    """One fitted TF-IDF block: its settings, vocabulary (terms in column order), idf and weight."""

    name: str
    settings: dict[str, Any]
    vocabulary: list[str]
    idf: np.ndarray
    weight: float = 1.0
    _columns: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)
    _word_columns: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False, compare=False)

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

    def counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Term counts (n, size) over the vocabulary; n-grams outside it are dropped."""
        import scipy.sparse as sp

        indptr, columns, counts = self._term_counts(list(texts))
        return sp.csr_matrix((counts, columns, indptr), shape=(len(indptr) - 1, self.size))

    def _term_counts(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr, columns, counts) of the term counts: one entry per (row, term), columns
        ascending within each row, as a CSR matrix in canonical form stores them."""
        if self._columns is None:
            self._columns = {term: k for k, term in enumerate(self.vocabulary)}
        lookup, rows, indices = self._columns.get, [], []
        if self.settings["analyzer"] == "char_wb":
            # char_wb n-grams never cross a word, and the same words recur across comments:
            # each word's columns are looked up once per block.
            if len(self._word_columns) > _WORD_CACHE_SIZE:
                self._word_columns.clear()
            low, high = self.settings["ngram_range"]
            lowercase = self.settings["lowercase"]
            for row, text in enumerate(texts):
                start = len(indices)
                for word in (text.lower() if lowercase else text).split():
                    known = self._word_columns.get(word)
                    if known is None:
                        known = [k for k in map(lookup, word_char_ngrams(word, low, high)) if k is not None]
                        self._word_columns[word] = known
                    indices += known
                rows.append(len(indices) - start)
        else:
            analyse = ngram_analyzer(self.settings)
            for text in texts:
                start = len(indices)
                indices += [k for k in map(lookup, analyse(text)) if k is not None]
                rows.append(len(indices) - start)
        # One sort of (row, column) keys for the whole call: the distinct keys are the entries,
        # in row then column order, and their multiplicities the counts.
        keys = np.repeat(np.arange(len(texts), dtype=np.int64), rows) * self.size + np.asarray(indices, dtype=np.int64)
        keys, counts = np.unique(keys, return_counts=True)
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // self.size, minlength=len(texts)), out=indptr[1:])
        return indptr, (keys % self.size).astype(np.int32), counts.astype(np.float64)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Row-L2-normalised TF-IDF (n, size), as ``TfidfVectorizer.transform`` gives it."""
        import scipy.sparse as sp

        indptr, columns, values = self._weighted(list(texts), 1.0)
        return sp.csr_matrix((values, columns, indptr), shape=(len(indptr) - 1, self.size))

    def _weighted(self, texts: list[str], weight: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr, columns, values) of ``weight`` times the TF-IDF rows.

        On the entries' arrays: as scipy sparse products (a diagonal matrix as long as the
        vocabulary per product, a validated matrix per step) this cost several times the
        arithmetic at the service's batch sizes. The products are those scipy forms, and each
        row's sum of squares adds its terms in ascending column order with ``np.add.reduceat``,
        as scipy's row sum does: the heads score to the last bit as on scipy's matrices."""
        indptr, columns, values = self._term_counts(texts)
        if self.settings["sublinear_tf"]:
            np.log(values, values)
            values += 1.0
        values *= self.idf[columns]
        lengths = np.diff(indptr)
        squares = np.zeros(len(texts))
        filled = np.flatnonzero(lengths)
        if len(filled):
            squares[filled] = np.add.reduceat(values * values, indptr[filled])
        values *= np.repeat(1.0 / np.maximum(np.sqrt(squares), 1e-12), lengths)
        values *= weight
        return indptr, columns, values

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "weight": self.weight, **self.settings, "size": self.size}


@dataclass
class TextFeatures:
    """``[dense_weight * unit(dense) | weight_b * tfidf_b(text) ...]``: the design matrix of a hybrid head."""

    blocks: list[TfidfBlock]
    dense_weight: float = 1.0

    @property
    def text_dimension(self) -> int:
        return sum(block.size for block in self.blocks)

    def scale_dense(self, dense: np.ndarray) -> np.ndarray:
        """``dense_weight`` times the unit-length rows of the encoder features."""
        dense = np.atleast_2d(np.asarray(dense, dtype=np.float64))
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return self.dense_weight * dense / np.maximum(norms, 1e-12)

    def transform_text(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The weighted TF-IDF blocks side by side: the text columns of the design matrix."""
        import scipy.sparse as sp

        texts = list(texts)
        parts = [block._weighted(texts, block.weight) for block in self.blocks]
        # Side by side: each row holds its entries of the first block, then of the next...
        offsets = np.cumsum([0] + [block.size for block in self.blocks[:-1]])
        rows = np.concatenate([np.repeat(np.arange(len(texts)), np.diff(indptr)) for indptr, _, _ in parts])
        order = np.argsort(rows, kind="stable")
        columns = np.concatenate([cols.astype(np.int64) + offset for (_, cols, _), offset in zip(parts, offsets)])
        values = np.concatenate([vals for _, _, vals in parts])
        indptr = sum(indptr for indptr, _, _ in parts)
        return sp.csr_matrix((values[order], columns[order].astype(np.int32), indptr),
                             shape=(len(texts), self.text_dimension))

    def transform(self, dense: np.ndarray, texts: Sequence[str]) -> sp.csr_matrix:
        """The whole design matrix ``[scaled dense | text blocks]`` (what training fits on)."""
        import scipy.sparse as sp

        texts = list(texts)
        if len(texts) != len(np.atleast_2d(dense)):
            raise ValueError(f"{len(np.atleast_2d(dense))} feature rows but {len(texts)} texts")
        return sp.hstack([sp.csr_matrix(self.scale_dense(dense)), self.transform_text(texts)], format="csr")

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
