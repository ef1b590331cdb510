"""People and named services: create, list, change, disable, reset a password.

One table (`voc_engine.store.models.User`) for every principal of the product: a person signs
in with a password and may hold API keys; a service only holds keys. Disabling either stops its
sessions and its keys at once (every request checks its owner; nothing is cached). Every change
is in the audit log, never with a password.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from voc_engine.auth.passwords import hash_password
from voc_engine.auth.policy import KINDS, PERSON_ROLES, SERVICE_ROLES, TEAM_ROLES
from voc_engine.errors import ConflictError, InvalidArgumentError, NotFoundError
from voc_engine.store.audit import record
from voc_engine.store.models import AuthSession, LoginThrottle, User, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

NAME_MAX = 100


class InvalidRoleError(InvalidArgumentError):
    """A role outside the roles of the principal's kind."""


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    kind: str
    role: str
    team: str | None
    active: bool
    has_password: bool
    created_at: datetime
    last_login_at: datetime | None = None
    disabled_at: datetime | None = None

    @property
    def team_role(self) -> str:
        """The role as the case commands named it (agent | lead)."""
        return self.role

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "team": self.team,
            "active": self.active,
            "has_password": self.has_password,
            "created_at": self.created_at.isoformat(),
            "last_login_at": self.last_login_at.isoformat() if self.last_login_at else None,
            "disabled_at": self.disabled_at.isoformat() if self.disabled_at else None,
        }


def user_info(row: User) -> UserInfo:
    return UserInfo(row.id, row.name, row.kind, row.role, row.team, row.active, row.password_hash is not None,
                    row.created_at, row.last_login_at, row.disabled_at)


def throttle_key(kind: str, value: str) -> str:
    """The sign-in throttle's row (`LoginThrottle.key`) of a user name (case-folded) or a client address."""
    return hashlib.sha256(f"{kind}:{value.casefold() if kind == 'name' else value}".encode()).hexdigest()


def audit(session: Session, actor: str, action: str, target: str, **details: Any) -> None:
    record(session, actor, action, target, details)


def check_role(kind: str, role: str) -> None:
    if kind not in KINDS:
        raise InvalidArgumentError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    roles = PERSON_ROLES if kind == "person" else SERVICE_ROLES
    if role not in roles:
        raise InvalidRoleError(f"a {kind}'s role is one of {', '.join(roles)}, got {role!r}")


def _check_name(name: str) -> str:
    if not name or len(name) > NAME_MAX or name != name.strip() or any(c.isspace() or not c.isprintable() for c in name):
        raise InvalidArgumentError(f"a user name is 1 to {NAME_MAX} printable characters without spaces")
    return name


def _row(session: Session, name: str, *, for_update: bool = False) -> User:
    query = select(User).where(User.name == name)
    row = session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise NotFoundError(f"no user {name!r}")
    return row


def revoke_sessions(session: Session, user_id: int, now: datetime) -> int:
    """Ends every open session of the user (inside the caller's transaction)."""
    result = session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount or 0


def create_user(
    store: "FeedbackStore",
    name: str,
    role: str,
    team: str | None = None,
    *,
    password: str | None = None,
    kind: str = "person",
    actor: str = "system",
) -> UserInfo:
    """A new person (with a password, or none until one is set) or service."""
    _check_name(name)
    check_role(kind, role)
    if kind == "service" and password is not None:
        raise InvalidArgumentError("a service signs in with API keys only: it has no password")
    if role in TEAM_ROLES and not team:
        raise InvalidArgumentError(f"a {role} works in a team: give --team")
    password_hash = hash_password(password) if password is not None else None
    now = utcnow()
    with store.write_session() as session, session.begin():
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise ConflictError(f"user {name!r} exists already")
        row = User(name=name, kind=kind, role=role, team=team or None, active=True, password_hash=password_hash,
                   password_changed_at=now if password_hash else None, created_at=now)
        session.add(row)
        session.flush()
        audit(session, actor, "user.create", f"user:{name}", kind=kind, role=role, team=team,
              password=password_hash is not None)
        return user_info(row)


def update_user(
    store: "FeedbackStore",
    name: str,
    *,
    role: str | None = None,
    team: str | None = None,
    active: bool | None = None,
    actor: str = "system",
) -> UserInfo:
    """Change a role or a team; `active` False disables (see `disable_user`), True enables."""
    now = utcnow()
    with store.write_session() as session, session.begin():
        row = _row(session, name, for_update=True)
        changes: dict[str, Any] = {}
        if role is not None and role != row.role:
            check_role(row.kind, role)
            changes["role"] = [row.role, role]
            row.role = role
        if team is not None and team != row.team:
            changes["team"] = [row.team, team]
            row.team = team
        if row.role in TEAM_ROLES and not row.team:
            raise InvalidArgumentError(f"a {row.role} works in a team: give --team")
        if changes:
            audit(session, actor, "user.update", f"user:{name}", **changes)
        if active is not None and active != row.active:
            _set_active(session, row, active, actor, now)
        session.flush()
        return user_info(row)


def _set_active(session: Session, row: User, active: bool, actor: str, now: datetime) -> None:
    row.active = active
    row.disabled_at = None if active else now
    if active:
        audit(session, actor, "user.enable", f"user:{row.name}")
    else:
        ended = revoke_sessions(session, row.id, now)
        audit(session, actor, "user.disable", f"user:{row.name}", sessions_ended=ended)


def disable_user(store: "FeedbackStore", name: str, *, actor: str = "system") -> UserInfo:
    """Their sessions end and their keys stop working with the next request, in every process."""
    return update_user(store, name, active=False, actor=actor)


def enable_user(store: "FeedbackStore", name: str, *, actor: str = "system") -> UserInfo:
    return update_user(store, name, active=True, actor=actor)


def reset_password(store: "FeedbackStore", name: str, password: str, *, actor: str = "system") -> UserInfo:
    """A new password for a person: their sessions end and their sign-in lock-out is lifted."""
    password_hash = hash_password(password)
    now = utcnow()
    with store.write_session() as session, session.begin():
        row = _row(session, name, for_update=True)
        if row.kind != "person":
            raise InvalidArgumentError(f"{name!r} is a service: it signs in with API keys only")
        row.password_hash = password_hash
        row.password_changed_at = now
        ended = revoke_sessions(session, row.id, now)
        session.execute(delete(LoginThrottle).where(LoginThrottle.key == throttle_key("name", name)))
        audit(session, actor, "user.reset_password", f"user:{name}", sessions_ended=ended)
        session.flush()
        return user_info(row)


def get_user(store: "FeedbackStore", name: str) -> UserInfo:
    with store.read_session() as session:
        return user_info(_row(session, name))


def list_users(store: "FeedbackStore", kind: str | None = None) -> list[UserInfo]:
    query = select(User).order_by(User.kind, User.team, User.name)
    if kind is not None:
        query = query.where(User.kind == kind)
    with store.read_session() as session:
        return [user_info(r) for r in session.scalars(query)]
