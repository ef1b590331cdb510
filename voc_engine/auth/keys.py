"""API keys: ``voc_<prefix>_<secret>``, 256 bits of randomness, stored as a SHA-256 hash.

A fast hash is the right tool here (unlike passwords): the key is random and long, so there is
nothing to brute-force, and every request must look its key up quickly.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from voc_engine.errors import InvalidArgumentError, NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

# ingest: post comments; analyst: read comments and aggregates; agent: work cases;
# admin: everything, including erasure and rules.
ROLES: tuple[str, ...] = ("ingest", "analyst", "agent", "admin")


class InvalidRoleError(InvalidArgumentError):
    """A role outside ROLES."""


@dataclass(frozen=True)
class ApiKeyInfo:
    id: int
    prefix: str
    role: str
    name: str | None
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def actor(self) -> str:
        """How the audit log names this caller."""
        return f"key:{self.id}:{self.prefix}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prefix": self.prefix,
            "role": self.role,
            "name": self.name,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _info(row) -> ApiKeyInfo:
    return ApiKeyInfo(row.id, row.prefix, row.role, row.name, row.created_at, row.revoked_at)


def create_api_key(store: "FeedbackStore", role: str, name: str | None = None) -> tuple[str, ApiKeyInfo]:
    """A new key (returned once, never stored) and its record."""
    from voc_engine.store.models import ApiKey, utcnow

    if role not in ROLES:
        raise InvalidRoleError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    prefix = secrets.token_hex(4)
    key = f"voc_{prefix}_{secrets.token_urlsafe(32)}"
    with store.write_session() as session, session.begin():
        row = ApiKey(key_hash=hash_key(key), prefix=prefix, role=role, name=name, created_at=utcnow())
        session.add(row)
        session.flush()
        return key, _info(row)


def authenticate(store: "FeedbackStore", key: str | None) -> ApiKeyInfo | None:
    """The key's record if it is known and not revoked, else None."""
    from voc_engine.store.models import ApiKey

    if not key or len(key) > 200:
        return None
    with store.read_session() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
    if row is None or row.revoked_at is not None:
        return None
    return _info(row)


def list_api_keys(store: "FeedbackStore") -> list[ApiKeyInfo]:
    from voc_engine.store.models import ApiKey

    with store.read_session() as session:
        return [_info(r) for r in session.scalars(select(ApiKey).order_by(ApiKey.id))]


def revoke_api_key(store: "FeedbackStore", key_id: int) -> ApiKeyInfo:
    from voc_engine.store.models import ApiKey, utcnow

    with store.write_session() as session, session.begin():
        row = session.get(ApiKey, key_id)
        if row is None:
            raise NotFoundError(f"no API key with id {key_id}")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        session.flush()
        return _info(row)
