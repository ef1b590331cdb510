"""Which topics the taxonomy's tags cover, and suggested new categories."""
from __future__ import annotations

import pytest

from voc_engine.errors import InputFileError
from voc_engine.topics.fit import Topic, TopicSet
from voc_engine.topics.taxonomy import COVERED, NOT_COVERED, PARTLY, taxonomy_coverage


def _topic_set() -> TopicSet:
    topics = [
        Topic(0, "bag, luggage, lost", ["bag", "luggage", "lost"], 10, ["You lost my bag"]),
        Topic(1, "refund, voucher", ["refund", "voucher"], 8, ["Where is my refund"]),
        Topic(2, "wifi, inflight wifi, slow", ["wifi", "inflight wifi", "slow"], 6, ["The wifi never works"]),
    ]
    return TopicSet(topics, n_documents=26, n_outliers=2)


def test_covered_partly_and_suggested_categories():
    topics = [0] * 10 + [1] * 8 + [2] * 6 + [-1] * 2
    tags = ([[{"name": "lost_damaged_items", "confidence": 0.9}]] * 7 + [[]] * 3      # 70 % -> covered
            + [["refund_cancellation"]] * 3 + [["billing_price"]] * 1 + [[]] * 4       # 37.5 % -> partly
            + [["product_quality"]] * 1 + [[]] * 5                                     # 17 % -> new
            + [["wait_time"]] * 2)
    categories = ["lost_damaged_items", "refund_cancellation", "billing_price", "product_quality", "wait_time",
                  "staff_attitude"]
    coverage = taxonomy_coverage(_topic_set(), topics, tags, categories=categories)
    by_topic = {t.topic: t for t in coverage.topics}
    assert by_topic[0].status == COVERED and by_topic[0].covered_by == ["lost_damaged_items"]
    assert by_topic[0].tag_shares["lost_damaged_items"] == pytest.approx(0.7)
    assert by_topic[1].status == PARTLY and by_topic[1].covered_by == []
    assert by_topic[2].status == NOT_COVERED and by_topic[2].untagged_share == pytest.approx(5 / 6)
    [suggestion] = coverage.to_dict()["suggested_categories"]
    assert suggestion["topic"] == 2 and suggestion["suggested_name"] == "wifi_inflight"
    assert suggestion["examples"] == ["The wifi never works"] and suggestion["words"][0] == "wifi"
    # outliers' tags count for no topic; categories covered by no topic are listed
    assert coverage.uncovered_categories == ["refund_cancellation", "billing_price", "product_quality",
                                             "wait_time", "staff_attitude"]
    assert "Suggested new categories" in coverage.summary()


def test_coverage_needs_comments_and_sane_thresholds():
    with pytest.raises(InputFileError):
        taxonomy_coverage(_topic_set(), [], [])
    with pytest.raises(InputFileError):
        taxonomy_coverage(_topic_set(), [0], [[]], min_share=0.2, partial_share=0.4)
