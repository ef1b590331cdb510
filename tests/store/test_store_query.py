"""Reading back: filters, cursor pagination, stats in SQL, the analysis frame, embeddings, export."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pandas as pd
import pytest

from voc_engine.errors import NotFoundError
from voc_engine.store.export import export_comments
from voc_engine.store.frame import FRAME_COLUMNS
from voc_engine.store.query import InvalidCursorError
from voc_engine.store.repository import CommentFilter, FeedbackStore
from voc_engine.store.stats import InvalidStatsRequestError

# Twelve survey answers. By touchpoint, NPS = % promoters (9-10) - % detractors (0-6):
#   checkout: 10, 9, 9, 8, 7, 6, 3, 0  -> 3 promoters, 2 passives, 3 detractors of 8 -> NPS 0
#   delivery: 10, 10, 9, 2             -> 3 promoters, 1 detractor of 4           -> NPS +50
ANSWERS = [
    ("checkout", 10, "great service", "2026-11-16T09:00:00Z"),  # Monday of ISO week 47
    ("checkout", 9, "great staff", "2026-11-17T09:00:00Z"),
    ("checkout", 9, "ok I guess", "2026-11-18T09:00:00Z"),
    ("checkout", 8, "ok wait", "2026-11-19T09:00:00Z"),
    ("checkout", 7, "fine", "2026-11-20T09:00:00Z"),
    ("checkout", 6, "bad wait", "2026-11-21T09:00:00Z"),
    ("checkout", 3, "awful wait and bad price", "2026-11-22T23:30:00Z"),  # Sunday: still week 47
    ("checkout", 0, "bad, I will leave", "2026-11-23T00:30:00Z"),  # Monday: week 48
    ("delivery", 10, "great", "2026-11-23T10:00:00Z"),
    ("delivery", 10, "great driver", "2026-11-24T10:00:00Z"),
    ("delivery", 9, "great", "2026-11-25T10:00:00Z"),
    ("delivery", 2, "bad price, mail a@b.com", "2026-11-26T10:00:00Z"),
]


@pytest.fixture
def filled(store: FeedbackStore, enrich) -> list[str]:
    rows = [
        {
            "source": "survey",
            "external_id": f"a{i}",
            "text": text,
            "created_at": when,
            "touchpoint": tp,
            "channel": "survey" if i % 2 == 0 else "web",
            "customer_id": f"cust{i % 4}",
            "segment": "gold" if i < 6 else "basic",
            "scores": {"nps": nps, "csat": 1 + i % 5},
        }
        for i, (tp, nps, text, when) in enumerate(ANSWERS)
    ]
    results = store.ingest(rows, enrich)
    assert all(r.created for r in results)
    return [r.id for r in results]


def test_stats_nps_by_touchpoint_matches_the_definition(store, filled):
    result = store.stats(period="month", by="touchpoint")
    rows = {r["group"]: r for r in result.rows}
    assert rows["checkout"]["period"] == "2026-11"
    assert (rows["checkout"]["promoters"], rows["checkout"]["passives"], rows["checkout"]["detractors"]) == (3, 2, 3)
    assert rows["checkout"]["nps_index"] == pytest.approx(0.0)
    assert rows["delivery"]["nps_index"] == pytest.approx(50.0)
    assert rows["delivery"]["mean_ltr"] == pytest.approx((10 + 10 + 9 + 2) / 4)
    assert rows["checkout"]["comments"] == 8
    # sentiment mix of the checkout texts: great x2, ok x2, fine, bad x3
    assert (rows["checkout"]["negative"], rows["checkout"]["neutral"], rows["checkout"]["positive"]) == (3, 2, 3)
    assert result.to_frame().shape == (2, 23)
    assert "checkout" in result.summary()


def test_stats_intervals_are_the_textbook_ones(store, filled):
    """95 % intervals. NPS: nps +- z * sqrt((p + d - (p - d)^2) / n), z = 1.95996, capped at
    +-100. CSAT: mean +- t(0.975, n - 1) * s / sqrt(n), with t(0.975, 7) = 2.3646 (tables)."""
    rows = {r["group"]: r for r in store.stats(period="month", by="touchpoint").rows}
    checkout, delivery = rows["checkout"], rows["delivery"]
    # checkout: p = d = 3/8, variance (6/8) / 8 = 0.09375, half-width 1.95996 * 0.30619 = 0.60011
    assert (checkout["nps_ci_low"], checkout["nps_ci_high"]) == (pytest.approx(-60.011, abs=1e-3),
                                                                 pytest.approx(60.011, abs=1e-3))
    # delivery: p = 3/4, d = 1/4, variance (1 - 1/4) / 4 = 0.1875, half 0.84869; the top is capped
    assert (delivery["nps_ci_low"], delivery["nps_ci_high"]) == (pytest.approx(50 - 84.869, abs=1e-3), 100.0)
    # checkout CSAT answers 1, 2, 3, 4, 5, 1, 2, 3: mean 2.625, s^2 = 13.875 / 7, s / sqrt(8) = 0.49776
    assert checkout["csat_responses"] == 8
    assert checkout["csat_ci_low"] == pytest.approx(2.625 - 2.3646 * 0.49776, abs=1e-3)
    assert checkout["csat_ci_high"] == pytest.approx(2.625 + 2.3646 * 0.49776, abs=1e-3)
    # no CES answers: no interval
    assert checkout["ces_responses"] == 0 and checkout["ces_ci_low"] is None


def test_stats_weeks_start_on_monday(store, filled):
    rows = store.stats(period="week", by=None).rows
    # 2026-11-16 is the Monday of ISO week 47; 2026-11-22 its Sunday; 2026-11-23 opens week 48.
    assert [(r["period"], r["comments"]) for r in rows] == [("2026-W47", 7), ("2026-W48", 5)]


def test_stats_periods_follow_the_business_time_zone(db_url, settings, filled):
    # 2026-11-23T00:30Z is still Sunday 22 November 19:30 in New York (UTC-5 in November).
    store = FeedbackStore(db_url, settings.updated(business_timezone="America/New_York"))
    weeks = [(r["period"], r["comments"]) for r in store.stats(period="week").rows]
    assert weeks == [("2026-W47", 8), ("2026-W48", 4)]
    days = {r["period"]: r["comments"] for r in store.stats(period="day").rows}
    assert days["2026-11-22"] == 2 and "2026-11-26" in days
    store.dispose()


def test_stats_by_tag_counts_each_tagged_comment_in_its_tag(store, filled):
    rows = {r["group"]: r for r in store.stats(period="month", by="tag").rows}
    assert rows["wait_time"]["comments"] == 3  # "ok wait", "bad wait", "awful wait and bad price"
    assert rows["billing"]["comments"] == 2
    assert rows["billing"]["negative"] == 2


def test_stats_respect_filters_and_reject_unknown_dimensions(store, filled):
    rows = store.stats(CommentFilter(channel=["web"]), period="month", by="channel").rows
    assert [(r["group"], r["comments"]) for r in rows] == [("web", 6)]
    with pytest.raises(InvalidStatsRequestError):
        store.stats(by="colour")
    with pytest.raises(InvalidStatsRequestError):
        store.stats(period="fortnight")


@pytest.mark.parametrize(
    "filters, expected",
    [
        (CommentFilter(touchpoint=["delivery"]), 4),
        (CommentFilter(tag=["wait_time"]), 3),
        (CommentFilter(tag=["wait_time", "billing"]), 4),
        (CommentFilter(flag=["churn_intent"]), 1),
        (CommentFilter(sentiment=["negative"]), 4),
        (CommentFilter(sentiment_max=-0.5), 4),
        (CommentFilter(nps_min=9), 6),
        (CommentFilter(nps_min=0, nps_max=6), 4),
        (CommentFilter(csat_min=5), 2),
        (CommentFilter(text_contains="GREAT"), 5),
        (CommentFilter(text_contains="%"), 0),  # a LIKE wildcard is matched literally
        (CommentFilter(since=datetime(2026, 11, 23, tzinfo=timezone.utc)), 5),
        (CommentFilter(until=datetime(2026, 11, 23, tzinfo=timezone.utc)), 7),
        (CommentFilter(segment=["gold"], channel=["survey"]), 3),
        (CommentFilter(customer_id="cust1"), 3),
        (CommentFilter(source=["other"]), 0),
    ],
)
def test_filters(store, filled, filters, expected):
    assert store.count_comments(filters) == expected
    assert len(store.list_comments(filters, limit=100).items) == expected


def test_cursor_pagination_visits_every_comment_once_newest_first(store, filled):
    seen, cursor, pages = [], None, 0
    while True:
        page = store.list_comments(limit=5, cursor=cursor)
        seen.extend(item["id"] for item in page.items)
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == 3 and sorted(seen) == sorted(filled) and len(seen) == len(set(seen))
    created = [store.get_comment(i)["created_at"] for i in seen]
    assert created == sorted(created, reverse=True)
    with pytest.raises(InvalidCursorError):
        store.list_comments(cursor="not-a-cursor")


def test_pagination_is_stable_when_many_share_a_timestamp(store, enrich):
    rows = [
        {"source": "s", "external_id": str(i), "text": "same time", "created_at": "2026-01-01T00:00:00Z"}
        for i in range(7)
    ]
    store.ingest(rows, enrich)
    first = store.list_comments(limit=3)
    second = store.list_comments(limit=3, cursor=first.next_cursor)
    third = store.list_comments(limit=3, cursor=second.next_cursor)
    ids = [i["id"] for p in (first, second, third) for i in p.items]
    assert len(ids) == 7 == len(set(ids)) and third.next_cursor is None


def test_get_comment_returns_the_contract_shape(store, filled):
    item = store.get_comment(filled[11])
    assert item["text"] == "bad price, mail [EMAIL]"
    assert item["enrichment"]["redacted_text"] == item["text"]
    assert set(item["enrichment"]) >= {
        "id",
        "language",
        "redacted_text",
        "sentiment",
        "sentences",
        "tags",
        "flags",
        "model_version",
        "error",
    }
    with pytest.raises(NotFoundError):
        store.get_comment("0" * 32)


def test_analysis_frame_columns_and_types(store, filled):
    frame = store.read_frame()
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert len(frame) == 12
    assert isinstance(frame["created_at"].dtype, pd.DatetimeTZDtype) and str(frame["created_at"].dt.tz) == "UTC"
    assert frame["created_at"].is_monotonic_increasing
    assert str(frame["nps"].dtype) == "Int64"
    worst = frame.loc[frame["id"] == filled[6]].iloc[0]
    assert worst["nps"] == 3 and worst["sentiment_label"] == "negative"
    assert [t["name"] for t in worst["tags"]] == ["wait_time", "billing"]  # by confidence
    assert set(worst["tags"][0]) == {"name", "confidence", "sentiment"}
    assert frame.loc[frame["id"] == filled[7], "flags"].iloc[0] == ["churn_intent"]
    delivery = store.read_frame(CommentFilter(touchpoint=["delivery"]))
    assert set(delivery["id"]) == set(filled[8:])


def test_embeddings_round_trip_in_float16(store, filled, enrich):
    texts = [a[2] for a in ANSWERS]
    original = np.stack([e.embedding for e in enrich(texts, filled)])
    stored = store.read_embeddings(filled[::-1])
    assert stored.dtype == np.float32 and stored.shape == (12, 384)
    # float16 keeps 11 significant bits: relative error <= 2**-11 for normal values
    np.testing.assert_allclose(stored[::-1], original, rtol=2**-10, atol=1e-4)
    with pytest.raises(NotFoundError):
        store.read_embeddings([filled[0], "f" * 32])


def test_export_csv_and_parquet(store, filled, tmp_path):
    assert export_comments(store, tmp_path / "all.csv") == 12
    csv_frame = pd.read_csv(tmp_path / "all.csv")
    assert len(csv_frame) == 12 and "a@b.com" not in (tmp_path / "all.csv").read_text()
    assert export_comments(store, tmp_path / "tp.parquet", filters=CommentFilter(touchpoint=["delivery"])) == 4
    parquet = pd.read_parquet(tmp_path / "tp.parquet")
    assert sorted(parquet["nps"].tolist()) == [2, 9, 10, 10]
    assert str(parquet["created_at"].dt.tz) == "UTC"
    assert export_comments(store, tmp_path / "none.parquet", filters=CommentFilter(source=["x"])) == 0
    assert len(pd.read_parquet(tmp_path / "none.parquet")) == 0


def test_erasure_removes_everything_about_the_customer(store, filled, enrich):
    before = store.count_comments()
    theirs = store.count_comments(CommentFilter(customer_id="cust3"))
    report = store.erase_customer("cust3", actor="key:1:test")
    assert report.comments == theirs == 3
    assert store.count_comments() == before - theirs
    assert store.count_comments(CommentFilter(customer_id="cust3")) == 0
    with store.engine.connect() as connection:
        for table in ("enrichments", "comment_tags", "comment_flags"):
            orphans = connection.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE comment_id NOT IN (SELECT id FROM comments)"
            ).scalar()
            assert orphans == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM customers WHERE external_id = 'cust3'").scalar() == 0
    audit = store.audit_log()
    assert audit[0]["action"] == "erase_customer" and audit[0]["actor"] == "key:1:test"
    assert "cust3" not in str(audit)  # the audit names the customer by hash only
    with pytest.raises(NotFoundError):
        store.erase_customer("cust3", actor="x")
    # replaying the erased comments does not bring them back
    again = store.ingest([{"source": "survey", "external_id": "a3", "text": "ok wait"}], enrich)
    assert "erased" in again[0].error


def test_reprocess_re_enriches_only_other_model_versions(store, filled, enrich):
    def new_model(texts, ids):
        return enrich(texts, ids, model_version="encoder:test;sentiment:t2")

    assert store.reprocess(new_model, "encoder:test;sentiment:t2") == 12
    assert store.count_comments(CommentFilter(model_version="encoder:test;sentiment:t2")) == 12
    assert store.reprocess(new_model, "encoder:test;sentiment:t2") == 0
    assert store.count_comments(CommentFilter(tag=["wait_time"])) == 3  # tags rebuilt, not doubled
    versions = {v["version"]: v["comments"] for v in store.model_versions()}
    assert versions == {"encoder:test;sentiment:t1": 0, "encoder:test;sentiment:t2": 12}


def test_a_list_of_comment_ids_limits_listing_counting_and_export(store, filled, tmp_path):
    chosen = [filled[1], filled[4], filled[9]]
    only = CommentFilter(comment_ids=chosen + [chosen[0]])  # a repeat changes nothing
    page = store.list_comments(only, limit=10)
    # newest first: ANSWERS 9 (11-24), 4 (11-20), 1 (11-17)
    assert [c["id"] for c in page.items] == [filled[9], filled[4], filled[1]]
    assert store.count_comments(CommentFilter(comment_ids=chosen, touchpoint=["checkout"])) == 2
    assert store.count_comments(CommentFilter(comment_ids=[])) == 0
    assert export_comments(store, tmp_path / "few.csv", filters=only) == 3
