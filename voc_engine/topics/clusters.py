"""HDBSCAN whose cluster selection cannot keep one cluster holding most of the comments.

HDBSCAN's "excess of mass" (eom) selection keeps a cluster rather than its sub-clusters when its
own stability exceeds theirs together (Campello, Moulavi and Sander, "Density-based clustering
based on hierarchical density estimates", PAKDD 2013; McInnes, Healy and Astels, "hdbscan:
Hierarchical density based clustering", JOSS 2017). Complaints form a continuum more often than
dense islands: the tree then peels a few small clusters off one large cluster born near the
root, that large cluster outweighs its many sub-clusters, and eom keeps it. 860 negative airline
tweets of nine reasons came out as two topics of 791 and 69 tweets, none an outlier.

``CappedHDBSCAN`` selects by eom on HDBSCAN's own condensed tree with one more rule, as
hdbscan's ``max_cluster_size`` does: a cluster of more than ``max_size`` points is not
selectable and its sub-clusters' own selection stands in for it. Unlike ``max_cluster_size``, a
cluster with no sub-cluster stays selectable whatever its size, so a large uniform theme is
kept rather than turned into outliers.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

NOISE = -1


def capped_eom_labels(condensed: pd.DataFrame, max_size: int) -> np.ndarray:
    """Cluster label of each point (-1: noise) from a condensed tree (hdbscan's
    ``condensed_tree_.to_pandas()``: parent, child, lambda_val, child_size; points are the
    children numbered below the root), selected by excess of mass among the root's descendants
    (the root itself is never a cluster, as with hdbscan's default ``allow_single_cluster=False``),
    except that a cluster of more than ``max_size`` points that has sub-clusters is replaced by
    their selection. With ``max_size`` at least the number of points this is HDBSCAN's eom."""
    root = int(condensed["parent"].min())
    n_points = root  # hdbscan numbers the points 0..n-1 and the root n
    parents = condensed["parent"].to_numpy(dtype=np.int64)
    children = condensed["child"].to_numpy(dtype=np.int64)
    lambdas = condensed["lambda_val"].to_numpy(dtype=np.float64)
    sizes = condensed["child_size"].to_numpy(dtype=np.int64)
    is_cluster_row = sizes > 1
    birth = {root: 0.0, **dict(zip(children[is_cluster_row].tolist(), lambdas[is_cluster_row].tolist()))}
    size = dict(zip(children[is_cluster_row].tolist(), sizes[is_cluster_row].tolist()))
    parent_of = dict(zip(children[is_cluster_row].tolist(), parents[is_cluster_row].tolist()))
    sub_clusters: dict[int, list[int]] = {}
    for parent, child in zip(parents[is_cluster_row].tolist(), children[is_cluster_row].tolist()):
        sub_clusters.setdefault(parent, []).append(child)
    # Stability of a cluster: each point or sub-cluster leaving it counts (lambda it leaves at -
    # lambda the cluster is born at) x its size (hdbscan's compute_stability).
    stability: dict[int, float] = dict.fromkeys(birth, 0.0)
    born = np.array([birth[p] for p in parents.tolist()])
    with np.errstate(invalid="ignore"):
        excess = (lambdas - born) * sizes
    for parent, value in zip(parents.tolist(), excess.tolist()):
        stability[parent] += value
    # Bottom-up: hdbscan numbers a sub-cluster after its parent.
    best: dict[int, float] = {}
    chosen: dict[int, list[int]] = {}
    for node in sorted(set(birth) - {root}, reverse=True):
        below = sub_clusters.get(node, [])
        below_stability = sum(best[c] for c in below)
        if below and (below_stability > stability[node] or size[node] > max_size):
            best[node], chosen[node] = below_stability, [n for c in below for n in chosen[c]]
        else:
            best[node], chosen[node] = stability[node], [node]
    selected = sorted(n for c in sub_clusters.get(root, []) for n in chosen[c])
    # Each tree cluster's label: its own if selected, else its nearest selected ancestor's.
    label_of: dict[int, int] = {root: NOISE}
    number = {node: k for k, node in enumerate(selected)}
    for node in sorted(set(birth) - {root}):  # parents before their sub-clusters
        label_of[node] = number.get(node, label_of[parent_of[node]])
    labels = np.full(n_points, NOISE, dtype=int)
    point_rows = ~is_cluster_row
    labels[children[point_rows]] = [label_of[p] for p in parents[point_rows].tolist()]
    return labels


class CappedHDBSCAN:
    """HDBSCAN (the ``hdbscan`` package) whose labels never put more than ``max_share`` of the
    points in one cluster that has sub-clusters (``capped_eom_labels``); None or "leaf"
    selection: HDBSCAN's labels as they are. BERTopic uses it as its clustering model: ``fit``
    sets ``labels_`` and ``probabilities_`` (HDBSCAN's, 0 for noise), keeps the fitted HDBSCAN
    in ``hdbscan_`` and whether the cap changed its selection in ``capped_``."""

    def __init__(self, max_share: float | None = None, **hdbscan_params: Any):
        self.max_share = max_share
        self.hdbscan_params = hdbscan_params

    def fit(self, X: np.ndarray, y: Any = None) -> "CappedHDBSCAN":
        from hdbscan import HDBSCAN

        self.hdbscan_ = HDBSCAN(**self.hdbscan_params).fit(X)
        labels = np.asarray(self.hdbscan_.labels_, dtype=int)
        probabilities = np.asarray(self.hdbscan_.probabilities_, dtype=float)
        self.capped_ = False
        if self.max_share is not None and self.hdbscan_.cluster_selection_method == "eom" and (labels >= 0).any():
            max_size = int(self.max_share * len(labels))
            if np.bincount(labels[labels >= 0]).max() > max_size:
                labels = capped_eom_labels(self.hdbscan_.condensed_tree_.to_pandas(), max_size)
                probabilities = np.where(labels >= 0, probabilities, 0.0)
                self.capped_ = True
        self.labels_ = labels
        self.probabilities_ = probabilities
        return self
