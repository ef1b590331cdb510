"""What the pipeline gives the flag head for each labelled row: the document's head input, each
sentence's head input and redacted text, and whether the phrase rules raise churn intent.

The rows go through the pipeline's own steps (preparation and redaction, spaCy sentences and
phrase rules, one batched encoder pass with the sentence pools), so a head trained or tuned on
them sees exactly what scoring will give it. Cached by text in one ``.npz`` (sentences stored
end to end with their counts), so a rerun encodes only new texts.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FLAG = "churn_intent"
BATCH = 256


@dataclass
class RowFeatures:
    """Per labelled row (in the order given): what the flag head reads."""

    documents: np.ndarray  # (n, d) the document's head input ("features")
    sentences: list[np.ndarray]  # per row, (k_i, d) the encoded sentences' head inputs
    document_texts: list[str]  # the redacted text the hybrid head reads
    sentence_texts: list[list[str]]
    rules: np.ndarray  # (n,) bool: the shipped phrase rules raise churn intent
    scorable: np.ndarray  # (n,) bool: English text the heads score


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _extract(pipeline, texts: list[str]) -> list[dict]:
    """One record per text through the pipeline's steps (the hot path's, not a copy of it)."""
    started = pipeline.start(texts)
    docs = started.docs
    if started.encoding is not None:
        pipeline._take_encoding(docs, started.encoding)
    out = []
    dimension = 2 * pipeline.encoder.dimension
    for doc in docs:
        rule = bool(doc.rule_flags and FLAG in doc.rule_flags[0])
        if not doc.scorable or doc.embedding is None:
            out.append({"doc": np.zeros(dimension, np.float32), "sent": np.zeros((0, dimension), np.float32),
                        "text": doc.analysed if doc.error is None else "", "sent_texts": [], "rule": rule,
                        "scorable": False})
            continue
        seen = pipeline._encoded_sentence_mask(doc)  # the sentences scoring reads
        sentence_inputs = doc.sentence_head_inputs["features"][np.array(seen, bool)] if doc.sentences else None
        out.append({"doc": doc.head_inputs["features"].astype(np.float32),
                    "sent": (sentence_inputs if sentence_inputs is not None else np.zeros((0, dimension))).astype(np.float32),
                    "text": doc.analysed,
                    "sent_texts": [t for t, s in zip(doc.sentence_texts(), seen) if s],
                    "rule": rule, "scorable": True})
    return out


def row_features(texts: list[str], cache: Path | None, pipeline=None) -> RowFeatures:
    keys = [_key(t) for t in texts]
    known: dict[str, dict] = {}
    if cache is not None and cache.exists():
        stored = np.load(cache, allow_pickle=False)
        meta = json.loads(str(stored["meta"]))
        docs, sents = stored["docs"], stored["sents"]  # each read from the archive once
        offsets = np.concatenate([[0], np.cumsum(stored["counts"])])
        for i, (key, m) in enumerate(zip(stored["keys"].tolist(), meta)):
            known[key] = {"doc": docs[i], "sent": sents[offsets[i]:offsets[i + 1]], **m}
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    if todo:
        if pipeline is None:
            from voc_engine.nlp.pipeline import Pipeline

            pipeline = Pipeline.default()
        began = time.time()
        for start in range(0, len(todo), BATCH):
            part = todo[start : start + BATCH]
            known.update(zip((k for k, _ in part), _extract(pipeline, [t for _, t in part])))
            if (start // BATCH) % 20 == 0:
                print(f"  {start + len(part)}/{len(todo)} rows through the pipeline, {time.time() - began:.0f} s", flush=True)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            ordered = sorted(known)
            records = [known[k] for k in ordered]
            np.savez(cache, keys=np.array(ordered), docs=np.stack([r["doc"] for r in records]),
                     sents=np.concatenate([r["sent"] for r in records]),
                     counts=np.array([len(r["sent"]) for r in records]),
                     meta=np.array(json.dumps([{k: r[k] for k in ("text", "sent_texts", "rule", "scorable")}
                                               for r in records])))
    records = [known[k] for k in keys]
    return RowFeatures(
        documents=np.stack([r["doc"] for r in records]),
        sentences=[np.asarray(r["sent"]) for r in records],
        document_texts=[r["text"] for r in records],
        sentence_texts=[list(r["sent_texts"]) for r in records],
        rules=np.array([bool(r["rule"]) for r in records]),
        scorable=np.array([bool(r["scorable"]) for r in records]),
    )


if __name__ == "__main__":
    from training.flag_data import churn_rows

    rows = churn_rows()
    print(rows.groupby(["source", "split"]).size())
    from voc_engine.config import REPO_DIR

    features = row_features(rows["text"].tolist(), REPO_DIR / "var" / "flags" / "pipeline_features.npz")
    print("done", features.documents.shape, sum(len(s) for s in features.sentences))
