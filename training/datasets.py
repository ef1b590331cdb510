"""Readers for the public corpora in ``../shared/data`` with fixed, stratified splits.

The held-out part of every split here is never used for training the shipped
models; benchmark figures are reported on it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

SPLIT_SEED = 13
VALIDATION_SHARE = 0.15


def shared_data_dir() -> Path:
    configured = os.environ.get("VOC_SHARED_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _split(frame: pd.DataFrame, label_col: str, split: str) -> pd.DataFrame:
    if split == "all":
        return frame.reset_index(drop=True)
    train, valid = train_test_split(
        frame, test_size=VALIDATION_SHARE, stratify=frame[label_col], random_state=SPLIT_SEED
    )
    chosen = {"train": train, "valid": valid}[split]
    return chosen.reset_index(drop=True)


def airline_tweets(split: str = "all") -> pd.DataFrame:
    """Columns: text, label (negative/neutral/positive), reason, airline, created_at."""
    raw = pd.read_csv(shared_data_dir() / "airline_tweets" / "train.csv")
    frame = pd.DataFrame(
        {
            "id": raw["tweet_id"].astype(str),
            "text": raw["text"].astype(str),
            "label": raw["airline_sentiment"],
            "reason": raw["negativereason"].fillna(""),
            "airline": raw["airline"],
            "created_at": raw["tweet_created"],
        }
    )
    return _split(frame, "label", split)


def rating_to_sentiment(rating: int) -> str:
    return "negative" if rating <= 2 else "neutral" if rating == 3 else "positive"


def hotel_reviews(split: str = "all") -> pd.DataFrame:
    """Columns: text, rating (1-5), label (rating-derived sentiment)."""
    raw = pd.read_csv(shared_data_dir() / "hotel_reviews" / "reviews.csv")
    frame = pd.DataFrame(
        {
            "id": [f"hotel-{i}" for i in range(len(raw))],
            "text": raw["Review"].astype(str),
            "rating": raw["Rating"].astype(int),
        }
    )
    frame["label"] = frame["rating"].map(rating_to_sentiment)
    return _split(frame, "label", split)


def banking77(split: str = "all") -> pd.DataFrame:
    """Columns: text, label (one of 77 intents)."""
    raw = pd.read_csv(shared_data_dir() / "banking77" / "train.csv")
    frame = pd.DataFrame({"text": raw["text"].astype(str), "label": raw["category"]})
    return _split(frame, "label", split)
