"""A database made by commit dee044e, with data in it, upgrades in place to today's head with every
row intact, on SQLite and on PostgreSQL; today's code then serves it.

The old database is built honestly on both backends: the schema by that commit's own migrations
(fixtures/schema_dee044e/versions, a verbatim copy), the rows as that commit's library calls
wrote them (fixtures/dee044e_rows.json; fixtures/make_dee044e_rows.py says how it was made).
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, insert, select, text

from voc_engine.alerting.cases import CaseService
from voc_engine.alerting.config import active_flags, load_active_config
from voc_engine.alerting.users import Viewer
from voc_engine.auth.keys import authenticate
from voc_engine.config import Settings
from voc_engine.runtime import Runtime
from voc_engine.store.db import current_revision, head_revision, make_engine, upgrade, writer
from voc_engine.store.integrity import check_store
from voc_engine.store.repository import CommentFilter

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENT = json.loads((FIXTURES / "dee044e_rows.json").read_text(encoding="utf-8"))
TABLES = DOCUMENT["tables"]
OLD_HEAD = "0004_quarantine"
# Columns that 0006_people moved: a case user's team role is their role; a key's link to a
# user (table user_api_keys) is the key's owner, api_keys.user_id.
RESHAPED = {("users", "team_role")}


def _decode(value):
    if isinstance(value, dict) and set(value) == {"$datetime"}:
        return datetime.fromisoformat(value["$datetime"])
    if isinstance(value, dict) and set(value) == {"$bytes"}:
        return base64.b64decode(value["$bytes"])
    return value


def _comparable(value):
    """One form for both backends: times in UTC without an offset, bytes as base64."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    return value


def _rows(table: str) -> list[dict]:
    columns = TABLES[table]["columns"]
    return [dict(zip(columns, map(_decode, row))) for row in TABLES[table]["rows"]]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'voc.db'}"
        return
    from pg_support import throwaway_postgres_database

    server = request.getfixturevalue("postgres_server_url")
    with throwaway_postgres_database(server, "voc_upgrade", migrate=False) as url:
        yield url


def _old_database(url: str) -> None:
    """dee044e's schema by its migrations, then its rows, as a restore would put them back."""
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(FIXTURES / "schema_dee044e"))
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert current_revision(engine) == OLD_HEAD == _rows("alembic_version")[0]["version_num"]
    metadata = MetaData()
    metadata.reflect(engine)
    with writer(engine).begin() as connection:
        for name in TABLES:
            if name == "alembic_version" or not TABLES[name]["rows"]:
                continue
            table = metadata.tables[name]
            rows = _rows(name)
            for row in rows:
                for column, value in row.items():
                    # SQLite kept UTC times without an offset; a timestamptz column wants one.
                    if isinstance(value, datetime) and value.tzinfo is None and \
                            getattr(table.c[column].type, "timezone", False):
                        row[column] = value.replace(tzinfo=timezone.utc)
            connection.execute(insert(table), rows)
            if engine.dialect.name == "postgresql" and "id" in table.c and table.c.id.autoincrement:
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                        f"(SELECT max(id) FROM {name}))"))
    engine.dispose()


def test_a_dee044e_database_upgrades_in_place_with_its_data(empty_url, tmp_path, enrich):
    _old_database(empty_url)
    engine = make_engine(empty_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()

    # Every row of every table of dee044e is still there, unchanged (new columns aside, and what
    # 0006_people reshaped, checked below).
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        for name in TABLES:
            if name in ("alembic_version", "user_api_keys"):
                continue
            table = metadata.tables[name]
            columns = [table.c[c] for c in TABLES[name]["columns"] if (name, c) not in RESHAPED]
            key = list(table.primary_key.columns) or columns
            stored = [[_comparable(v) for v in row] for row in connection.execute(select(*columns).order_by(*key))]
            expected = [[_comparable(v) for k, v in row.items() if (name, k) not in RESHAPED] for row in _rows(name)]
            assert stored == expected, name
        # Case users are people whose role is their team role, with no password; an agent key
        # linked to one of them belongs to them and acts with their role.
        users = metadata.tables["users"]
        people = connection.execute(select(users.c.name, users.c.kind, users.c.role, users.c.password_hash)
                                    .order_by(users.c.id)).all()
        assert people == [(r["name"], "person", r["team_role"], None) for r in _rows("users")]
        keys = metadata.tables["api_keys"]
        owners = dict(connection.execute(select(keys.c.id, keys.c.user_id)).all())
        links = {r["api_key_id"]: r["user_id"] for r in _rows("user_api_keys")}
        assert links and owners == {r["id"]: links.get(r["id"]) for r in _rows("api_keys")}
        assert "user_api_keys" not in metadata.tables
    engine.dispose()

    # Today's code serves it: a runtime over the upgraded database, with that store's pseudonym key.
    runtime = Runtime(Settings(data_dir=tmp_path / "var", database_url=empty_url,
                               pseudonym_key=DOCUMENT["pseudonym_key"]))
    store = runtime.store
    try:
        comments = {row["id"]: row for row in _rows("comments")}
        enrichments = {row["comment_id"]: row for row in _rows("enrichments")}
        assert store.count_comments() == len(comments)
        for comment_id, row in comments.items():
            served = store.get_comment(comment_id)
            assert (served["source"], served["external_id"]) == (row["source"], row["external_id"])
            assert served["enrichment"]["sentiment"]["label"] == enrichments[comment_id]["sentiment_label"]
        # Customers are found by the id the caller knows (pseudonymised under the same key).
        assert store.count_comments(CommentFilter(customer_id="c1")) == 2
        ids = list(comments)
        vectors = store.read_embeddings(ids)
        expected = np.stack([np.frombuffer(enrichments[i]["embedding"], dtype=np.float16) for i in ids])
        assert vectors.shape == (len(ids), 384) and np.array_equal(vectors, expected.astype(np.float32))
        assert authenticate(store, DOCUMENT["admin_key"]).role == "admin"
        # The saved configuration is the one in force; the cases keep their notes.
        saved = {row["kind"]: row["id"] for row in _rows("alert_config")}
        assert load_active_config(store).routing_version == saved["routing"]
        assert active_flags(store)[0] == saved["flags"] and "praise" in active_flags(store)[1].names
        cases = CaseService(store).list_cases(Viewer.system()).items
        assert sorted(c["id"] for c in cases) == sorted(row["id"] for row in _rows("cases"))
        (noted,) = _rows("case_notes")
        assert [n["body"] for n in CaseService(store).get_case(Viewer.system(), noted["case_id"])["notes"]] == \
            [noted["body"]]
        # An erased comment stays refused; a new one is stored next to the old ones.
        again = store.ingest([{"source": "survey-tool", "external_id": "r6", "text": "Great app."}], enrich)
        assert "erased on request" in again[0].error
        new = store.ingest([{"source": "survey-tool", "external_id": "after-upgrade", "text": "bad wait",
                             "customer_id": "c1"}], enrich)
        assert new[0].created and store.count_comments(CommentFilter(customer_id="c1")) == 3
        assert check_store(store).ok
    finally:
        runtime.close()
