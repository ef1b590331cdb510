"""Pictures: topic sizes as bars, topic trends as lines (matplotlib, Agg backend, PNG or SVG)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from voc_engine.topics.fit import OUTLIER, TopicSet, sentiment_text  # noqa: E402
from voc_engine.topics.trends import TopicTrends  # noqa: E402


SENTIMENT_COLOURS = {"negative": "#cc3311", "neutral": "#bbbbbb", "positive": "#009988"}


def plot_topic_bars(topic_set: TopicSet, path: Path | str, top: int = 20) -> Path:
    """Horizontal bars of the largest topics' sizes, labelled with their labels; each bar split
    by the sentiment of its comments (negative, neutral, positive) when the fit had sentiment,
    so a label is never read apart from its sentiment mix."""
    topics = sorted(topic_set.topics, key=lambda t: -t.size)[:top]
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(topics) + 1.8))
    ordered = topics[::-1]
    names = [f"{t.id}: {t.label}" for t in ordered]
    sizes = [t.size for t in ordered]
    if any(t.sentiment for t in ordered):
        left = [0.0] * len(ordered)
        for name, colour in SENTIMENT_COLOURS.items():
            widths = [t.size * (t.sentiment or {}).get(name, 0.0) for t in ordered]
            ax.barh(names, widths, left=left, color=colour, label=f"{name} comments")
            left = [a + b for a, b in zip(left, widths)]
        ax.legend(fontsize=8, loc="lower right", frameon=False)
    else:
        ax.barh(names, sizes, color="#4477aa")
    for y, topic in enumerate(ordered):
        mix = sentiment_text(topic.sentiment)
        ax.text(topic.size, y, f" {topic.size}" + (f"  ({mix})" if mix else ""), va="center", fontsize=8)
    ax.set_xlim(0, max(sizes, default=1) * 1.45)
    shown = (f"the {len(topics)} largest of {len(topic_set.topics)} topics" if len(topics) < len(topic_set.topics)
             else f"{len(topic_set.topics)} topics")
    title = f"Topics: {shown} ({topic_set.n_documents} comments"
    title += f", {topic_set.outlier_share:.0%} outliers)" if topic_set.n_outliers else ")"
    ax.set_title(title)
    ax.set_xlabel("comments")
    return _save(fig, ax, path)


def plot_trends(
    trends: TopicTrends,
    path: Path | str,
    topics: Sequence[int] | None = None,
    value: str = "count",
    top: int = 8,
) -> Path:
    """One line per topic (the ``top`` largest unless ``topics`` names them); alerts marked."""
    if value not in ("count", "share", "mean_sentiment"):
        raise ValueError(f"value must be count, share or mean_sentiment, got {value!r}")
    table = trends.table[trends.table["topic"] != OUTLIER]
    if topics is None:
        totals = table.groupby("topic")["count"].sum().sort_values(ascending=False, kind="stable")
        topics = totals.index[:top].tolist()
    wide = trends.pivot(value)
    alerted = {(a["topic"], a["period"]) for a in trends.alerts}
    fig, ax = plt.subplots(figsize=(10, 5))
    positions = range(len(wide.index))
    for topic in topics:
        series = wide[topic]
        line, = ax.plot(positions, series.to_numpy(), marker="o", markersize=3,
                        label=f"{topic}: {trends.labels.get(topic, topic)}"[:48])
        for x, period in enumerate(wide.index):
            if (topic, period) in alerted:
                ax.plot(x, series.iloc[x], marker="^", markersize=11, color=line.get_color())
    step = max(1, len(wide.index) // 12)
    ax.set_xticks(list(positions)[::step], list(wide.index)[::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel({"count": "comments", "share": "share of comments", "mean_sentiment": "mean sentiment"}[value])
    n_topics = table["topic"].nunique()
    shown = f"the {len(topics)} largest of {n_topics} topics" if len(topics) < n_topics else f"{n_topics} topics"
    ax.set_title(f"Topics per {trends.period}: {shown}" + (" (▲ emerging-topic alert)" if alerted else ""))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return _save(fig, ax, path)


def _save(fig, ax, path: Path | str) -> Path:
    """The house style's last touches, then write the picture and free the figure."""
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path)
    plt.close(fig)
    return path
