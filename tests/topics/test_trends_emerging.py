"""Topic trends per period and emerging-topic alerts (rate-ratio test against a trailing baseline)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest

from voc_engine.errors import InputFileError
from voc_engine.topics.emerging import emerging_topics, rate_increase_pvalue
from voc_engine.topics.trends import topic_trends

LABELS = {0: "lost luggage", 1: "refund", 2: "app errors"}


def weekly_comments(counts_per_week: list[dict[int, int]], start="2026-01-05", seed=0) -> pd.DataFrame:
    """Comments spread over each week (Monday start), sentiment -0.5 for topic 1, +0.2 otherwise."""
    rng = np.random.default_rng(seed)
    rows = []
    for week, counts in enumerate(counts_per_week):
        monday = pd.Timestamp(start, tz="UTC") + pd.Timedelta(weeks=week)
        for topic, n in counts.items():
            for _ in range(n):
                rows.append({"created_at": monday + pd.Timedelta(minutes=int(rng.integers(0, 7 * 24 * 60))),
                             "topic": topic, "sentiment_score": -0.5 if topic == 1 else 0.2})
    return pd.DataFrame(rows)


def test_trends_count_share_and_sentiment_per_iso_week():
    comments = weekly_comments([{0: 3, 1: 1}, {}, {0: 1, 1: 3, -1: 1}])  # an empty week in the middle
    trends = topic_trends(comments, LABELS, period="week", tz="UTC")
    # 2026-01-05 is the Monday of ISO week 2 of 2026 (ISO 8601: week 1 holds the first Thursday)
    assert trends.periods == ["2026-W02", "2026-W03", "2026-W04"]
    counts = trends.pivot("count")
    assert counts[0].tolist() == [3, 0, 1] and counts[1].tolist() == [1, 0, 3] and counts[2].tolist() == [0, 0, 0]
    assert counts[-1].tolist() == [0, 0, 1]
    shares = trends.pivot("share")
    assert shares.loc["2026-W04", 1] == pytest.approx(3 / 5)
    assert trends.pivot("mean_sentiment").loc["2026-W02", 1] == pytest.approx(-0.5)
    assert np.isnan(trends.pivot("mean_sentiment").loc["2026-W03", 0])
    document = trends.to_dict()
    assert [p["total"] for p in document["periods"]] == [4, 0, 5]
    assert {t["id"] for t in document["topics"]} == {-1, 0, 1, 2}
    assert "lost luggage" in trends.summary()


def test_iso_weeks_across_the_year_end():
    comments = pd.DataFrame({"created_at": ["2026-12-31T12:00:00Z", "2027-01-04T08:00:00Z"], "topic": [0, 0]})
    trends = topic_trends(comments, LABELS, period="week", tz="UTC", sentiment_col=None)
    # 2026 has 53 ISO weeks: Thursday 2026-12-31 is in 2026-W53, Monday 2027-01-04 starts 2027-W01
    assert trends.periods == ["2026-W53", "2027-W01"]


def test_trends_reject_bad_input():
    with pytest.raises(InputFileError, match="topic"):
        topic_trends(pd.DataFrame({"created_at": ["2026-01-01"]}), LABELS)
    with pytest.raises(InputFileError, match="period"):
        topic_trends(pd.DataFrame({"created_at": ["2026-01-01"], "topic": [0]}), LABELS, period="hour")
    with pytest.raises(InputFileError, match="row 1"):
        topic_trends(pd.DataFrame({"created_at": ["2026-01-01", "2026-01-02"], "topic": [0, "x"]}), LABELS)


def test_rate_test_matches_the_exact_binomial_test():
    # Conditional on x1 + x0, x1 is Binomial(x1 + x0, n1 / (n1 + n0)) when the rates are equal.
    assert rate_increase_pvalue(5, 100, 0, 100) == pytest.approx(0.5 ** 5)  # = 1/32
    for x1, n1, x0, n0 in [(30, 1000, 40, 4000), (12, 300, 25, 1200), (3, 50, 9, 200)]:
        expected = binomtest(x1, x1 + x0, n1 / (n1 + n0), alternative="greater").pvalue
        assert rate_increase_pvalue(x1, n1, x0, n0) == pytest.approx(expected, rel=1e-9)
    assert rate_increase_pvalue(0, 0, 5, 100) == 1.0


def _poisson_weeks(rng, weeks: int, rates: dict[int, float], surge: dict[int, float] | None = None):
    counts = [{t: int(rng.poisson(r)) for t, r in rates.items()} for _ in range(weeks)]
    if surge:
        counts[-1] = {t: int(rng.poisson(surge.get(t, r))) for t, r in rates.items()}
    return counts


def test_a_planted_surge_is_an_alert():
    rng = np.random.default_rng(3)
    counts = _poisson_weeks(rng, 10, {0: 40, 1: 40, 2: 10}, surge={2: 45})
    trends = topic_trends(weekly_comments(counts), LABELS)
    result = emerging_topics(trends)
    alerts = result.alerts
    assert [a["topic"] for a in alerts] == [2]
    assert alerts[0]["period"] == trends.periods[-1] and alerts[0]["ratio"] > 3
    assert "app errors" in alerts[0]["message"] and "app errors" in result.summary()


def test_flat_series_raise_no_alert():
    for seed in range(5):
        counts = _poisson_weeks(np.random.default_rng(seed), 10, {0: 40, 1: 40, 2: 10})
        result = emerging_topics(topic_trends(weekly_comments(counts, seed=seed), LABELS), test_periods=None)
        assert result.alerts == [], seed


def test_more_volume_overall_is_not_growth():
    # every topic doubles in the last week: the shares stay put
    counts = [{0: 40, 1: 40, 2: 10}] * 6 + [{0: 80, 1: 80, 2: 20}]
    assert emerging_topics(topic_trends(weekly_comments(counts), LABELS)).alerts == []


def test_a_brand_new_topic_is_flagged_new():
    counts = [{0: 40, 1: 40, 2: 0}] * 6 + [{0: 40, 1: 40, 2: 15}]
    alerts = emerging_topics(topic_trends(weekly_comments(counts), LABELS)).alerts
    assert len(alerts) == 1 and alerts[0]["topic"] == 2 and alerts[0]["new"] and alerts[0]["ratio"] is None


def test_holm_adjustment_matches_statsmodels():
    from statsmodels.stats.multitest import multipletests

    from voc_engine.topics.emerging import holm_adjusted

    p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04]
    assert holm_adjusted(p) == pytest.approx(multipletests(p, method="holm")[1])


def test_a_span_shorter_than_the_baseline_gives_trends_without_tests_and_says_why():
    # Nine days of tweets per week: two periods, one short of a baseline and a tested week.
    trends = topic_trends(weekly_comments([{0: 30, 1: 20}, {0: 5, 1: 40}]), LABELS)
    result = emerging_topics(trends)
    assert result.alerts == [] and result.to_frame().empty
    assert result.status == {"tested": False, "reason": result.not_tested}
    assert "span 2 weeks" in result.not_tested and "at least 3" in result.not_tested
    assert "not tested" in result.summary()
    trends.attach(result)
    document = trends.to_dict()
    assert document["alerts"] == [] and document["emerging"]["tested"] is False
    assert "emerging topics not tested: the comments span 2 weeks" in trends.summary()
    # With enough periods the same detection tests, and says so.
    tested = emerging_topics(topic_trends(weekly_comments([{0: 30, 1: 20}] * 4), LABELS))
    assert tested.status == {"tested": True, "reason": None} and not tested.to_frame().empty


def test_unreadable_and_missing_times_are_reported_per_row_not_fatal():
    from voc_engine.topics.trends import read_times

    values = pd.Series(["2015-02-24 11:35:52 -0800", "&lt", None, "", "2015-02-17 09:18:29 -0800",
                        "[30.35, -87.27]"])
    times, problems = read_times(values, "created_at")
    assert times.isna().tolist() == [False, True, True, True, False, True]
    assert times.iloc[0] == pd.Timestamp("2015-02-24 19:35:52", tz="UTC")
    assert [(p["row"], p["reason"]) for p in problems] == [
        (1, "not a timestamp"), (2, "no time"), (3, "no time"), (5, "not a timestamp")]
    assert problems[0]["value"] == "&lt" and problems[0]["column"] == "created_at"
    # Timestamps already parsed (the store's, naive UTC) come through as they are.
    parsed, none = read_times(pd.Series(pd.to_datetime(["2026-01-05 10:00", "2026-01-06 11:00"])), "t")
    assert none == [] and str(parsed.dt.tz) == "UTC"
