"""Served encoder features of every sentiment corpus, computed once and cached on disk.

Leave-one-source-out evaluation fits one head per fold on the same rows: encoding
~59,000 texts once (int8 ONNX, as served, after the same normalisation and PII
redaction as inference) and reusing the matrix makes each fold a cheap head fit.

    python -m training.sentiment_features            # encode (or check) every source
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from training.datasets import SENTIMENT_SOURCES
from voc_engine.config import Settings
from voc_engine.nlp.encoder import Encoder
from voc_engine.nlp.redact import encoder_text


def feature_cache_dir() -> Path:
    """Served features of whole corpora, kept between training runs (under ``VOC_CACHE_DIR``)."""
    return Settings().resolved_cache_dir / "features"


def source_features(encoder: Encoder, name: str) -> tuple[pd.DataFrame, np.ndarray]:
    """All rows of source ``name`` (its ``split="all"`` frame) and their served features, row
    for row. The cache key covers the encoder's weights and the texts themselves."""
    frame = SENTIMENT_SOURCES[name][0]("all")
    digest = hashlib.sha256(encoder.onnx_path().name.encode() if encoder.backend == "onnx"
                            else f"{encoder.version}-{encoder.backend}".encode())
    for text in frame["text"]:
        digest.update(text.encode())
        digest.update(b"\0")
    path = feature_cache_dir() / f"{name}-{digest.hexdigest()[:16]}.npy"
    if path.exists():
        features = np.load(path)
        if len(features) == len(frame):
            return frame, features
    features = encoder.encode_features([encoder_text(t) for t in frame["text"]]).astype(np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npy")
    np.save(partial, features)
    partial.rename(path)  # never a half-written cache file
    return frame, features


def main() -> None:
    import time

    from training.build_default_models import existing_encoder

    _, encoder = existing_encoder(None)
    for name in SENTIMENT_SOURCES:
        started = time.perf_counter()
        frame, features = source_features(encoder, name)
        print(f"{name}: {features.shape} in {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
