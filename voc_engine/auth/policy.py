"""Who is asking (`Principal`) and the one decision on what they may do (`authorize`).

Every request reaches `authorize` with the principal its credentials stand for, whichever they
were: an API key (``X-API-Key``) or a signed-in session (the ``voc_session`` cookie). Roles:

=========  =====================================================================================
admin      everything, including people, keys, erasure, rules and routing
analyst    read comments, aggregates, charts, drivers, topics; score; read and create plans
lead       a team lead: the team's cases and plans, the team's close-the-loop report
agent      their own cases and their team's queue; their team's plans
ingest     post comments and score them (services only)
=========  =====================================================================================

A lead may do whatever an agent may. ``lead`` and ``agent`` are roles of people in a team: a key
with one of them that belongs to no person is refused. Which case or plan of the team a lead or
agent sees is the case and plan services' business (`voc_engine.alerting.cases`,
`voc_engine.actions.service`), given this principal; a row outside it answers "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from voc_engine.errors import NotAuthenticatedError, PermissionDeniedError

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.models import User

ROLES: tuple[str, ...] = ("ingest", "analyst", "lead", "agent", "admin")
PERSON_ROLES: tuple[str, ...] = ("admin", "analyst", "lead", "agent")
SERVICE_ROLES: tuple[str, ...] = ("ingest", "analyst", "admin")
TEAM_ROLES: tuple[str, ...] = ("lead", "agent")
KINDS: tuple[str, ...] = ("person", "service")


@dataclass(frozen=True)
class Principal:
    """Who is asking, for every policy of the product (cases, plans, everything else).

    ``kind``: person, service, key (a key that belongs to no one: from before owners) or system
    (the command line and the library's own jobs). ``via``: key, session or system.
    """

    actor: str  # how the audit log, case notes and plan histories name them
    role: str
    user_id: int | None = None
    name: str | None = None
    team: str | None = None
    kind: str = "system"
    via: str = "system"
    credential_id: int | None = None  # the key's or the session's id
    # A session proves a state-changing request is the user's own only with the CSRF token; a
    # key needs none (no browser sends it by itself).
    csrf_ok: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_lead(self) -> bool:
        return self.role == "lead"

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    @classmethod
    def system(cls, actor: str = "system") -> "Principal":
        """Full access, for the command line and the library's own jobs."""
        return cls(actor=actor, role="admin")

    @classmethod
    def of_user(cls, user: "User | Any", *, via: str = "system", credential_id: int | None = None,
                csrf_ok: bool = True) -> "Principal":
        """The principal a person or service row (or its `UserInfo`) stands for."""
        prefix = "user" if user.kind == "person" else "service"
        return cls(f"{prefix}:{user.name}", user.role, user.id, user.name, user.team, user.kind, via,
                   credential_id, csrf_ok)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "role": self.role, "team": self.team, "via": self.via}


def allowed_roles(roles: Iterable[str]) -> frozenset[str]:
    """The roles admitted where `roles` are named: admin always; lead wherever agent is."""
    roles = set(roles)
    unknown = roles - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    if "agent" in roles:
        roles.add("lead")
    return frozenset(roles | {"admin"})


def authorize(principal: Principal | None, roles: Iterable[str], *, write: bool = False) -> Principal:
    """The one decision, for keys and sessions alike: `principal` may act where `roles` may
    (`write`: the request changes something). Returns the principal.

    NotAuthenticatedError (401): no credentials. PermissionDeniedError (403): another role; a
    team role without a person behind it; a change asked through a session without its CSRF token.
    """
    allowed = allowed_roles(roles)
    if principal is None:
        raise NotAuthenticatedError("sign in (POST /v1/auth/login) or send an API key in the X-API-Key header")
    if write and not principal.csrf_ok:
        raise PermissionDeniedError("a change made with the session cookie needs its X-CSRF-Token header")
    if principal.role not in allowed:
        raise PermissionDeniedError(f"role {principal.role!r} may not do this (needs {' or '.join(sorted(allowed))})")
    if principal.role in TEAM_ROLES and not principal.is_person:
        raise PermissionDeniedError(
            f"a {principal.role} key must belong to a person: create it with `voc keys create --user NAME`"
        )
    return principal
