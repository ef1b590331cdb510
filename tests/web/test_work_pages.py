"""The workspace's working pages over plain HTTP: a case with its customer's profile, assignment,
claiming and closing; the customer page; the drivers page; action plans from a driver row to
their evaluation. Figures are checked against the JSON API's for the same request; every form is
refused without the CSRF token and writes nothing; rows a viewer may not see are 404s."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from web_support import PASSWORD

from voc_engine.actions.service import ActionService
from voc_engine.alerting.cases import CasePatch, CaseService
from voc_engine.auth.policy import Principal
from voc_engine.auth.users import get_user

SYSTEM = Principal.system("test")


def sign_in(client, name: str) -> None:
    client.cookies.clear()
    response = client.post("/login", data={"username": name, "password": PASSWORD, "next": "/"})
    assert response.status_code == 303, response.text


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def case(workspace, case_id: int) -> dict:
    return CaseService(workspace["store"]).get_case(SYSTEM, case_id)


def viewer(workspace, name: str) -> Principal:
    return Principal.of_user(get_user(workspace["store"], name))


@pytest.fixture
def queue_case(workspace):
    """A case of the agents' team with nobody on it: the team's queue."""
    service = CaseService(workspace["store"])
    spare = [c for c in workspace["all_cases"] if c not in workspace["cases"]["amy"] + workspace["cases"]["bob"]]
    for case_id in spare:
        current = case(workspace, case_id)
        if current["state"] in ("new", "assigned", "reopened"):
            service.update_case(SYSTEM, case_id, CasePatch(team=workspace["team"], owner=None))
            return case_id
    pytest.fail("no spare open case")


# --------------------------------------------------------------------------- the case page
def test_the_case_shows_the_customer_profile_of_the_customers_api(client, workspace):
    sign_in(client, "amy")
    case_id = workspace["cases"]["amy"][0]
    customer = case(workspace, case_id)["customer_id"]
    page = client.get(f"/cases/{case_id}").text
    api = client.get(f"/v1/customers/{customer}").json()
    assert re.search(r'id="customer-id">([^<]+)<', page).group(1) == api["customer_id"] == customer
    assert int(re.search(r'id="customer-comments-total">(\d+)<', page).group(1)) == api["comments_total"]
    aside = page[page.index('id="customer-profile"'):]
    for item in api["comments"][:10]:
        assert str(unescape(item["text"])) in unescape(aside)
    for row in api["scores"]:
        assert f"<td>{row['period']}</td><td>{row['comments']}</td>" in aside
    assert f'href="/customers/{customer}"' in page


def test_an_agent_sees_no_profile_on_a_queue_case_until_they_take_it(client, workspace, queue_case):
    sign_in(client, "amy")
    page = client.get(f"/cases/{queue_case}").text
    assert 'id="profile-hidden"' in page and 'id="claim-case"' in page
    assert 'id="assign-owner"' not in page  # agents claim; they do not assign
    customer = case(workspace, queue_case)["customer_id"]
    assert client.get(f"/customers/{customer}").status_code == 404
    response = client.post(f"/cases/{queue_case}/claim", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 303
    assert case(workspace, queue_case)["owner"] == "amy" and case(workspace, queue_case)["state"] == "assigned"
    page = client.get(f"/cases/{queue_case}").text
    assert 'id="customer-id"' in page and 'id="claim-case"' not in page
    assert client.get(f"/customers/{customer}").status_code == 200


def test_a_claim_or_an_assignment_without_the_token_is_refused(client, workspace, queue_case):
    sign_in(client, "lee")
    for path, data in ((f"/cases/{queue_case}/claim", {}), (f"/cases/{queue_case}/assign", {"owner": "bob"}),
                       (f"/cases/{queue_case}/assign", {"owner": "bob", "csrf_token": "x" * 43})):
        assert client.post(path, data=data).status_code == 403, path
    assert case(workspace, queue_case)["owner"] is None


def test_a_lead_assigns_to_a_team_member_and_an_agent_may_not(client, workspace, queue_case):
    sign_in(client, "lee")
    page = client.get(f"/cases/{queue_case}").text
    options = re.findall(r'<option value="([^"]*)"', page[page.index('id="assign-owner"'):page.index('id="assign-case"')])
    assert set(options) == {"", "amy", "bob", "lee"}  # the team's active people, or nobody
    response = client.post(f"/cases/{queue_case}/assign", data={"csrf_token": csrf_of(page), "owner": "bob"})
    assert response.status_code == 303
    assert case(workspace, queue_case)["owner"] == "bob"
    assert any(e["kind"] == "assigned" and e.get("owner") == "bob" for e in case(workspace, queue_case)["history"])

    sign_in(client, "bob")
    token = csrf_of(client.get(f"/cases/{queue_case}").text)
    response = client.post(f"/cases/{queue_case}/assign", data={"csrf_token": token, "owner": "amy"})
    assert response.status_code == 403 and 'id="case-error"' in response.text
    assert case(workspace, queue_case)["owner"] == "bob"


def test_an_agent_works_a_case_to_closed_with_the_close_the_loop_outcome(client, workspace):
    sign_in(client, "amy")
    case_id = workspace["cases"]["amy"][2]
    token = csrf_of(client.get(f"/cases/{case_id}").text)

    def move(**data):
        return client.post(f"/cases/{case_id}/transition", data={"csrf_token": token, **data})

    if case(workspace, case_id)["state"] != "in_progress":
        assert move(state="in_progress").status_code == 303
    page = client.get(f"/cases/{case_id}").text
    codes = re.findall(r'<option value="([^"]+)"', page[page.index('id="resolution-code"'):page.index('id="outcome"')])
    assert codes  # the routing's resolution codes
    assert move(state="resolved", resolution_code=codes[0]).status_code == 303
    refused = move(state="closed")  # no outcome
    assert refused.status_code == 400 and "outcome" in unescape(refused.text)
    assert case(workspace, case_id)["state"] == "resolved"
    assert move(state="closed", outcome="customer_contacted").status_code == 303
    closed = case(workspace, case_id)
    assert (closed["state"], closed["resolution_code"], closed["outcome"]) == ("closed", codes[0], "customer_contacted")
    page = client.get(f"/cases/{case_id}").text
    assert re.search(r'id="case-outcome">customer_contacted<', page)


# --------------------------------------------------------------------------- the customer page
def test_the_customer_page_is_the_customers_api_and_follows_its_access(client, workspace):
    amy_case, bob_case = (case(workspace, workspace["cases"][n][1]) for n in ("amy", "bob"))
    sign_in(client, "amy")
    response = client.get(f"/customers/{amy_case['customer_id']}")
    assert response.status_code == 200
    api = client.get(f"/v1/customers/{amy_case['customer_id']}").json()
    assert int(re.search(r'id="customer-comments-total">(\d+)<', response.text).group(1)) == api["comments_total"]
    assert set(re.findall(r'href="/cases/(\d+)"', response.text)) == {str(c["id"]) for c in api["cases"]}
    if bob_case["customer_id"] != amy_case["customer_id"]:
        assert client.get(f"/customers/{bob_case['customer_id']}").status_code == 404
    assert client.get("/customers/nobody-at-all").status_code == 404
    sign_in(client, "lee")
    assert client.get(f"/customers/{bob_case['customer_id']}").status_code == 200
    sign_in(client, "adm")
    assert client.get(f"/customers/{bob_case['customer_id']}").status_code == 200
    sign_in(client, "ana")
    assert client.get(f"/customers/{bob_case['customer_id']}").status_code == 403


# --------------------------------------------------------------------------- drivers
def test_the_drivers_page_shows_the_drivers_api_result(client):
    sign_in(client, "ana")
    page = client.get("/drivers", params={"min_mentions": 10}).text
    api = client.get("/v1/drivers", params={"min_mentions": 10}).json()
    rows = re.findall(r'<tr data-driver="([^"]+)">\s*<th scope="row">[^<]+</th>\s*<td><span class="quadrant q-([a-z_]+)">', page)
    assert rows == [(d["name"], d["quadrant"]) for d in api["drivers"]]
    matrix = json.loads(re.search(r'<script type="application/json" id="matrix-data">(.*?)</script>', page, re.S).group(1))
    assert matrix["drivers"] == api["drivers"]
    statements = [unescape(s) for s in re.findall(r'<span class="statement">([^<]+)</span>', page)]
    assert statements == [a["statement"] for a in api["details"]["actions"]]
    for d in api["drivers"]:
        assert f"{d['coef']:.2f} ({d['ci_low']:.2f} to {d['ci_high']:.2f})" in page


def test_the_drivers_page_shows_the_scorecard_api_result(client):
    sign_in(client, "ana")
    page = client.get("/drivers", params={"min_mentions": 10}).text
    api = client.get("/v1/drivers/scorecard", params={"min_mentions": 10}).json()
    rows = api["touchpoints"]
    assert len(rows) >= 2 and api["n"] == sum(int(r["volume"]) for r in rows)
    # Each effect is a touchpoint's difference from the comment-weighted average touchpoint: they
    # cancel out when weighted by volume.
    assert abs(sum(r["volume"] * r["effect"] for r in rows) / api["n"]) < 1e-6
    assert all(r["effect_ci_low"] <= r["effect"] <= r["effect_ci_high"] for r in rows)
    shown = re.findall(r'<tr data-touchpoint="([^"]+)">', page)
    assert shown == [r["touchpoint"] for r in sorted(rows, key=lambda r: r["effect"])]
    for r in rows:
        assert f"{r['effect']:+.2f}" in page


def test_the_drivers_page_says_why_when_no_tag_is_frequent_enough(client):
    sign_in(client, "ana")
    response = client.get("/drivers", params={"min_mentions": 5000})
    assert response.status_code == 200 and 'id="drivers-error"' in response.text
    assert "no tag is mentioned 5000+ times" in unescape(response.text)


# --------------------------------------------------------------------------- action plans
def _plan_form(page: str, driver: str) -> dict[str, str]:
    item = re.search(rf'<li data-driver="{re.escape(driver)}">(.*?)</li>', page, re.S).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', item))
    return {k: unescape(v) for k, v in fields.items()}


def test_an_analyst_creates_a_plan_from_a_driver_row_as_the_actions_api_would(client, workspace):
    sign_in(client, "ana")
    page = client.get("/drivers", params={"min_mentions": 10}).text
    row = client.get("/v1/drivers", params={"min_mentions": 10}).json()["details"]["actions"][0]
    form = _plan_form(page, row["driver"])
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    before = len(ActionService(workspace["store"]).list_plans(SYSTEM))
    for data in (form | {"csrf_token": ""}, form | {"csrf_token": "y" * 43}):
        assert client.post("/actions", data=data | {"deadline": deadline}).status_code == 403
    assert len(ActionService(workspace["store"]).list_plans(SYSTEM)) == before
    response = client.post("/actions", data=form | {"title": "Fix the booking flow", "owner": "lee",
                                                   "deadline": deadline, "investment": "12500"})
    assert response.status_code == 303
    plan_id = int(response.headers["location"].rsplit("/", 1)[1])
    plan = client.get(f"/v1/actions/{plan_id}").json()
    assert (plan["title"], plan["target_kind"], plan["target"]) == ("Fix the booking flow", "driver", row["driver"])
    assert plan["expected_lift"] == pytest.approx(row["expected_lift"], rel=1e-12)
    assert plan["basis"]["expected_lift_ci_low"] == pytest.approx(row["expected_lift_ci_low"], rel=1e-12)
    assert (plan["owner"], plan["team"], plan["deadline"], plan["investment"]) == ("lee", workspace["team"], deadline, 12500.0)
    assert plan["kpi"] == "nps_index" and plan["created_by"].endswith("ana")

    board = client.get("/actions").text
    planned = board[board.index('data-status="planned"'):board.index('data-status="in_progress"')]
    assert f'data-plan-id="{plan_id}"' in planned
    page = client.get(f"/actions/{plan_id}").text
    assert re.search(r'id="plan-target">([^<]+)<', page).group(1) == row["driver"]


def test_a_plan_from_a_tampered_or_missing_driver_row_is_refused(client):
    sign_in(client, "ana")
    token = csrf_of(client.get("/actions").text)
    for basis in ("", "not json", json.dumps({"expected_lift": 3})):
        response = client.post("/actions", data={"csrf_token": token, "basis": basis, "deadline": "2030-01-01"})
        assert response.status_code == 400, basis
    response = client.post("/actions", data={"csrf_token": token, "basis": json.dumps({"driver": "x"}),
                                             "deadline": "next week"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text


def _make_plan(workspace, team=None, owner=None) -> int:
    from voc_engine.actions.service import PlanIn

    plan = PlanIn(title="Shorten the hold queue", target_kind="touchpoint", target="contact_centre",
                  deadline=dt.date.today() - dt.timedelta(days=3), owner=owner, team=team, investment=4000.0)
    return ActionService(workspace["store"]).create_plan(Principal.system("test"), plan)["id"]


def test_agents_may_not_create_plans_and_see_only_their_teams(client, workspace):
    other = _make_plan(workspace, team="somewhere_else")
    mine = _make_plan(workspace, team=workspace["team"])
    sign_in(client, "amy")
    board = client.get("/actions").text
    assert f'data-plan-id="{mine}"' in board and f'data-plan-id="{other}"' not in board
    assert client.get(f"/actions/{other}").status_code == 404
    assert client.get(f"/actions/{mine}").status_code == 200
    token = csrf_of(board)
    response = client.post("/actions", data={"csrf_token": token, "basis": json.dumps({"driver": "x"}),
                                             "deadline": "2030-01-01"})
    assert response.status_code == 403
    # overdue is marked on the board
    card = re.search(rf'<li class="card([^"]*)" data-plan-id="{mine}">(.*?)</li>', board, re.S)
    assert "overdue" in card.group(1) and "badge breach\">overdue" in card.group(2)


def test_a_plan_moves_through_its_statuses_and_once_done_shows_the_evaluation_of_the_api(client, workspace):
    plan_id = _make_plan(workspace, team=workspace["team"], owner="lee")
    comments = workspace["store"].read_frame()
    rated = comments[comments["nps"].notna()]
    done_on = rated["created_at"].sort_values().iloc[len(rated) // 2].date().isoformat()
    sign_in(client, "lee")
    token = csrf_of(client.get(f"/actions/{plan_id}").text)
    assert client.post(f"/actions/{plan_id}/status", data={"status": "in_progress"}).status_code == 403
    assert ActionService(workspace["store"]).get_plan(SYSTEM, plan_id)["status"] == "planned"
    assert client.post(f"/actions/{plan_id}/status",
                       data={"csrf_token": token, "status": "in_progress", "note": "Started; call 07700 900123"}).status_code == 303
    refused = client.post(f"/actions/{plan_id}/status", data={"csrf_token": token, "status": "planned_wrongly"})
    assert refused.status_code == 400 and 'id="plan-error"' in refused.text
    assert client.post(f"/actions/{plan_id}/notes", data={"csrf_token": token, "body": "  "}).status_code == 400
    assert client.post(f"/actions/{plan_id}/notes", data={"csrf_token": token, "body": "Vendor booked"}).status_code == 303
    assert client.post(f"/actions/{plan_id}/status",
                       data={"csrf_token": token, "status": "done", "completed_on": done_on}).status_code == 303
    plan = ActionService(workspace["store"]).get_plan(SYSTEM, plan_id)
    assert (plan["status"], plan["completed_on"]) == ("done", done_on)
    assert [e["kind"] for e in plan["history"]] == ["created", "status", "note", "status"]

    page = client.get(f"/actions/{plan_id}", params={"value_per_point": "2"}).text
    assert "07700 900123" not in page and "Started; call [PHONE]" in unescape(page)
    api = client.get(f"/v1/actions/{plan_id}/evaluation", params={"value_per_point": 2}).json()
    assert "A monitoring figure, not a causal estimate" in api["interpretation"]
    assert unescape(re.search(r'id="evaluation-interpretation"><strong>([^<]+)<', page).group(1)) == api["interpretation"]
    figures = dict(re.findall(r'data-figure="([a-z_]+)">([^<]+)<', page))
    assert figures["mean_before"] == f"{api['mean_before']:.2f}" and figures["mean_after"] == f"{api['mean_after']:.2f}"
    assert figures["difference"] == f"{api['difference']:.2f}"
    assert figures["roi"] == f"{api['roi']:.2f}" and figures["value"] == f"{api['value']:.0f}"
    assert api["roi"] == pytest.approx((api["value"] - 4000.0) / 4000.0)  # ROI = net value over the investment
