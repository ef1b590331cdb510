"""The one shape every layer shares: what the pipeline makes of a comment.

`Enrichment.to_record()` is the JSON line of `voc score`, the body of
`POST /v1/score` and what the store keeps; nothing else builds that dict.
"""
from __future__ import annotations

from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

SentimentLabel = Literal["negative", "neutral", "positive"]
SENTIMENT_LABELS: tuple[str, ...] = ("negative", "neutral", "positive")


class Sentiment(BaseModel):
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0, description="P(positive) - P(negative)")
    probs: dict[str, float]


class SentenceResult(BaseModel):
    """A sentence of the redacted text; sentiment is None past the encoder's window."""

    start: int
    end: int
    sentiment: SentimentLabel | None
    score: float | None


class TagResult(BaseModel):
    name: str
    confidence: float
    sentiment: SentimentLabel | None = None
    spans: list[tuple[int, int]] = Field(default_factory=list)
    source: Literal["rule", "model", "rule+model"] = "model"


class Enrichment(BaseModel):
    """Everything the pipeline derives from one comment.

    All character offsets refer to `redacted_text`. The embedding and the tag
    scores are kept for the store (topic modelling) but never serialised into the
    JSON contract.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: Any = None
    language: str | None = None
    redacted_text: str | None = None
    sentiment: Sentiment | None = None
    sentences: list[SentenceResult] = Field(default_factory=list)
    tags: list[TagResult] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    redactions: dict[str, int] = Field(default_factory=dict)
    truncated: bool = False
    model_version: str | None = None
    error: str | None = None
    embedding: np.ndarray | None = Field(default=None, exclude=True, repr=False)
    # The tagger's probability for every category it knows, before thresholds and phrase
    # rules: a graded sense of which known issue a comment resembles, which guides topic
    # discovery better than the few tags returned (bench/topics_bench.py).
    tag_scores: dict[str, float] = Field(default_factory=dict, exclude=True, repr=False)
    # The flag head's probability per flag it knows, and what raised each flag ("rule", "model",
    # "rule+model"): for benchmarks and dry runs, never serialised (flags stay a list of names).
    flag_scores: dict[str, float] = Field(default_factory=dict, exclude=True, repr=False)
    flag_sources: dict[str, str] = Field(default_factory=dict, exclude=True, repr=False)

    @classmethod
    def failed(cls, id: Any, reason: str, model_version: str | None = None) -> "Enrichment":
        return cls(id=id, error=reason, model_version=model_version)

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict of the public contract (no embedding)."""
        record = self.model_dump(mode="json", exclude={"embedding"})
        for tag in record["tags"]:
            tag["spans"] = [list(span) for span in tag["spans"]]
        return record
