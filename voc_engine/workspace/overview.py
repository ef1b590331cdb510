"""The overview of one period: volume, NPS and CSAT with intervals, sentiment mix, top tags and
their change against the previous period, the control-chart signals that fall in it, the viewer's
open and breached cases, and the action plans due.

Each figure is a row of `store.stats` (the rows `GET /v1/stats` returns for the same period
and filters), a signal of the `ChartSet` `GET /v1/spc/charts` draws (share of negative comments by
touchpoint, Nelson rules), `CaseService.counts` or a plan of `ActionService.list_plans`; the only
arithmetic here is a tag's change in share.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from voc_engine.actions.service import OPEN_STATUSES, ActionService
from voc_engine.alerting.cases import CaseService
from voc_engine.auth.policy import Principal
from voc_engine.errors import VocError
from voc_engine.periods import business_timezone, check_period, label_start, period_bounds
from voc_engine.store.filters import CommentFilter

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

CASE_ROLES = ("admin", "lead", "agent")
# The control charts whose signals the overview counts: the workspace's default chart.
SIGNAL_METRIC, SIGNAL_BY, SIGNAL_RULES = "negative_rate", "touchpoint", "nelson"
PLANS_DUE_DAYS = 7


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
    signals: list[dict[str, Any]] = field(default_factory=list)
    plans: dict[str, Any] | None = None

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
            "signals": self.signals,
            "plans": self.plans,
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
        rows = store.stats(filters, period=period).rows
        if not rows:
            return Overview(period, None, None, None, zone,
                            cases=CaseService(store).counts(viewer) if viewer.role in CASE_ROLES else None)
        label = rows[-1]["period"]
    since, until, label = period_bounds(label_start(label, period), period, zone)
    before, _, previous_label = period_bounds(date.fromordinal(label_start(label, period).toordinal() - 1), period, zone)

    def window(start: datetime, end: datetime) -> CommentFilter:
        return replace(filters, since=start, until=end)

    current = store.stats(window(since, until), period=period).rows
    previous = store.stats(window(before, since), period=period).rows
    tags = store.stats(window(since, until), period=period, by="tag").rows
    earlier = {row["group"]: row for row in store.stats(window(before, since), period=period, by="tag").rows}
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
        signals=period_signals(store, filters, period, label),
        plans=plans_due(store, viewer),
    )


def period_signals(store: "FeedbackStore", filters: CommentFilter, period: str, label: str) -> list[dict[str, Any]]:
    """The run-rule signals of the default control charts that fall in the period `label`."""
    from voc_engine.spc.monitor import charts_for_comments

    frame = store.read_frame(filters)
    if frame.empty:
        return []
    try:
        charts = charts_for_comments(frame, SIGNAL_METRIC, by=SIGNAL_BY, period=period,
                                     tz=business_timezone(store.settings), rules=SIGNAL_RULES)
    except VocError:
        return []
    keys = {chart.chart_key: chart.key for chart in charts}
    return [{"key": keys.get(signal.chart_key), **signal.to_dict()} for signal in charts.signals() if signal.period == label]


def plans_due(store: "FeedbackStore", viewer: Principal) -> dict[str, Any]:
    """The open action plans the viewer may see that are overdue or due within `PLANS_DUE_DAYS`."""
    plans = ActionService(store).list_plans(viewer, status=list(OPEN_STATUSES), due_within_days=PLANS_DUE_DAYS, limit=500)
    return {"due_within_days": PLANS_DUE_DAYS, "overdue": sum(1 for p in plans if p["overdue"]),
            "due": sum(1 for p in plans if not p["overdue"])}
