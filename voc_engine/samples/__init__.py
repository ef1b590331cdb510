"""Built-in sample comments for the demo and the tests.

``comments.csv`` holds ~200 hand-written comments to a fictional bank-and-travel
brand, "Northwind": every channel, the default taxonomy's topics, mixed
sentiment and the awkward cases a real feed brings (PII to redact, churn,
legal and safety flags, vulnerable customers, French and Spanish, emoji only,
HTML, one empty text that must fail on its own row). ``comments_labels.csv``
is the author's intent per row (sentiment, topics, flags, PII kinds,
language), keyed by ``id``. For volume, :func:`voc_engine.samples.generate.generate_comments`
synthesises weeks of comments with known driver effects and a planted shift.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

SAMPLES_DIR = Path(__file__).resolve().parent
SAMPLE_COMMENTS = SAMPLES_DIR / "comments.csv"
SAMPLE_LABELS = SAMPLES_DIR / "comments_labels.csv"

COLUMNS: tuple[str, ...] = ("id", "source", "external_id", "channel", "touchpoint", "journey_stage",
                            "customer_id", "segment", "created_at", "nps", "csat", "ces", "text")
SCORE_SCALES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

_TEXT_COLUMNS = ("source", "external_id", "channel", "touchpoint", "journey_stage", "customer_id", "segment")


def typed_comments(frame: pd.DataFrame) -> pd.DataFrame:
    """The sample dtypes: UTC timestamps, nullable integer scores, ``text`` always a str.

    Shared by the CSV loader and the generator so both hand out the same frame.
    """
    out = frame.copy()
    out["id"] = out["id"].astype("int64")
    out["created_at"] = pd.to_datetime(out["created_at"], utc=True, format="ISO8601")
    for score in SCORE_SCALES:
        out[score] = pd.to_numeric(out[score]).astype("Int64")
    for column in _TEXT_COLUMNS:
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    # An empty text is kept as "" (not NaN) so text code never meets a float; ingest rejects that row.
    out["text"] = out["text"].fillna("").astype(str)
    return out


def _read(path: Path) -> pd.DataFrame:
    # Only an empty field is missing: "n/a" and "NA" are things customers write.
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def load_sample_comments() -> pd.DataFrame:
    """The hand-written sample comments with the columns of :data:`COLUMNS`."""
    return typed_comments(_read(SAMPLE_COMMENTS))[list(COLUMNS)]


def load_sample_labels() -> pd.DataFrame:
    """The author's intent for each sample comment: id, intent, topics, flags, pii, language.

    ``topics``, ``flags`` and ``pii`` are "|"-separated ("" for none).
    """
    labels = _read(SAMPLE_LABELS).fillna("")
    labels["id"] = labels["id"].astype("int64")
    return labels


__all__ = ["COLUMNS", "SAMPLE_COMMENTS", "SAMPLE_LABELS", "SCORE_SCALES", "load_sample_comments",
           "load_sample_labels", "typed_comments"]
