"""Pictures: topic sizes as bars, topic trends as lines (matplotlib, Agg backend, PNG or SVG)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from voc_engine.topics.fit import OUTLIER, TopicSet  # noqa: E402
from voc_engine.topics.trends import TopicTrends  # noqa: E402


def plot_topic_bars(topic_set: TopicSet, path: Path | str, top: int = 20) -> Path:
    """Horizontal bars of the largest topics' sizes, labelled with their top words."""
    topics = sorted(topic_set.topics, key=lambda t: -t.size)[:top]
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(topics) + 1.5))
    names = [f"{t.id}: {t.label}" for t in topics][::-1]
    sizes = [t.size for t in topics][::-1]
    bars = ax.barh(names, sizes, color="#4477aa")
    for bar, size in zip(bars, sizes):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {size}", va="center", fontsize=8)
    shown = f"the {len(topics)} largest of {len(topic_set.topics)} topics" if len(topics) < len(topic_set.topics) else (
        f"{len(topic_set.topics)} topics"
    )
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
