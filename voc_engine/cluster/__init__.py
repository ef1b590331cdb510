"""The Ray engine (``--engine ray``): batch scoring, ingest, re-processing and topic assignment
on a Ray cluster, for volumes one machine cannot take.

Ray is an optional dependency (``pip install 'voc-engine[ray]'``), imported only when a cluster
is used; the local engine stays the default and needs none of it. Every per-row step is the
local engine's own (the file reader and scoring steps of ``voc_engine.scoring``, the store's
ingest through ``voc_engine.ingest.runner.ChunkIngest``, the store's re-enrichment by id range,
the topic model's ``predict``): the cluster only decides where they run, so both engines give
the same answers. Each worker builds its models and store from the driver's `Settings`, handed
over explicitly.

    from voc_engine.cluster import ClusterOptions, score_files
    summary = score_files(settings, "s3://bucket/verbatims/*.parquet", "s3://bucket/enriched/",
                          options=ClusterOptions(address="auto"))
"""
from __future__ import annotations

from voc_engine.lazy import lazy_exports

__getattr__ = lazy_exports(__name__, {
    "ClusterOptions": "voc_engine.cluster.session",
    "ENGINES": "voc_engine.cluster.session",
    "expand_inputs": "voc_engine.cluster.inputs",
    "score_files": "voc_engine.cluster.score",
    "ingest_files": "voc_engine.cluster.store",
    "reprocess_store": "voc_engine.cluster.store",
    "assign_store_topics": "voc_engine.cluster.topics",
})
__all__ = ["ClusterOptions", "ENGINES", "expand_inputs", "score_files", "ingest_files", "reprocess_store",
           "assign_store_topics"]
