"""Readers for the public corpora in ``../shared/data`` with fixed, stratified splits.

The held-out part of every split here is never used for training the shipped
models; benchmark figures are reported on it.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

SPLIT_SEED = 13
VALIDATION_SHARE = 0.15


def shared_data_dir() -> Path:
    configured = os.environ.get("VOC_SHARED_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def split_positions(labels) -> dict[str, "np.ndarray"]:
    """Row positions of the train and valid parts of an ``split="all"`` frame with these
    labels: the same rows, in the same order, as ``reader("train")`` / ``reader("valid")``."""
    train, valid = train_test_split(
        np.arange(len(labels)), test_size=VALIDATION_SHARE, stratify=list(labels), random_state=SPLIT_SEED
    )
    return {"train": train, "valid": valid}


def _split(frame: pd.DataFrame, label_col: str, split: str) -> pd.DataFrame:
    if split == "all":
        return frame.reset_index(drop=True)
    if split not in ("train", "valid"):
        raise ValueError(f"unknown split {split!r}: all, train or valid")
    return frame.iloc[split_positions(frame[label_col])[split]].reset_index(drop=True)


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


def _labelled_sentences(folder: str, file: str, prefix: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    raw = pd.read_csv(shared_data_dir() / folder / file, keep_default_na=False)
    frame = pd.DataFrame({"id": [f"{prefix}-{i}" for i in range(len(raw))],
                          "text": raw["text"].astype(str), "label": raw["label"]})
    for column in extra:
        frame[column] = raw[column]
    return frame


def womens_clothing_reviews(split: str = "all") -> pd.DataFrame:
    """Columns: text, label (stars 1-2 negative, 3 neutral, 4-5 positive), stars. CC0 1.0."""
    return _split(_labelled_sentences("womens_clothing_reviews", "reviews.csv", "clothing", ("stars",)),
                  "label", split)


def financial_phrasebank(split: str = "all") -> pd.DataFrame:
    """Columns: text, label (negative/neutral/positive, investor's view), agreement. CC BY-NC-SA 3.0."""
    return _split(_labelled_sentences("financial_phrasebank", "sentences.csv", "fpb", ("agreement",)),
                  "label", split)


def sst_sentences(split: str = "all") -> pd.DataFrame:
    """Columns: text, label (SST-5 0-1 negative, 2 neutral, 3-4 positive). No licence stated."""
    return _split(_labelled_sentences("sst_sentences", "sentences.csv", "sst", ("sst5",)), "label", split)


def labelled_sentences_uci(split: str = "all") -> pd.DataFrame:
    """Columns: text, label (negative/positive only: no neutral class), origin. CC BY 4.0."""
    frame = _labelled_sentences("labelled_sentences_uci", "sentences.csv", "uci", ("source",))
    return _split(frame.rename(columns={"source": "origin"}), "label", split)


def amazon_multidomain_reviews(split: str = "all") -> pd.DataFrame:
    """Columns: text, label (negative/positive only: the release has no 3-star reviews), domain.
    No licence stated."""
    return _split(_labelled_sentences("amazon_multidomain_reviews", "reviews.csv", "amazon", ("domain",)),
                  "label", split)


# Every labelled sentiment corpus: name -> (reader, labels it has, licence as published).
SENTIMENT_SOURCES = {
    "airline_tweets": (airline_tweets, ("negative", "neutral", "positive"), "CC BY-NC-SA 4.0"),
    "hotel_reviews": (hotel_reviews, ("negative", "neutral", "positive"), "CC BY-NC 4.0"),
    "womens_clothing_reviews": (womens_clothing_reviews, ("negative", "neutral", "positive"), "CC0 1.0"),
    "financial_phrasebank": (financial_phrasebank, ("negative", "neutral", "positive"),
                             "CC BY-NC-SA 3.0 (commercial use: ask the authors)"),
    "sst_sentences": (sst_sentences, ("negative", "neutral", "positive"),
                      "none stated (research use; check before commercial use)"),
    "labelled_sentences_uci": (labelled_sentences_uci, ("negative", "positive"), "CC BY 4.0"),
    "amazon_multidomain_reviews": (amazon_multidomain_reviews, ("negative", "positive"),
                                   "none stated (research use; check before commercial use)"),
}
