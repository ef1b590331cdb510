"""The all-sources sentiment recipe's weighting and its per-source score (training.sentiment_recipe)."""
import numpy as np
import pytest

from training.sentiment_recipe import SourceBalancedSentiment, source_macro_f1, source_weights


def test_every_source_and_class_carries_the_same_weight():
    # Source a: 3 negative, 1 positive (binary); source b: 1 of each of the three classes.
    y = np.array(["negative"] * 3 + ["positive"] + ["negative", "neutral", "positive"], dtype=object)
    groups = np.array(["a"] * 4 + ["b"] * 3, dtype=object)
    w = source_weights(y, groups, "source_class")
    # Unnormalised: a's negatives 1/(2*3), a's positive 1/2, b's rows 1/3; scaled to mean 1 (total 2 -> 7).
    expected = np.array([1 / 6] * 3 + [1 / 2] + [1 / 3] * 3) * 7 / 2
    assert w == pytest.approx(expected)
    assert w[groups == "a"].sum() == pytest.approx(w[groups == "b"].sum())
    by_source = source_weights(y, groups, "source")
    assert by_source == pytest.approx(np.array([1 / 4] * 4 + [1 / 3] * 3) * 7 / 2)


def test_a_binary_source_scores_over_its_two_classes_and_neutral_guesses_miss():
    truth = ["negative", "negative", "positive", "positive"]
    predicted = ["negative", "neutral", "positive", "positive"]
    # negative: precision 1, recall 1/2 -> F1 2/3; positive: F1 1; neutral is not a class of the source.
    assert source_macro_f1(truth, predicted) == pytest.approx((2 / 3 + 1) / 2)


def test_the_neutral_band_is_folded_into_the_bias():
    rng = np.random.default_rng(0)
    centres = {"negative": (-2, 0), "neutral": (0, 2), "positive": (2, 0)}
    y = np.array([label for label in centres for _ in range(30)], dtype=object)
    X = np.vstack([rng.normal(centres[label], 0.5, size=(30, 2)) for label in centres])
    groups = np.array((["a", "b", "c"] * 30)[:90], dtype=object)
    model = SourceBalancedSentiment(C=1.0, neutral_offset=-3.0).fit(X, y, groups)
    assert model.intercept_[1] == pytest.approx(model.intercept_without_offset_[1] - 3.0)
    # A negative offset narrows the band: fewer rows come out neutral than from the same fit without it.
    assert (model.predict(X) == "neutral").sum() < (model.predict_without_band(X) == "neutral").sum()
