"""The Ray engine against the local engine on this machine, and a scaling model from it.

    python bench/cluster_bench.py [--n 20000] [--actors 2] [--batch-rows 256] [--small-batch 8]

Runs, on the same generated comments (voc_engine.samples.generate; no corpus needed):
1. the local engine (`voc score`'s `score_file`, models loaded once, all cores) and
2. the Ray engine on a local Ray cluster of `--actors` one-CPU actors, batch `--batch-rows`,
   alternately, twice each (local, Ray, local, Ray): the ratio is of their mean rates;
3. the Ray engine again with batches of `--small-batch` rows, on a part of the comments.
From (2) and (3) it solves ``seconds = startup + rows / (actors * rate) + calls * overhead / actors``
for the per-actor rate and the per-call overhead, and projects nodes of 16 CPUs (one actor per
CPU): throughput of 8 and 64 nodes and the nodes needed for 10 million comments in one hour.
Writes bench/results/cluster.json and cluster.md. Figures taken on a loaded machine are not the
final ones: the .md records the load average before and after.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CPUS_PER_NODE = 16
TARGET_ROWS, TARGET_SECONDS = 10_000_000, 3600


def _comments(n: int, path: Path) -> None:
    from voc_engine.samples.generate import generate_comments

    weeks = math.ceil(n / 150 * 1.1)
    frame = generate_comments(n_weeks=weeks, per_week=150, seed=17).head(n)
    frame[["id", "text"]].to_csv(path, index=False)


def _ray_run(ray, settings, source: Path, out: Path, actors: int, batch_rows: int) -> dict:
    from voc_engine.cluster.score import score_files
    from voc_engine.cluster.session import ClusterOptions

    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    manifest = score_files(settings, str(source), str(out), output_format="parquet",
                           options=ClusterOptions(actors=actors, batch_rows=batch_rows, progress=False))
    seconds = time.perf_counter() - started
    return {"rows": manifest["rows"], "seconds": round(seconds, 2), "rate": round(manifest["rows"] / seconds, 1),
            "batch_rows": batch_rows, "actors": actors, "calls": math.ceil(manifest["rows"] / batch_rows)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--actors", type=int, default=2)
    parser.add_argument("--batch-rows", type=int, default=256)
    parser.add_argument("--small-batch", type=int, default=8)
    parser.add_argument("--small-n", type=int, default=None, help="rows of run 3 (default: n / 4)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import ray

    from voc_engine.config import Settings
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.scoring import score_file

    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="voc-cluster-bench-"))
    try:
        source, small = work / "comments.csv", work / "small.csv"
        _comments(args.n, source)
        small_n = args.small_n or max(200, args.n // 4)
        _comments(small_n, small)
        settings = Settings()

        def local_run() -> dict:
            started = time.perf_counter()
            pipeline = Pipeline.default(settings)
            loaded = time.perf_counter() - started
            summary = score_file(pipeline, source, work / "local.jsonl")
            seconds = time.perf_counter() - started
            return {"rows": summary.rows, "seconds": round(seconds, 2), "scoring_seconds": round(summary.seconds, 2),
                    "load_seconds": round(loaded, 2), "rate": round(summary.rows / seconds, 1)}

        # The machine is shared and its speed drifts: the engines run alternately, twice each.
        local_first = local_run()

        ray.init(address="local", num_cpus=args.actors, include_dashboard=False, log_to_driver=False,
                 object_store_memory=512 * 1024 * 1024, _node_ip_address="127.0.0.1", logging_level="WARNING",
                 runtime_env={"env_vars": {"PYTHONPATH": str(HERE.parent), "HF_HUB_OFFLINE": "1"}})
        try:
            # A first run of a few rows starts the workers' Python and caches; not counted.
            _ray_run(ray, settings, small, work / "warm", args.actors, args.batch_rows)
            big_first = _ray_run(ray, settings, source, work / "ray", args.actors, args.batch_rows)
            local_second = local_run()
            big_second = _ray_run(ray, settings, source, work / "ray", args.actors, args.batch_rows)
            fine = _ray_run(ray, settings, small, work / "ray-small", args.actors, args.small_batch)
            coarse_small = _ray_run(ray, settings, small, work / "ray-small2", args.actors, args.batch_rows)
        finally:
            ray.shutdown()
        big = {**big_second, "runs": [big_first, big_second],
               "seconds": round((big_first["seconds"] + big_second["seconds"]) / 2, 2),
               "rate": round((big_first["rate"] + big_second["rate"]) / 2, 1)}
        local = {"rows": local_first["rows"], "runs": [local_first, local_second],
                 "seconds": round((local_first["seconds"] + local_second["seconds"]) / 2, 2)}
        local["rate"] = round((local_first["rate"] + local_second["rate"]) / 2, 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    # Two runs of the same rows differing only in calls give the per-call overhead; the big run
    # then gives the per-actor rate once startup (the difference of the two sizes) is out.
    extra_calls = fine["calls"] - coarse_small["calls"]
    overhead = max(0.0, (fine["seconds"] - coarse_small["seconds"]) * args.actors / extra_calls) if extra_calls else 0.0
    rows_delta = big["rows"] - coarse_small["rows"]
    seconds_delta = big["seconds"] - coarse_small["seconds"]
    calls_delta = big["calls"] - coarse_small["calls"]
    work_seconds = max(1e-9, seconds_delta - calls_delta * overhead / args.actors)
    per_actor = rows_delta / work_seconds / args.actors
    startup = max(0.0, big["seconds"] - big["rows"] / (args.actors * per_actor) - big["calls"] * overhead / args.actors)
    b = args.batch_rows
    effective = b / (b / per_actor + overhead)

    def nodes_rate(nodes: int) -> float:
        return nodes * CPUS_PER_NODE * effective

    needed = math.ceil(TARGET_ROWS / ((TARGET_SECONDS - startup) * CPUS_PER_NODE * effective))
    result = {
        "n": args.n, "actors": args.actors, "batch_rows": b, "local": local, "ray": big,
        "ray_small_batches": fine, "ray_small_same_batches": coarse_small,
        "ratio_ray_to_local": round(big["rate"] / local["rate"], 3),
        "model": {"per_actor_rows_per_s": round(per_actor, 1), "per_call_overhead_s": round(overhead, 4),
                  "startup_s": round(startup, 1), "effective_per_actor": round(effective, 1),
                  "cpus_per_node": CPUS_PER_NODE,
                  "nodes_8_rows_per_s": round(nodes_rate(8)), "nodes_64_rows_per_s": round(nodes_rate(64)),
                  "nodes_for_10M_in_1h": needed},
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(), "finished": time.strftime("%Y-%m-%d %H:%M"),
    }
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "cluster.json").write_text(json.dumps(result, indent=2) + "\n")
    m = result["model"]
    (out / "cluster.md").write_text(f"""# Ray engine vs local engine (`python bench/cluster_bench.py --n {args.n}`)

