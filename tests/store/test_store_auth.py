"""API keys: shown once, stored hashed, roles checked, revocation immediate; `voc keys create`."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from voc_engine.auth.keys import InvalidRoleError, authenticate, create_api_key, list_api_keys, revoke_api_key


def test_keys_are_stored_as_sha256_only(store):
    key, info = create_api_key(store, "analyst", name="dashboards")
    with store.engine.connect() as connection:
        stored = connection.execute(text("SELECT key_hash, prefix, role FROM api_keys")).one()
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(tuple(stored))
    assert key.startswith(f"voc_{info.prefix}_") and len(key) > 40
    assert authenticate(store, key).role == "analyst"
    assert authenticate(store, key + "x") is None
    assert authenticate(store, None) is None


def test_revoked_keys_stop_working(store):
    key, info = create_api_key(store, "ingest")
    revoke_api_key(store, info.id)
    assert authenticate(store, key) is None
    assert list_api_keys(store)[0].revoked_at is not None


def test_roles_are_checked(store):
    with pytest.raises(InvalidRoleError):
        create_api_key(store, "superuser")


def test_voc_keys_create_prints_only_the_key(tmp_path, monkeypatch):
    from voc_engine.cli import app
    from voc_engine.store.repository import FeedbackStore

    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("VOC_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["keys", "create", "--role", "admin"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    assert "\n" not in key and key.startswith("voc_")
    store = FeedbackStore()
    assert authenticate(store, key).role == "admin"
    listed = CliRunner().invoke(app, ["keys", "list"])
    assert "admin" in listed.stdout and key not in listed.stdout
    assert CliRunner().invoke(app, ["keys", "create", "--role", "boss"]).exit_code == 2
    store.dispose()
