"""People who work cases, their teams, and who an API key acts for.

API keys carry a role (`voc_engine.auth`); for cases that is not enough: an agent key must act for
a user, and the user's team and team role decide what the key sees. An admin key sees
everything whether or not it is linked; analyst and ingest keys see no case at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from voc_engine.alerting.models import User, UserApiKey
from voc_engine.errors import ConflictError, NotFoundError, PermissionDeniedError, VocError
from voc_engine.store.models import ApiKey, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.auth.keys import ApiKeyInfo
    from voc_engine.store.repository import FeedbackStore

TEAM_ROLES: tuple[str, ...] = ("agent", "lead")


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    team: str | None
    team_role: str
    active: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "team": self.team, "team_role": self.team_role, "active": self.active}


@dataclass(frozen=True)
class Viewer:
    """Who is asking, as far as cases are concerned."""

    actor: str  # how notes and events name them
    user_id: int | None = None
    team: str | None = None
    is_lead: bool = False
    is_admin: bool = False

    @classmethod
    def system(cls, actor: str = "system") -> "Viewer":
        """Full access, for the CLI and the library's own jobs."""
        return cls(actor=actor, is_admin=True)

    @classmethod
    def of_user(cls, user: UserInfo | User) -> "Viewer":
        return cls(f"user:{user.name}", user.id, user.team, user.team_role == "lead")


def _info(row: User) -> UserInfo:
    return UserInfo(row.id, row.name, row.team, row.team_role, row.active)


def _check_role(team_role: str) -> None:
    if team_role not in TEAM_ROLES:
        raise VocError(f"team role must be one of {', '.join(TEAM_ROLES)}, got {team_role!r}")


def create_user(store: "FeedbackStore", name: str, team: str | None, team_role: str = "agent") -> UserInfo:
    _check_role(team_role)
    if not name or len(name) > 100:
        raise VocError("a user name of 1 to 100 characters is needed")
    with store.write_session() as session, session.begin():
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise ConflictError(f"user {name!r} exists already")
        row = User(name=name, team=team, team_role=team_role, active=True, created_at=utcnow())
        session.add(row)
        session.flush()
        return _info(row)


def update_user(
    store: "FeedbackStore",
    name: str,
    *,
    team: str | None = None,
    team_role: str | None = None,
    active: bool | None = None,
) -> UserInfo:
    with store.write_session() as session, session.begin():
        row = session.scalar(select(User).where(User.name == name))
        if row is None:
            raise NotFoundError(f"no user {name!r}")
        if team is not None:
            row.team = team
        if team_role is not None:
            _check_role(team_role)
            row.team_role = team_role
        if active is not None:
            row.active = active
        session.flush()
        return _info(row)


def list_users(store: "FeedbackStore") -> list[UserInfo]:
    with store.read_session() as session:
        return [_info(r) for r in session.scalars(select(User).order_by(User.team, User.name))]


def get_user(store: "FeedbackStore", name: str) -> UserInfo:
    with store.read_session() as session:
        row = session.scalar(select(User).where(User.name == name))
    if row is None:
        raise NotFoundError(f"no user {name!r}")
    return _info(row)


def link_api_key(store: "FeedbackStore", user_name: str, api_key_id: int) -> None:
    """Let an existing API key act for a user (a key acts for one user at most)."""
    with store.write_session() as session, session.begin():
        user_id = session.scalar(select(User.id).where(User.name == user_name))
        if user_id is None:
            raise NotFoundError(f"no user {user_name!r}")
        if session.get(ApiKey, api_key_id) is None:
            raise NotFoundError(f"no API key with id {api_key_id}")
        link = session.get(UserApiKey, api_key_id)
        if link is None:
            session.add(UserApiKey(api_key_id=api_key_id, user_id=user_id))
        else:
            link.user_id = user_id


def create_user_key(store: "FeedbackStore", user_name: str, role: str = "agent") -> tuple[str, "ApiKeyInfo"]:
    """A new API key acting for the user (shown once)."""
    from voc_engine.auth.keys import create_api_key

    user = get_user(store, user_name)
    key, info = create_api_key(store, role, name=f"user:{user.name}")
    link_api_key(store, user.name, info.id)
    return key, info


def user_for_key(store: "FeedbackStore", key: "ApiKeyInfo") -> UserInfo | None:
    """The user an API key acts for, if it is linked to one."""
    with store.read_session() as session:
        user = session.scalar(
            select(User).join(UserApiKey, UserApiKey.user_id == User.id).where(UserApiKey.api_key_id == key.id)
        )
        return _info(user) if user is not None else None


def viewer_for_key(store: "FeedbackStore", key: "ApiKeyInfo") -> Viewer:
    """The Viewer an API key stands for; PermissionDeniedError when it may not work cases."""
    user = user_for_key(store, key)
    if key.role == "admin":
        return Viewer(
            f"user:{user.name}" if user else key.actor,
            user.id if user else None,
            user.team if user else None,
            is_admin=True,
        )
    if key.role != "agent":
        raise PermissionDeniedError(f"role {key.role!r} sees case aggregates only")
    if user is None:
        raise PermissionDeniedError("this agent key acts for no user: link it with `voc cases users key`")
    if not user.active:
        raise PermissionDeniedError(f"user {user.name!r} is deactivated")
    return Viewer.of_user(user)
