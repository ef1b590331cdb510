"""Every case and alert endpoint for every role: agents see their own cases, team leads their team's,
admins all, analysts aggregates only; anything else is 401/403/404 — never another team's case."""

from __future__ import annotations

import shutil

import pytest
from alerting_helpers import comment, default_routing, ingest
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.alerting.config import save_routing
from voc_engine.alerting.users import create_user, create_user_key
from voc_engine.auth.keys import create_api_key, revoke_api_key
from voc_engine.store.repository import FeedbackStore
from voc_engine.config import Settings
from voc_engine.runtime import Runtime

CALLERS = ["none", "revoked", "ingest", "analyst", "unlinked_agent", "alice", "bob", "carol", "dave", "erin", "admin"]
VISIBLE = {
    "alice": {"a_alice"},
    "bob": {"a_bob"},
    "carol": {"a_alice", "a_bob"},  # lead of team_a
    "dave": {"b_dave"},
    "erin": {"b_dave"},  # lead of team_b
    "admin": {"a_alice", "a_bob", "b_dave"},
}
REFUSED = {"none": 401, "revoked": 401, "ingest": 403, "analyst": 403, "unlinked_agent": 403}


def build(tmp_path, template) -> tuple[TestClient, FeedbackStore, dict[str, str | None], dict[str, int]]:
    path = tmp_path / "voc.db"
    shutil.copy(template, path)
    store = FeedbackStore(f"sqlite:///{path}", Settings(data_dir=tmp_path / "var"))
    document = default_routing()
    document["teams"] = {"team_a": {}, "team_b": {}}
    document["default_team"] = "team_a"
    document["routes"] = [
        {"when": {"touchpoint": "a1"}, "team": "team_a", "owner": "alice"},
        {"when": {"touchpoint": "a2"}, "team": "team_a", "owner": "bob"},
        {"when": {"touchpoint": "b1"}, "team": "team_b", "owner": "dave"},
    ]
    save_routing(store, document, "test")
    for name, team, role in [
        ("alice", "team_a", "agent"),
        ("bob", "team_a", "agent"),
        ("carol", "team_a", "lead"),
        ("dave", "team_b", "agent"),
        ("erin", "team_b", "lead"),
    ]:
        create_user(store, name, team, role)
    keys: dict[str, str | None] = {"none": None}
    for name in ("alice", "bob", "carol", "dave", "erin"):
        keys[name] = create_user_key(store, name)[0]
    for role in ("ingest", "analyst", "admin"):
        keys[role] = create_api_key(store, role)[0]
    keys["unlinked_agent"] = create_api_key(store, "agent")[0]
    revoked, info = create_user_key(store, "alice")
    revoke_api_key(store, info.id)
    keys["revoked"] = revoked
    ids = ingest(
        store,
        comment("Awful [neg -0.9]", customer="ca", touchpoint="a1"),
        comment("Awful [neg -0.9]", customer="cb", touchpoint="a2"),
        comment("Awful [neg -0.9]", customer="cc", touchpoint="b1"),
    )
    from sqlalchemy import select

    from voc_engine.alerting.models import Alert

    with store.read_session() as session:
        by_comment = dict(session.execute(select(Alert.comment_id, Alert.case_id)).all())
    cases = {"a_alice": by_comment[ids[0]], "a_bob": by_comment[ids[1]], "b_dave": by_comment[ids[2]]}
    app = create_app(Runtime(store=store))
    return TestClient(app), store, keys, cases


@pytest.fixture(scope="module")
def service(tmp_path_factory, sqlite_template):
    client, store, keys, cases = build(tmp_path_factory.mktemp("perm"), sqlite_template)
    yield client, keys, cases
    store.dispose()


@pytest.fixture
def fresh(tmp_path, sqlite_template):
    client, store, keys, cases = build(tmp_path, sqlite_template)
    yield client, keys, cases
    store.dispose()


def headers(keys, caller) -> dict[str, str]:
    return {"X-API-Key": keys[caller]} if keys[caller] else {}


def expected(caller: str, case: str, ok: int) -> int:
    if caller in REFUSED:
        return REFUSED[caller]
    return ok if case in VISIBLE[caller] else 404


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", ["a_alice", "a_bob", "b_dave"])
def test_get_a_case(service, caller, case):
    client, keys, cases = service
    response = client.get(f"/v1/cases/{cases[case]}", headers=headers(keys, caller))
    assert response.status_code == expected(caller, case, 200), response.text
    if response.status_code == 200:
        assert response.json()["id"] == cases[case]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", ["a_alice", "a_bob", "b_dave"])
def test_patch_a_case(service, caller, case):
    client, keys, cases = service
    response = client.patch(
        f"/v1/cases/{cases[case]}", json={"note": f"{caller} was here"}, headers=headers(keys, caller)
    )
    assert response.status_code == expected(caller, case, 200), response.text
    if response.status_code == 200:
        assert response.json()["notes"][-1]["body"] == f"{caller} was here"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", ["a_alice", "a_bob", "b_dave"])
def test_post_a_note(service, caller, case):
    client, keys, cases = service
    response = client.post(f"/v1/cases/{cases[case]}/notes", json={"body": "hello"}, headers=headers(keys, caller))
    assert response.status_code == expected(caller, case, 201), response.text


