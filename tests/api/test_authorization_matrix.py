"""Every endpoint × every kind of caller: no credentials, wrong ones, each role with an API key,
each role with a signed-in session. The endpoints come from the app itself (``app.routes``), so
an endpoint added without an entry in EXPECTED fails `test_every_endpoint_has_an_expectation`.

Expectations are written out by hand (who may call what, as designed), not derived from the
code under test. An admitted caller's request is built to be cheap (ids that do not exist, an
empty body): it may answer 404 or 422, but never 401 or 403, and never 5xx.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.actions.service import ActionService, PlanIn, PlanViewer
from voc_engine.auth.keys import create_api_key
from voc_engine.auth.sessions import COOKIE_NAME, CSRF_HEADER, login
from voc_engine.auth.users import create_user
from voc_engine.config import Settings
from voc_engine.runtime import Runtime
from voc_engine.store.repository import FeedbackStore

PUBLIC = "public"
EVERYONE = {"ingest", "analyst", "lead", "agent", "admin"}
ANALYSTS = {"analyst", "admin"}
ADMIN = {"admin"}
TEAMS = {"lead", "agent", "admin"}  # case work: a team's people, and admins
PLANS = {"analyst", "lead", "agent", "admin"}

EXPECTED: dict[tuple[str, str], str | set[str]] = {
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
    ("GET", "/docs/oauth2-redirect"): PUBLIC,
    ("GET", "/redoc"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/metrics"): EVERYONE,  # from another host (the test client is not loopback)
    ("POST", "/v1/auth/login"): PUBLIC,
    ("POST", "/v1/auth/logout"): EVERYONE,
    ("GET", "/v1/auth/me"): EVERYONE,
    ("POST", "/v1/score"): {"ingest", "analyst", "admin"},
    ("POST", "/v1/comments"): {"ingest", "admin"},
    ("GET", "/v1/comments"): ANALYSTS,
    ("GET", "/v1/comments/{comment_id}"): ANALYSTS,
    ("GET", "/v1/stats"): ANALYSTS,
    ("GET", "/v1/customers/{customer_id}"): TEAMS,  # the customers of the cases they see
    ("DELETE", "/v1/customers/{customer_id}"): ADMIN,
    ("GET", "/v1/spc/charts"): ANALYSTS,
    ("GET", "/v1/spc/signals"): ANALYSTS,
    ("GET", "/v1/cases/report"): {"analyst", "lead", "admin"},  # an agent: 403 (aggregates are for leads)
    ("GET", "/v1/cases"): TEAMS,
    ("GET", "/v1/cases/{case_id}"): TEAMS,
    ("PATCH", "/v1/cases/{case_id}"): TEAMS,
    ("POST", "/v1/cases/{case_id}/claim"): TEAMS,
    ("POST", "/v1/cases/{case_id}/notes"): TEAMS,
    ("GET", "/v1/alerts/rules"): {"analyst", "lead", "agent", "admin"},
    ("PUT", "/v1/alerts/rules"): ADMIN,
    ("POST", "/v1/alerts/rules/test"): ANALYSTS,
    ("GET", "/v1/alerts/routing"): ADMIN,
    ("PUT", "/v1/alerts/routing"): ADMIN,
    ("GET", "/v1/alerts/outbox"): ADMIN,
    ("GET", "/v1/alerts/flags"): ANALYSTS,
    ("PUT", "/v1/alerts/flags"): ADMIN,
    ("POST", "/v1/alerts/flags/test"): ANALYSTS,
    ("GET", "/v1/topics"): ANALYSTS,
    ("GET", "/v1/topics/trends"): ANALYSTS,
    ("GET", "/v1/topics/{topic_id}"): ANALYSTS,
    ("POST", "/v1/topics/{topic_id}/propose"): ANALYSTS,
    ("GET", "/v1/taxonomy/drafts"): ANALYSTS,
    ("POST", "/v1/taxonomy/drafts/{draft_id}/accept"): ADMIN,
    ("POST", "/v1/taxonomy/drafts/{draft_id}/reject"): ADMIN,
    ("GET", "/v1/drivers"): ANALYSTS,
    ("GET", "/v1/drivers/scorecard"): ANALYSTS,
    ("POST", "/v1/actions"): PLANS,
    ("GET", "/v1/actions"): PLANS,
    ("GET", "/v1/actions/{plan_id}"): PLANS,
    ("PATCH", "/v1/actions/{plan_id}"): PLANS,
    ("POST", "/v1/actions/{plan_id}/notes"): PLANS,
    ("GET", "/v1/actions/{plan_id}/evaluation"): PLANS,
    ("POST", "/v1/comments/{comment_id}/corrections"): ANALYSTS,
    ("GET", "/v1/corrections"): ANALYSTS,
    ("GET", "/v1/digest"): {"analyst", "lead", "admin"},  # a lead: their own team's
}
# Path parameters that name nothing: an admitted caller gets a 404 (or a 422), and nothing changes.
PATH_VALUES = {"comment_id": "0" * 32, "customer_id": "nobody", "case_id": "987654", "plan_id": "987654",
               "topic_id": "987654", "draft_id": "987654"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PASSWORD = "correct horse battery staple"
PEOPLE = {"analyst": ("ana", None), "admin": ("adm", None), "lead": ("lee", "team_a"), "agent": ("amy", "team_a")}
CALLERS = ["none", "wrong_key", "wrong_session"] + [f"key:{r}" for r in sorted(EVERYONE)] + \
          [f"session:{r}" for r in sorted(PEOPLE)]


def app_endpoints(app) -> list[tuple[str, str]]:
    """The JSON API's endpoints; the workspace's pages (api.web) have their own matrix in
    tests/web/test_pages.py (a page without a session redirects to /login instead of a 401)."""
    return sorted({(method, route.path) for route in iter_route_contexts(app.routes)
                   for method in route.methods or () if method != "HEAD"
                   and not getattr(route, "endpoint", None).__module__.startswith("api.web")})


@pytest.fixture(scope="module")
def world(request, tmp_path_factory):
    """People (an analyst, an admin, a lead and an agent of team_a, a lead and an agent of
    team_b), an ingest service; a key of each and a session of each person; a plan per team."""
    backend = request.param
    tmp = tmp_path_factory.mktemp("matrix")
    if backend == "sqlite":
        path = tmp / "voc.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url, cleanup = f"sqlite:///{path}", None
    else:
        from pg_support import throwaway_postgres_database

        cleanup = throwaway_postgres_database(request.getfixturevalue("postgres_server_url"), "voc_matrix")
        url = cleanup.__enter__()
    store = FeedbackStore(url, Settings(data_dir=tmp / "var"))
    for role, (name, team) in PEOPLE.items():
        create_user(store, name, role, team, password=PASSWORD)
    create_user(store, "lou", "lead", "team_b", password=PASSWORD)
    create_user(store, "bea", "agent", "team_b", password=PASSWORD)
    create_user(store, "loader", "ingest", kind="service")
    credentials: dict[str, dict[str, str]] = {
        "none": {},
        "wrong_key": {"X-API-Key": "voc_00000000_" + "x" * 43},
        "wrong_session": {"Cookie": f"{COOKIE_NAME}=not-a-session"},
        "key:ingest": {"X-API-Key": create_api_key(store, None, owner="loader")[0]},
    }
    for role, (name, _) in PEOPLE.items():
        credentials[f"key:{role}"] = {"X-API-Key": create_api_key(store, None, owner=name)[0]}
    sessions = {}
    for role, (name, _) in PEOPLE.items():
        signed_in = login(store, store.settings.auth, name, PASSWORD)
        sessions[role] = signed_in
        credentials[f"session:{role}"] = {"Cookie": f"{COOKIE_NAME}={signed_in.token}",
                                          CSRF_HEADER: signed_in.csrf_token}
    service, system = ActionService(store), PlanViewer.system("test")
    plans = {team: service.create_plan(system, PlanIn(title=f"Fix {team}", target_kind="touchpoint",
                                                      target="billing", deadline=dt.date(2030, 1, 1),
                                                      owner=owner))["id"]
             for team, owner in (("team_a", "amy"), ("team_b", "bea"))}
    app = create_app(Runtime(store=store))
    yield {"client": TestClient(app), "app": app, "store": store, "credentials": credentials, "plans": plans}
    store.dispose()
    if cleanup is not None:
        cleanup.__exit__(None, None, None)


def _url(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    return path


def _send(client: TestClient, method: str, path: str, headers: dict[str, str]):
    body = {"json": []} if method in UNSAFE else {}  # never a valid body: nothing is changed
    return client.request(method, _url(path), headers=headers, **body)


def expected_status(rule, caller: str) -> str:
    """'ok' (neither 401 nor 403), or the exact refusal."""
    if rule == PUBLIC:
        return "ok"
    if caller in ("none", "wrong_key", "wrong_session"):
        return "401"
    return "ok" if caller.split(":")[1] in rule else "403"


def test_every_endpoint_has_an_expectation():
    app = create_app(Runtime(Settings()))
    endpoints = app_endpoints(app)
    missing = [e for e in endpoints if e not in EXPECTED]
    assert missing == [], f"add these endpoints to EXPECTED (who may call them): {missing}"
    stale = [e for e in EXPECTED if e not in endpoints]
    assert stale == []


@pytest.mark.parametrize("world", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("caller", CALLERS)
def test_matrix(world, caller):
    client, credentials = world["client"], world["credentials"]
    wrong = []
    for method, path in app_endpoints(world["app"]):
        if (method, path) == ("POST", "/v1/auth/logout") and caller.startswith("session:"):
            continue  # it would end the session the other endpoints use: see the sign-out test
        want = expected_status(EXPECTED[(method, path)], caller)
        response = _send(client, method, path, credentials[caller])
        got = response.status_code
        # /readyz says 503 while the models load (nothing in this test loads them).
        server_error = got >= 500 and not (path == "/readyz" and got == 503)
        fine = (got not in (401, 403) and not server_error) if want == "ok" else got == int(want)
        if not fine:
            wrong.append(f"{method} {path}: {got} (want {want}) {response.text[:120]}")
    assert wrong == []


@pytest.mark.parametrize("world", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("role", sorted(PEOPLE))
def test_a_session_without_its_csrf_token_changes_nothing(world, role):
    client, store = world["client"], world["store"]
    cookie = {"Cookie": world["credentials"][f"session:{role}"]["Cookie"]}
    for method, path in app_endpoints(world["app"]):
        rule = EXPECTED[(method, path)]
        if method not in UNSAFE or rule == PUBLIC:
            continue
        for headers in (cookie, {**cookie, CSRF_HEADER: "wrong"}):
            response = _send(client, method, path, headers)
            assert response.status_code == 403, (method, path, response.text)
    # A change the role may make, refused without the token and made with it: an analyst
    # creates a plan; the team_a lead, its agent (the plan's owner) and an admin add a note.
    plan = world["plans"]["team_a"]
    if role == "analyst":
        url, body = "/v1/actions", {"title": "New", "target_kind": "touchpoint", "target": "app",
                                    "deadline": "2030-01-01", "team": "team_a"}
    else:
        url, body = f"/v1/actions/{plan}/notes", {"body": f"from the {role}"}

    def state():
        service = ActionService(store)
        return service.list_plans(PlanViewer.system()), service.get_plan(PlanViewer.system(), plan)["history"]

    before = state()
    assert client.post(url, json=body, headers=cookie).status_code == 403
    assert state() == before
    assert client.post(url, json=body, headers=world["credentials"][f"session:{role}"]).status_code == 201
    assert state() != before


@pytest.mark.parametrize("world", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("via", ["key", "session"])
def test_no_cross_team_read_of_a_plan(world, via):
    client, plans = world["client"], world["plans"]
    for role in ("lead", "agent"):  # both of team_a
        headers = world["credentials"][f"{via}:{role}"]
        assert client.get(f"/v1/actions/{plans['team_a']}", headers=headers).status_code == 200
        assert client.get(f"/v1/actions/{plans['team_b']}", headers=headers).status_code == 404
        listed = client.get("/v1/actions", headers=headers).json()["actions"]
        assert plans["team_a"] in {p["id"] for p in listed} and {p["team"] for p in listed} == {"team_a"}
    for role in ("analyst", "admin"):
        headers = world["credentials"][f"{via}:{role}"]
        assert client.get(f"/v1/actions/{plans['team_b']}", headers=headers).status_code == 200
