"""HDBSCAN's cluster selection as the defaults use it: distinct themes are never collapsed into
one cluster holding most of the comments (issue 23: two topics out of 860 complaints of nine
reasons), and without the cap the selection is HDBSCAN's own."""
from __future__ import annotations

import numpy as np
import pytest
from hdbscan import HDBSCAN
from sklearn.metrics import adjusted_rand_score

from voc_engine.topics.clusters import CappedHDBSCAN, capped_eom_labels

SIZES = (70, 70, 70, 30)


def themes_in_space(separation: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points as UMAP hands them to HDBSCAN (5 dimensions): three themes of 70 whose centres lie
    ``separation`` standard deviations apart, and a fourth of 30 far from all three."""
    rng = np.random.default_rng(seed)
    centres = np.zeros((4, 5))
    centres[1, 0] = centres[2, 1] = separation
    centres[3, 2] = 12.0
    points = np.vstack([rng.normal(centre, 1.0, (n, 5)) for centre, n in zip(centres, SIZES)])
    return points, np.repeat(np.arange(4), SIZES)


def default_clusterer(embedder, n: int):
    """The clustering model a default TopicModeler fits n comments with."""
    from voc_engine.topics import TopicModeler

    return TopicModeler(embedding_model=embedder)._bertopic(n).hdbscan_model


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_defaults_find_the_themes_where_eom_keeps_one_cluster_of_most_points(embedder, seed):
    points, themes = themes_in_space(6.0, seed)
    clusterer = default_clusterer(embedder, len(points))
    params = dict(clusterer.hdbscan_params)
    plain = HDBSCAN(**params).fit(points).labels_
    # HDBSCAN's excess of mass keeps the three close themes as one cluster of 210 points
    assert sorted(np.bincount(plain[plain >= 0])) == [30, 210]
    labels = clusterer.fit(points).labels_
    found = labels >= 0
    assert clusterer.capped_ and len(set(labels[found])) == 4
    assert np.bincount(labels[found]).max() <= 0.5 * len(points)
    assert adjusted_rand_score(themes[found], labels[found]) >= 0.95


@pytest.mark.parametrize("separation, seed", [(6.0, 0), (7.0, 0), (7.0, 2), (3.0, 1)])
def test_without_the_cap_the_selection_is_hdbscans(separation, seed):
    points, _ = themes_in_space(separation, seed)
    fitted = HDBSCAN(min_cluster_size=10, min_samples=5).fit(points)
    ours = capped_eom_labels(fitted.condensed_tree_.to_pandas(), max_size=len(points))
    assert np.array_equal(ours == -1, fitted.labels_ == -1)
    assert adjusted_rand_score(fitted.labels_, ours) == 1.0
    assert np.array_equal(CappedHDBSCAN(None, min_cluster_size=10, min_samples=5).fit(points).labels_,
                          fitted.labels_)


def test_a_large_theme_without_sub_themes_stays_one_cluster():
    rng = np.random.default_rng(0)
    points = np.vstack([rng.normal(0.0, 1.0, (200, 5)), rng.normal(12.0, 1.0, (30, 5))])
    clusterer = CappedHDBSCAN(0.5, min_cluster_size=25, min_samples=5).fit(points)
    # 200 of 230 points exceed the cap, but nothing inside them is a cluster of 25: kept, not noise
    assert sorted(np.bincount(clusterer.labels_[clusterer.labels_ >= 0])) == [30, 200]
