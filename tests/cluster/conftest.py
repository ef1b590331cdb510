"""A Ray cluster of our own on 127.0.0.1 (2 CPUs, a small object store, no dashboard), started
once for the cluster tests and stopped after them."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.pg_support import in_ci, throwaway_postgres_database

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def ray_cluster():
    if in_ci():
        import ray  # CI installs the [ray] extra (make install): a missing Ray fails there
    else:
        ray = pytest.importorskip("ray", reason="Ray not installed: pip install 'voc-engine[ray]'")
    import os

    ray.init(
        address="local", num_cpus=2, object_store_memory=256 * 1024 * 1024, include_dashboard=False,
        log_to_driver=False, _node_ip_address="127.0.0.1", logging_level="WARNING",
        # The workers import this checkout's code, as the test process does, and read no network.
        runtime_env={"env_vars": {"PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1",
                                  "TOKENIZERS_PARALLELISM": "false",
                                  **{k: v for k, v in os.environ.items() if k == "VOC_CACHE_DIR"}}},
    )
    yield ray
    ray.shutdown()


@pytest.fixture
def pg_url(postgres_server_url):
    with throwaway_postgres_database(postgres_server_url, "voc_cluster") as url:
        yield url


@pytest.fixture
def other_pg_url(postgres_server_url):
    with throwaway_postgres_database(postgres_server_url, "voc_cluster_ref") as url:
        yield url
