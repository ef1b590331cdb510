"""``voc topics assign --engine ray``: stored comments assigned to a fitted topic model by a pool
of workers. The fit stays on one machine; the model travels to the workers as data (no shared
volume needed), each worker reads its comments' stored embeddings and guidance and predicts
(`voc_engine.topics.service.predict_store_topics`, the local engine's step); the driver keeps
the assignments with the model version, as the local engine does."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from voc_engine.cluster.session import ClusterOptions, connected, worker_settings

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from voc_engine.runtime import Runtime
    from voc_engine.topics.fit import TopicModeler

IDS_PER_CALL = 2000


class AssignWorker:
    def __init__(self, settings, modeler: "TopicModeler"):
        from voc_engine.runtime import Runtime

        self.runtime = Runtime(settings)
        self.modeler = modeler

    def __call__(self, batch):
        import json

        import pyarrow as pa

        from voc_engine.topics.service import predict_store_topics

        ids = batch.column("id").to_pylist()
        tags = [json.loads(t) if t is not None else None for t in batch.column("tags").to_pylist()]
        new_ids, topics = predict_store_topics(self.runtime.store, self.modeler, ids, tags)
        return pa.table({"id": pa.array(new_ids, pa.string()), "topic": pa.array([int(t) for t in topics], pa.int64())})


def assign_store_topics(runtime: "Runtime", modeler: "TopicModeler", path: "Path", ids: Sequence[str],
                        tags: Sequence[Any], options: ClusterOptions | None = None) -> int:
    """Assign the comments of ``ids`` the model version at ``path`` has not assigned yet, on a
    Ray cluster; returns how many were newly assigned (comments without an embedding get none)."""
    import json

    import pandas as pd

    from voc_engine.topics.service import unassigned
    from voc_engine.topics.versions import append_assignments

    options = options or ClusterOptions(batch_rows=IDS_PER_CALL)
    settings = worker_settings(runtime.settings)
    ids = [str(i) for i in ids]
    missing, _ = unassigned(path, ids)
    if not missing:
        return 0
    tags_of = dict(zip(ids, tags))
    items = [{"id": i, "tags": None if tags_of.get(i) is None else json.dumps(tags_of[i], default=str)}
             for i in missing]
    found_ids: list[str] = []
    found_topics: list[int] = []
    with connected(options) as ray:
        dataset = ray.data.from_items(items, override_num_blocks=max(1, min(len(items) // options.batch_rows + 1,
                                                                             4 * options.pool_size(ray))))
        assigned = dataset.map_batches(AssignWorker, fn_constructor_kwargs={"settings": settings, "modeler": modeler},
                                       **options.map_args(ray))
        for result in assigned.iter_batches(batch_format="pyarrow", batch_size=None):
            found_ids += result.column("id").to_pylist()
            found_topics += result.column("topic").to_pylist()
    append_assignments(path, pd.DataFrame({"id": found_ids, "topic": found_topics}))
    return len(found_ids)
