"""Store-level ingestion: idempotency, per-row errors, one transaction per batch, concurrency, privacy."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from voc_engine.errors import NotFoundError
from voc_engine.store.models import Comment, CommentFlag, CommentTag, Customer, EnrichmentRow, ModelVersion
from voc_engine.store.repository import FeedbackStore


def row(i: int, **extra) -> dict:
    base = {
        "source": "survey",
        "external_id": f"r{i}",
        "text": f"The wait was bad {i}",
        "created_at": "2026-11-20T10:00:00Z",
        "channel": "survey",
        "touchpoint": "checkout",
        "customer_id": f"c{i % 3}",
        "scores": {"nps": i % 11},
    }
    base.update(extra)
    return base


def table_count(store: FeedbackStore, model) -> int:
    with store.read_session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_batch_is_stored_with_enrichment_tags_flags_and_customer(store, enrich):
    results = store.ingest([row(1), row(2, text="I will leave, the price is bad")], enrich)
    assert [r.created for r in results] == [True, True]
    assert all(len(r.id) == 32 for r in results)
    second = results[1].enrichment
    assert second["id"] == results[1].id
    assert second["sentiment"]["label"] == "negative"
    assert [t["name"] for t in second["tags"]] == ["billing"]
    assert second["flags"] == ["churn_intent"]
    assert table_count(store, Comment) == 2
    assert table_count(store, EnrichmentRow) == 2
    assert table_count(store, CommentTag) == 2  # wait_time on the first, billing on the second
    assert table_count(store, CommentFlag) == 1
    assert table_count(store, Customer) == 2
    assert table_count(store, ModelVersion) == 1
    stored = store.get_comment(results[0].id)
    assert stored["journey_stage"] == "purchase"  # from the touchpoint catalogue
    assert stored["scores"] == {"nps": 1}
    assert stored["customer_id"] == store.pii.customer_id("c1")


def test_tagger_scores_are_kept_for_topics_but_not_in_the_record(store, enrich):
    def with_scores(texts, ids):
        enrichments = enrich(texts, ids)
        enrichments[0].tag_scores = {"wait_time": 0.91, "billing": 0.02}
        return enrichments

    first, second = store.ingest([row(1), row(2)], with_scores)
    assert store.read_tag_scores([second.id, first.id]) == [None, {"wait_time": 0.91, "billing": 0.02}]
    assert "tag_scores" not in first.enrichment
    assert "tag_scores" not in store.get_comment(first.id)["enrichment"]
    with pytest.raises(NotFoundError):
        store.read_tag_scores([first.id, "not-a-comment"])


def test_retry_returns_the_same_ids_and_creates_nothing(store, enrich):
    rows = [row(i) for i in range(5)]
    first = store.ingest(rows, enrich)
    again = store.ingest(rows, enrich)
    assert [r.id for r in again] == [r.id for r in first]
    assert [r.created for r in again] == [False] * 5
    assert [r.enrichment for r in again] == [r.enrichment for r in first]
    assert table_count(store, Comment) == 5


def test_duplicates_inside_one_batch_are_stored_once(store, enrich):
    results = store.ingest([row(1), row(2), row(1)], enrich)
    assert results[2].id == results[0].id and results[2].created is False
    assert table_count(store, Comment) == 2


def test_a_key_repeated_in_one_batch_with_other_content_is_an_error(store, enrich):
    results = store.ingest([row(1), row(2), row(1, text="a different text, same key")], enrich)
    assert results[0].created and results[1].created
    assert results[2].id is None and "row 0" in results[2].error
    assert table_count(store, Comment) == 2


def test_rows_without_external_id_are_never_merged(store, enrich):
    results = store.ingest([row(1, external_id=None), row(1, external_id=None)], enrich)
    assert results[0].id != results[1].id
    assert table_count(store, Comment) == 2


def test_bad_rows_are_reported_by_index_and_good_rows_kept(store, enrich):
    rows = [
        row(0),
        {"source": "survey", "text": "   "},
        row(2, scores={"nps": 11}),
        "not an object",
        row(4, channel="carrier_pigeon"),
        row(5, created_at="yesterday"),
        row(6, unknown_field=1),
        row(7),
    ]
    results = store.ingest(rows, enrich)
    assert [r.index for r in results] == list(range(8))
    assert [r.ok for r in results] == [True, False, False, False, False, False, False, True]
    assert results[1].fields[0]["loc"] == ["text"]
    assert "nps" in results[2].error and "0 to 10" in results[2].error
    assert "JSON object" in results[3].error
    assert "unknown channel" in results[4].error
    assert results[5].fields[0]["loc"] == ["created_at"]
    assert results[6].fields[0]["loc"] == ["unknown_field"]
    assert table_count(store, Comment) == 2


def test_score_ranges_follow_the_published_scales(store, enrich):
    # NPS 0-10, CSAT 1-5, CES 1-7 (integers); other numeric KPIs are free.
    good = row(0, scores={"nps": 0, "csat": 5, "ces": 7, "handle_time_s": 312.5})
    bad = [
        row(1, scores={"csat": 0}),
        row(2, scores={"ces": 8}),
        row(3, scores={"nps": 7.5}),
        row(4, scores={"nps": -1}),
    ]
    results = store.ingest([good, *bad], enrich)
    assert results[0].ok and all(not r.ok for r in results[1:])
    assert store.get_comment(results[0].id)["scores"] == {"nps": 0, "csat": 5, "ces": 7, "handle_time_s": 312.5}


def test_a_row_the_pipeline_could_not_score_is_rejected_not_stored(store, enrich):
    def enrich_with_failure(texts, ids):
        out = enrich(texts, ids)
        out[0] = type(out[0]).failed(ids[0], "empty text")
        return out

    results = store.ingest([row(1), row(2)], enrich_with_failure)
    assert not results[0].ok and "empty text" in results[0].error
    assert results[1].ok
    assert table_count(store, Comment) == 1


def test_raw_text_is_not_stored_unless_configured(db_url, settings, enrich):
    text_with_pii = "bad wait, mail me at jane.doe@example.com"
    store = FeedbackStore(db_url, settings)
    comment_id = store.ingest([row(1, text=text_with_pii)], enrich)[0].id
    with store.engine.connect() as connection:
        stored = connection.execute(text("SELECT text_redacted, text_raw FROM comments")).one()
    assert stored.text_raw is None
    assert "jane.doe" not in stored.text_redacted and "[EMAIL]" in stored.text_redacted
    assert store.get_comment(comment_id)["text"] == stored.text_redacted
    store.dispose()

    keep_raw = FeedbackStore(db_url, settings.updated(store_raw_text=True))
    keep_raw.ingest([row(2, text=text_with_pii)], enrich)
    with keep_raw.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT text_raw FROM comments WHERE external_id = 'r2'")).scalar() == text_with_pii
        )
    keep_raw.dispose()


def test_a_failure_inside_the_transaction_leaves_nothing_half_written(db_url, store, enrich):
    # A database-level failure on the 3rd enrichment row of the batch must undo the whole batch,
    # comments included: no comment without its enrichment, ever.
    with store.engine.begin() as connection:
        if store.dialect == "sqlite":
            connection.exec_driver_sql(
                "CREATE TRIGGER fail_third BEFORE INSERT ON enrichments "
                "WHEN (SELECT count(*) FROM enrichments) >= 2 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
            )
        else:
            connection.exec_driver_sql(
                "CREATE FUNCTION fail_third() RETURNS trigger AS $$ BEGIN "
                "IF (SELECT count(*) FROM enrichments) >= 2 THEN RAISE EXCEPTION 'disk on fire'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            connection.exec_driver_sql(
                "CREATE TRIGGER fail_third BEFORE INSERT ON enrichments FOR EACH ROW EXECUTE FUNCTION fail_third()"
            )
    with pytest.raises(Exception, match="disk on fire"):
        store.ingest([row(i) for i in range(5)], enrich)
    assert table_count(store, Comment) == 0
    assert table_count(store, EnrichmentRow) == 0
    assert table_count(store, Customer) == 0
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "DROP TRIGGER fail_third" + (" ON enrichments" if store.dialect == "postgresql" else "")
        )
    assert all(r.created for r in store.ingest([row(i) for i in range(5)], enrich))


def test_concurrent_duplicate_posts_create_one_row(db_url, settings, enrich):
    # Eight writers race to store the same 20 comments (each its own store, as separate processes would).
    rows = [row(i) for i in range(20)]
    stores = [FeedbackStore(db_url, settings) for _ in range(8)]
    barrier = threading.Barrier(len(stores))
    outcomes: list[list] = [None] * len(stores)  # type: ignore[list-item]
    failures: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            plan = stores[k].plan_ingest(rows)
            enrichments = enrich(plan.texts, plan.ids)
            barrier.wait()  # everyone has planned (nobody saw the others' rows): now all commit at once
            outcomes[k] = stores[k].commit_ingest(plan, enrichments)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    assert table_count(stores[0], Comment) == 20
    assert table_count(stores[0], EnrichmentRow) == 20
    for i in range(20):
        ids = {outcomes[k][i].id for k in range(len(stores))}
        assert len(ids) == 1  # every writer got the one stored id
        assert sum(outcomes[k][i].created for k in range(len(stores))) == 1
    for s in stores:
        s.dispose()


def test_ingest_hooks_run_inside_the_transaction(store, enrich):
    seen: list[list[str]] = []

    def record(session, stored):
        seen.append([c.id for c in stored])
        assert all(c.enrichment.redacted_text for c in stored)
        # visible inside the same transaction, before commit
        assert session.scalar(select(func.count()).select_from(Comment)) >= len(stored)
        if any(c.external_id == "r99" for c in stored):
            raise RuntimeError("hook refused")

    store.extensions.add_ingest_hook(record)
    results = store.ingest([row(1), row(2)], enrich)
    assert len(seen) == 1 and set(seen[0]) == {r.id for r in results}
    with pytest.raises(RuntimeError):
        store.ingest([row(99)], enrich)
    assert table_count(store, Comment) == 2  # the hook's failure rolled its batch back


def test_naive_times_are_read_in_the_business_time_zone(db_url, settings, enrich):
    store = FeedbackStore(db_url, settings.updated(business_timezone="Europe/Berlin"))
    comment_id = store.ingest([row(1, created_at="2026-07-01T12:00:00")], enrich)[0].id
    # Berlin is UTC+2 in July (CEST).
    assert store.get_comment(comment_id)["created_at"] == "2026-07-01T10:00:00+00:00"
    store.dispose()


def test_unknown_touchpoints_are_accepted_without_a_stage(store, enrich):
    comment_id = store.ingest([row(1, touchpoint="Drone_Delivery")], enrich)[0].id
    stored = store.get_comment(comment_id)
    assert stored["touchpoint"] == "drone_delivery" and stored["journey_stage"] is None


def test_catalogue_file_replaces_the_default(db_url, settings, tmp_path, enrich):
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text("channels: [kiosk]\njourney_stages:\n  arrive: [gate]\n")
    store = FeedbackStore(db_url, settings.updated(catalogue_file=catalogue))
    ok, bad = store.ingest([row(1, channel="kiosk", touchpoint="gate"), row(2, channel="survey")], enrich)
    assert store.get_comment(ok.id)["journey_stage"] == "arrive"
    assert "unknown channel" in bad.error
    store.dispose()


def test_group_commit_shares_one_transaction_and_isolates_a_failing_request(store, enrich):
    plans = [store.plan_ingest([row(1), row(2)]), store.plan_ingest([row(2), row(3)])]
    batches = [(plan, enrich(plan.texts, plan.ids)) for plan in plans]
    grouped = store.commit_ingest_many(batches)
    # row 2 was new to both requests: stored once, and both get its one id
    assert grouped[0][1].id == grouped[1][0].id
    assert [r.created for r in grouped[0] + grouped[1]].count(True) == 3
    assert table_count(store, Comment) == 3

    def refuse_99(session, stored):
        if any(c.external_id == "r99" for c in stored):
            raise RuntimeError("hook refused")

    store.extensions.add_ingest_hook(refuse_99)
    again = [store.plan_ingest([row(4)]), store.plan_ingest([row(99)])]
    outcomes = store.commit_ingest_many([(p, enrich(p.texts, p.ids)) for p in again])
    assert outcomes[0][0].created and isinstance(outcomes[1], RuntimeError)
    assert table_count(store, Comment) == 4


def test_requests_planned_together_are_each_planned_on_their_own(store, enrich):
    store.ingest([row(1)], enrich)
    first, second = store.plan_ingest_many([[row(1), row(2), row(2)], [row(2), {"source": "survey"}]], [0, 5])
    # r1 is stored: both see it; r2 is new to each request, repeated within the first
    assert first.existing == {0: store.plan_ingest([row(1)]).existing[0]}
    assert [p.index for p in first.new] == [1] and first.same_as == {2: 1}
    assert [p.index for p in second.new] == [5] and list(second.rejected) == [6]
    assert "text" in second.rejected[6].error
    assert first.new[0].id != second.new[0].id


def test_group_commit_runs_each_hook_once_with_every_request_s_comments(store, enrich):
    calls: list[list[str]] = []

    def record(session, stored):
        calls.append(sorted(c.external_id for c in stored))

    store.extensions.add_ingest_hook(record)
    plans = [store.plan_ingest([row(1), row(2)]), store.plan_ingest([row(3)]), store.plan_ingest([row(1)])]
    outcomes = store.commit_ingest_many([(p, enrich(p.texts, p.ids)) for p in plans])
    assert calls == [["r1", "r2", "r3"]]  # one transaction, one call; r1 stored once
    assert [r.created for r in outcomes[0] + outcomes[1] + outcomes[2]] == [True, True, True, False]
    assert outcomes[2][0].id == outcomes[0][0].id


def test_an_enrichment_that_cannot_be_serialised_fails_its_row_not_the_batch(store, enrich):
    import numpy as np

    def enrich_with_defect(texts, ids):
        out = enrich(texts, ids)
        out[1].truncated = np.bool_(True)  # not JSON-serialisable: a pipeline defect
        return out

    results = store.ingest([row(1), row(2), row(3)], enrich_with_defect)
    assert [r.ok for r in results] == [True, False, True]
    assert "not serialisable" in results[1].error
    assert table_count(store, Comment) == 2
