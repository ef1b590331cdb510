"""Close-the-loop metrics by team and ISO week of opening: `voc cases report`, GET /v1/cases/report.

Per team and week, over the cases opened that week:

- time to first response: opening to the first move to in_progress, first note, or resolution
  (median and mean hours, over cases that had one);
- time to close: opening to closing (median and mean hours, over closed cases);
- closed within SLA: share of closed cases closed by their due time;
- closed-loop rate: share of opened cases closed with the customer contacted;
- breached: cases in breach of either SLA now (or when they were closed);
- outcomes: closed cases by close-the-loop outcome (`routing.OUTCOMES`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sqlalchemy import select

from voc_engine.alerting.lifecycle import breach
from voc_engine.alerting.models import Case
from voc_engine.alerting.routing import OUTCOMES
from voc_engine.auth.policy import TEAM_ROLES
from voc_engine.errors import PermissionDeniedError
from voc_engine.periods import business_timezone, label_times
from voc_engine.store.models import utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.alerting.users import Viewer
    from voc_engine.store.repository import FeedbackStore

COLUMNS = (
    "team",
    "week",
    "opened",
    "responded",
    "median_first_response_hours",
    "mean_first_response_hours",
    "closed",
    "median_time_to_close_hours",
    "mean_time_to_close_hours",
    "closed_within_sla_pct",
    "contacted",
    "closed_loop_rate_pct",
    "breached",
)


@dataclass
class CloseTheLoopReport:
    rows: list[dict[str, Any]]  # one per (team, week)
    totals: list[dict[str, Any]]  # one per team, every week together
    since: datetime | None = None
    until: datetime | None = None
    timezone: str = "UTC"
    generated_at: datetime = field(default_factory=utcnow)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(COLUMNS))

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "timezone": self.timezone,
            "generated_at": self.generated_at.isoformat(),
            "rows": self.rows,
            "totals": self.totals,
        }

    def summary(self) -> str:
        if not self.rows:
            return "Close the loop: no cases in this period."
        header = (
            f"{'team':<16} {'week':<10} {'opened':>6} {'1st resp h':>10} {'closed':>6} "
            f"{'close h':>8} {'in SLA':>7} {'loop':>6} {'breach':>6}"
        )
        lines = [
            "Close the loop by team and week of opening (median hours; % of closed in SLA; % loop closed):",
            header,
        ]
        for row in [*self.rows, *({**t, "week": "all"} for t in self.totals)]:
            response, close = _num(row["median_first_response_hours"]), _num(row["median_time_to_close_hours"])
            in_sla, loop = _pct(row["closed_within_sla_pct"]), _pct(row["closed_loop_rate_pct"])
            lines.append(
                f"{row['team']:<16} {row['week']:<10} {row['opened']:>6} {response:>10} {row['closed']:>6} "
                f"{close:>8} {in_sla:>7} {loop:>6} {row['breached']:>6}"
            )
        return "\n".join(lines)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _hours(delta: pd.Series) -> pd.Series:
    return delta.dt.total_seconds() / 3600.0


def _stat(values: pd.Series, how: str) -> float | None:
    values = values.dropna()
    if values.empty:
        return None
    return round(float(np.median(values) if how == "median" else np.mean(values)), 3)


def _metrics(group: pd.DataFrame) -> dict[str, Any]:
    opened = len(group)
    responded = group["first_response_at"].notna()
    closed = group["state"] == "closed"
    response_hours = _hours(group.loc[responded, "first_response_at"] - group.loc[responded, "opened_at"])
    close_hours = _hours(group.loc[closed, "closed_at"] - group.loc[closed, "opened_at"])
    in_sla = group.loc[closed, "closed_at"] <= group.loc[closed, "due_at"]
    contacted = int((closed & (group["outcome"] == "customer_contacted")).sum())
    return {
        "opened": opened,
        "responded": int(responded.sum()),
        "median_first_response_hours": _stat(response_hours, "median"),
        "mean_first_response_hours": _stat(response_hours, "mean"),
        "closed": int(closed.sum()),
        "median_time_to_close_hours": _stat(close_hours, "median"),
        "mean_time_to_close_hours": _stat(close_hours, "mean"),
        "closed_within_sla_pct": round(100.0 * float(in_sla.mean()), 2) if len(in_sla) else None,
        "contacted": contacted,
        "closed_loop_rate_pct": round(100.0 * contacted / opened, 2) if opened else None,
        "breached": int(group["breached"].sum()),
        "outcomes": {outcome: int((closed & (group["outcome"] == outcome)).sum()) for outcome in OUTCOMES},
    }


def cases_frame(
    store: "FeedbackStore", since: datetime | None = None, until: datetime | None = None, team: str | None = None
) -> pd.DataFrame:
    """The cases opened in [since, until) with their timestamps (one row per case)."""
    query = select(
        Case.id,
        Case.team,
        Case.severity,
        Case.state,
        Case.outcome,
        Case.opened_at,
        Case.first_response_at,
        Case.response_due_at,
        Case.closed_at,
        Case.due_at,
    )
    if since is not None:
        query = query.where(Case.opened_at >= since)
    if until is not None:
        query = query.where(Case.opened_at < until)
    if team is not None:
        query = query.where(Case.team == team)
    with store.read_session() as session:
        rows = session.execute(query.order_by(Case.id)).all()
    return pd.DataFrame(rows, columns=[c.name for c in query.selected_columns])


def close_the_loop_report(
    store: "FeedbackStore",
    since: datetime | None = None,
    until: datetime | None = None,
    team: str | None = None,
    timezone: str | None = None,
    now: datetime | None = None,
    viewer: "Viewer | None" = None,
) -> CloseTheLoopReport:
    """Metrics per team and ISO week (``2026-W47``, of `timezone`, default the business one).

    `viewer`: who asks (see :func:`report_team`, which decides the team); None: every team."""
    team = report_team(viewer, team)
    timezone = timezone or business_timezone(store.settings)
    now = now or utcnow()
    frame = cases_frame(store, since, until, team)
    if frame.empty:
        return CloseTheLoopReport([], [], since, until, timezone)
    for column in ("opened_at", "first_response_at", "response_due_at", "closed_at", "due_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame["team"] = frame["team"].fillna("(none)")
    frame["breached"] = [
        any(breach(_CaseTimes(*r), now).values())
        for r in frame[["first_response_at", "response_due_at", "closed_at", "due_at"]].itertuples(index=False)
    ]
    frame["week"] = label_times(frame["opened_at"], "week", timezone, column="opened_at")
    rows = [
        {"team": team_, "week": week, **_metrics(group)}
        for (team_, week), group in frame.groupby(["team", "week"], sort=True)
    ]
    totals = [{"team": team_, **_metrics(group)} for team_, group in frame.groupby("team", sort=True)]
    return CloseTheLoopReport(rows, totals, since, until, timezone)


def report_team(viewer: "Viewer | None", team: str | None) -> str | None:
    """The team a caller's report covers: what was asked, for analysts, admins and the system
    (any role outside a team, or `viewer` None); their own team, for a team lead; no report for
    an agent."""
    if viewer is None or viewer.role not in TEAM_ROLES:
        return team
    if not viewer.is_lead:
        raise PermissionDeniedError("the report is for analysts, team leads and admins")
    if team not in (None, viewer.team):
        raise PermissionDeniedError("a team lead sees their own team's report")
    return viewer.team


@dataclass(frozen=True)
class _CaseTimes:
    """The four timestamps `breach` reads, from a frame row (NaT means not yet)."""

    first_response_at: Any
    response_due_at: Any
    closed_at: Any
    due_at: Any

    def __post_init__(self) -> None:
        for name in ("first_response_at", "closed_at"):
            value = getattr(self, name)
            object.__setattr__(self, name, None if pd.isna(value) else value.to_pydatetime())
        for name in ("response_due_at", "due_at"):
            object.__setattr__(self, name, getattr(self, name).to_pydatetime())
