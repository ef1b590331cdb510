"""Signing in and out: server-side sessions, their CSRF tokens, and the sign-in throttle.

A session is a row (`voc_engine.store.models.AuthSession`) holding SHA-256 hashes of two random
tokens: the one the browser carries in the ``voc_session`` cookie and the CSRF token the page
sends back in ``X-CSRF-Token`` with every request that changes something. It ends at its
absolute expiry (VOC_SESSION_LIFETIME_MINUTES), after VOC_SESSION_IDLE_MINUTES without a request,
at sign-out, when its user is disabled and when their password is reset. Every request reads it
with its user (never cached), so each of those holds at once, in every process.

Failed sign-ins are counted per user name, known or not (a lock-out says nothing about whether
a name exists), and per client address; past the threshold sign-in is refused, for a time that
doubles with each further failure. An unknown name is checked against a dummy hash, so it takes
as long as a wrong password. Every attempt is in the audit log, never with the password, and
with an unknown name only as a hash of it (people type passwords into the name field).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from voc_engine.auth.passwords import MAX_LENGTH, verify_password
from voc_engine.auth.policy import Principal
from voc_engine.auth.users import UserInfo, audit, throttle_key, user_info
from voc_engine.errors import NotAuthenticatedError, TooManyAttemptsError
from voc_engine.store.models import AuthSession, LoginThrottle, User, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import AuthSettings
    from voc_engine.store.repository import FeedbackStore

COOKIE_NAME = "voc_session"
CSRF_HEADER = "X-CSRF-Token"
# Failures are forgotten after a day without one (and a name's, at its next sign-in).
FAILURE_MEMORY = timedelta(days=1)
LONGEST_LOCK = timedelta(days=1)
# last_seen_at is written at most this often: a request is a read, not a write, most of the time.
SEEN_RESOLUTION = timedelta(seconds=60)


class InvalidCredentialsError(NotAuthenticatedError):
    """Wrong user name or password (which of the two is not said)."""


@dataclass(frozen=True)
class SignIn:
    """A new session: its two tokens (shown once, only their hashes are kept) and its user."""

    token: str
    csrf_token: str
    expires_at: datetime
    user: UserInfo


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _locked_until(session: Session, keys: list[str], now: datetime) -> datetime | None:
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys))).all()
    until = [r.locked_until for r in rows if r.locked_until is not None and r.locked_until > now]
    return max(until) if until else None


def _count_failure(session: Session, key: str, threshold: int, settings: "AuthSettings", now: datetime) -> None:
    row = session.get(LoginThrottle, key, with_for_update=True)
    if row is None:
        row = LoginThrottle(key=key, failures=0, last_failed_at=now)
        session.add(row)
    elif row.last_failed_at < now - FAILURE_MEMORY:
        row.failures = 0
    row.failures += 1
    row.last_failed_at = now
    if row.failures >= threshold:
        lock = timedelta(seconds=settings.login_lockout_seconds * 2 ** min(row.failures - threshold, 20))
        row.locked_until = now + min(lock, LONGEST_LOCK)


def _audit_name(name: str, user: User | None) -> str:
    return f"user:{user.name}" if user is not None else f"name-sha256:{_sha256(name.casefold())[:16]}"


def login(
    store: "FeedbackStore",
    settings: "AuthSettings",
    username: str,
    password: str,
    client: str | None = None,
    now: datetime | None = None,
) -> SignIn:
    """A new session for a person whose password matches.

    InvalidCredentialsError: unknown name, wrong password, a disabled user, a service, no
    password set (all alike to the caller; the audit log says which). TooManyAttemptsError:
    locked out for now (its ``retry_after``)."""
    now = now or utcnow()
    username = username[:200]
    keys = [throttle_key("name", username)] + ([throttle_key("addr", client)] if client else [])
    with store.read_session() as session:
        user = session.scalar(select(User).where(User.name == username))
        locked = _locked_until(session, keys, now)
    target = _audit_name(username, user)
    if locked is not None:
        with store.write_session() as session, session.begin():
            audit(session, target, "auth.login_locked", target, client=client, until=locked.isoformat())
        raise TooManyAttemptsError("too many failed sign-ins: try again later", (locked - now).total_seconds())

    # The hash is checked whatever the user's state, so every refusal takes as long.
    ok, rehashed = verify_password(user.password_hash if user is not None else None, password[:MAX_LENGTH])
    reason = (
        "unknown_user" if user is None
        else "service" if user.kind != "person"
        else "no_password" if user.password_hash is None
        else "disabled" if not user.active
        else None if ok
        else "wrong_password"
    )
    with store.write_session() as session, session.begin():
        if reason is not None:
            _count_failure(session, keys[0], settings.login_lockout_threshold, settings, now)
            if client:
                _count_failure(session, keys[1], settings.login_address_threshold, settings, now)
            audit(session, target, "auth.login_failed", target, reason=reason, client=client)
        else:
            row = session.get(User, user.id, with_for_update=True)
            if rehashed is not None:
                row.password_hash = rehashed
            row.last_login_at = now
            throttle = session.get(LoginThrottle, keys[0])
            if throttle is not None:
                session.delete(throttle)
            token, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            expires_at = now + timedelta(minutes=settings.session_lifetime_minutes)
            record = AuthSession(user_id=row.id, token_hash=_sha256(token), csrf_hash=_sha256(csrf_token),
                                 created_at=now, expires_at=expires_at, last_seen_at=now)
            session.add(record)
            session.flush()
            audit(session, target, "auth.login", target, session_id=record.id, client=client)
            signed_in = SignIn(token, csrf_token, expires_at, user_info(row))
    if reason is not None:
        raise InvalidCredentialsError("wrong user name or password")
    return signed_in


def authenticate_session(
    store: "FeedbackStore",
    settings: "AuthSettings",
    token: str | None,
    csrf_token: str | None = None,
    now: datetime | None = None,
) -> Principal | None:
    """The principal of a live session (``csrf_ok``: whether `csrf_token` is its CSRF token), or None."""
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    with store.read_session() as session:
        found = session.execute(
            select(AuthSession, User).join(User, User.id == AuthSession.user_id)
            .where(AuthSession.token_hash == _sha256(token))
        ).first()
    if found is None:
        return None
    record, user = found
    if (
        record.revoked_at is not None
        or record.expires_at <= now
        or record.last_seen_at + timedelta(minutes=settings.session_idle_minutes) <= now
        or not user.active
        or user.kind != "person"
    ):
        return None
    if now - record.last_seen_at >= SEEN_RESOLUTION:
        with store.write_session() as session, session.begin():
            session.execute(update(AuthSession).where(AuthSession.id == record.id).values(last_seen_at=now))
    csrf_ok = csrf_token is not None and len(csrf_token) <= 200 and hmac.compare_digest(
        _sha256(csrf_token), record.csrf_hash
    )
    return Principal.of_user(user, via="session", credential_id=record.id, csrf_ok=csrf_ok)


def logout(store: "FeedbackStore", token: str | None, client: str | None = None) -> bool:
    """Ends the session of `token`; False when there was none open."""
    if not token or len(token) > 200:
        return False
    now = utcnow()
    with store.write_session() as session, session.begin():
        found = session.execute(
            select(AuthSession, User).join(User, User.id == AuthSession.user_id)
            .where(AuthSession.token_hash == _sha256(token)).with_for_update()
        ).first()
        if found is None or found[0].revoked_at is not None:
            return False
        record, user = found
        record.revoked_at = now
        audit(session, f"user:{user.name}", "auth.logout", f"user:{user.name}", session_id=record.id, client=client)
    return True
