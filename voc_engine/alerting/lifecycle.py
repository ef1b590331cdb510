"""What a case is, for both its opening at ingest (`alerting.opening`) and its workflow
(`alerting.cases`): the states and their transitions, the SLA breach rule, reopening, and the
case's public dict (API, CLI and webhook payloads alike)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, literal, or_

from voc_engine.alerting.models import Case

STATES: tuple[str, ...] = ("new", "assigned", "in_progress", "resolved", "closed", "reopened")
OPEN_STATES: tuple[str, ...] = tuple(s for s in STATES if s != "closed")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("assigned",),
    "assigned": ("in_progress",),
    "in_progress": ("resolved",),
    "resolved": ("closed", "reopened"),
    "closed": ("reopened",),
    "reopened": ("assigned", "in_progress"),
}
SYSTEM_ACTOR = "system"


# --------------------------------------------------------------------------- SLA and serialising
def breach(case: Case, now: datetime) -> dict[str, bool]:
    response = (case.first_response_at or now) > case.response_due_at
    close = (case.closed_at or now) > case.due_at
    return {"first_response": response, "close": close}


def breached_clause(now: datetime):
    """SQL for 'in breach at `now`' (the same rule as `breach`; never NULL, so NOT works too)."""
    at = literal(now, type_=Case.due_at.type)
    return or_(
        func.coalesce(Case.first_response_at, at) > Case.response_due_at,
        func.coalesce(Case.closed_at, at) > Case.due_at,
    )


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def case_to_dict(case: Case, owner: str | None, customer_id: str | None, now: datetime) -> dict[str, Any]:
    flags = breach(case, now)
    return {
        "id": case.id,
        "title": case.title,
        "rule_id": case.rule_id,
        "severity": case.severity,
        "state": case.state,
        "team": case.team,
        "owner": owner,
        "customer_id": customer_id,
        "comment_id": case.comment_id,
        "opened_at": iso(case.opened_at),
        "updated_at": iso(case.updated_at),
        "last_alert_at": iso(case.last_alert_at),
        "assigned_at": iso(case.assigned_at),
        "first_response_at": iso(case.first_response_at),
        "resolved_at": iso(case.resolved_at),
        "closed_at": iso(case.closed_at),
        "response_due_at": iso(case.response_due_at),
        "due_at": iso(case.due_at),
        "breached": flags["first_response"] or flags["close"],
        "breach": flags,
        "resolution_code": case.resolution_code,
        "outcome": case.outcome,
        "alert_count": case.alert_count,
        "reopened_count": case.reopened_count,
    }


def reopen(case: Case) -> None:
    case.state = "reopened"
    case.resolved_at = None
    case.closed_at = None
    case.outcome = None
    case.resolution_code = None
    case.reopened_count += 1

