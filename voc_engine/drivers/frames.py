"""Driver columns from enriched comments (the store's comment-level frame)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from voc_engine.drivers.design import DriverDataError
from voc_engine.drivers.prioritise import NEGATIVE_SUFFIX


def _tag_items(value: Any, row: Any) -> list[tuple[str, str | None]]:
    """(name, sentiment) pairs from one cell: a list of dicts / TagResult-like objects,
    a JSON string of such a list, or nothing."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except json.JSONDecodeError as exc:
            raise DriverDataError(f"tags cell is not JSON: {exc.msg}", row=row, column="tags") from exc
    if isinstance(value, dict) or not isinstance(value, (list, tuple, np.ndarray)):
        raise DriverDataError(
            f"tags must be a list of {{name, sentiment}}, got {type(value).__name__}", row=row, column="tags"
        )
    items = []
    for tag in value:
        if isinstance(tag, dict):
            name, sentiment = tag.get("name"), tag.get("sentiment")
        else:
            name, sentiment = getattr(tag, "name", None), getattr(tag, "sentiment", None)
        if not isinstance(name, str) or not name:
            raise DriverDataError(f"tag without a name: {tag!r}", row=row, column="tags")
        items.append((name, sentiment))
    return items


def driver_frame_from_enrichments(
    df: pd.DataFrame,
    tags: Iterable[str] | None = None,
    min_mentions: int = 1,
    unknown_sentiment: Literal["missing", "not_negative"] = "missing",
) -> pd.DataFrame:
    """One row per comment with 0/1 driver columns for every tag.

    ``df`` is comment-level with a ``tags`` column (a list of
    ``{"name", "sentiment"}`` dicts, ``TagResult`` objects or their JSON) and
    any other columns (``nps``, ``csat``, ``channel``, ``touchpoint``,
    ``segment``, ``customer_id`` …), which are kept as they are. For each tag
    ``T`` the result has ``T`` (1 = the comment mentions T) and
    ``T:negative`` (1 = at least one mention of T in the comment is
    negative). A comment that mentions T only with unknown sentiment gets a
    missing ``T:negative`` (``unknown_sentiment="missing"``, so it counts as
    neither) or 0 (``"not_negative"``). ``tags`` restricts the tags kept (and
    keeps listed tags even if never mentioned); ``min_mentions`` drops rarer
    ones. Column order: the original columns, then tags by mentions.
    """
    if "tags" not in df.columns:
        raise DriverDataError("comment frame needs a tags column", column="tags")
    if unknown_sentiment not in ("missing", "not_negative"):
        raise DriverDataError(f"unknown_sentiment must be 'missing' or 'not_negative', got {unknown_sentiment!r}")
    wanted = None if tags is None else list(dict.fromkeys(tags))
    position = {label: i for i, label in enumerate(df.index)}
    n = len(df)
    present: dict[str, np.ndarray] = {}
    negative: dict[str, np.ndarray] = {}
    for label, cell in df["tags"].items():
        i = position[label]
        seen: dict[str, str] = {}
        for name, sentiment in _tag_items(cell, label):
            if wanted is not None and name not in wanted:
                continue
            # negative wins, then any known sentiment, then unknown
            current = seen.get(name)
            if sentiment == "negative" or current is None or (current == "unknown" and sentiment):
                seen[name] = sentiment if sentiment else "unknown"
        for name, sentiment in seen.items():
            if name not in present:
                present[name] = np.zeros(n, dtype=np.int8)
                negative[name] = np.zeros(n, dtype=float)
            present[name][i] = 1
            if sentiment == "negative":
                negative[name][i] = 1.0
            elif sentiment == "unknown" and unknown_sentiment == "missing":
                negative[name][i] = np.nan
    for name in wanted or []:
        present.setdefault(name, np.zeros(n, dtype=np.int8))
        negative.setdefault(name, np.zeros(n, dtype=float))

    names = [t for t in present if present[t].sum() >= min_mentions or (wanted and t in wanted)]
    names.sort(key=lambda t: (-int(present[t].sum()), t))
    base = df.drop(columns="tags")
    new_columns: dict[str, np.ndarray] = {}
    for name in names:
        for column in (name, name + NEGATIVE_SUFFIX):
            if column in base.columns:
                raise DriverDataError("a tag's driver column would overwrite an existing column", column=column)
        new_columns[name] = present[name].astype(int)
        neg = negative[name]
        new_columns[name + NEGATIVE_SUFFIX] = neg.astype(int) if not np.isnan(neg).any() else neg
    return pd.concat([base, pd.DataFrame(new_columns, index=df.index)], axis=1)
