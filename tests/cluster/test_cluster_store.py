"""`voc ingest --engine ray` and `voc reprocess --engine ray` against PostgreSQL: the local
engine's outcome, exactly once, even when a worker process is killed mid-run."""
from __future__ import annotations

import os
import signal
import threading
import time

import psutil
import pytest
from sqlalchemy import create_engine, text

from voc_engine.cluster.session import ClusterOptions
from voc_engine.cluster.store import ingest_files, reprocess_store
from voc_engine.config import Settings
from voc_engine.ingest import FieldMap, ingest_file
from voc_engine.runtime import Runtime
from voc_engine.samples.generate import generate_comments

pytestmark = [pytest.mark.postgres, pytest.mark.cluster]


@pytest.fixture(scope="module")
def comments_csv(tmp_path_factory):
    frame = generate_comments(n_weeks=6, per_week=150, seed=5).head(800)
    path = tmp_path_factory.mktemp("ingest") / "comments.csv"
    # Without created_at the comments are new (stored now), so the alert rules apply to them
    # (comments older than the rules' 30 days are a historical import and raise none).
    frame.drop(columns=[c for c in frame.columns if c.startswith("true_")] + ["created_at"]).to_csv(path, index=False)
    return path, len(frame)


def _runtime(url, tmp_path, pipeline, name):
    settings = Settings(data_dir=tmp_path / name, database_url=url, pseudonym_key="cluster-test-key")
    return Runtime(settings, pipeline=pipeline)


def _stored(url):
    engine = create_engine(url)
    with engine.connect() as connection:
        keys = connection.execute(text("SELECT source, external_id, count(*) FROM comments GROUP BY 1, 2")).all()
        alerts = connection.execute(text(
            "SELECT c.source, c.external_id, a.rule_id, a.severity FROM alerts a JOIN comments c ON c.id = a.comment_id"
        )).all()
        cases = connection.execute(text("SELECT count(*) FROM cases")).scalar()
        tags = connection.execute(text(
            "SELECT c.external_id, t.name FROM comment_tags t JOIN comments c ON c.id = t.comment_id")).all()
        customers = connection.execute(text(
            "SELECT c.external_id, k.external_id FROM comments c JOIN customers k ON k.id = c.customer_pk")).all()
    engine.dispose()
    return keys, sorted(alerts), cases, sorted(tags), sorted(customers)


def _case_shape(url):
    """What holds of the stored cases in any order of ingest (see the killed-worker test)."""
    queries = {
        "alerts in another customer's case": "SELECT count(*) FROM alerts a JOIN cases k ON k.id = a.case_id "
                                             "JOIN comments c ON c.id = a.comment_id "
                                             "WHERE k.customer_pk IS DISTINCT FROM c.customer_pk",
        "comments in two cases": "SELECT count(*) FROM (SELECT comment_id FROM alerts GROUP BY comment_id "
                                 "HAVING count(DISTINCT case_id) > 1) twice",
        "comments opening two cases": "SELECT count(*) FROM (SELECT comment_id FROM cases GROUP BY comment_id "
                                      "HAVING count(*) > 1) twice",
        "cases without an alert": "SELECT count(*) FROM cases k WHERE NOT EXISTS "
                                  "(SELECT 1 FROM alerts a WHERE a.case_id = k.id)",
    }
    engine = create_engine(url)
    with engine.connect() as connection:
        shape = {name: connection.execute(text(query)).scalar() for name, query in queries.items()}
        cases = connection.execute(text("SELECT count(*) FROM cases")).scalar()
        # at least one case per alerted customer (and per alerted comment without one), at most one per alerted comment
        fewest, most = connection.execute(text(
            "SELECT count(DISTINCT c.customer_pk) + count(DISTINCT CASE WHEN c.customer_pk IS NULL THEN c.id END), "
            "count(DISTINCT c.id) FROM alerts a JOIN comments c ON c.id = a.comment_id")).one()
    engine.dispose()
    shape["cases within bounds"] = 0 < fewest <= cases <= most
    return shape


def _worker_pids(name):
    return [p.pid for p in psutil.process_iter(["cmdline"])
            if p.info["cmdline"] and any(name in part for part in p.info["cmdline"])]


