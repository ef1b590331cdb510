"""BERTopic's embedding backend over the project's encoder: nothing is fetched from a hub.

Documents are never re-encoded for fitting (their stored embeddings are passed in); BERTopic
only needs a backend for the small extras: KeyBERTInspired embeds candidate topic words and a
few representative documents per topic.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np
from bertopic.backend import BaseEmbedder

from voc_engine.nlp.encoder import Encoder

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings


def default_encoder(settings: "Settings | None" = None) -> Encoder:
    """The shipped encoder (its active LoRA adapter, if the registry names one), as configured
    (``settings``, default: the environment's)."""
    from voc_engine.config import Settings
    from voc_engine.nlp.pipeline import registry_path

    settings = settings or Settings()
    adapter = registry_path(Path(settings.models_dir), "encoder")
    return Encoder(
        adapter_dir=adapter if adapter is not None and adapter.exists() else None,
        backend=settings.encoder_backend,
        max_tokens=settings.max_tokens,
        batch_size=settings.batch_size,
        cache_dir=settings.resolved_cache_dir,
    )


class EncoderEmbedder(BaseEmbedder):
    """A BERTopic backend that loads the encoder only when something is first embedded."""

    def __init__(self, encoder: Encoder | None = None, loader: Callable[[], Encoder] = default_encoder):
        super().__init__()
        self._encoder = encoder
        self._loader = loader

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = self._loader()
        return self._encoder

    @property
    def loaded(self) -> bool:
        return self._encoder is not None

    def embed(self, documents: Sequence[str], verbose: bool = False) -> np.ndarray:
        return self.encoder.encode_documents([str(d) for d in documents])
