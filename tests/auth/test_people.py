"""People and sign-in: `voc users`, passwords, sessions, the sign-in throttle, the audit log, and
disabling that holds at once, even when another process does it. SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher, extract_parameters
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.main import create_app
from voc_engine.auth.keys import authenticate, create_api_key
from voc_engine.auth.passwords import DUMMY_HASH
from voc_engine.auth.sessions import COOKIE_NAME, CSRF_HEADER, authenticate_session, login
from voc_engine.auth.users import create_user, disable_user, reset_password
from voc_engine.config import Settings
from voc_engine.errors import NotAuthenticatedError, TooManyAttemptsError
from voc_engine.runtime import Runtime
from voc_engine.store.models import AuthSession, User, utcnow
from voc_engine.store.repository import FeedbackStore

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def auth_postgres_url(postgres_server_url: str):
    from pg_support import throwaway_postgres_database

    with throwaway_postgres_database(postgres_server_url, "voc_auth_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    from pg_support import empty_migrated_database

    return empty_migrated_database(request, tmp_path, "auth_postgres_url")


@pytest.fixture
def store(db_url, tmp_path):
    s = FeedbackStore(db_url, Settings(data_dir=tmp_path / "var", login_lockout_threshold=3,
                                       login_lockout_seconds=60, login_address_threshold=5))
    yield s
    s.dispose()


def actions(store, action: str) -> list[dict]:
    return [e for e in reversed(store.audit_log(limit=1000)) if e["action"] == action]


def test_voc_users_create_reads_the_password_from_stdin_and_prints_nothing_secret(store, db_url, monkeypatch):
    from voc_engine.cli import app

    monkeypatch.setenv("VOC_DATABASE_URL", db_url)
    monkeypatch.setenv("VOC_DATA_DIR", str(store.settings.data_dir))
    runner = CliRunner()
    made = runner.invoke(app, ["users", "create", "amy", "--role", "agent", "--team", "care", "--password-stdin"],
                         input=PASSWORD + "\n")
    assert made.exit_code == 0, made.output
    assert made.stdout == "" and PASSWORD not in made.output
    with store.read_session() as session:
        stored = session.query(User).filter_by(name="amy").one().password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert login(store, store.settings.auth, "amy", PASSWORD).user.role == "agent"
    # Too short a password, or an unknown role: refused, nothing made.
    short = runner.invoke(app, ["users", "create", "bob", "--role", "agent", "--team", "care", "--password-stdin"],
                          input="short\n")
    assert short.exit_code == 2 and "at least 12 characters" in short.output
    assert runner.invoke(app, ["users", "create", "bob", "--role", "ingest"]).exit_code == 2
    listed = runner.invoke(app, ["users", "list"]).stdout.splitlines()
    assert [line.split("\t")[:6] for line in listed] == [["amy", "person", "agent", "care", "active", "password"]]
    # `voc keys create --role ROLE` keeps working; --user makes a person's key.
    key = runner.invoke(app, ["keys", "create", "--role", "ingest"]).stdout.strip()
    assert authenticate(store, key).role == "ingest"
    key = runner.invoke(app, ["keys", "create", "--user", "amy"]).stdout.strip()
    assert authenticate(store, key).actor == "user:amy"
    assert runner.invoke(app, ["keys", "create", "--user", "amy", "--role", "admin"]).exit_code == 2


def test_the_dummy_hash_costs_what_a_real_one_does():
    # Compared with a fresh hash's parameters (the hasher's own are not public API).
    assert extract_parameters(DUMMY_HASH) == extract_parameters(PasswordHasher().hash("anything at all"))
    assert not PasswordHasher().check_needs_rehash(DUMMY_HASH)


def test_sign_in_out_and_the_cookie(store):
    create_user(store, "amy", "lead", "care", password=PASSWORD)
    client = TestClient(create_app(Runtime(store=store)))
    refused = client.post("/v1/auth/login", json={"username": "amy", "password": "wrong password!"})
    assert refused.status_code == 401 and COOKIE_NAME not in refused.cookies
    ok = client.post("/v1/auth/login", json={"username": "amy", "password": PASSWORD})
    assert ok.status_code == 200 and set(ok.json()) >= {"csrf_token"}
    cookie = ok.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie and "Path=/" in cookie
    csrf = {CSRF_HEADER: ok.json()["csrf_token"]}
    assert client.get("/v1/auth/me").json() == {"name": "amy", "kind": "person", "role": "lead", "team": "care",
                                                "via": "session"}
    assert client.post("/v1/auth/logout").status_code == 403  # no CSRF token: still signed in
    assert client.get("/v1/auth/me").status_code == 200
    assert client.post("/v1/auth/logout", headers=csrf).json() == {"signed_out": True}
    client.cookies.set(COOKIE_NAME, cookie.split(";")[0].split("=", 1)[1])  # the old cookie, kept by someone
    assert client.get("/v1/auth/me").status_code == 401
    secure = TestClient(create_app(Runtime(store=store)), base_url="https://testserver")
    assert "Secure" in secure.post("/v1/auth/login", json={"username": "amy", "password": PASSWORD}).headers["set-cookie"]
    assert [e["target"] for e in actions(store, "auth.login")] == ["user:amy", "user:amy"]
    assert [e["target"] for e in actions(store, "auth.logout")] == ["user:amy"]
    assert all(PASSWORD not in str(e) and "wrong password!" not in str(e) for e in store.audit_log(limit=1000))


def test_failed_sign_ins_look_alike_and_are_audited(store):
    create_user(store, "amy", "agent", "care", password=PASSWORD)
    create_user(store, "nopw", "agent", "care")
    create_user(store, "off", "agent", "care", password=PASSWORD)
    disable_user(store, "off")
    create_user(store, "svc", "ingest", kind="service")
    settings = store.settings.auth
    for name, password in [("amy", "not the password"), ("ghost", PASSWORD), ("nopw", PASSWORD),
                           ("off", PASSWORD), ("svc", PASSWORD)]:
        with pytest.raises(NotAuthenticatedError, match="^wrong user name or password$"):
            login(store, settings, name, password, client="10.0.0.1")
    failed = actions(store, "auth.login_failed")
    assert [(e["target"], e["details"]["reason"]) for e in failed][:1] == [("user:amy", "wrong_password")]
    assert [e["details"]["reason"] for e in failed] == ["wrong_password", "unknown_user", "no_password",
                                                        "disabled", "service"]
    # An unknown name is kept only as a hash (people type their password there).
    assert failed[1]["target"].startswith("name-sha256:") and "ghost" not in str(failed[1])
    assert all(e["details"]["client"] == "10.0.0.1" for e in failed)


def test_lock_out_backs_off_and_a_success_or_a_reset_lifts_it(store):
    create_user(store, "amy", "agent", "care", password=PASSWORD)
    settings, t0 = store.settings.auth, utcnow()
    for i in range(3):  # threshold 3
        with pytest.raises(NotAuthenticatedError):
            login(store, settings, "amy", "not the password", now=t0)
    with pytest.raises(TooManyAttemptsError) as locked:  # even with the right password
        login(store, settings, "amy", PASSWORD, now=t0 + timedelta(seconds=59))
    assert locked.value.retry_after == pytest.approx(1.0)
    assert actions(store, "auth.login_locked")[0]["target"] == "user:amy"
    # Once the 60 s are over, one more failure locks for twice as long.
    t1 = t0 + timedelta(seconds=61)
    with pytest.raises(NotAuthenticatedError):
        login(store, settings, "amy", "not the password", now=t1)
    with pytest.raises(TooManyAttemptsError) as locked:
        login(store, settings, "amy", PASSWORD, now=t1 + timedelta(seconds=100))
    assert locked.value.retry_after == pytest.approx(20.0)
    assert login(store, settings, "amy", PASSWORD, now=t1 + timedelta(seconds=121)).user.name == "amy"
    # The success cleared the count: two failures do not lock.
    for _ in range(2):
        with pytest.raises(NotAuthenticatedError):
            login(store, settings, "amy", "not the password", now=t1 + timedelta(seconds=122))
    login(store, settings, "amy", PASSWORD, now=t1 + timedelta(seconds=123))
    # An unknown name locks exactly like a known one; a reset lifts a known one's lock.
    for name in ("ghost", "amy"):
        for _ in range(3):
            with pytest.raises(NotAuthenticatedError):
                login(store, settings, name, "not the password", now=t1 + timedelta(seconds=200))
        with pytest.raises(TooManyAttemptsError):
            login(store, settings, name, PASSWORD, now=t1 + timedelta(seconds=201))
    reset_password(store, "amy", "a brand new passphrase")
    assert login(store, settings, "amy", "a brand new passphrase", now=t1 + timedelta(seconds=202))


def test_many_names_from_one_address_lock_the_address(store):
    create_user(store, "amy", "agent", "care", password=PASSWORD)
    settings, now = store.settings.auth, utcnow()
    for i in range(5):  # address threshold 5, each name tried once
        with pytest.raises(NotAuthenticatedError):
            login(store, settings, f"guess{i}", PASSWORD, client="203.0.113.9", now=now)
    with pytest.raises(TooManyAttemptsError):
        login(store, settings, "amy", PASSWORD, client="203.0.113.9", now=now)
    assert login(store, settings, "amy", PASSWORD, client="198.51.100.1", now=now).user.name == "amy"


def test_sessions_expire_and_go_idle(store):
    create_user(store, "amy", "agent", "care", password=PASSWORD)
    settings, t0 = store.settings.auth, utcnow()
    signed_in = login(store, settings, "amy", PASSWORD, now=t0)
    idle, lifetime = timedelta(minutes=settings.session_idle_minutes), timedelta(minutes=settings.session_lifetime_minutes)
    assert authenticate_session(store, settings, signed_in.token, now=t0 + idle - timedelta(seconds=1)).csrf_ok is False
    # That request counted: the session is idle only `idle` after it.
    assert authenticate_session(store, settings, signed_in.token, now=t0 + 2 * idle - timedelta(seconds=2))
    assert authenticate_session(store, settings, signed_in.token, now=t0 + 3 * idle) is None
    fresh = login(store, settings, "amy", PASSWORD, now=t0)
    assert authenticate_session(store, settings, fresh.token, fresh.csrf_token, now=t0).csrf_ok is True
    assert authenticate_session(store, settings, fresh.token, now=t0 + lifetime) is None
    with store.read_session() as session:  # only hashes are kept
        stored = {(r.token_hash, r.csrf_hash) for r in session.query(AuthSession)}
    assert all(fresh.token not in pair and fresh.csrf_token not in pair for pair in stored)


def test_a_user_disabled_by_another_process_is_out_at_once(store, db_url, tmp_path):
    """`voc users disable` in its own process; the service's next requests are refused: a session
    at once, a key once `key_recheck_seconds` have passed since it was last read."""
    create_user(store, "amy", "lead", "care", password=PASSWORD)
    create_user(store, "svc", "ingest", kind="service")
    client = TestClient(create_app(Runtime(store=store)))
    key = {"X-API-Key": create_api_key(store, None, owner="amy")[0]}
    service_key = {"X-API-Key": create_api_key(store, None, owner="svc")[0]}
    signed_in = login(store, store.settings.auth, "amy", PASSWORD)
    session = {"Cookie": f"{COOKIE_NAME}={signed_in.token}"}
    for headers in (key, session, service_key):
        assert client.get("/v1/auth/me", headers=headers).status_code == 200

    env = {k: v for k, v in os.environ.items() if not k.startswith("VOC_")}
    env.update({"VOC_DATABASE_URL": db_url, "VOC_DATA_DIR": str(tmp_path / "other"), "PYTHONPATH": str(REPO)})
    for name in ("amy", "svc"):
        done = subprocess.run([sys.executable, "-m", "voc_engine.cli", "users", "disable", name], env=env,
                              cwd=REPO, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    time.sleep(store.settings.auth.key_recheck_seconds)  # a process starts in more than that; said, not assumed
    for headers in (key, session, service_key):
        assert client.get("/v1/auth/me", headers=headers).status_code == 401
    assert client.post("/v1/auth/login", json={"username": "amy", "password": PASSWORD}).status_code == 401
    (entry,) = actions(store, "user.disable")[:1]
    assert (entry["actor"], entry["target"], entry["details"]) == ("cli", "user:amy", {"sessions_ended": 1})


def test_a_valid_key_is_trusted_for_the_recheck_bound_and_refused_after_it(db_url, tmp_path):
    """Within `key_recheck_seconds` of a read, requests with the key do not read it again. A key
    revoked by this process is refused at once; by another one (another store: no shared memory)
    as soon as the bound has passed. With 0, every request reads it."""
    from sqlalchemy import event

    from voc_engine.auth.keys import revoke_api_key

    bound = 2.0
    store = FeedbackStore(db_url, Settings(data_dir=tmp_path / "var", key_recheck_seconds=bound))
    other = FeedbackStore(db_url, Settings(data_dir=tmp_path / "var"))
    try:
        reads: list[str] = []
        event.listen(store.engine, "before_cursor_execute",
                     lambda conn, cursor, statement, *rest: reads.append(statement) if "api_keys" in statement else None)
        client = TestClient(create_app(Runtime(store=store)))
        (key, info), (mine, my_info) = create_api_key(store, "analyst"), create_api_key(store, "analyst")
        headers = {"X-API-Key": key}
        reads.clear()
        started = time.monotonic()
        answers = [client.get("/v1/auth/me", headers=headers).status_code for _ in range(5)]
        within = time.monotonic() - started < bound
        assert answers == [200] * 5
        if within:
            assert len(reads) == 1, reads

        assert client.get("/v1/auth/me", headers={"X-API-Key": mine}).status_code == 200
        revoke_api_key(store, my_info.id)  # this process
        assert client.get("/v1/auth/me", headers={"X-API-Key": mine}).status_code == 401

        revoke_api_key(other, info.id)  # another process
        time.sleep(bound)
        assert client.get("/v1/auth/me", headers=headers).status_code == 401
        assert client.get("/v1/auth/me", headers=headers).status_code == 401  # a refusal is not kept as an answer
    finally:
        other.dispose()
        store.dispose()

    store = FeedbackStore(db_url, Settings(data_dir=tmp_path / "var0", key_recheck_seconds=0))
    other = FeedbackStore(db_url, Settings(data_dir=tmp_path / "var0"))
    try:
        client = TestClient(create_app(Runtime(store=store)))
        key, info = create_api_key(store, "analyst")
        assert client.get("/v1/auth/me", headers={"X-API-Key": key}).status_code == 200
        revoke_api_key(other, info.id)
        assert client.get("/v1/auth/me", headers={"X-API-Key": key}).status_code == 401
    finally:
        other.dispose()
        store.dispose()
