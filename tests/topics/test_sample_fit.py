"""`fit_store(sample=N)` / `voc topics fit --sample N`: a large store's topics fitted on a seeded
sample of its comments, every other comment then assigned, over a real SQLite store."""
from __future__ import annotations

import json
import logging

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.topics.conftest import make_modeler, sqlite_store_of
from voc_engine.cli import app


@pytest.fixture(scope="module")
def sampled(corpus, embedder, tmp_path_factory):
    from voc_engine.topics.service import fit_store

    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    tmp_path = tmp_path_factory.mktemp("sampled")
    texts, vectors, themes = corpus
    store, ids = sqlite_store_of(tmp_path, texts, vectors)
    # ~30 of each theme's 50 comments fall in the sample: a cluster floor of 20 leaves no room for
    # a theme to split in two, whichever comments the sample draws (stored ids differ per run)
    modeler, version = fit_store(store, modeler=make_modeler(embedder, min_cluster_size=20), root=tmp_path / "topics",
                                 sample=120)
    yield store, ids, themes, modeler, tmp_path / "topics" / version
    store.dispose()


def test_a_sampled_fit_fits_on_the_sample_and_assigns_every_comment(sampled):
    from voc_engine.topics.versions import stored_assignments

    store, ids, themes, modeler, path = sampled
    assert len(ids) == 200
    assert modeler.n_documents_ == 120 and len(set(modeler.ids_)) == 120 and set(modeler.ids_) <= set(ids)
    assert sum(t.size for t in modeler.topics().topics) + modeler.topics().n_outliers == 120
    metadata = json.loads((path / "voc_topics.json").read_text())
    assert metadata["n_documents"] == 120 and metadata["sampled_from"] == 200
    assigned = stored_assignments(path).set_index("id")["topic"]
    assert set(assigned.index) == set(ids)  # the 80 left out of the fit have their topic too
    # each planted theme is one topic, for the sampled and the assigned comments alike
    by_theme = pd.crosstab(themes, assigned.reindex(ids).to_numpy())
    assert len(by_theme) == 4 and (by_theme.gt(0).sum(axis=1) == 1).all()
    assert by_theme.idxmax(axis=1).nunique() == 4


def test_the_sample_is_drawn_with_the_seed(sampled, embedder, tmp_path):
    from voc_engine.topics.service import fit_store

    store, _, _, modeler, _ = sampled
    again, _ = fit_store(store, modeler=make_modeler(embedder, min_cluster_size=12), root=tmp_path / "topics",
                         sample=120)
    assert sorted(again.ids_) == sorted(modeler.ids_)
    other, _ = fit_store(store, modeler=make_modeler(embedder, min_cluster_size=12, random_state=8),
                         root=tmp_path / "other", sample=120)
    assert sorted(other.ids_) != sorted(modeler.ids_)


def test_a_sample_as_large_as_the_store_is_a_plain_fit(sampled, embedder, tmp_path):
    from voc_engine.errors import InvalidArgumentError
    from voc_engine.topics.service import fit_store

    store, ids, _, _, _ = sampled
    modeler, version = fit_store(store, modeler=make_modeler(embedder, min_cluster_size=12), root=tmp_path / "topics",
                                 sample=500)
    assert modeler.n_documents_ == 200
    assert "sampled_from" not in json.loads((tmp_path / "topics" / version / "voc_topics.json").read_text())
    with pytest.raises(InvalidArgumentError, match="positive"):
        fit_store(store, modeler=make_modeler(embedder), root=tmp_path / "topics", sample=0)


def test_cli_sample_is_checked(tmp_path):
    runner = CliRunner()
    zero = runner.invoke(app, ["topics", "fit", "--sample", "0"])
    assert zero.exit_code == 2 and "--sample" in zero.output
    source = tmp_path / "in.csv"
    source.write_text("text\nhello\n")
    with_input = runner.invoke(app, ["topics", "fit", "--input", str(source), "--text-col", "text", "--sample", "5"])
    assert with_input.exit_code != 0 and "--sample is for the store" in with_input.output
