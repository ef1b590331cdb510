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


def test_each_bar_shows_the_sentiment_mix_of_its_topic(tmp_path, monkeypatch):
    # A label is never read apart from its sentiment: each bar is split negative / neutral / positive.
    calls: list[tuple[list, dict]] = []
    original = plt.Axes.barh

    def spy(self, y, width, *args, **kwargs):
        calls.append((list(width), kwargs))
        return original(self, y, width, *args, **kwargs)

    monkeypatch.setattr(plt.Axes, "barh", spy)
    mixed = {"negative": 0.7, "neutral": 0.1, "positive": 0.2, "mean": -0.4, "scored": 100}
    praise = {"negative": 0.0, "neutral": 0.25, "positive": 0.75, "mean": 0.6, "scored": 40}
    topics = [Topic(0, "agent was rude", ["agent was rude"], 100, sentiment=mixed),
              Topic(1, "engineer polite", ["engineer polite"], 40, sentiment=praise)]
    plot_topic_bars(TopicSet(topics, n_documents=140, n_outliers=0), tmp_path / "bars.png")
    segments = {kwargs["label"]: width for width, kwargs in calls}
    # bars are drawn smallest first: [topic 1, topic 0]
    assert segments == {"negative comments": [0.0, 70.0], "neutral comments": [10.0, 10.0],
                        "positive comments": [30.0, 20.0]}
