"""Cases opened at ingest: the active rules run on freshly stored comments, inside the ingest
transaction (`voc_engine.alerting.hooks`); a hit opens a case or joins the customer's open one.
Working the case afterwards is `voc_engine.alerting.cases`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, select, text
from sqlalchemy.orm import Session

from voc_engine.alerting.config import ActiveConfig, active_config
from voc_engine.alerting.lifecycle import SYSTEM_ACTOR, case_to_dict, reopen
from voc_engine.alerting.models import Alert, Case, CaseEvent, User
from voc_engine.alerting.outbox import enqueue
from voc_engine.alerting.rules import SEVERITY_RANK, Facts, Rule
from voc_engine.store.hooks import StoredComment

_PG_CASE_LOCK = 0x766F63  # advisory-lock namespace: one case decision per customer at a time

# The queries every ingest batch runs, built once (building one costs about as much as running it).
_OPEN_CASES = (
    select(Case, Alert.rule_id, User.name)
    .join(Alert, Alert.case_id == Case.id)
    .outerjoin(User, User.id == Case.owner_id)
    .where(
        Case.customer_pk.in_(bindparam("customers", expanding=True)),
        Case.state != "closed",
        Case.opened_at >= bindparam("since"),
    )
    .order_by(Case.id)
)
_TEAM_AGENTS = (  # round-robin order
    select(User)
    .where(User.team == bindparam("team"), User.active.is_(True), User.role == "agent",
           User.kind == "person")
    .order_by(User.last_assigned_at.is_not(None), User.last_assigned_at, User.id)
)


def open_cases(session: Session, stored: list["StoredComment"], config: ActiveConfig | None = None) -> int:
    """Evaluate the active rules on freshly stored comments; open or join cases. Returns alerts raised.

    Runs inside the ingest transaction (see `voc_engine.alerting.hooks`). The rules run in plain
    Python; the database work is per batch: one query for the customers' open cases, one per team
    for its agents, one INSERT of the new cases, and the alerts, events and outbox rows with the
    transaction's final flush.
    """
    config = config or active_config(session)
    rules = config.rules
    if not len(rules):
        return 0
    hits: list[tuple[StoredComment, Facts, list[Rule]]] = []
    for comment in stored:
        if rules.max_comment_age is not None and comment.created_at < comment.received_at - rules.max_comment_age:
            continue
        facts = Facts.from_stored(comment)
        matched = rules.evaluate(facts)
        if matched:
            hits.append((comment, facts, matched))
    if not hits:
        return 0
    with session.no_autoflush:
        _IngestBatch(session, config).run(hits)
    return sum(len(matched) for _, _, matched in hits)


@dataclass
class _OpenCase:
    case: Case
    rules: set[str]
    owner: str | None


@dataclass
class _Notice:
    case: Case
    event_name: str
    payload: dict[str, Any]


class _IngestBatch:
    """Cases for one ingested batch: decided in memory, written in a few statements."""

    def __init__(self, session: Session, config: ActiveConfig):
        self.session = session
        self.config = config
        self.open: dict[int, list[_OpenCase]] = {}  # customer_pk -> open cases, newest last
        self.queues: dict[str, list[User]] = {}  # team -> round-robin order
        self.named: dict[str, User | None] = {}
        self.latest: dict[str | None, datetime | None] = {}  # team -> newest last_assigned_at
        self.created: list[Case] = []
        self.alerts: list[tuple[Case, dict[str, Any]]] = []
        self.events: list[tuple[Case, dict[str, Any]]] = []
        self.notices: list[_Notice] = []

    def run(self, hits: list[tuple["StoredComment", Facts, list[Rule]]]) -> None:
        customers = sorted({c.customer_pk for c, _, _ in hits if c.customer_pk is not None})
        if customers:
            longest = max(r.dedup_window for _, _, matched in hits for r in matched)
            self._load_open_cases(customers, min(c.received_at for c, _, _ in hits) - longest)
        for comment, facts, matched in hits:
            found = self._case_to_join(comment, matched)
            if found is None:
                self._open(comment, facts, matched)
            else:
                self._join(found, comment, matched)
        # Plain multi-row INSERTs: the unit of work writes each new case, alert and event in a
        # statement of its own on SQLite (it asks for every row's id, which SQLite returns a row
        # at a time). Only the cases' ids are needed: read back by the comment each opened on.
        if self.created:
            cases = Case.__table__
            rows = [{c.key: case.__dict__[c.key] for c in cases.columns if c.key in case.__dict__} for case in self.created]
            ids = dict(self.session.execute(insert(cases).returning(cases.c.comment_id, cases.c.id), rows).all())
            for case in self.created:
                case.id = ids[case.comment_id]
        if self.alerts:
            self.session.execute(insert(Alert.__table__), [{**alert, "case_id": case.id} for case, alert in self.alerts])
        if self.events:
            self.session.execute(
                insert(CaseEvent.__table__), [{**event, "case_id": case.id} for case, event in self.events]
            )
        for notice in self.notices:
            notice.payload["case"]["id"] = notice.case.id
            enqueue(
                self.session,
                case_id=notice.case.id,
                team=notice.case.team,
                event_name=notice.event_name,
                payload=notice.payload,
                routing=self.config.routing,
            )

    def _load_open_cases(self, customers: list[int], since: datetime) -> None:
        if self.session.get_bind().dialect.name == "postgresql":
            # Concurrent batches decide one customer's cases one at a time (in a fixed order: no deadlock).
            for customer_pk in customers:
                self.session.execute(
                    text("SELECT pg_advisory_xact_lock(:space, :key)"),
                    {"space": _PG_CASE_LOCK, "key": customer_pk % 2**31},
                )
        found: dict[int, _OpenCase] = {}
        for chunk in range(0, len(customers), 500):
            rows = self.session.execute(_OPEN_CASES, {"customers": customers[chunk : chunk + 500], "since": since})
            for case, rule_id, owner in rows:
                entry = found.get(case.id)
                if entry is None:
                    entry = found[case.id] = _OpenCase(case, set(), owner)
                    self.open.setdefault(case.customer_pk, []).append(entry)
                entry.rules.add(rule_id)

    def _case_to_join(self, comment: "StoredComment", matched: list[Rule]) -> _OpenCase | None:
        """The customer's newest open case with an alert of a matched rule within that rule's window."""
        if comment.customer_pk is None:
            return None
        for entry in reversed(self.open.get(comment.customer_pk, [])):
            if entry.case.state == "closed":
                continue
            for rule in matched:
                if rule.id in entry.rules and entry.case.opened_at >= comment.received_at - rule.dedup_window:
                    return entry
        return None

    def _owner(self, team: str, wanted: str | None, now: datetime) -> User | None:
        """The route's named owner if active, else round-robin over the team's active agents."""
        if wanted:
            if wanted not in self.named:
                self.named[wanted] = self.session.scalar(select(User).where(User.name == wanted, User.active.is_(True)))
            if self.named[wanted] is not None:
                return self._assigned(self.named[wanted], now)
        found = self.config.routing.teams.get(team)
        if found is None or found.assignment != "round_robin":
            return None
        queue = self.queues.get(team)
        if queue is None:
            queue = self.queues[team] = list(self.session.scalars(_TEAM_AGENTS, {"team": team}))
        if not queue:
            return None
        user = queue.pop(0)
        queue.append(user)
        return self._assigned(user, now)

    def _assigned(self, user: User, now: datetime) -> User:
        """Stamp the assignment, strictly after the team's previous one (even within one batch)."""
        if user.team not in self.latest:
            self.latest[user.team] = self.session.scalar(
                select(func.max(User.last_assigned_at)).where(User.team == user.team)
            )
        latest = self.latest[user.team]
        user.last_assigned_at = self.latest[user.team] = max(now, latest + timedelta(microseconds=1)) if latest else now
        return user

    def _event(self, case: Case, at: datetime, kind: str, **details: Any) -> None:
        from_state, to_state = details.pop("from_state", None), details.pop("to_state", None)
        self.events.append(
            (
                case,
                {
                    "at": at,
                    "actor": SYSTEM_ACTOR,
                    "kind": kind,
                    "from_state": from_state,
                    "to_state": to_state,
                    "details": details,
                },
            )
        )

    def _alerts(self, case: Case, comment: "StoredComment", matched: list[Rule]) -> None:
        for rule in matched:
            alert = {"comment_id": comment.id, "rule_id": rule.id, "severity": rule.severity, "created_at": comment.received_at}
            self.alerts.append((case, alert))

    def _open(self, comment: "StoredComment", facts: Facts, matched: list[Rule]) -> None:
        config, now = self.config, comment.received_at
        primary = config.rules.primary(matched)
        team, wanted = config.routing.route(facts, primary)
        owner = self._owner(team, wanted, now)
        sla = config.routing.sla_for(primary.severity)
        case = Case(
            rule_id=primary.id,
            title=primary.name,
            severity=primary.severity,
            state="assigned" if owner else "new",
            team=team,
            owner_id=owner.id if owner else None,
            customer_pk=comment.customer_pk,
            comment_id=comment.id,
            opened_at=now,
            updated_at=now,
            last_alert_at=now,
            assigned_at=now if owner else None,
            response_due_at=now + sla.first_response,
            due_at=now + sla.close,
            alert_count=len(matched),
            reopened_count=0,
        )
        self.created.append(case)
        owner_name = owner.name if owner else None
        if comment.customer_pk is not None:
            self.open.setdefault(comment.customer_pk, []).append(_OpenCase(case, {r.id for r in matched}, owner_name))
        self._alerts(case, comment, matched)
        self._event(case, now, "opened", to_state="new", rules=[r.id for r in matched], comment_id=comment.id)
        if owner:
            self._event(case, now, "assigned", from_state="new", to_state="assigned", owner=owner.name)
        self.notices.append(
            _Notice(
                case,
                "case.opened",
                {
                    "case": case_to_dict(case, owner_name, comment.customer_id, now),
                    "rules": _rules_payload(matched),
                    "comment": _comment_payload(comment),
                },
            )
        )

    def _join(self, entry: _OpenCase, comment: "StoredComment", matched: list[Rule]) -> None:
        """A later alert for the same customer and rule: attach, escalate, reopen a resolved case."""
        case, now = entry.case, comment.received_at
        entry.rules.update(r.id for r in matched)
        self._alerts(case, comment, matched)
        changes = ["alert_added"]
        case.alert_count += len(matched)
        case.last_alert_at = now
        case.updated_at = now
        self._event(case, now, "alert_added", rules=[r.id for r in matched], comment_id=comment.id)
        top = self.config.rules.primary(matched)
        if top.rank > SEVERITY_RANK[case.severity]:
            sla = self.config.routing.sla_for(top.severity)
            self._event(case, now, "escalated", previous=case.severity, severity=top.severity)
            case.severity = top.severity
            case.response_due_at = min(case.response_due_at, case.opened_at + sla.first_response)
            case.due_at = min(case.due_at, case.opened_at + sla.close)
            changes.append("escalated")
        if case.state == "resolved":
            self._event(case, now, "state", from_state="resolved", to_state="reopened")
            reopen(case)
            changes.append("reopened")
        self.notices.append(
            _Notice(
                case,
                "case.updated",
                {
                    "changes": changes,
                    "case": case_to_dict(case, entry.owner, comment.customer_id, now),
                    "rules": _rules_payload(matched),
                    "comment": _comment_payload(comment),
                },
            )
        )


def _comment_payload(comment: "StoredComment") -> dict[str, Any]:
    enrichment = comment.enrichment
    sentiment = enrichment.sentiment
    return {
        "id": comment.id,
        "source": comment.source,
        "external_id": comment.external_id,
        "created_at": comment.created_at.isoformat(),
        "channel": comment.channel,
        "touchpoint": comment.touchpoint,
        "segment": comment.segment,
        "text": enrichment.redacted_text,
        "scores": comment.scores,
        "sentiment": {"label": sentiment.label, "score": round(sentiment.score, 4)} if sentiment else None,
        "tags": [{"name": t.name, "sentiment": t.sentiment} for t in enrichment.tags],
        "flags": list(enrichment.flags),
    }


def _rules_payload(matched: list[Rule]) -> list[dict[str, str]]:
    return [{"id": r.id, "name": r.name, "severity": r.severity} for r in matched]


__all__ = ["open_cases"]
