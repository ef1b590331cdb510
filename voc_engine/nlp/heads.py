"""Small trained heads over the shared encoder's embeddings.

A head is a linear layer (numpy at inference: no torch in the hot path) with
its label map and decision thresholds. A model directory holds::

    model.json        kind, version, labels, activation, thresholds, encoder version,
                      input ("features": last + intermediate layer pools, the
                      default for heads trained now; "embedding": last layer only)
    head.npz          weight (classes x dim), bias (classes); a hybrid head adds
                      idf_<block> per TF-IDF block
    vocabulary.json   hybrid heads only: each TF-IDF block's terms, in column order (or
                      vocabulary.json.gz, gzip: the flag heads')
    metrics.json      the evaluation report written by training
    taxonomy.yaml     taggers: the categories (labels, descriptions, phrase rules) scoring
                      applies with this tagger; model.json's "taxonomy" names it
    MODEL_CARD.md     data, licences, metrics, intended use, limits

A *hybrid* head (``"text_features"`` in model.json) reads the redacted text
as well: its weight spans ``[features | TF-IDF blocks]`` (see
``voc_engine.nlp.textfeatures``). Every head is scored through
``predict_proba(inputs, texts)``; heads without text features ignore ``texts``
and score exactly as before.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Sequence

import numpy as np

from voc_engine.errors import ModelNotFoundError
from voc_engine.nlp.textfeatures import TextFeatures

Activation = Literal["softmax", "sigmoid"]
HeadInput = Literal["embedding", "features"]
TEXT_ROWS_PER_STEP = 512  # rows a hybrid head scores at a time


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -50, 50)))


VOCABULARY_GZ = "vocabulary.json.gz"


@dataclass
class LinearHead:
    """A fitted linear head: probabilities = activation(X @ W.T + b)."""

    kind: str
    version: str
    labels: list[str]
    weight: np.ndarray
    bias: np.ndarray
    activation: Activation = "softmax"
    thresholds: dict[str, float] = field(default_factory=dict)
    encoder: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    input: HeadInput = "embedding"
    text_features: TextFeatures | None = None
    # Where it was loaded from: files the head names (a tagger's taxonomy) are found there.
    directory: Path | None = field(default=None, compare=False)
    _weight_t: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def reads_text(self) -> bool:
        """Whether scoring needs the (redacted) texts next to the encoder inputs."""
        return self.text_features is not None

    def predict_proba(self, embeddings: np.ndarray, texts: Sequence[str] | None = None,
                      text_logits: np.ndarray | None = None) -> np.ndarray:
        """Probabilities for rows of ``embeddings`` (the head's input); ``texts``, the
        redacted text of each row, is required by hybrid heads and ignored by the others.
        A hybrid head takes ``text_logits`` (``self.text_logits(texts)``) in place of the texts."""
        if self.text_features is None:
            logits = embeddings @ self.weight.T + self.bias
        else:
            if text_logits is None:
                if texts is None:
                    raise ValueError(f"{self.kind} head {self.version} reads text: pass the texts too")
                text_logits = self.text_logits(texts)
            if len(text_logits) != len(np.atleast_2d(embeddings)):
                raise ValueError(f"{len(np.atleast_2d(embeddings))} feature rows but {len(text_logits)} texts")
            # The dense and the text columns are scored apart: one sparse design matrix with the
            # dense block inside it would cost several times the memory for the same logits.
            dense_dim = self.weight.shape[1] - self.text_features.text_dimension
            embeddings = np.atleast_2d(embeddings)
            dense_weight_t = self.weight[:, :dense_dim].T.astype(np.float64)
            logits = np.empty((len(text_logits), len(self.labels)))
            for start in range(0, len(logits), TEXT_ROWS_PER_STEP):  # bounds the temporaries
                rows = slice(start, start + TEXT_ROWS_PER_STEP)
                logits[rows] = self.text_features.scale_dense(embeddings[rows]) @ dense_weight_t + text_logits[rows]
            logits += self.bias
        return softmax(logits) if self.activation == "softmax" else sigmoid(logits)

    def text_logits(self, texts: Sequence[str]) -> np.ndarray:
        """A hybrid head's logits from the text columns alone, one row per text: they need no
        encoder output, so a caller may compute them while the encoder runs."""
        if self.text_features is None:
            raise ValueError(f"{self.kind} head {self.version} reads no text")
        texts = list(texts)
        dense_dim = self.weight.shape[1] - self.text_features.text_dimension
        if self._weight_t is None:  # text columns (terms x classes), contiguous, for sparse @ dense
            self._weight_t = np.ascontiguousarray(self.weight[:, dense_dim:].T, dtype=np.float64)
        out = np.empty((len(texts), len(self.labels)))
        for start in range(0, len(texts), TEXT_ROWS_PER_STEP):  # bounds the temporaries
            rows = slice(start, start + TEXT_ROWS_PER_STEP)
            out[rows] = np.asarray(self.text_features.transform_text(texts[rows]) @ self._weight_t)
        return out

    def threshold(self, label: str) -> float:
        return self.thresholds.get(label, 0.5)

    # -- persistence ------------------------------------------------------
    def save(self, directory: Path, compress_vocabulary: bool = False) -> None:
        """Write the head's files; ``compress_vocabulary``: the vocabulary as vocabulary.json.gz
        (the flag heads' vocabularies run to several MiB, and models/ is in git)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        text_arrays = self.text_features.arrays() if self.text_features is not None else {}
        # Compressed: a hybrid head's TF-IDF idf arrays are most of its bytes, and models/ is in git.
        np.savez_compressed(directory / "head.npz", weight=self.weight.astype(np.float32),
                 bias=self.bias.astype(np.float32), **text_arrays)
        meta = {
            "kind": self.kind,
            "version": self.version,
            "labels": self.labels,
            "activation": self.activation,
            "thresholds": self.thresholds,
            "encoder": self.encoder,
            "input": self.input,
            **self.extra,
        }
        if self.text_features is not None:
            meta["text_features"] = self.text_features.meta()
            vocabulary = json.dumps(self.text_features.vocabularies()) + "\n"
            if compress_vocabulary:
                # mtime 0: the same bytes on every save, so a model's fingerprint follows its content.
                (directory / VOCABULARY_GZ).write_bytes(gzip.compress(vocabulary.encode("utf-8"), mtime=0))
                (directory / "vocabulary.json").unlink(missing_ok=True)
            else:
                (directory / "vocabulary.json").write_text(vocabulary)
                (directory / VOCABULARY_GZ).unlink(missing_ok=True)
        (directory / "model.json").write_text(json.dumps(meta, indent=2) + "\n")
        self.directory = directory

    @classmethod
    def load(cls, directory: Path) -> "LinearHead":
        directory = Path(directory)
        meta_path, weights_path = directory / "model.json", directory / "head.npz"
        if not meta_path.exists() or not weights_path.exists():
            raise ModelNotFoundError(
                f"{directory} is not a model directory (needs model.json and head.npz; "
                "`voc train` writes them)"
            )
        meta = json.loads(meta_path.read_text())
        arrays = np.load(weights_path, allow_pickle=False)
        known = {"kind", "version", "labels", "activation", "thresholds", "encoder", "input", "text_features"}
        head_input = meta.get("input", "embedding")  # heads saved before "input" existed
        if head_input not in ("embedding", "features"):
            raise ModelNotFoundError(f"{meta_path}: unknown head input {head_input!r}")
        text_features = None
        if "text_features" in meta:
            vocabulary_path = directory / "vocabulary.json"
            if not vocabulary_path.exists():
                vocabulary_path = directory / VOCABULARY_GZ
            if not vocabulary_path.exists():
                raise ModelNotFoundError(f"{directory}: a hybrid head needs vocabulary.json (or {VOCABULARY_GZ})")
            try:
                text_features = TextFeatures.from_saved(
                    meta["text_features"], json.loads(gzip.decompress(vocabulary_path.read_bytes()) if vocabulary_path.suffix == ".gz"
                               else vocabulary_path.read_bytes()), arrays)
            except (KeyError, ValueError) as exc:
                raise ModelNotFoundError(f"{directory}: bad text features ({exc})") from exc
            if arrays["weight"].shape[1] <= text_features.text_dimension:
                raise ModelNotFoundError(f"{weights_path}: the weight has no columns for the encoder input")
        return cls(
            kind=meta["kind"],
            version=meta["version"],
            labels=list(meta["labels"]),
            weight=arrays["weight"],
            bias=arrays["bias"],
            activation=meta.get("activation", "softmax"),
            thresholds=meta.get("thresholds", {}),
            encoder=meta.get("encoder"),
            extra={k: v for k, v in meta.items() if k not in known},
            input=head_input,
            text_features=text_features,
            directory=directory,
        )
