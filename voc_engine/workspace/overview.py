"""The overview of one period: volume, NPS and CSAT with intervals, sentiment mix, top tags and
their change against the previous period, and the viewer's open and breached cases.

Each figure is a row of `compute_stats` (the rows `GET /v1/stats` returns for the same period
and filters) or `CaseService.counts`; the only arithmetic here is a tag's change in share.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from voc_engine.alerting.cases import CaseService
from voc_engine.auth.policy import Principal
from voc_engine.periods import business_timezone, check_period, label_start, period_bounds
from voc_engine.store.filters import CommentFilter
from voc_engine.store.stats import compute_stats

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

CASE_ROLES = ("admin", "lead", "agent")


@dataclass
class Overview:
    period: str
    label: str | None
    since: datetime | None
    until: datetime | None
    timezone: str
    current: dict[str, Any] | None = None
    previous: dict[str, Any] | None = None
    previous_label: str | None = None
    top_tags: list[dict[str, Any]] = field(default_factory=list)
    cases: dict[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "label": self.label,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "timezone": self.timezone,
            "current": self.current,
            "previous": self.previous,
            "previous_label": self.previous_label,
            "top_tags": self.top_tags,
            "cases": self.cases,
        }


def overview(
    store: "FeedbackStore",
    viewer: Principal,
    period: str = "week",
    label: str | None = None,
    filters: CommentFilter | None = None,
    top: int = 8,
) -> Overview:
    """The overview of the period labelled `label` (default: the latest period with comments)."""
    check_period(period)
    zone = business_timezone(store.settings)
    filters = filters or CommentFilter()
    if label is None:
        rows = compute_stats(store, filters, period=period).rows
        if not rows:
            return Overview(period, None, None, None, zone,
                            cases=CaseService(store).counts(viewer) if viewer.role in CASE_ROLES else None)
        label = rows[-1]["period"]
    since, until, label = period_bounds(label_start(label, period), period, zone)
    before, _, previous_label = period_bounds(date.fromordinal(label_start(label, period).toordinal() - 1), period, zone)

    def window(start: datetime, end: datetime) -> CommentFilter:
        return replace(filters, since=start, until=end)

    current = compute_stats(store, window(since, until), period=period).rows
    previous = compute_stats(store, window(before, since), period=period).rows
    tags = compute_stats(store, window(since, until), period=period, by="tag").rows
    earlier = {row["group"]: row for row in compute_stats(store, window(before, since), period=period, by="tag").rows}
    total = current[0]["comments"] if current else 0
    total_before = previous[0]["comments"] if previous else 0
    top_tags = []
    for row in sorted(tags, key=lambda r: (-r["comments"], r["group"]))[:top]:
        share = row["comments"] / total if total else None
        old = earlier.get(row["group"])
        old_share = (old["comments"] / total_before) if old and total_before else (0.0 if total_before else None)
        top_tags.append({
            "tag": row["group"], "comments": row["comments"], "negative": row["negative"], "share": share,
            "previous_comments": old["comments"] if old else 0,
            "share_change": None if share is None or old_share is None else share - old_share,
        })
    return Overview(
        period, label, since, until, zone,
        current=current[0] if current else None,
        previous=previous[0] if previous else None,
        previous_label=previous_label,
        top_tags=top_tags,
        cases=CaseService(store).counts(viewer) if viewer.role in CASE_ROLES else None,
    )