@pytest.mark.parametrize("caller", CALLERS)
def test_list_cases_shows_exactly_what_the_caller_may_see(service, caller):
    client, keys, cases = service
    response = client.get("/v1/cases", headers=headers(keys, caller))
    if caller in REFUSED:
        assert response.status_code == REFUSED[caller]
        return
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == {cases[c] for c in VISIBLE[caller]}
    # filtering by another team does not widen what one sees
    other = client.get("/v1/cases", params={"team": "team_b"}, headers=headers(keys, caller)).json()["items"]
    assert {item["id"] for item in other} == {cases[c] for c in VISIBLE[caller] if c.startswith("b_")}


@pytest.mark.parametrize("caller", CALLERS)
def test_a_missing_case_is_404_for_everyone_allowed_in(service, caller):
    client, keys, _ = service
    response = client.get("/v1/cases/987654", headers=headers(keys, caller))
    assert response.status_code == REFUSED.get(caller, 404)


REPORT = {"analyst": 200, "admin": 200, "carol": 200, "erin": 200, "alice": 403, "bob": 403, "dave": 403}


@pytest.mark.parametrize("caller", CALLERS)
def test_the_report_is_for_analysts_leads_and_admins(service, caller):
    client, keys, _ = service
    response = client.get("/v1/cases/report", headers=headers(keys, caller))
    status = REFUSED.get(caller) if caller in ("none", "revoked", "ingest", "unlinked_agent") else REPORT[caller]
    assert response.status_code == status, response.text
    if status == 200:
        teams = {row["team"] for row in response.json()["rows"]}
        assert teams == {"carol": {"team_a"}, "erin": {"team_b"}}.get(caller, {"team_a", "team_b"})
        assert "items" not in response.json()  # aggregates only
    if caller == "carol":
        assert (
            client.get("/v1/cases/report", params={"team": "team_b"}, headers=headers(keys, caller)).status_code == 403
        )


RULES_GET = {"analyst": 200, "admin": 200, "ingest": 403}
ADMIN_ONLY = {"admin": 200}


@pytest.mark.parametrize("caller", CALLERS)
def test_alert_endpoints(service, caller):
    client, keys, _ = service
    h = headers(keys, caller)
    unauthenticated = caller in ("none", "revoked")
    # An agent key that belongs to no person is refused everywhere, not only on cases.
    agent_like = caller in ("alice", "bob", "carol", "dave", "erin")

    def want(table: dict[str, int], default: int = 403) -> int:
        return 401 if unauthenticated else table.get(caller, default)

    assert client.get("/v1/alerts/rules", headers=h).status_code == want({**RULES_GET}, 200 if agent_like else 403)
    rules = client.get("/v1/alerts/rules", headers=headers(keys, "admin")).json()["document"]
    assert client.put("/v1/alerts/rules", json=rules, headers=h).status_code == want(ADMIN_ONLY)
    assert client.post("/v1/alerts/rules/test", json={}, headers=h).status_code == want({"analyst": 200, "admin": 200})
    assert client.get("/v1/alerts/routing", headers=h).status_code == want(ADMIN_ONLY)
    routing = client.get("/v1/alerts/routing", headers=headers(keys, "admin")).json()["document"]
    assert client.put("/v1/alerts/routing", json=routing, headers=h).status_code == want(ADMIN_ONLY)
    assert client.get("/v1/alerts/outbox", headers=h).status_code == want(ADMIN_ONLY)


# --------------------------------------------------------------------------- who may assign and move
def test_a_lead_assigns_within_the_team_only(fresh):
    client, keys, cases = fresh
    carol = headers(keys, "carol")
    response = client.patch(f"/v1/cases/{cases['a_alice']}", json={"owner": "bob"}, headers=carol)
    assert response.status_code == 200 and response.json()["owner"] == "bob"
    assert client.get(f"/v1/cases/{cases['a_alice']}", headers=headers(keys, "alice")).status_code == 404
    assert client.get(f"/v1/cases/{cases['a_alice']}", headers=headers(keys, "bob")).status_code == 200
    assert client.patch(f"/v1/cases/{cases['a_bob']}", json={"owner": "dave"}, headers=carol).status_code == 403
    assert client.patch(f"/v1/cases/{cases['b_dave']}", json={"owner": "bob"}, headers=carol).status_code == 404
    assert client.patch(f"/v1/cases/{cases['a_bob']}", json={"team": "team_b"}, headers=carol).status_code == 403


def test_an_agent_cannot_reassign_and_an_admin_can_move_teams(fresh):
    client, keys, cases = fresh
    alice = headers(keys, "alice")
    assert client.patch(f"/v1/cases/{cases['a_alice']}", json={"owner": "bob"}, headers=alice).status_code == 403
    admin = headers(keys, "admin")
    response = client.patch(f"/v1/cases/{cases['a_alice']}", json={"team": "team_b", "owner": "dave"}, headers=admin)
    assert response.status_code == 200 and (response.json()["team"], response.json()["owner"]) == ("team_b", "dave")
    assert client.get(f"/v1/cases/{cases['a_alice']}", headers=headers(keys, "carol")).status_code == 404
    assert client.get(f"/v1/cases/{cases['a_alice']}", headers=headers(keys, "erin")).status_code == 200
