"""The command-line options every command with ``--engine`` shares (score, ingest, reprocess,
topics assign), and the one check of them."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from voc_engine.errors import InvalidArgumentError

Engine = Annotated[str, typer.Option(
    "--engine", help="local (this machine, the default) or ray (a Ray cluster: pip install 'voc-engine[ray]').")]
Address = Annotated[Optional[str], typer.Option(
    "--address", help="--engine ray: auto (the cluster this machine belongs to), ray://HOST:10001, or none "
                      "(RAY_ADDRESS, else a Ray instance started here for the job).")]
Actors = Annotated[Optional[int], typer.Option(
    "--actors", min=1, help="--engine ray: workers, each loading the models once (default: CPUs / --cpus-per-actor).")]
CpusPerActor = Annotated[float, typer.Option(
    "--cpus-per-actor", help="--engine ray: CPUs each worker holds (its encoder threads).")]
BatchRows = Annotated[int, typer.Option("--batch-rows", min=1, help="--engine ray: rows per worker call.")]


def cluster_options(engine: str, address: str | None, actors: int | None, cpus_per_actor: float, batch_rows: int,
                    quiet: bool = False):
    """None for the local engine (which refuses the cluster's options), else the ClusterOptions."""
    from voc_engine.cluster.session import ENGINES, ClusterOptions

    if engine not in ENGINES:
        raise InvalidArgumentError(f"--engine: {' or '.join(ENGINES)}")
    if engine == "local":
        given = [name for name, value in (("--address", address), ("--actors", actors)) if value is not None]
        if given:
            raise InvalidArgumentError(f"{', '.join(given)}: only with --engine ray")
        return None
    return ClusterOptions(address=address, actors=actors, cpus_per_actor=cpus_per_actor, batch_rows=batch_rows,
                          progress=not quiet)
