"""Cases worked by people and closed with a close-the-loop outcome (opened by alerts at ingest:
`voc_engine.alerting.opening`; states, SLAs and the case's dict: `voc_engine.alerting.lifecycle`).

States (`TRANSITIONS`)::

    new → assigned → in_progress → resolved → closed
    resolved | closed → reopened → assigned | in_progress

A lead or admin assigns (new and reopened cases become assigned); a new alert for the same
customer and rule reopens a resolved case.

Resolving needs a resolution code (from the routing's list); closing needs an outcome
(customer_contacted, could_not_reach, no_action_needed). A case has two SLA due times from its
severity: the first response (first move to in_progress, first note, or a resolution) and the
close; it is in breach when either passed unmet. Notes are free text a person types (often with
the customer's e-mail or number pasted in): they are redacted like comment text before they are
stored.

Visibility: an agent sees the cases they own, a team lead those of their team (and their own),
an admin all. A case the viewer may not see does not exist for them (404), so ids reveal nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import and_, false, func, not_, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from voc_engine.alerting.config import active_config
from voc_engine.alerting.lifecycle import (
    STATES,
    SYSTEM_ACTOR,
    TRANSITIONS,
    breached_clause,
    case_to_dict,
    iso,
    reopen,
)
from voc_engine.alerting.models import Alert, Case, CaseEvent, CaseNote, OutboxMessage, User
from voc_engine.alerting.outbox import enqueue
from voc_engine.alerting.routing import OUTCOMES, Routing
from voc_engine.alerting.rules import SEVERITIES
from voc_engine.alerting.users import Viewer
from voc_engine.errors import ConflictError, NotFoundError, PermissionDeniedError, VocError
from voc_engine.nlp.redact import redact_free_text
from voc_engine.store.models import BIGINT_MAX, Comment, Customer, EnrichmentRow, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

UNSET: Any = object()


class CaseUpdateError(VocError):
    """A case change that lacks what it needs (a resolution code, an outcome, an owner)."""


def _event(session: Session, case: Case, at: datetime, actor: str, kind: str, **details: Any) -> None:
    from_state = details.pop("from_state", None)
    to_state = details.pop("to_state", None)
    session.add(
        CaseEvent(
            case_id=case.id,
            at=at,
            actor=actor[:100],
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            details=details,
        )
    )


def _mark_assigned(session: Session, user: User, now: datetime) -> None:
    """Put the user at the back of the round-robin queue (strictly after everyone, even within one batch)."""
    latest = session.scalar(select(func.max(User.last_assigned_at)).where(User.team == user.team))
    user.last_assigned_at = max(now, latest + timedelta(microseconds=1)) if latest else now


# --------------------------------------------------------------------------- working cases
@dataclass
class CaseFilter:
    state: list[str] | None = None
    team: list[str] | None = None
    severity: list[str] | None = None
    breached: bool | None = None
    owner: str | None = None
    rule_id: list[str] | None = None
    opened_since: datetime | None = None
    opened_until: datetime | None = None

    def validate(self) -> None:
        for name, allowed in (("state", STATES), ("severity", SEVERITIES)):
            unknown = set(getattr(self, name) or ()) - set(allowed)
            if unknown:
                raise VocError(f"{name} must be among {', '.join(allowed)}, got {sorted(unknown)}")


@dataclass
class CasePatch:
    """What PATCH /v1/cases/{id} may change; fields left unset are not touched."""

    state: str | None = None
    owner: Any = UNSET  # a user name, or None to unassign
    team: str | None = None
    resolution_code: str | None = None
    outcome: str | None = None
    note: str | None = None

    @property
    def assigns(self) -> bool:
        return self.owner is not UNSET


@dataclass
class CasePage:
    items: list[dict[str, Any]]
    next_cursor: str | None
    filters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}


def _visible(viewer: Viewer):
    """SQL restricting cases to what the viewer may see (None: everything).

    A lead sees the team's cases; an agent their own and the team's unassigned ones (the queue
    they claim from)."""
    if viewer.is_admin:
        return None
    mine = Case.owner_id == viewer.user_id if viewer.user_id is not None else false()
    if viewer.is_lead and viewer.team:
        return or_(mine, Case.team == viewer.team)
    if viewer.user_id is not None and viewer.team:
        return or_(mine, and_(Case.team == viewer.team, Case.owner_id.is_(None)))
    return mine


def case_when_breached(now: datetime):
    return sql_case((breached_clause(now), 1), else_=0)


def _can_see(viewer: Viewer, case: Case) -> bool:
    if viewer.is_admin:
        return True
    if viewer.user_id is not None and case.owner_id == viewer.user_id:
        return True
    if viewer.team is None or case.team != viewer.team:
        return False
    return viewer.is_lead or (viewer.user_id is not None and case.owner_id is None)


class CaseService:
    """Reading and working cases on behalf of a `Viewer`; each call is one transaction."""

    def __init__(self, store: "FeedbackStore", clock: Callable[[], datetime] = utcnow):
        self.store = store
        self.clock = clock

    def _base_query(self):
        return (
            select(Case, User.name, Customer.external_id)
            .outerjoin(User, User.id == Case.owner_id)
            .outerjoin(Customer, Customer.id == Case.customer_pk)
        )

    # ----------------------------------------------------------------- reading
    def list_cases(
        self, viewer: Viewer, filters: CaseFilter | None = None, limit: int = 50, cursor: str | None = None
    ) -> CasePage:
        """Newest first; `cursor` is the `next_cursor` of the previous page."""
        filters = filters or CaseFilter()
        filters.validate()
        now = self.clock()
        query = self._base_query()
        visible = _visible(viewer)
        if visible is not None:
            query = query.where(visible)
        conditions = []
        if filters.state:
            conditions.append(Case.state.in_(filters.state))
        if filters.team:
            conditions.append(Case.team.in_(filters.team))
        if filters.severity:
            conditions.append(Case.severity.in_(filters.severity))
        if filters.rule_id:
            conditions.append(Case.rule_id.in_(filters.rule_id))
        if filters.owner is not None:
            conditions.append(User.name == filters.owner)
        if filters.opened_since is not None:
            conditions.append(Case.opened_at >= filters.opened_since)
        if filters.opened_until is not None:
            conditions.append(Case.opened_at < filters.opened_until)
        if filters.breached is not None:
            clause = breached_clause(now)
            conditions.append(clause if filters.breached else not_(clause))
        if cursor:
            # Plain ASCII digits within the id column: int() also takes "1_0", " 7" and "٣", and
            # a larger number overflows the database driver.
            if not (cursor.isascii() and cursor.isdigit() and len(cursor) <= 19 and int(cursor) <= BIGINT_MAX):
                raise VocError("invalid cursor: pass back the next_cursor of the previous page")
            conditions.append(Case.id < int(cursor))
        query = query.where(*conditions).order_by(Case.id.desc()).limit(limit + 1)
        with self.store.read_session() as session:
            rows = session.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [case_to_dict(case, owner, customer, now) for case, owner, customer in rows]
        return CasePage(items, str(rows[-1][0].id) if more and rows else None)

    def counts(self, viewer: Viewer) -> dict[str, int]:
        """How many of the cases the viewer may see are open (neither resolved nor closed),
        and how many of those are in breach of an SLA now."""
        now = self.clock()
        query = select(func.count(), func.sum(case_when_breached(now))).select_from(Case).where(
            Case.state.not_in(("resolved", "closed")))
        visible = _visible(viewer)
        if visible is not None:
            query = query.where(visible)
        with self.store.read_session() as session:
            open_, breached = session.execute(query).one()
        return {"open": int(open_ or 0), "breached": int(breached or 0)}

    def get_case(self, viewer: Viewer, case_id: int) -> dict[str, Any]:
        """The case with its alerts (and their comments), notes, history and notifications."""
        now = self.clock()
        with self.store.read_session() as session:
            row = session.execute(self._base_query().where(Case.id == case_id)).first()
            if row is None or not _can_see(viewer, row[0]):
                raise NotFoundError(f"no case {case_id}")
            case, owner, customer = row
            result = case_to_dict(case, owner, customer, now)
            alerts = session.execute(
                select(Alert, Comment.created_at, Comment.text_redacted, Comment.nps, EnrichmentRow.sentiment_label)
                .join(Comment, Comment.id == Alert.comment_id)
                .outerjoin(EnrichmentRow, EnrichmentRow.comment_id == Comment.id)
                .where(Alert.case_id == case_id)
                .order_by(Alert.id)
            ).all()
            notes = session.scalars(select(CaseNote).where(CaseNote.case_id == case_id).order_by(CaseNote.id)).all()
            events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)).all()
            messages = session.scalars(
                select(OutboxMessage).where(OutboxMessage.case_id == case_id).order_by(OutboxMessage.id)
            ).all()
        result["alerts"] = [
            {
                "rule_id": a.rule_id,
                "severity": a.severity,
                "at": iso(a.created_at),
                "comment": {
                    "id": a.comment_id,
                    "created_at": iso(created),
                    "text": text_,
                    "nps": nps,
                    "sentiment": label,
                },
            }
            for a, created, text_, nps, label in alerts
        ]
        result["notes"] = [{"id": n.id, "author": n.author, "at": iso(n.created_at), "body": n.body} for n in notes]
        result["history"] = [
            {"at": iso(e.at), "actor": e.actor, "kind": e.kind, "from": e.from_state, "to": e.to_state, **e.details}
            for e in events
        ]
        result["notifications"] = [
            {
                "event": m.event,
                "webhook": m.webhook,
                "status": m.status,
                "attempts": m.attempts,
                "delivered_at": iso(m.delivered_at),
                "idempotency_key": m.idempotency_key,
            }
            for m in messages
        ]
        return result

    # ----------------------------------------------------------------- changing
    def _load_for_update(self, session: Session, viewer: Viewer, case_id: int) -> Case:
        case = session.get(Case, case_id, with_for_update=self.store.dialect == "postgresql")
        if case is None or not _can_see(viewer, case):
            raise NotFoundError(f"no case {case_id}")
        return case

    def update_case(self, viewer: Viewer, case_id: int, patch: CasePatch) -> dict[str, Any]:
        """Move a team, assign, transition, record codes and outcome, add a note — all or nothing."""
        now = self.clock()
        with self.store.write_session() as session, session.begin():
            case = self._load_for_update(session, viewer, case_id)
            config = active_config(session)
            changes: list[str] = []
            if patch.team is not None and patch.team != case.team:
                self._move_team(session, viewer, case, patch.team, config.routing, now)
                changes.append("team")
            if patch.assigns:
                if self._assign(session, viewer, case, patch.owner, now):
                    changes.append("owner")
            if patch.resolution_code is not None:
                self._set_resolution_code(case, patch, config.routing)
            if patch.outcome is not None and patch.outcome not in OUTCOMES:
                raise CaseUpdateError(f"outcome must be one of {', '.join(OUTCOMES)}, got {patch.outcome!r}")
            if patch.outcome is not None and patch.state != "closed":
                raise CaseUpdateError("the outcome is recorded when closing: send it with state 'closed'")
            if patch.state is not None and patch.state != case.state:
                self._transition(session, viewer, case, patch, now)
                changes.append("state")
            if patch.note:
                self._note(session, viewer, case, patch.note, now)
                changes.append("note")
            if changes:
                case.updated_at = now
                self._notify(session, case, changes, config.routing, now)
        return self.get_case(viewer, case_id)

    def add_note(self, viewer: Viewer, case_id: int, body: str) -> dict[str, Any]:
        now = self.clock()
        with self.store.write_session() as session, session.begin():
            case = self._load_for_update(session, viewer, case_id)
            note = self._note(session, viewer, case, body, now)
            case.updated_at = now
            session.flush()
            return {
                "id": note.id,
                "case_id": case.id,
                "author": note.author,
                "at": iso(note.created_at),
                "body": note.body,
            }

    def _move_team(
        self, session: Session, viewer: Viewer, case: Case, team: str, routing: Routing, now: datetime
    ) -> None:
        if not viewer.is_admin:
            raise PermissionDeniedError("only an admin moves a case to another team")
        if team not in routing.teams:
            raise CaseUpdateError(f"unknown team {team!r} (teams: {', '.join(routing.teams)})")
        _event(session, case, now, viewer.actor, "team", previous=case.team, team=team)
        case.team = team

    def claim(self, viewer: Viewer, case_id: int) -> dict[str, Any]:
        """An agent takes an unassigned case of their team (a lead or admin may too)."""
        if viewer.user_id is None:
            raise PermissionDeniedError("only a case user claims cases (an API key linked to a user)")
        with self.store.read_session() as session:
            user = session.get(User, viewer.user_id)
        if user is None or not user.active:
            raise PermissionDeniedError("this user is not active")
        return self.update_case(viewer, case_id, CasePatch(owner=user.name))

    def _assign(self, session: Session, viewer: Viewer, case: Case, owner_name: str | None, now: datetime) -> bool:
        current = session.get(User, case.owner_id) if case.owner_id else None
        if (current.name if current else None) == owner_name:
            return False
        claiming = (
            viewer.user_id is not None
            and current is None
            and owner_name is not None
            and case.team == viewer.team
            and session.scalar(select(User.name).where(User.id == viewer.user_id)) == owner_name
        )
        if not (viewer.is_admin or viewer.is_lead or claiming):
            raise PermissionDeniedError("only a team lead or an admin assigns cases; an agent claims unassigned ones")
        if owner_name is None:
            if case.state not in ("new", "assigned", "reopened"):
                raise ConflictError(f"a case in state {case.state} cannot be unassigned")
            _event(session, case, now, viewer.actor, "unassigned", previous=current.name if current else None)
            case.owner_id = None
            if case.state == "assigned":
                self._set_state(session, viewer, case, "new", now)
            return True
        user = session.scalar(select(User).where(User.name == owner_name))
        if user is None or not user.active or user.kind != "person":
            raise CaseUpdateError(f"no active user {owner_name!r}")
        if not viewer.is_admin and (user.team != viewer.team or case.team != viewer.team):
            raise PermissionDeniedError("a team lead assigns their team's cases to their team's members")
        case.owner_id = user.id
        case.assigned_at = now
        _mark_assigned(session, user, now)
        _event(
            session, case, now, viewer.actor, "assigned", owner=user.name, previous=current.name if current else None
        )
        if case.state in ("new", "reopened"):
            self._set_state(session, viewer, case, "assigned", now)
        return True

    def _set_resolution_code(self, case: Case, patch: CasePatch, routing: Routing) -> None:
        if patch.resolution_code not in routing.resolution_codes:
            raise CaseUpdateError(
                f"resolution_code must be one of {', '.join(routing.resolution_codes)}, got {patch.resolution_code!r}"
            )
        if patch.state != "resolved" and case.state != "resolved":
            raise CaseUpdateError("the resolution code is recorded when resolving: send it with state 'resolved'")
        case.resolution_code = patch.resolution_code

    def _transition(self, session: Session, viewer: Viewer, case: Case, patch: CasePatch, now: datetime) -> None:
        target = patch.state
        if target not in STATES:
            raise CaseUpdateError(f"state must be one of {', '.join(STATES)}, got {target!r}")
        allowed = TRANSITIONS[case.state]
        if target not in allowed:
            raise ConflictError(
                f"a case cannot go from {case.state} to {target} (from {case.state}: {', '.join(allowed)})"
            )
        if target in ("assigned", "in_progress") and case.owner_id is None:
            raise CaseUpdateError(f"a case needs an owner to become {target}: send 'owner' too")
        if target == "resolved" and not case.resolution_code:
            raise CaseUpdateError("resolving needs a resolution_code")
        if target == "closed":
            if not patch.outcome:
                raise CaseUpdateError(f"closing needs a close-the-loop outcome: one of {', '.join(OUTCOMES)}")
            case.outcome = patch.outcome
        self._set_state(session, viewer, case, target, now)

    def _set_state(self, session: Session, viewer: Viewer, case: Case, target: str, now: datetime) -> None:
        previous = case.state
        if target == "reopened":
            reopen(case)
        else:
            case.state = target
        if target in ("in_progress", "resolved", "closed") and case.first_response_at is None:
            case.first_response_at = now
        if target == "resolved":
            case.resolved_at = now
        if target == "closed":
            case.closed_at = now
        details = {"outcome": case.outcome} if target == "closed" else {}
        if target == "resolved":
            details["resolution_code"] = case.resolution_code
        _event(session, case, now, viewer.actor, "state", from_state=previous, to_state=target, **details)

    def _note(self, session: Session, viewer: Viewer, case: Case, body: str, now: datetime) -> CaseNote:
        body = (body or "").strip()
        if not body or len(body) > 10_000:
            raise CaseUpdateError("a note needs 1 to 10,000 characters")
        note = CaseNote(case_id=case.id, author=viewer.actor[:100], body=redact_free_text(body), created_at=now)
        session.add(note)
        if case.first_response_at is None and viewer.actor != SYSTEM_ACTOR:
            case.first_response_at = now
        _event(session, case, now, viewer.actor, "note")
        return note

    def _notify(self, session: Session, case: Case, changes: list[str], routing: Routing, now: datetime) -> None:
        session.flush()
        owner = session.get(User, case.owner_id) if case.owner_id else None
        customer = session.get(Customer, case.customer_pk) if case.customer_pk else None
        payload = {
            "changes": changes,
            "case": case_to_dict(case, owner.name if owner else None, customer.external_id if customer else None, now),
        }
        enqueue(session, case_id=case.id, team=case.team, event_name="case.updated", payload=payload, routing=routing)


__all__ = [
    "CaseFilter",
    "CasePage",
    "CasePatch",
    "CaseService",
    "CaseUpdateError",
]
