"""`voc topics assign --engine ray`: stored comments get the topics the local engine gives them."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from voc_engine.cluster.session import ClusterOptions
from voc_engine.cluster.topics import assign_store_topics
from voc_engine.config import Settings
from voc_engine.ingest import FieldMap, ingest_file
from voc_engine.runtime import Runtime
from voc_engine.samples.generate import generate_comments
from voc_engine.topics.service import assign_store_comments, fit_store, modeler_from_settings, store_topics_root
from voc_engine.topics.versions import load_version, stored_assignments, version_dir

pytestmark = [pytest.mark.postgres, pytest.mark.cluster]


def test_the_cluster_assigns_later_comments_as_the_local_engine_does(ray_cluster, pipeline, pg_url, tmp_path):
    frame = generate_comments(n_weeks=4, per_week=150, seed=9).head(500)
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("true_")])
    first, later = tmp_path / "first.csv", tmp_path / "later.csv"
    frame.head(400).to_csv(first, index=False)
    frame.tail(100).to_csv(later, index=False)
    runtime = Runtime(Settings(data_dir=tmp_path / "var", database_url=pg_url, pseudonym_key="k"), pipeline=pipeline)
    store = runtime.store
    ingest_file(first, "survey", FieldMap.parse(None), store, runtime.pipeline.enrich, progress=False)
    fit_store(store, modeler=modeler_from_settings(store.settings.topics, min_cluster_size=20))
    ingest_file(later, "survey", FieldMap.parse(None), store, runtime.pipeline.enrich, progress=False)

    path = version_dir(None, store_topics_root(store))
    local_path = tmp_path / "local" / path.name
    shutil.copytree(path, local_path)  # the same fitted version, assigned by each engine
    rows = store.read_frame()
    ids, tags = rows["id"].astype(str).tolist(), rows["tags"].tolist()
    fitted = set(stored_assignments(path)["id"])
    assert 350 < len(fitted) <= 400  # those of the first 400 with an embedding (not other languages)

    newly = assign_store_topics(runtime, load_version(path.name, path.parent), path, ids, tags,
                                options=ClusterOptions(actors=2, batch_rows=30, progress=False))
    expected = assign_store_comments(store, load_version(local_path.name, local_path.parent), local_path, ids, tags)
    assert 80 < newly == int(expected.notna().sum()) - len(fitted)
    got = stored_assignments(path).set_index("id")["topic"].reindex(ids).astype("float64")
    pd.testing.assert_series_equal(got, expected.astype("float64"), check_names=False, check_index_type=False)
    assert got.nunique() > 1  # several topics: the comparison says something
    # Assigned once: a second run has nothing to do.
    assert assign_store_topics(runtime, load_version(path.name, path.parent), path, ids, tags,
                               options=ClusterOptions(actors=1, progress=False)) == 0
    runtime.close()
