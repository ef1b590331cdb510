"""API keys: ``voc_<prefix>_<secret>``, 256 bits of randomness, stored as a SHA-256 hash.

A fast hash is the right tool here (unlike passwords): the key is random and long, so there is
nothing to brute-force, and every request must look its key up quickly.

A key belongs to a person (it acts as them, with their current role and team), to a named
service (with the service's role), or, for keys made before owners existed or with
``voc keys create --role ROLE`` alone, to no one: an unnamed service with the key's own role.
A key and its owner are read from the store (one indexed read) and the answer is kept for at most
``key_recheck_seconds`` (`KeyAuthenticator`): a key revoked or an owner disabled by this process
stops working at once, by another process within that bound. Reading on every request cost a store
transaction and a thread hop each: at ten concurrent writers that hop alone spread the requests
out so that fewer shared an encoder pass.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from voc_engine.auth.policy import ROLES, Principal
from voc_engine.auth.users import InvalidRoleError, audit
from voc_engine.errors import InvalidArgumentError, NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

__all__ = ["ROLES", "ApiKeyInfo", "InvalidRoleError", "KeyAuthenticator", "authenticate", "create_api_key",
           "list_api_keys", "revoke_api_key", "hash_key"]


@dataclass(frozen=True)
class ApiKeyInfo:
    id: int
    prefix: str
    role: str
    name: str | None
    created_at: datetime
    revoked_at: datetime | None = None
    owner: str | None = None  # the person's or service's name
    owner_kind: str | None = None

    @property
    def actor(self) -> str:
        """How the audit log names this key when it belongs to no one."""
        return f"key:{self.id}:{self.prefix}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prefix": self.prefix,
            "role": self.role,
            "name": self.name,
            "owner": self.owner,
            "owner_kind": self.owner_kind,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _info(row, owner=None) -> ApiKeyInfo:
    return ApiKeyInfo(row.id, row.prefix, owner.role if owner is not None else row.role, row.name, row.created_at,
                      row.revoked_at, owner.name if owner is not None else None,
                      owner.kind if owner is not None else None)


def create_api_key(
    store: "FeedbackStore",
    role: str | None,
    name: str | None = None,
    *,
    owner: str | None = None,
    actor: str = "system",
) -> tuple[str, ApiKeyInfo]:
    """A new key (returned once, never stored) and its record.

    `owner`: the person or service it belongs to (its role is theirs: `role` may be left out, and
    must match when given); None: a key of no one, with `role`.
    """
    from voc_engine.store.models import ApiKey, User, utcnow

    if role is not None and role not in ROLES:
        raise InvalidRoleError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    prefix = secrets.token_hex(4)
    key = f"voc_{prefix}_{secrets.token_urlsafe(32)}"
    with store.write_session() as session, session.begin():
        user = None
        if owner is not None:
            user = session.scalar(select(User).where(User.name == owner))
            if user is None:
                raise NotFoundError(f"no user {owner!r}")
            if role is not None and role != user.role:
                raise InvalidRoleError(
                    f"{owner!r} is {user.role}: their keys act with that role, not {role!r}"
                )
            role = user.role
        elif role is None:
            raise InvalidArgumentError("a key of no one needs a role (--role)")
        # A lead or agent key of no one can be made (`voc keys create --role agent` always
        # could) but is refused by `authorize` until it belongs to a person.
        row = ApiKey(key_hash=hash_key(key), prefix=prefix, role=role, name=name, created_at=utcnow(),
                     user_id=user.id if user is not None else None)
        session.add(row)
        session.flush()
        audit(session, actor, "key.create", f"key:{row.id}:{prefix}", role=role, owner=owner)
        return key, _info(row, user)


def authenticate(store: "FeedbackStore", key: str | None) -> Principal | None:
    """The principal the key stands for, if it is known, not revoked and its owner is active; else None."""
    from voc_engine.store.models import ApiKey, User

    if not key or len(key) > 200:
        return None
    with store.read_session() as session:
        found = session.execute(
            select(ApiKey, User).outerjoin(User, User.id == ApiKey.user_id).where(ApiKey.key_hash == hash_key(key))
        ).first()
    if found is None:
        return None
    row, owner = found
    if row.revoked_at is not None:
        return None
    if owner is None:
        return Principal(f"key:{row.id}:{row.prefix}", row.role, kind="key", via="key", credential_id=row.id)
    if not owner.active:
        return None
    return Principal.of_user(owner, via="key", credential_id=row.id)


class KeyAuthenticator:
    """`authenticate` with each known key's answer kept for ``recheck_seconds``.

    Only keys found valid are kept: an unknown, revoked or disowned key is read again on every
    request (so it starts working as soon as it exists, and random keys cannot fill memory).
    ``recheck_seconds`` 0 reads every time. At most ``max_entries`` keys are kept; when full,
    the oldest answers go first.
    """

    def __init__(self, store: "FeedbackStore", recheck_seconds: float, max_entries: int = 10_000):
        from voc_engine.store.db import on_committed_write

        self.store = store
        self.recheck_seconds = recheck_seconds
        self.max_entries = max_entries
        self._answers: dict[str, tuple[float, Principal]] = {}
        self._lock = threading.Lock()
        # A key revoked, or an owner disabled or changed, by this process: refused at once.
        on_committed_write(store.engine, ("api_keys", "users"), self.forget)

    def forget(self) -> None:
        """Drop every kept answer: the next request of each key reads it."""
        with self._lock:
            self._answers.clear()

    def recent(self, key: str | None) -> Principal | None:
        """The answer read for `key` within the last ``recheck_seconds``, if any: no store access,
        so it can run on the event loop."""
        if not key or self.recheck_seconds <= 0:
            return None
        found = self._answers.get(hash_key(key))
        if found is None or time.monotonic() - found[0] > self.recheck_seconds:
            return None
        return found[1]

    def authenticate(self, key: str | None) -> Principal | None:
        """As `authenticate`, reading the store unless a recent answer is kept."""
        principal = self.recent(key)
        if principal is not None:
            return principal
        read_at = time.monotonic()
        principal = authenticate(self.store, key)
        if principal is not None and self.recheck_seconds > 0:
            with self._lock:
                if len(self._answers) >= self.max_entries:
                    oldest = sorted(self._answers, key=lambda h: self._answers[h][0])[: self.max_entries // 10 + 1]
                    for digest in oldest:
                        self._answers.pop(digest, None)
                self._answers[hash_key(key)] = (read_at, principal)
        return principal


def list_api_keys(store: "FeedbackStore") -> list[ApiKeyInfo]:
    from voc_engine.store.models import ApiKey, User

    with store.read_session() as session:
        rows = session.execute(select(ApiKey, User).outerjoin(User, User.id == ApiKey.user_id).order_by(ApiKey.id))
        return [_info(row, owner) for row, owner in rows]


def revoke_api_key(store: "FeedbackStore", key_id: int, *, actor: str = "system") -> ApiKeyInfo:
    from voc_engine.store.models import ApiKey, User, utcnow

    with store.write_session() as session, session.begin():
        row = session.get(ApiKey, key_id)
        if row is None:
            raise NotFoundError(f"no API key with id {key_id}")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            audit(session, actor, "key.revoke", f"key:{row.id}:{row.prefix}")
        session.flush()
        return _info(row, session.get(User, row.user_id) if row.user_id else None)
