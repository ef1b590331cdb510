"""Keeping action plans: who may read and change them, their workflow, history and reminders.

Who sees what (`PlanViewer`): admins and analysts read every plan; an agent or lead reads the
plans of their team and the plans they own. Admins and analysts create plans for any team, a
lead for their own. A plan is changed by an admin, the lead of its team, its owner or whoever
created it. A plan the caller may not see answers "not found", exactly like a missing one.

Workflow: planned → in_progress → done, and cancelled from any open status; a done plan can be
reopened (in_progress), a cancelled one planned again. Reaching done sets ``completed_on``
(today unless given), the date its evaluation compares around. Every change is an event in the
plan's history with who and when; notes and free text are redacted before they are stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from voc_engine.actions.models import ActionPlanEvent, ActionPlanRow
from voc_engine.alerting.config import active_config, alert_configs
from voc_engine.alerting.models import User
from voc_engine.alerting.outbox import enqueue
from voc_engine.auth.policy import Principal
from voc_engine.drivers.actions import ACTION_STATUSES, TARGET_KINDS, ActionPlan
from voc_engine.errors import NotFoundError, PermissionDeniedError, VocError
from voc_engine.nlp.redact import redact_free_text
from voc_engine.store.models import utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

OPEN_STATUSES: tuple[str, ...] = ("planned", "in_progress")
TRANSITIONS: dict[str, frozenset[str]] = {
    "planned": frozenset({"in_progress", "done", "cancelled"}),
    "in_progress": frozenset({"planned", "done", "cancelled"}),
    "done": frozenset({"in_progress"}),
    "cancelled": frozenset({"planned"}),
}
MAX_TEXT = 10_000


class ActionPlanError(VocError):
    """A plan or a change that cannot be made (bad field, forbidden transition)."""


# Who is asking, as far as action plans are concerned: the product's one principal type.
PlanViewer = Principal


class _Unset:
    def __repr__(self) -> str:  # pragma: no cover
        return "UNSET"


UNSET: Any = _Unset()


@dataclass
class PlanIn:
    title: str
    target_kind: str
    target: str
    deadline: dt.date
    owner: str | None = None  # a user name
    team: str | None = None  # defaults to the owner's team
    investment: float = 0.0
    expected_lift: float | None = None
    description: str | None = None
    kpi: str = "nps_index"
    scope: dict[str, str] | None = None
    basis: dict[str, Any] | None = None


@dataclass
class PlanPatch:
    """Fields left UNSET stay as they are; ``note`` is added to the history with the change."""

    title: Any = UNSET
    description: Any = UNSET
    owner: Any = UNSET
    team: Any = UNSET
    deadline: Any = UNSET
    investment: Any = UNSET
    expected_lift: Any = UNSET
    scope: Any = UNSET
    status: Any = UNSET
    completed_on: Any = UNSET
    note: Any = UNSET

    def changed(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not UNSET}


def plan_from_driver(driver: dict[str, Any], *, deadline: dt.date, owner: str | None = None,
                     team: str | None = None, investment: float = 0.0, kpi: str = "nps_index",
                     title: str | None = None) -> PlanIn:
    """A plan for one row of a driver analysis's action list (its ``to_dict()["actions"]`` item).

    The expected lift and its interval are carried over as the plan's basis.
    """
    name = driver.get("driver") or driver.get("name")
    if not name:
        raise ActionPlanError("the driver row has no driver name")
    lift = driver.get("expected_lift", driver.get("lift"))
    return PlanIn(
        title=title or f"Fix {name}",
        target_kind="driver",
        target=str(name),
        deadline=deadline,
        owner=owner,
        team=team,
        investment=investment,
        expected_lift=float(lift) if lift is not None else None,
        kpi=kpi,
        basis={k: driver[k] for k in sorted(driver) if isinstance(driver[k], (str, int, float, bool, list, type(None)))},
    )


def _clean_text(value: str | None, what: str, required: bool = False) -> str | None:
    if value is None or not str(value).strip():
        if required:
            raise ActionPlanError(f"{what} is needed")
        return None
    value = str(value).strip()
    if len(value) > MAX_TEXT:
        raise ActionPlanError(f"{what} is longer than {MAX_TEXT:,} characters")
    return redact_free_text(value)


def _check_number(value: Any, what: str, minimum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ActionPlanError(f"{what} must be a number")
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ActionPlanError(f"{what} must be finite")
    if minimum is not None and value < minimum:
        raise ActionPlanError(f"{what} must be ≥ {minimum:g}")
    return value


def _check_scope(scope: Any) -> dict[str, str] | None:
    if scope is None:
        return None
    allowed = {"channel", "touchpoint", "journey_stage", "segment"}
    if not isinstance(scope, dict) or not all(isinstance(v, str) and v for v in scope.values()):
        raise ActionPlanError("scope must map columns to values, e.g. {\"channel\": \"app\"}")
    unknown = set(scope) - allowed
    if unknown:
        raise ActionPlanError(f"scope may name {', '.join(sorted(allowed))}; not {', '.join(sorted(unknown))}")
    return dict(scope)


class ActionService:
    """Reading and changing plans on behalf of a `PlanViewer`; each call is one transaction."""

    def __init__(self, store: "FeedbackStore", clock: Callable[[], datetime] = utcnow):
        self.store = store
        self.clock = clock

    # ------------------------------------------------------------------ policy
    @staticmethod
    def _can_read(viewer: PlanViewer, row: ActionPlanRow) -> bool:
        if viewer.role in ("admin", "analyst"):
            return True
        return (viewer.team is not None and row.team == viewer.team) or (
            viewer.user_id is not None and row.owner_id == viewer.user_id
        )

    @staticmethod
    def _can_write(viewer: PlanViewer, row: ActionPlanRow) -> bool:
        if viewer.role == "admin":
            return True
        if viewer.is_lead and viewer.team is not None and row.team == viewer.team:
            return True
        return (viewer.user_id is not None and row.owner_id == viewer.user_id) or row.created_by == viewer.actor[:100]

    def _visible(self, viewer: PlanViewer):
        if viewer.role in ("admin", "analyst"):
            return None
        conditions = []
        if viewer.team is not None:
            conditions.append(ActionPlanRow.team == viewer.team)
        if viewer.user_id is not None:
            conditions.append(ActionPlanRow.owner_id == viewer.user_id)
        return or_(*conditions) if conditions else ActionPlanRow.id.is_(None)

    def _load(self, session: Session, viewer: PlanViewer, plan_id: int) -> ActionPlanRow:
        row = session.get(ActionPlanRow, plan_id)
        if row is None or not self._can_read(viewer, row):
            raise NotFoundError(f"no action plan {plan_id}")
        return row

    # ----------------------------------------------------------------- helpers
    def _today(self) -> dt.date:
        return self.clock().date()

    def _user(self, session: Session, name: str) -> User:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise ActionPlanError(f"no user {name!r}: add them with `voc users create`")
        if not user.active or user.kind != "person":
            raise ActionPlanError(f"user {name!r} is deactivated")
        return user

    def _event(self, session: Session, row: ActionPlanRow, viewer: PlanViewer, kind: str,
               details: dict[str, Any] | None = None, note: str | None = None) -> None:
        session.add(ActionPlanEvent(plan_id=row.id, at=self.clock(), actor=viewer.actor[:100], kind=kind,
                                    details=details or None, note=note))

    def _to_dict(self, session: Session, row: ActionPlanRow, history: bool = False) -> dict[str, Any]:
        owner = session.get(User, row.owner_id) if row.owner_id else None
        today = self._today()
        out = {
            "id": row.id,
            "title": row.title,
            "description": row.description,
            "target_kind": row.target_kind,
            "target": row.target,
            "scope": row.scope,
            "kpi": row.kpi,
            "owner": owner.name if owner else None,
            "team": row.team,
            "deadline": row.deadline.isoformat(),
            "investment": row.investment,
            "expected_lift": row.expected_lift,
            "basis": row.basis,
            "status": row.status,
            "completed_on": row.completed_on.isoformat() if row.completed_on else None,
            "overdue": row.status in OPEN_STATUSES and row.deadline < today,
            "days_left": (row.deadline - today).days if row.status in OPEN_STATUSES else None,
            "created_at": row.created_at.isoformat(),
            "created_by": row.created_by,
            "updated_at": row.updated_at.isoformat(),
        }
        if history:
            events = session.scalars(
                select(ActionPlanEvent).where(ActionPlanEvent.plan_id == row.id).order_by(ActionPlanEvent.id)
            )
            out["history"] = [
                {"at": e.at.isoformat(), "actor": e.actor, "kind": e.kind, "details": e.details, "note": e.note}
                for e in events
            ]
        return out

    # ----------------------------------------------------------------- reading
    def list_plans(self, viewer: PlanViewer, *, status: list[str] | None = None, team: str | None = None,
                   owner: str | None = None, due_within_days: int | None = None,
                   limit: int = 100) -> list[dict[str, Any]]:
        """Plans by deadline, soonest first."""
        for value in status or []:
            if value not in ACTION_STATUSES:
                raise ActionPlanError(f"status must be one of {', '.join(ACTION_STATUSES)}, got {value!r}")
        query = select(ActionPlanRow).order_by(ActionPlanRow.deadline, ActionPlanRow.id).limit(limit)
        visible = self._visible(viewer)
        if visible is not None:
            query = query.where(visible)
        if status:
            query = query.where(ActionPlanRow.status.in_(status))
        if team:
            query = query.where(ActionPlanRow.team == team)
        if due_within_days is not None:
            query = query.where(ActionPlanRow.status.in_(OPEN_STATUSES)).where(
                ActionPlanRow.deadline <= self._today() + dt.timedelta(days=due_within_days)
            )
        with self.store.read_session() as session:
            if owner:
                query = query.join(User, User.id == ActionPlanRow.owner_id).where(User.name == owner)
            return [self._to_dict(session, row) for row in session.scalars(query)]

    def get_plan(self, viewer: PlanViewer, plan_id: int) -> dict[str, Any]:
        with self.store.read_session() as session:
            return self._to_dict(session, self._load(session, viewer, plan_id), history=True)

    def plan_for_evaluation(self, viewer: PlanViewer, plan_id: int) -> tuple[ActionPlan, dict[str, Any]]:
        """The plan as `voc_engine.drivers.actions.ActionPlan` (what evaluation takes), and as a dict."""
        plan = self.get_plan(viewer, plan_id)
        return (
            ActionPlan(
                name=plan["title"],
                target=plan["target"],
                target_kind=plan["target_kind"],
                owner=plan["owner"] or "",
                deadline=dt.date.fromisoformat(plan["deadline"]),
                investment=plan["investment"],
                status=plan["status"],
                completed_on=dt.date.fromisoformat(plan["completed_on"]) if plan["completed_on"] else None,
                scope=plan["scope"],
            ),
            plan,
        )

    # ----------------------------------------------------------------- writing
    def create_plan(self, viewer: PlanViewer, plan: PlanIn) -> dict[str, Any]:
        if viewer.role not in ("admin", "analyst") and not viewer.is_lead:
            raise PermissionDeniedError("only admins, analysts and team leads create action plans")
        if plan.target_kind not in TARGET_KINDS:
            raise ActionPlanError(f"target_kind must be one of {', '.join(TARGET_KINDS)}, got {plan.target_kind!r}")
        target = _clean_text(plan.target, "a target", required=True)
        if len(target) > 200:
            raise ActionPlanError("the target is longer than 200 characters")
        title = _clean_text(plan.title, "a title", required=True)
        if len(title) > 200:
            raise ActionPlanError("the title is longer than 200 characters")
        if not isinstance(plan.deadline, dt.date):
            raise ActionPlanError("the deadline must be a date (YYYY-MM-DD)")
        now = self.clock()
        with self.store.write_session() as session, session.begin():
            owner = self._user(session, plan.owner) if plan.owner else None
            team = plan.team or (owner.team if owner else None) or viewer.team
            if viewer.role not in ("admin", "analyst") and team != viewer.team:
                raise PermissionDeniedError("a team lead creates plans for their own team")
            row = ActionPlanRow(
                title=title,
                description=_clean_text(plan.description, "the description"),
                target_kind=plan.target_kind,
                target=target,
                scope=_check_scope(plan.scope),
                kpi=plan.kpi,
                owner_id=owner.id if owner else None,
                team=team,
                deadline=plan.deadline,
                investment=_check_number(plan.investment, "the investment", minimum=0),
                expected_lift=None if plan.expected_lift is None else _check_number(plan.expected_lift, "the expected lift"),
                basis=plan.basis,
                status="planned",
                created_at=now,
                created_by=viewer.actor[:100],
                updated_at=now,
            )
            session.add(row)
            session.flush()
            self._event(session, row, viewer, "created")
            return self._to_dict(session, row, history=True)

    def update_plan(self, viewer: PlanViewer, plan_id: int, patch: PlanPatch) -> dict[str, Any]:
        changes = patch.changed()
        if not changes:
            raise ActionPlanError("nothing to change")
        with self.store.write_session() as session, session.begin():
            row = self._load(session, viewer, plan_id)
            if not self._can_write(viewer, row):
                raise PermissionDeniedError("only an admin, the team's lead, the owner or the plan's author changes it")
            recorded: dict[str, Any] = {}

            def set_field(name: str, value: Any) -> None:
                old = getattr(row, name)
                if old != value:
                    recorded[name] = [_plain(old), _plain(value)]
                    setattr(row, name, value)

            if "title" in changes:
                set_field("title", _clean_text(changes["title"], "a title", required=True))
            if "description" in changes:
                set_field("description", _clean_text(changes["description"], "the description"))
            if "owner" in changes:
                owner = self._user(session, changes["owner"]) if changes["owner"] else None
                if owner is not None and viewer.role != "admin" and owner.team != row.team:
                    raise PermissionDeniedError("the owner must be in the plan's team (an admin may choose anyone)")
                old_owner = session.get(User, row.owner_id) if row.owner_id else None
                if (old_owner.id if old_owner else None) != (owner.id if owner else None):
                    recorded["owner"] = [old_owner.name if old_owner else None, owner.name if owner else None]
                    row.owner_id = owner.id if owner else None
            if "team" in changes:
                if viewer.role not in ("admin", "analyst"):
                    raise PermissionDeniedError("only an admin or an analyst moves a plan to another team")
                set_field("team", changes["team"] or None)
            if "deadline" in changes:
                if not isinstance(changes["deadline"], dt.date):
                    raise ActionPlanError("the deadline must be a date (YYYY-MM-DD)")
                set_field("deadline", changes["deadline"])
            if "investment" in changes:
                set_field("investment", _check_number(changes["investment"], "the investment", minimum=0))
            if "expected_lift" in changes:
                value = changes["expected_lift"]
                set_field("expected_lift", None if value is None else _check_number(value, "the expected lift"))
            if "scope" in changes:
                set_field("scope", _check_scope(changes["scope"]))
            if "status" in changes:
                self._transition(row, changes["status"], changes.get("completed_on", UNSET), recorded)
            elif "completed_on" in changes:
                if row.status != "done":
                    raise ActionPlanError("only a done plan has a completion date")
                set_field("completed_on", changes["completed_on"])
            note = _clean_text(changes.get("note"), "the note") if "note" in changes else None
            if not recorded and note is None:
                return self._to_dict(session, row, history=True)
            row.updated_at = self.clock()
            kind = "status" if "status" in recorded else ("updated" if recorded else "note")
            self._event(session, row, viewer, kind, recorded, note)
            return self._to_dict(session, row, history=True)

    def _transition(self, row: ActionPlanRow, target: str, completed_on: Any, recorded: dict[str, Any]) -> None:
        if target not in ACTION_STATUSES:
            raise ActionPlanError(f"status must be one of {', '.join(ACTION_STATUSES)}, got {target!r}")
        if target == row.status:
            return
        if target not in TRANSITIONS[row.status]:
            allowed = ", ".join(sorted(TRANSITIONS[row.status]))
            raise ActionPlanError(f"a {row.status} plan moves to {allowed}, not {target}")
        recorded["status"] = [row.status, target]
        row.status = target
        if target == "done":
            when = self._today() if completed_on in (UNSET, None) else completed_on
            if not isinstance(when, dt.date):
                raise ActionPlanError("completed_on must be a date (YYYY-MM-DD)")
            if when > self._today():
                raise ActionPlanError("completed_on cannot be in the future")
            recorded["completed_on"] = [_plain(row.completed_on), when.isoformat()]
            row.completed_on = when
        elif row.completed_on is not None:
            recorded["completed_on"] = [row.completed_on.isoformat(), None]
            row.completed_on = None

    def add_note(self, viewer: PlanViewer, plan_id: int, body: str) -> dict[str, Any]:
        if body is None or not str(body).strip():
            raise ActionPlanError("a note is needed")
        return self.update_plan(viewer, plan_id, PlanPatch(note=body))

    # --------------------------------------------------------------- reminders
    def send_reminders(self, within_days: int = 7) -> dict[str, int]:
        """Tell each open plan's team, once per deadline, that it is due soon and that it is overdue.

        Messages go through the webhook outbox (the team's webhooks in the routing
        configuration) in the transaction that records the reminder in the plan's history, so
        a run that is repeated or dies half-way sends nothing twice.
        """
        today = self._today()
        counts = {"due_soon": 0, "overdue": 0, "messages": 0}
        system = PlanViewer.system("system:reminders")
        with self.store.write_session() as session, session.begin():
            routing = active_config(session, alert_configs(self.store)).routing
            rows = session.scalars(
                select(ActionPlanRow)
                .where(ActionPlanRow.status.in_(OPEN_STATUSES))
                .where(ActionPlanRow.deadline <= today + dt.timedelta(days=within_days))
                .order_by(ActionPlanRow.id)
            ).all()
            for row in rows:
                kind = "overdue" if row.deadline < today else "due_soon"
                already = session.scalar(
                    select(ActionPlanEvent.id)
                    .where(ActionPlanEvent.plan_id == row.id, ActionPlanEvent.kind == kind)
                    .order_by(ActionPlanEvent.id.desc())
                    .limit(1)
                )
                if already is not None:
                    last = session.get(ActionPlanEvent, already)
                    if (last.details or {}).get("deadline") == row.deadline.isoformat():
                        continue
                self._event(session, row, system, kind, {"deadline": row.deadline.isoformat()})
                counts[kind] += 1
                counts["messages"] += enqueue(
                    session,
                    team=row.team,
                    event_name=f"action.{kind}",
                    payload={"action": self._to_dict(session, row)},
                    routing=routing,
                )
        return counts


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, datetime)) else value


__all__ = [
    "ActionPlanError",
    "ActionService",
    "OPEN_STATUSES",
    "PlanIn",
    "PlanPatch",
    "PlanViewer",
    "TRANSITIONS",
    "UNSET",
    "plan_from_driver",
]
