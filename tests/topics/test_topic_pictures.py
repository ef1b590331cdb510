"""Topic pictures say how much of the model they show (a reader must not take 20 bars for all)."""

from __future__ import annotations

import matplotlib.pyplot as plt

from voc_engine.topics.fit import Topic, TopicSet
from voc_engine.topics.plot import plot_topic_bars


def _titles(monkeypatch) -> list[str]:
    titles: list[str] = []
    original = plt.Axes.set_title

    def spy(self, label, *args, **kwargs):
        titles.append(label)
        return original(self, label, *args, **kwargs)

    monkeypatch.setattr(plt.Axes, "set_title", spy)
    return titles


def test_the_bar_chart_says_it_shows_the_largest_of_all_topics(tmp_path, monkeypatch):
    titles = _titles(monkeypatch)
    topics = [Topic(id=i, label=f"topic {i}", words=[f"w{i}"], size=100 - i) for i in range(34)]
    plot_topic_bars(TopicSet(topics, n_documents=3000, n_outliers=0), tmp_path / "bars.png")
    assert titles[-1].startswith("Topics: the 20 largest of 34 topics")
    plot_topic_bars(TopicSet(topics[:5], n_documents=500, n_outliers=0), tmp_path / "few.png")
    assert titles[-1].startswith("Topics: 5 topics")
