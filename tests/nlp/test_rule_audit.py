"""training.rule_audit: the figures it prints are right on cases small enough to count by hand."""
from __future__ import annotations

import pytest

from training.rule_audit import rule_hits, tag_set_scores
from voc_engine.nlp.taxonomy import Category, Taxonomy


def test_tag_set_scores_count_like_a_hand_tally():
    truth = [{"a"}, {"b"}, set(), {"a", "b"}]
    predicted = [{"a"}, {"a"}, {"b"}, {"a"}]
    scores = tag_set_scores(truth, predicted, ["a", "b"])
    # true positives 2 (row 0 a, row 3 a); predicted 4; actual 4
    assert scores["micro_precision"] == pytest.approx(0.5)
    assert scores["micro_recall"] == pytest.approx(0.5)
    assert scores["micro_f1"] == pytest.approx(0.5)
    # a: tp 2, fp 1, fn 0 -> F1 0.8; b: tp 0 -> F1 0
    assert scores["macro_f1"] == pytest.approx(0.4)
    assert scores["tags"] == 4


def test_rule_hits_match_on_lemmas_and_count_label_agreement(pipeline):
    taxonomy = Taxonomy(version=1, categories=[
        Category(name="lost_items", description="lost things", rules=["lost my", "missing"]),
    ])
    texts = ["They lost my bag.", "I missed the flight.", "Bag missing!", "Nothing to see."]
    truth = [{"lost_items"}, set(), {"lost_items"}, set()]
    hits = {(r["rule"], r["rows"], r["label_agrees"]) for r in rule_hits(pipeline.nlp, taxonomy, texts, truth)}
    # "missing" matches "missed" too (same lemma): half of its rows are not labelled lost_items
    assert hits == {("lost my", 1, 1.0), ("missing", 2, 0.5)}
