"""Small trained heads over the shared encoder's embeddings.

A head is a linear layer (numpy at inference: no torch in the hot path) with
its label map and decision thresholds. A model directory holds::

    model.json        kind, version, labels, activation, thresholds, encoder version,
                      input ("features": last + intermediate layer pools, the
                      default for heads trained now; "embedding": last layer only)
    head.npz          weight (classes x dim), bias (classes)
    metrics.json      the evaluation report written by training
    MODEL_CARD.md     data, licences, metrics, intended use, limits
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from voc_engine.errors import ModelNotFoundError

Activation = Literal["softmax", "sigmoid"]
HeadInput = Literal["embedding", "features"]


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -50, 50)))


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

    def predict_proba(self, embeddings: np.ndarray) -> np.ndarray:
        logits = embeddings @ self.weight.T + self.bias
        return softmax(logits) if self.activation == "softmax" else sigmoid(logits)

    def threshold(self, label: str) -> float:
        return self.thresholds.get(label, 0.5)

    # -- persistence ------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        np.savez(directory / "head.npz", weight=self.weight.astype(np.float32),
                 bias=self.bias.astype(np.float32))
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
        (directory / "model.json").write_text(json.dumps(meta, indent=2) + "\n")

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
        arrays = np.load(weights_path)
        known = {"kind", "version", "labels", "activation", "thresholds", "encoder", "input"}
        head_input = meta.get("input", "embedding")  # heads saved before "input" existed
        if head_input not in ("embedding", "features"):
            raise ModelNotFoundError(f"{meta_path}: unknown head input {head_input!r}")
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
        )