def test_a_killed_worker_loses_nothing_and_stores_nothing_twice(ray_cluster, pipeline, comments_csv, pg_url,
                                                                 other_pg_url, tmp_path):
    path, n = comments_csv
    runtime = _runtime(pg_url, tmp_path, pipeline, "ray")
    outcome: dict = {}

    def run():
        try:
            outcome["reports"] = ingest_files(runtime, [str(path)], "survey", FieldMap.parse(None),
                                              options=ClusterOptions(actors=2, batch_rows=16, progress=False))
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            outcome["error"] = exc

    job = threading.Thread(target=run)
    job.start()
    killed, stored_at_kill = None, None
    deadline = time.monotonic() + 600
    while job.is_alive() and killed is None and time.monotonic() < deadline:
        stored = runtime.store.count_comments()
        pids = _worker_pids("IngestWorker")
        if stored and pids:
            stored_at_kill, killed = stored, pids[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.1)
    job.join(timeout=900)
    assert "error" not in outcome, outcome.get("error")
    assert killed is not None and stored_at_kill < n  # the worker died mid-run
    assert not psutil.pid_exists(killed) or psutil.Process(killed).status() == psutil.STATUS_ZOMBIE
    (report,) = outcome["reports"]
    assert report.completed and report.rows_read >= n and report.rejected == 0

    # The local engine on the same file, into another database: the same comments, tags, cases.
    reference = _runtime(other_pg_url, tmp_path, pipeline, "local")
    ingest_file(path, "survey", FieldMap.parse(None), reference.store, reference.pipeline.enrich, progress=False)
    keys, alerts, cases, tags, customers = _stored(pg_url)
    ref_keys, ref_alerts, ref_cases, ref_tags, ref_customers = _stored(other_pg_url)
    assert len(keys) == n and all(count == 1 for *_, count in keys)
    assert sorted(keys) == sorted(ref_keys)
    assert alerts == ref_alerts and ref_alerts  # each rule matched each comment once, as locally
    # A new alert joins its customer's newest open case holding one of its rules, so the grouping
    # follows the order in which batches commit (A{r1}, B{r2}, C{r1, r2}: two cases; C, A, B: one),
    # and the killed worker's batch commits later than it would locally. Whatever the order, each
    # alerting comment is in one case of its own customer, and no case is opened twice or empty.
    assert _case_shape(pg_url) == _case_shape(other_pg_url) == {
        "alerts in another customer's case": 0, "comments in two cases": 0, "comments opening two cases": 0,
        "cases without an alert": 0, "cases within bounds": True,
    }
    assert tags == ref_tags
    assert customers == ref_customers  # pseudonymised by the driver's key on every worker

    # A re-run (the driver died, say) finds the file done; --restart stores nothing again.
    (again,) = ingest_files(runtime, [str(path)], "survey", FieldMap.parse(None),
                            options=ClusterOptions(actors=1, progress=False))
    assert again.already_complete
    (restarted,) = ingest_files(runtime, [str(path)], "survey", FieldMap.parse(None), resume=False,
                                options=ClusterOptions(actors=2, batch_rows=200, progress=False))
    assert (restarted.created, restarted.already_stored) == (0, n)
    assert _stored(pg_url)[:3] == (keys, alerts, cases)
    runtime.close()
    reference.close()


def test_reprocess_on_the_cluster_re_enriches_what_the_local_engine_does(ray_cluster, pipeline, pg_url,
                                                                       other_pg_url, tmp_path):
    frame = generate_comments(n_weeks=1, per_week=60, seed=3).head(60)
    path = tmp_path / "few.csv"
    frame.drop(columns=[c for c in frame.columns if c.startswith("true_")]).to_csv(path, index=False)
    runtimes = [_runtime(url, tmp_path, pipeline, name) for url, name in ((pg_url, "ray"), (other_pg_url, "local"))]
    for runtime in runtimes:
        ingest_file(path, "survey", FieldMap.parse(None), runtime.store, runtime.pipeline.enrich, progress=False)
        engine = create_engine(runtime.settings.database_url)
        with engine.begin() as connection:  # as if scored by an older model, with no tags
            connection.execute(text("UPDATE enrichments SET model_version = 'encoder:old;sentiment:v0'"))
            connection.execute(text("DELETE FROM comment_tags"))
        engine.dispose()
    done, version = reprocess_store(runtimes[0], batch_size=7, options=ClusterOptions(actors=2, progress=False))
    local_done = runtimes[1].store.reprocess(runtimes[1].pipeline.enrich, version, batch_size=7)
    assert done == local_done == len(frame)
    assert runtimes[0].store.model_versions()[-1]["comments"] == len(frame)
    assert _stored(pg_url)[3] == _stored(other_pg_url)[3] and _stored(pg_url)[3]
    # Nothing left on another version: a second run has nothing to do.
    assert reprocess_store(runtimes[0], options=ClusterOptions(actors=1, progress=False))[0] == 0
    for runtime in runtimes:
        runtime.close()
