"""Helpers for the alerting tests: plain-data enrichments, comments, routing documents.

Enrichments here are written by the test (plain data, no model): the text of a comment carries
what its enrichment is, in brackets, e.g. "Never again [neg -0.9] [flag churn_intent]
[tag wait_time negative]". Without a sentiment bracket a comment is neutral (0.0).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from voc_engine.alerting.routing import DEFAULT_ROUTING_FILE
from voc_engine.schema import Enrichment, Sentiment, TagResult
from voc_engine.store.repository import FeedbackStore

_LABELS = {"neg": "negative", "neu": "neutral", "pos": "positive"}
_BRACKET = re.compile(
    r"\[(neg|neu|pos) (-?[0-9.]+)\]|\[flag ([a-z_]+)\]|\[tag ([a-z_]+)(?: (negative|neutral|positive))?\]"
)


def spec_enrich(texts: list[str], ids: list[str]) -> list[Enrichment]:
    """`enrich` for FeedbackStore.ingest: each enrichment as its text's brackets say."""
    out = []
    for text_, id_ in zip(texts, ids):
        label, score, flags, tags = "neutral", 0.0, [], []
        for match in _BRACKET.finditer(text_):
            if match.group(1):
                label, score = _LABELS[match.group(1)], float(match.group(2))
            elif match.group(3):
                flags.append(match.group(3))
            else:
                tags.append(TagResult(name=match.group(4), confidence=0.9, sentiment=match.group(5)))
        probs = {"negative": max(0.0, -score), "neutral": 1 - abs(score), "positive": max(0.0, score)}
        out.append(
            Enrichment(
                id=id_,
                language="en",
                redacted_text=_BRACKET.sub("", text_).strip(),
                sentiment=Sentiment(label=label, score=score, probs=probs),
                tags=tags,
                flags=flags,
                model_version="encoder:test;sentiment:t1",
            )
        )
    return out


_counter = iter(range(1, 10**9))


def comment(text_: str, customer: str | None = "c1", nps: int | None = None, **extra: Any) -> dict[str, Any]:
    row = {"source": "test", "external_id": f"e{next(_counter)}", "text": text_, "channel": "survey"}
    if customer:
        row["customer_id"] = customer
    if nps is not None:
        row["scores"] = {"nps": nps}
    row.update(extra)
    return row


def ingest(store: FeedbackStore, *rows: dict[str, Any]) -> list[str]:
    results = store.ingest(list(rows), spec_enrich)
    assert all(r.ok for r in results), [r.error for r in results]
    return [r.id for r in results]


def default_routing() -> dict[str, Any]:
    return yaml.safe_load(DEFAULT_ROUTING_FILE.read_text())


def routing_with_webhook(url: str, secret: str, teams: list[str] | None = None, **changes: Any) -> dict[str, Any]:
    document = default_routing()
    document.update(changes)
    for name in teams or list(document["teams"]):
        document["teams"][name] = {"webhooks": [{"name": "crm", "url": url, "secret": secret}]}
    return document
