"""The store's periods (SQL, SQLite and PostgreSQL) are the pandas periods of the charts and reports."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from voc_engine.periods import label_times
from voc_engine.store.repository import FeedbackStore

# Around the end of 2026 (which has an ISO week 53) and a Monday midnight, in several zones.
TIMES = [
    "2026-12-27T23:30:00Z",
    "2026-12-28T00:30:00Z",
    "2026-12-31T20:00:00Z",
    "2027-01-01T03:00:00Z",
    "2027-01-03T20:00:00Z",
    "2027-01-04T02:00:00Z",
    "2027-01-31T23:59:00Z",
    "2027-02-01T00:01:00Z",
]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/New_York", "Asia/Kolkata"])
def test_stats_in_sql_and_labels_in_pandas_agree(db_url, settings, enrich, zone):
    store = FeedbackStore(db_url, settings.model_copy(update={"business_timezone": zone}))
    try:
        rows = [{"source": "s", "external_id": str(i), "text": "fine", "created_at": when}
                for i, when in enumerate(TIMES)]
        assert all(r.created for r in store.ingest(rows, enrich))
        times = pd.Series(pd.to_datetime(TIMES, utc=True))
        for period in ("day", "week", "month"):
            in_sql = [(r["period"], r["comments"]) for r in store.stats(period=period).rows]
            in_pandas = sorted(Counter(label_times(times, period, zone)).items())
            assert in_sql == in_pandas, period
    finally:
        store.dispose()


def test_weeks_of_the_store_are_iso_weeks(db_url, settings, enrich):
    store = FeedbackStore(db_url, settings.model_copy(update={"business_timezone": "Asia/Tokyo"}))
    try:
        rows = [{"source": "s", "external_id": str(i), "text": "fine", "created_at": when}
                for i, when in enumerate(TIMES)]
        store.ingest(rows, enrich)
        weeks = [(r["period"], r["comments"]) for r in store.stats(period="week").rows]
        # Tokyo is UTC+9: 2026-12-27T23:30Z is Monday 28 Dec, the first day of ISO week 2026-W53;
        # 2027-01-03T20:00Z is Monday 4 Jan, 2027-W01; 2027-02-01T00:01Z is still Monday, 2027-W05.
        assert weeks == [("2026-W53", 4), ("2027-W01", 2), ("2027-W05", 2)]
    finally:
        store.dispose()
