"""The weekly digest of one team: what changed in one ISO week, told from the services that
already answer each part, never computed a second time.

- control-chart signals: the `ChartSet` of `voc spc` / `GET /v1/spc/charts` (negative share by
  touchpoint, weekly, Nelson rules, over the `HISTORY_WEEKS` weeks up to this one), its signals
  that fall in this week;
- rising and emerging topics: `store_trends` (the trends and emerging-topic alerts of
  `GET /v1/topics/trends`) over the same weeks: this week's alerts, and the week's largest topics
  with their count of the week before;
- cases: the close-the-loop report's row of this team and week (`voc cases report`): opened,
  answered, closed, outcomes, breached — of the cases opened this week;
- action plans: `ActionService.list_plans` of the team as the service sees them on the week's
  first day: open plans due this week, and those already overdue when it began (statuses as now).

Control charts and topics are about every comment the store holds, not one team's: comments
belong to no team (cases and plans do). Who may ask is the close-the-loop report's policy
(`alerting.report.report_team`): analysts and admins any team, a lead their own; a team the
asker may not see answers "not found", like a team that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from voc_engine.actions.service import ActionService
from voc_engine.alerting.config import active_config, alert_configs, load_active_config
from voc_engine.alerting.outbox import enqueue
from voc_engine.alerting.report import close_the_loop_report, report_team
from voc_engine.auth.policy import Principal
from voc_engine.errors import ConfigError, InvalidArgumentError, NotFoundError, VocError
from voc_engine.periods import PeriodError, business_timezone, label_start, period_bounds
from voc_engine.spc.monitor import ChartSet, charts_for_comments
from voc_engine.spc.plot import RULE_WORDS
from voc_engine.store.filters import CommentFilter
from voc_engine.store.models import utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

# Who may ask for a digest (admins always): `authorize`'s roles, for the page and the API alike.
DIGEST_ROLES = ("analyst", "lead")
HISTORY_WEEKS = 12  # weeks of comments behind the week's control limits and topic baselines
CHART_METRIC, CHART_BY, CHART_RULES = "negative_rate", "touchpoint", "nelson"
TOPICS_SHOWN = 5
EVENT = "digest.weekly"  # the outbox event (X-VOC-Event) a sent digest carries
PLAN_FIELDS = ("id", "title", "target_kind", "target", "owner", "deadline", "status", "overdue", "days_left")


@dataclass
class Digest:
    """One team's week. `to_dict()` is the one JSON shape (`voc digest --format json`,
    `GET /v1/digest`); the HTML of the page and of `voc digest --output` render it."""

    week: str
    team: str
    first_day: date
    since: datetime
    until: datetime
    timezone: str
    signals: dict[str, Any]
    topics: dict[str, Any]
    cases: dict[str, Any]
    plans: dict[str, Any]
    generated_at: datetime = field(default_factory=utcnow)
    # The fitted charts whose signals are listed (for the pictures; not part of the JSON).
    charts: ChartSet | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "team": self.team,
            "first_day": self.first_day.isoformat(),
            "last_day": date.fromordinal(self.first_day.toordinal() + 6).isoformat(),
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "timezone": self.timezone,
            "generated_at": self.generated_at.isoformat(),
            "signals": self.signals,
            "topics": self.topics,
            "cases": self.cases,
            "plans": self.plans,
        }

    def summary(self) -> str:
        lines = [f"Weekly digest of team {self.team}, {self.week} ({self.timezone})"]
        signals = self.signals
        if signals["error"]:
            lines.append(f"  control charts: {signals['error']}")
        else:
            lines.append(f"  control-chart signals this week: {len(signals['signals'])} "
                         f"({signals['metric']} by {signals['by']}, {len(signals['groups'])} group(s) charted)")
            lines.extend(f"    {s['group']}: {s['rule']} in {s['period']}" for s in signals["signals"])
        topics = self.topics
        if topics["error"]:
            lines.append(f"  topics: {topics['error']}")
        else:
            lines.append(f"  emerging topics: {len(topics['emerging'])}")
            lines.extend(f"    {a['message']}" for a in topics["emerging"])
            lines.extend(f"    {t['label']}: {t['count']} comments (week before: {t['previous_count']})"
                         for t in topics["largest"])
        row = self.cases["report"]
        if row is None:
            lines.append("  cases opened this week: 0")
        else:
            outcomes = ", ".join(f"{k} {v}" for k, v in row["outcomes"].items() if v) or "none"
            lines.append(f"  cases opened this week: {row['opened']}, closed {row['closed']} (outcomes: {outcomes}), "
                         f"breached {row['breached']}")
        plans = self.plans
        lines.append(f"  action plans: {len(plans['overdue'])} overdue, {len(plans['due'])} due this week")
        lines.extend(f"    #{p['id']} {p['title']} (due {p['deadline']}{', OVERDUE' if p['overdue'] else ''})"
                     for p in plans["overdue"] + plans["due"])
        return "\n".join(lines)


def week_bounds(week: str | None, zone: str, now: datetime) -> tuple[date, datetime, datetime, str]:
    """(first day, start, end, label) of the ISO week `week` (2026-W47) in `zone`; None: this week."""
    if week is None:
        first = now.astimezone(ZoneInfo(zone)).date()
    else:
        try:
            first = label_start(week, "week")
        except PeriodError as exc:
            raise InvalidArgumentError(str(exc)) from None
    try:
        since, until, label = period_bounds(first, "week", zone)
    except (ValueError, OverflowError):
        raise InvalidArgumentError(f"week {week!r} is out of range") from None
    return label_start(label, "week"), since, until, label


def digest_team(store: "FeedbackStore", viewer: Principal, team: str | None) -> str:
    """The team of the digest: the report's policy (`report_team`), a lead's own team by default,
    and one of the routing's teams. Another team than a lead's is not found, like a missing one."""
    if viewer.is_lead and team not in (None, viewer.team):
        raise NotFoundError(f"no team {team!r}")
    chosen = report_team(viewer, team)
    if chosen is None:
        raise InvalidArgumentError("name a team")
    if chosen not in load_active_config(store).routing.teams:
        raise NotFoundError(f"no team {chosen!r}")
    return chosen


def digest_teams(store: "FeedbackStore", viewer: Principal) -> list[str]:
    """The teams `viewer` may ask a digest for (the page's team picker)."""
    teams = list(load_active_config(store).routing.teams)
    if viewer.is_lead:
        return [t for t in teams if t == viewer.team]
    return teams


def build_digest(
    store: "FeedbackStore",
    viewer: Principal,
    week: str | None = None,
    team: str | None = None,
    now: datetime | None = None,
) -> Digest:
    """The digest of `team` for the ISO `week` (default: this week, in the business time zone)."""
    now = now or utcnow()
    zone = business_timezone(store.settings)
    team = digest_team(store, viewer, team)
    first, since, until, label = week_bounds(week, zone, now)
    try:
        history_since = period_bounds(date.fromordinal(first.toordinal() - 7 * (HISTORY_WEEKS - 1)), "week", zone)[0]
        previous_label = period_bounds(date.fromordinal(first.toordinal() - 1), "week", zone)[2]
    except (ValueError, OverflowError):  # the first or last weeks of the calendar have no history
        raise InvalidArgumentError(f"week {label} is out of range") from None
    window = CommentFilter(since=history_since, until=until)
    signals, charts = _signals(store, window, zone, label)
    return Digest(
        week=label, team=team, first_day=first, since=since, until=until, timezone=zone,
        signals=signals, charts=charts,
        topics=_topics(store, window, zone, label, previous_label),
        cases=_cases(store, viewer, team, since, until, zone, now, label),
        plans=_plans(store, viewer, team, first),
    )


def _signals(store, window: CommentFilter, zone: str, label: str) -> tuple[dict[str, Any], ChartSet | None]:
    section: dict[str, Any] = {"metric": CHART_METRIC, "by": CHART_BY, "period": "week", "rules": CHART_RULES,
                               "history_weeks": HISTORY_WEEKS, "groups": [], "signals": [], "error": None}
    frame = store.read_frame(window)
    if frame.empty:
        section["error"] = "no stored comments in these weeks"
        return section, None
    try:
        charts = charts_for_comments(frame, CHART_METRIC, by=CHART_BY, period="week", tz=zone, rules=CHART_RULES)
    except VocError as exc:
        section["error"] = str(exc)
        return section, None
    group_of = {chart.chart_key: group_name(chart.key) for chart in charts}
    section["groups"] = list(group_of.values())
    section["signals"] = [{"group": group_of[s.chart_key], **s.to_dict(), "rule_words": RULE_WORDS.get(s.rule, s.rule)}
                          for s in charts.signals() if s.period == label]
    return section, charts


def group_name(key: dict[str, Any] | None) -> str:
    return "all comments" if not key else str(next(iter(key.values())))


def _topics(store, window: CommentFilter, zone: str, label: str, previous_label: str) -> dict[str, Any]:
    from voc_engine.topics.service import store_trends

    section: dict[str, Any] = {"version": None, "emerging": [], "largest": [], "error": None}
    try:
        trends, _ = store_trends(store, filters=window, period="week", tz=zone)
    except NotFoundError:
        section["error"] = "no topic model yet (`voc topics fit` makes one)"
        return section
    except VocError as exc:
        section["error"] = str(exc)
        return section
    document = trends.to_dict()
    section["version"] = document["version"]
    section["emerging"] = [alert for alert in document["alerts"] if alert["period"] == label]
    week_rows = []
    for topic in document["topics"]:
        by_period = {point["period"]: point for point in topic["series"]}
        this = by_period.get(label)
        if topic["id"] < 0 or this is None or not this["count"]:
            continue  # outliers are no topic; a topic silent this week is not news
        before = by_period.get(previous_label)
        week_rows.append({"id": topic["id"], "label": topic["label"], "count": this["count"], "share": this["share"],
                          "previous_count": before["count"] if before else 0})
    week_rows.sort(key=lambda t: (-t["count"], t["id"]))
    section["largest"] = week_rows[:TOPICS_SHOWN]
    return section


def _cases(store, viewer, team, since, until, zone, now, label) -> dict[str, Any]:
    report = close_the_loop_report(store, since, until, team, timezone=zone, now=now, viewer=viewer)
    row = next((r for r in report.rows if r["team"] == team and r["week"] == label), None)
    return {"report": None if row is None else {k: v for k, v in row.items() if k not in ("team", "week")}}


def _plans(store, viewer, team: str, first: date) -> dict[str, Any]:
    # Seen from the week's first day: due this week, or already overdue when it began.
    start = datetime.combine(first, time(), timezone.utc)
    plans = ActionService(store, clock=lambda: start).list_plans(viewer, team=team, due_within_days=6, limit=500)
    slim = [{k: plan[k] for k in PLAN_FIELDS} for plan in plans]
    return {"overdue": [p for p in slim if p["overdue"]], "due": [p for p in slim if not p["overdue"]]}


def send_digest(store: "FeedbackStore", digest: Digest, html: str) -> int:
    """Queue the digest for the team's webhooks (the routing's channel of each team) in the
    webhook outbox: delivered, signed and retried like case notifications (`voc alerts deliver`).
    Returns how many messages were queued."""
    with store.write_session() as session, session.begin():
        routing = active_config(session, alert_configs(store)).routing
        if not routing.webhooks_for(digest.team):
            raise ConfigError(f"team {digest.team!r} has no webhook in the routing: nowhere to send the digest "
                              "(`voc alerts routing set FILE`)")
        return enqueue(session, team=digest.team, event_name=EVENT,
                       payload={"digest": digest.to_dict(), "html": html}, routing=routing)
