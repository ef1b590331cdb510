"""Period series from a hand-built comment frame; every expected number is counted by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from voc_engine.spc.charts import SeriesError
from voc_engine.spc.series import period_series


@pytest.fixture()
def comments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "created_at": pd.to_datetime(
                [
                    "2025-12-29T10:00Z",  # Monday of ISO week 2026-W01
                    "2026-01-01T12:00Z",
                    "2026-01-04T23:30Z",  # Sunday in UTC, already Monday 00:30 in Berlin
                    "2026-01-06T08:00Z",
                    "2026-01-06T09:00Z",
                    "2026-01-20T09:00Z",  # W04; nothing in W03
                ],
                utc=True,
            ),
            "touchpoint": ["web", "app", "web", "web", "app", "web"],
            "channel": "survey",
            "segment": "retail",
            "sentiment_label": ["negative", "positive", None, "negative", "neutral", "negative"],
            "nps": [3, 10, np.nan, 9, 7, 0],
            "csat": [2, 5, 4, np.nan, 3, 1],
            "tags": [["price", "delivery"], ["price"], [], ["delivery"], ["price", "price"], ["staff"]],
        }
    )


def _column(series: pd.DataFrame, column: str) -> list:
    return series[column].tolist()


def test_iso_weeks_are_complete_and_labelled(comments):
    series = period_series(comments, "volume")
    assert _column(series, "period") == ["2026-W01", "2026-W02", "2026-W03", "2026-W04"]
    assert _column(series, "value") == [3, 2, 0, 1]
    assert series["period_start"].iloc[0] == pd.Timestamp("2025-12-29", tz="UTC")
    assert series.attrs["chart"] == "xmr"


def test_time_zone_moves_a_comment_into_the_next_local_week(comments):
    series = period_series(comments, "volume", tz="Europe/Berlin")
    assert _column(series, "value") == [2, 3, 0, 1]
    assert series["period_start"].iloc[1] == pd.Timestamp("2026-01-05", tz="Europe/Berlin")


def test_negative_rate_counts_negatives_among_labelled_comments(comments):
    series = period_series(comments, "negative_rate")
    assert _column(series, "count") == [1, 1, 0, 1]
    assert _column(series, "size") == [2, 2, 0, 1]
    assert series["value"].iloc[[0, 1, 3]].tolist() == [0.5, 0.5, 1.0]
    assert np.isnan(series["value"].iloc[2])
    assert series.attrs["chart"] == "laney-p"


def test_detractor_rate_and_nps(comments):
    detractors = period_series(comments, "detractor_rate")
    assert _column(detractors, "count") == [1, 0, 0, 1]
    assert _column(detractors, "size") == [2, 2, 0, 1]
    nps = period_series(comments, "nps")
    # W01: one promoter (10), one detractor (3); W02: one promoter (9), one passive (7)
    assert nps["value"].iloc[[0, 1, 3]].tolist() == [0.0, 50.0, -100.0]
    assert _column(nps, "promoters") == [1, 1, 0, 0]


def test_csat_mean_has_respondent_level_spread(comments):
    series = period_series(comments, "csat_mean")
    assert _column(series, "size") == [3, 1, 0, 1]
    assert series["value"].iloc[0] == pytest.approx(11 / 3)
    assert series["std"].iloc[0] == pytest.approx(np.std([2, 5, 4], ddof=1))
    assert np.isnan(series["std"].iloc[1])


def test_tag_rate_is_mentions_per_hundred_comments(comments):
    series = period_series(comments, "tag_rate", tag="price")
    assert _column(series, "count") == [2, 1, 0, 0]  # a tag listed twice counts once
    assert series["value"].iloc[0] == pytest.approx(200 / 3)
    assert series["value"].iloc[1] == pytest.approx(50.0)
    assert series["size"].iloc[0] == pytest.approx(0.03)


def test_by_tag_uses_every_comment_of_the_period_as_denominator(comments):
    series = period_series(comments, "tag_rate", by="tag")
    w01 = series[series["period"] == "2026-W01"].set_index("tag")["value"]
    assert w01["price"] == pytest.approx(200 / 3)
    assert w01["delivery"] == pytest.approx(100 / 3)
    assert w01["staff"] == 0
    assert sorted(series["tag"].unique()) == ["delivery", "price", "staff"]
    assert len(series) == 3 * 4


def test_by_touchpoint_gives_every_group_every_period(comments):
    series = period_series(comments, "negative_rate", by="touchpoint")
    assert list(series.columns[:2]) == ["touchpoint", "period"]
    web = series[series["touchpoint"] == "web"]
    assert _column(web, "count") == [1, 1, 0, 1]
    assert _column(web, "size") == [1, 1, 0, 1]
    app = series[series["touchpoint"] == "app"]
    assert _column(app, "size") == [1, 1, 0, 0]
    assert series.attrs["by"] == "touchpoint"


def test_day_and_month_labels(comments):
    assert _column(period_series(comments, "volume", period="month"), "period") == ["2025-12", "2026-01"]
    days = period_series(comments, "volume", period="day")
    assert days["period"].iloc[0] == "2025-12-29"
    assert len(days) == 23  # 29 Dec .. 20 Jan


def test_naive_timestamps_are_taken_as_utc(comments):
    comments["created_at"] = comments["created_at"].dt.tz_localize(None)
    assert _column(period_series(comments, "volume"), "value") == [3, 2, 0, 1]


def test_bad_values_name_row_and_column(comments):
    comments.loc[4, "nps"] = 11
    with pytest.raises(SeriesError, match=r"row 4.*'nps'"):
        period_series(comments, "nps")
    with pytest.raises(SeriesError, match="'csat'"):
        period_series(comments.drop(columns="csat"), "csat_mean")
    with pytest.raises(SeriesError, match="tag"):
        period_series(comments, "tag_rate")
    with pytest.raises(SeriesError, match="time zone"):
        period_series(comments, "volume", tz="Mars/Olympus")


def test_store_shaped_frame_with_tag_dicts_and_nullable_integers(comments):
    """The store hands tags as dicts and NPS/CSAT as pandas Int64 with <NA>."""
    store_like = comments.assign(
        tags=[[{"name": name, "confidence": 0.9, "sentiment": None} for name in tags] for tags in comments["tags"]],
        nps=comments["nps"].astype("Int64"),
        csat=comments["csat"].astype("Int64"),
    )
    assert _column(period_series(store_like, "tag_rate", tag="price"), "count") == [2, 1, 0, 0]
    by_tag = period_series(store_like, "volume", by="tag")
    assert by_tag[by_tag["period"] == "2026-W01"].set_index("tag")["value"].to_dict() == {
        "delivery": 1, "price": 2, "staff": 0
    }
    assert _column(period_series(store_like, "detractor_rate"), "size") == [2, 2, 0, 1]
    assert period_series(store_like, "csat_mean")["value"].iloc[0] == pytest.approx(11 / 3)
