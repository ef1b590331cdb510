"""Connecting to a Ray cluster, and how a job uses it (actors, CPUs per actor, rows per call)."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from voc_engine.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class ClusterOptions:
    """address: None (the cluster of ``RAY_ADDRESS``, or a Ray instance started on this machine
    for the job), ``auto`` (a running cluster this machine belongs to) or ``ray://HOST:10001``
    (Ray Client). actors: workers in the pool (default: the cluster's CPUs / cpus_per_actor);
    each loads the models once and runs its encoder on as many threads as it holds CPUs.
    batch_rows: rows per call of a worker (each call costs Ray some milliseconds; see
    bench/results/cluster.md). progress: Ray Data's progress bars."""

    address: str | None = None
    actors: int | None = None
    cpus_per_actor: float = 1.0
    batch_rows: int = 256
    progress: bool = True

    def __post_init__(self) -> None:
        if self.actors is not None and self.actors < 1:
            raise ConfigError("--actors: at least 1")
        if self.cpus_per_actor <= 0:
            raise ConfigError("--cpus-per-actor: more than 0")
        if self.batch_rows < 1:
            raise ConfigError("--batch-rows: at least 1")

    @property
    def encoder_threads(self) -> int:
        return max(1, int(self.cpus_per_actor))

    def pool_size(self, ray: Any) -> int:
        if self.actors is not None:
            return self.actors
        cpus = float(ray.cluster_resources().get("CPU", 1))
        return max(1, int(cpus // self.cpus_per_actor))

    def map_args(self, ray: Any) -> dict[str, Any]:
        """Keyword arguments of ``map_batches`` for a pool of workers. A worker process that dies
        (a node lost, an OOM kill) is restarted and its rows are given again, a few times."""
        return {
            "compute": ray.data.ActorPoolStrategy(size=self.pool_size(ray)),
            "num_cpus": self.cpus_per_actor,
            "batch_size": self.batch_rows,
            "batch_format": "pyarrow",
            "max_restarts": 4,
            "max_task_retries": 4,
        }


def in_calls(rows: Any, options: ClusterOptions) -> Any:
    """``rows`` (a read stage's dataset) in blocks of at most ``batch_rows`` rows, each its own
    call of a worker. Ray Data gathers what one task yields into blocks of up to 128 MiB: a
    file's rows would reach the pool as one block, one actor would score the whole file and
    the others would stand idle. Split in the read task itself (the two stages fuse), as the
    rows are read."""
    split = rows.repartition(target_num_rows_per_block=options.batch_rows)
    # `repartition` takes no task options and asks 1 CPU: it would not fuse with a read stage
    # of 0 CPUs, and its own task would wait for a CPU the actors hold (a pool as large as the
    # cluster never gives one back). Given the read stage's options, it runs in the read task.
    object.__setattr__(split._logical_plan.dag, "ray_remote_args", dict(rows._logical_plan.dag.ray_remote_args))
    return split


def import_ray() -> Any:
    """The ``ray`` module with Ray Data, or a configuration error saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is the part we use
    except ImportError:
        raise ConfigError(
            "--engine ray needs Ray: pip install 'voc-engine[ray]' (or use the default --engine local)"
        ) from None
    return ray


@contextlib.contextmanager
def connected(options: ClusterOptions) -> Iterator[Any]:
    """Ray, connected to the cluster for the length of the block. A connection made here is
    closed at the end; one that was already open (a test's, a notebook's) is used and kept."""
    ray = import_ray()
    opened = False
    if not ray.is_initialized():
        try:
            ray.init(address=options.address, logging_level="WARNING", log_to_driver=False)
        except (ConnectionError, ValueError, RuntimeError) as exc:
            raise ConfigError(f"cannot reach the Ray cluster at {options.address or 'RAY_ADDRESS'}: {exc}") from None
        opened = True
    context = ray.data.DataContext.get_current()
    shown = context.enable_progress_bars
    context.enable_progress_bars = options.progress
    try:
        yield ray
    finally:
        context.enable_progress_bars = shown
        if opened:
            ray.shutdown()


def worker_settings(settings: "Settings") -> "Settings":
    """The settings workers get: the driver's, with the pseudonymisation key made explicit, so
    that a worker on another host pseudonymises customer ids as this one does (the key file of
    the data directory is this host's), and SQLite refused (each node would write its own file)."""
    from voc_engine.store.privacy import load_or_create_key

    if settings.resolved_database_url.startswith("sqlite"):
        raise ConfigError(
            "--engine ray writes from every node of the cluster: set VOC_DATABASE_URL to a PostgreSQL "
            "database (postgresql+psycopg2://…); the embedded SQLite file is one machine's"
        )
    configured = settings.store.pseudonym_key
    key = load_or_create_key(configured.get_secret_value() if configured else None, settings.data_dir)
    return settings.updated(pseudonym_key=key.decode("utf-8"))
