"""The people who work cases, as the case code knows them: leads and agents of a team.

They are the product's users (`voc_engine.auth.users`: one user model); this module keeps the
case commands' vocabulary (`voc cases users …`, a "team role" agent | lead) over it. `Viewer` is
the product's `Principal`: who is asking, for cases as for everything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from voc_engine.auth.policy import TEAM_ROLES, Principal
from voc_engine.auth.users import UserInfo, create_user as _create_user, get_user, list_users, update_user as _update
from voc_engine.errors import InvalidArgumentError, NotFoundError
from voc_engine.store.models import ApiKey, User

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.auth.keys import ApiKeyInfo
    from voc_engine.store.repository import FeedbackStore

Viewer = Principal

__all__ = ["TEAM_ROLES", "UserInfo", "Viewer", "create_user", "create_user_key", "get_user", "link_api_key",
           "list_users", "update_user"]


def _check_team_role(team_role: str) -> None:
    if team_role not in TEAM_ROLES:
        raise InvalidArgumentError(f"team role must be one of {', '.join(TEAM_ROLES)}, got {team_role!r}")


def create_user(store: "FeedbackStore", name: str, team: str | None, team_role: str = "agent") -> UserInfo:
    """A person who works cases (no password: they use keys until one is set)."""
    _check_team_role(team_role)
    return _create_user(store, name, team_role, team)


def update_user(
    store: "FeedbackStore",
    name: str,
    *,
    team: str | None = None,
    team_role: str | None = None,
    active: bool | None = None,
) -> UserInfo:
    if team_role is not None:
        _check_team_role(team_role)
    return _update(store, name, role=team_role, team=team, active=active)


def link_api_key(store: "FeedbackStore", user_name: str, api_key_id: int) -> None:
    """Make an existing API key belong to a person: it acts as them, with their role, from now on."""
    with store.write_session() as session, session.begin():
        user = session.scalar(select(User).where(User.name == user_name))
        if user is None:
            raise NotFoundError(f"no user {user_name!r}")
        key = session.get(ApiKey, api_key_id)
        if key is None:
            raise NotFoundError(f"no API key with id {api_key_id}")
        key.user_id = user.id
        key.role = user.role


def create_user_key(store: "FeedbackStore", user_name: str, role: str | None = None) -> tuple[str, "ApiKeyInfo"]:
    """A new API key of the user (shown once); it acts with the user's role."""
    from voc_engine.auth.keys import create_api_key

    return create_api_key(store, role, name=f"user:{user_name}", owner=user_name)