Finished {result['finished']} on {os.cpu_count()} CPUs; load average before {result['load_before']}, after
{result['load_after']} (the machine is shared: a loaded machine's figures are not the final ones).

| run | rows | seconds | comments/s |
|---|---|---|---|
| 1. local engine (`score_file`, model load included, all cores) | {local['runs'][0]['rows']} | {local['runs'][0]['seconds']} | {local['runs'][0]['rate']} |
| 2. Ray, {args.actors} one-CPU actors, batches of {b} (actor start included) | {big['runs'][0]['rows']} | {big['runs'][0]['seconds']} | {big['runs'][0]['rate']} |
| 3. local engine | {local['runs'][1]['rows']} | {local['runs'][1]['seconds']} | {local['runs'][1]['rate']} |
| 4. Ray, {args.actors} one-CPU actors, batches of {b} | {big['runs'][1]['rows']} | {big['runs'][1]['seconds']} | {big['runs'][1]['rate']} |
| Ray, {args.actors} actors, batches of {args.small_batch} | {fine['rows']} | {fine['seconds']} | {fine['rate']} |
| Ray, {args.actors} actors, batches of {b} | {coarse_small['rows']} | {coarse_small['seconds']} | {coarse_small['rate']} |

Ray / local (mean rate of runs 2 and 4 over that of runs 1 and 3): **{result['ratio_ray_to_local']}×** (target ≥ 0.9× on 20,000 comments).

## Scaling model

`seconds = startup + rows / (actors × rate) + calls × overhead / actors`, solved from the runs above:
per-actor rate **{m['per_actor_rows_per_s']} comments/s** (one CPU), per-call overhead **{m['per_call_overhead_s']} s**,
startup {m['startup_s']} s (actors loading the models; paid once per job). With batches of {b} an actor
delivers {m['effective_per_actor']} comments/s. Nodes of {CPUS_PER_NODE} CPUs, one actor per CPU, reads and
writes not limiting (object store or shared volume; the store's PostgreSQL for ingest is a separate limit):

- 8 nodes: {m['nodes_8_rows_per_s']:,} comments/s ({m['nodes_8_rows_per_s'] * 3600:,} an hour)
- 64 nodes: {m['nodes_64_rows_per_s']:,} comments/s ({m['nodes_64_rows_per_s'] * 3600:,} an hour)
- 10 million comments in one hour: **{m['nodes_for_10M_in_1h']} node(s)** of {CPUS_PER_NODE} CPUs

A model, not a measurement of a cluster: it assumes cluster CPUs as fast as this machine's and
linear scaling of independent actors (no shared state between them; each partition is written
by its own task).
""")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
