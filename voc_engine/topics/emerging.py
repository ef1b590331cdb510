"""Emerging topics: a topic's share of feedback in a period against its trailing baseline.

For each topic, the count ``x1`` among the ``n1`` comments of the tested period is compared
with the count ``x0`` among the ``n0`` comments of the ``baseline_periods`` before it, as two
Poisson rates per comment (statsmodels ``test_poisson_2indep``; by default the exact conditional
test, i.e. the binomial test of ``x1`` out of ``x1 + x0`` with ``p = n1 / (n1 + n0)``). Testing
the rate per comment rather than the raw count keeps a busy week or a half-finished current
week from looking like growth. P-values are adjusted over the topics tested in a period (Holm
). An alert needs a significant adjusted p-value, at least ``min_count`` comments
and a rate ratio of at least ``min_ratio``; a topic with no baseline mention at all is "new".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.rates import test_poisson_2indep

from voc_engine.errors import VocError
from voc_engine.topics.fit import OUTLIER
from voc_engine.topics.trends import TopicTrends

DEFAULT_MIN_BASELINE = 2
TEST_COLUMNS = ["topic", "label", "period", "count", "total", "baseline_count", "baseline_total",
                "share", "baseline_share", "ratio", "p_value", "p_adjusted", "alert", "new"]


@dataclass
class EmergingTopics:
    """Every test made (``to_frame``) and the alerts among them (``alerts``)."""

    tests: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)
    # Why no period was tested (too short a span for a baseline); None when tests were made.
    not_tested: str | None = None

    @property
    def alerts(self) -> list[dict[str, Any]]:
        if self.tests.empty:
            return []
        flagged = self.tests[self.tests["alert"].astype(bool)].sort_values(["period", "p_adjusted", "topic"])
        return [_alert_record(row) for row in flagged.to_dict("records")]

    @property
    def status(self) -> dict[str, Any]:
        """Whether emerging topics were tested, and if not why: what the trends output carries."""
        return {"tested": self.not_tested is None, "reason": self.not_tested}

    def to_frame(self) -> pd.DataFrame:
        return self.tests.copy()

    def to_dict(self) -> dict[str, Any]:
        return {"params": self.params, **self.status, "alerts": self.alerts}

    def summary(self) -> str:
        if self.not_tested is not None:
            return f"Emerging topics: not tested: {self.not_tested}"
        alerts = self.alerts
        periods = sorted(set(self.tests["period"])) if len(self.tests) else []
        head = (f"Emerging topics: {len(alerts)} alert(s) over {len(periods)} tested period(s) "
                f"(baseline {self.params.get('baseline_periods')} periods, alpha {self.params.get('alpha')})")
        return "\n".join([head] + [f"  {a['message']}" for a in alerts])


def _alert_record(row: dict[str, Any]) -> dict[str, Any]:
    ratio = row["ratio"]
    growth = "new topic" if row["new"] else f"{ratio:.1f}x its baseline share"
    message = (f"[{row['period']}] topic {row['topic']} '{row['label']}': {row['count']} of {row['total']} "
               f"comments ({row['share']:.1%}), {growth} ({row['baseline_share']:.1%}); "
               f"p={row['p_adjusted']:.2g}")
    return {
        "topic": int(row["topic"]), "label": row["label"], "period": row["period"],
        "count": int(row["count"]), "total": int(row["total"]),
        "baseline_count": int(row["baseline_count"]), "baseline_total": int(row["baseline_total"]),
        "share": round(float(row["share"]), 6), "baseline_share": round(float(row["baseline_share"]), 6),
        "ratio": None if not np.isfinite(ratio) else round(float(ratio), 4),
        "p_value": float(row["p_value"]), "p_adjusted": float(row["p_adjusted"]),
        "new": bool(row["new"]), "message": message,
    }


def holm_adjusted(p_values: list[float]) -> np.ndarray:
    """Holm's step-down adjusted p-values (as statsmodels' multipletests "holm" gives them;
    that function also runs a full garbage collection per call, too slow per period here)."""
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p, kind="stable")
    stepped = np.maximum.accumulate(p[order] * np.arange(len(p), 0, -1))
    adjusted = np.empty_like(p)
    adjusted[order] = np.minimum(stepped, 1.0)
    return adjusted


def rate_increase_pvalue(count: int, total: int, baseline_count: int, baseline_total: int,
                         method: str = "exact-cond") -> float:
    """One-sided p-value that the per-comment rate grew (count/total > baseline_count/baseline_total)."""
    if total <= 0 or baseline_total <= 0:
        return 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        result = test_poisson_2indep(count, total, baseline_count, baseline_total, method=method,
                                     alternative="larger")
    p = float(result.pvalue)
    return 1.0 if not np.isfinite(p) else min(1.0, max(0.0, p))


def emerging_topics(
    trends: TopicTrends,
    baseline_periods: int = 4,
    min_baseline_periods: int | None = None,
    alpha: float = 0.01,
    min_count: int = 5,
    min_ratio: float = 1.5,
    method: str = "exact-cond",
    test_periods: int | None = 1,
) -> EmergingTopics:
    """Test the last ``test_periods`` periods (None: every period with enough baseline).

    ``min_baseline_periods``: the fewest trailing periods a test compares with; None takes
    ``min(DEFAULT_MIN_BASELINE, baseline_periods)``, so a young store is tested once it has two
    periods of history, whatever baseline is asked for.
    """
    if min_baseline_periods is None:
        min_baseline_periods = min(DEFAULT_MIN_BASELINE, baseline_periods)
    if baseline_periods < 1 or min_baseline_periods < 1 or min_baseline_periods > baseline_periods:
        raise VocError("need 1 <= min_baseline_periods <= baseline_periods")
    if not 0 < alpha < 1:
        raise VocError(f"alpha must be between 0 and 1, got {alpha}")
    counts = trends.pivot("count").fillna(0).astype(np.int64)
    counts = counts.drop(columns=[OUTLIER], errors="ignore")
    totals = trends.table.drop_duplicates("period").set_index("period")["total"].reindex(counts.index)
    periods = list(counts.index)
    candidates = range(min_baseline_periods, len(periods))
    if test_periods is not None:
        candidates = [i for i in candidates if i >= len(periods) - test_periods]
    params = {"baseline_periods": baseline_periods, "min_baseline_periods": min_baseline_periods,
              "alpha": alpha, "min_count": min_count, "min_ratio": min_ratio, "method": method,
              "correction": "holm", "test_periods": test_periods}
    if not candidates:
        # A short export (days of tweets, weekly periods) has trends but nothing to compare with.
        span = f"{len(periods)} {trends.period}{'s' * (len(periods) != 1)}"
        reason = (f"the comments span {span}; a test needs at least {min_baseline_periods + 1} "
                  f"({min_baseline_periods} of baseline before the tested {trends.period}): "
                  f"use a shorter period or more history")
        return EmergingTopics(pd.DataFrame(columns=TEST_COLUMNS), params, not_tested=reason)
    rows = []
    for i in candidates:
        window = slice(max(0, i - baseline_periods), i)
        n1, n0 = int(totals.iloc[i]), int(totals.iloc[window].sum())
        tested = []
        for topic in counts.columns:
            x1, x0 = int(counts[topic].iloc[i]), int(counts[topic].iloc[window].sum())
            share = x1 / n1 if n1 else 0.0
            baseline_share = x0 / n0 if n0 else 0.0
            ratio = share / baseline_share if baseline_share > 0 else (np.inf if share > 0 else np.nan)
            tested.append({
                "topic": int(topic), "label": trends.labels.get(int(topic), f"topic {topic}"),
                "period": periods[i], "count": x1, "total": n1, "baseline_count": x0, "baseline_total": n0,
                "share": share, "baseline_share": baseline_share, "ratio": ratio,
                "p_value": rate_increase_pvalue(x1, n1, x0, n0, method), "new": x0 == 0 and x1 > 0,
            })
        adjusted = holm_adjusted([r["p_value"] for r in tested])
        for record, p_adjusted in zip(tested, adjusted):
            record["p_adjusted"] = float(p_adjusted)
            record["alert"] = bool(
                p_adjusted < alpha and record["count"] >= min_count
                and (record["new"] or record["ratio"] >= min_ratio))
        rows.extend(tested)
    return EmergingTopics(pd.DataFrame(rows, columns=TEST_COLUMNS), params)
