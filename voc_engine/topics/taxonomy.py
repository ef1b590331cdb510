"""Topics against the taxonomy: which topics the tags already cover, and which suggest a new category.

A topic is *covered* by a tag when at least ``min_share`` of its comments carry that tag,
*partly covered* when its commonest tag reaches only ``partial_share``, and otherwise *not
covered*: a suggested new category, shown with its top words and example comments so that an
analyst can name it and add it to the taxonomy. Taxonomy categories that no topic is covered
by are listed too (a category nobody talks about, or one spread thinly over many topics).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from voc_engine.errors import InputFileError
from voc_engine.topics.fit import TopicSet

COVERED, PARTLY, NOT_COVERED = "covered", "partly covered", "not covered"
DEFAULT_PARTIAL_SHARE = 0.25


@dataclass
class TopicCoverage:
    topic: int
    label: str
    size: int
    status: str
    covered_by: list[str]
    tag_shares: dict[str, float]  # the topic's commonest tags, share of its comments carrying each
    untagged_share: float
    words: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    suggested_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record = {
            "topic": self.topic, "label": self.label, "size": self.size, "status": self.status,
            "covered_by": self.covered_by,
            "tag_shares": {k: round(v, 4) for k, v in self.tag_shares.items()},
            "untagged_share": round(self.untagged_share, 4),
        }
        if self.status == NOT_COVERED:
            record.update(suggested_name=self.suggested_name, words=self.words, examples=self.examples)
        return record


@dataclass
class TaxonomyCoverage:
    topics: list[TopicCoverage]
    categories: list[str]
    category_comments: dict[str, int]
    min_share: float
    partial_share: float

    @property
    def suggestions(self) -> list[TopicCoverage]:
        return [t for t in self.topics if t.status == NOT_COVERED]

    @property
    def uncovered_categories(self) -> list[str]:
        covering = {tag for t in self.topics for tag in t.covered_by}
        return [c for c in self.categories if c not in covering]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([
            {"topic": t.topic, "label": t.label, "size": t.size, "status": t.status,
             "covered_by": ", ".join(t.covered_by), "untagged_share": t.untagged_share,
             "top_tag": next(iter(t.tag_shares), None), "top_tag_share": next(iter(t.tag_shares.values()), 0.0)}
            for t in self.topics
        ])

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_share": self.min_share,
            "partial_share": self.partial_share,
            "topics": [t.to_dict() for t in self.topics],
            "suggested_categories": [
                {"topic": t.topic, "suggested_name": t.suggested_name, "label": t.label, "size": t.size,
                 "words": t.words, "examples": t.examples} for t in self.suggestions
            ],
            "uncovered_categories": [
                {"category": c, "comments": self.category_comments.get(c, 0)} for c in self.uncovered_categories
            ],
        }

    def summary(self) -> str:
        lines = [f"Taxonomy coverage of {len(self.topics)} topics: "
                 f"{sum(t.status == COVERED for t in self.topics)} covered, "
                 f"{sum(t.status == PARTLY for t in self.topics)} partly, {len(self.suggestions)} not covered"]
        for t in self.topics:
            top = ", ".join(f"{k} {v:.0%}" for k, v in list(t.tag_shares.items())[:2]) or "no tags"
            lines.append(f"  {t.topic:>3}  {t.status:<14}  {t.label}  ({top})")
        if self.suggestions:
            lines.append("Suggested new categories:")
            for t in self.suggestions:
                lines.append(f"  {t.suggested_name}  (topic {t.topic}, {t.size} comments): {', '.join(t.words[:8])}")
                for example in t.examples[:2]:
                    lines.append(f"      \"{example[:100]}\"")
        if self.uncovered_categories:
            lines.append("Categories no topic is covered by: " + ", ".join(self.uncovered_categories))
        return "\n".join(lines)


def tag_names(tags: Any) -> list[str]:
    """Tag names from the store's dicts (``{"name": …}``) or plain names; missing -> []."""
    if tags is None or (isinstance(tags, float) and pd.isna(tags)):
        return []
    if isinstance(tags, str):
        return [t.strip() for t in tags.split(",") if t.strip()]
    return [t["name"] if isinstance(t, Mapping) else str(t) for t in tags]


def _suggested_name(words: Sequence[str], topic_id: int) -> str:
    parts: list[str] = []
    for word in words:
        for part in re.findall(r"[a-z]+", word.lower()):
            if part not in parts:
                parts.append(part)
        if len(parts) >= 2:
            break
    return "_".join(parts[:2]) or f"topic_{topic_id}"


def taxonomy_coverage(
    topic_set: TopicSet,
    topics: Sequence[int],
    tags: Iterable[Any],
    categories: Sequence[str] | None = None,
    min_share: float = 0.5,
    partial_share: float | None = None,
) -> TaxonomyCoverage:
    """Coverage of each topic of ``topic_set`` by the tags its comments carry.

    ``topics`` and ``tags`` run over the same comments (a topic id and a tag list per comment);
    ``categories`` is the taxonomy's category names (default: every tag seen);
    ``partial_share`` defaults to ``min(DEFAULT_PARTIAL_SHARE, min_share)``.
    """
    if partial_share is None:
        partial_share = min(DEFAULT_PARTIAL_SHARE, min_share)
    if not 0 < partial_share <= min_share <= 1:
        raise InputFileError("need 0 < partial_share <= min_share <= 1")
    frame = pd.DataFrame({"topic": list(topics), "tags": [tag_names(t) for t in tags]})
    frame["comment"] = range(len(frame))
    if len(frame) == 0:
        raise InputFileError("no comments to compare with the taxonomy")
    exploded = frame.explode("tags").dropna(subset=["tags"])
    seen = sorted(set(exploded["tags"]))
    categories = list(categories) if categories is not None else seen
    exploded = exploded.drop_duplicates(["comment", "tags"])  # a tag counts once per comment
    category_comments = exploded.groupby("tags").size().to_dict()
    result = []
    for topic in topic_set.topics:
        members = frame[frame["topic"] == topic.id]
        size = len(members)
        if size == 0:
            continue
        carried = exploded[exploded["topic"] == topic.id]
        shares = (carried.groupby("tags").size() / size).sort_values(ascending=False, kind="stable")
        shares = shares[shares.index.isin(categories)]
        covered_by = [tag for tag, share in shares.items() if share >= min_share]
        best = float(shares.iloc[0]) if len(shares) else 0.0
        status = COVERED if covered_by else PARTLY if best >= partial_share else NOT_COVERED
        untagged = float((members["tags"].map(len) == 0).mean())
        result.append(TopicCoverage(
            topic=topic.id, label=topic.label, size=size, status=status, covered_by=covered_by,
            tag_shares={str(k): float(v) for k, v in shares.head(5).items()}, untagged_share=untagged,
            words=topic.words, examples=topic.examples,
            suggested_name=_suggested_name(topic.words, topic.id) if status == NOT_COVERED else None,
        ))
    return TaxonomyCoverage(result, categories, {str(k): int(v) for k, v in category_comments.items()},
                            min_share, partial_share)
