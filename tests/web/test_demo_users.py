"""`voc demo`'s last step: a person per role with a password on the demo store, never elsewhere."""

from __future__ import annotations

import re
import shutil

import pytest

from voc_engine.auth.sessions import login
from voc_engine.auth.users import create_user, get_user, list_users
from voc_engine.config import Settings
from voc_engine.errors import NotAuthenticatedError
from voc_engine.store.repository import FeedbackStore
from voc_engine.workspace.demo import DEMO_PEOPLE, workspace_demo_users


@pytest.fixture
def demo_store(tmp_path, sqlite_template):
    shutil.copy(sqlite_template, tmp_path / "voc.db")
    settings = Settings(data_dir=tmp_path)
    store = FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}", settings)
    yield store, settings
    store.dispose()


def test_each_role_gets_a_demo_person_who_signs_in_with_the_printed_password(demo_store):
    store, settings = demo_store
    create_user(store, "demo.agent", "agent", "customer_care")  # as the case demo leaves them: no password
    text = workspace_demo_users(store, settings)
    assert "voc serve" in text and "http://127.0.0.1:8000/" in text
    password = re.search(r"password \(all four, this run only\): (\S+)", text).group(1)
    assert len(password) >= 12
    roles = {name: get_user(store, name).role for name, _, _ in DEMO_PEOPLE}
    assert sorted(roles.values()) == ["admin", "agent", "analyst", "lead"]
    for name in roles:
        assert name in text
        assert login(store, settings.auth, name, password, "127.0.0.1").token

    # A second run draws a new password: the first no longer works.
    again = re.search(r"this run only\): (\S+)", workspace_demo_users(store, settings)).group(1)
    assert again != password
    with pytest.raises(NotAuthenticatedError):
        login(store, settings.auth, "demo.analyst", password, "127.0.0.1")
    assert login(store, settings.auth, "demo.analyst", again, "127.0.0.1").token


def test_no_demo_password_is_set_on_a_configured_database(demo_store):
    store, settings = demo_store
    configured = settings.model_copy(update={"database_url": str(store.url)})
    text = workspace_demo_users(store, configured)
    assert "no demo passwords are set there" in text and "voc users create" in text
    assert list_users(store) == []
