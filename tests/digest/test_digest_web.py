"""The /digest page and GET /v1/digest over digest_world.py's store: the figures counted by hand,
the same JSON as the library's, who is sent where."""

from __future__ import annotations

import re
from html import unescape

import pytest
from digest_world import PASSWORD, PII, WEEK
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.auth.policy import Principal
from voc_engine.digest.service import build_digest
from voc_engine.runtime import Runtime


@pytest.fixture
def client(world):
    with TestClient(create_app(Runtime(store=world["store"])), follow_redirects=False) as c:
        yield c


def sign_in(client, name: str) -> None:
    assert client.post("/login", data={"username": name, "password": PASSWORD}).status_code == 303


def test_the_page_needs_a_session_and_a_role_that_reads_digests(client):
    response = client.get(f"/digest?week={WEEK}")
    assert response.status_code == 303 and response.headers["location"] == f"/login?next=%2Fdigest%3Fweek%3D{WEEK}"
    assert client.get("/v1/digest", params={"week": WEEK, "team": "retention"}).status_code == 401
    sign_in(client, "amy")  # an agent
    assert client.get("/digest").status_code == 403
    assert client.get("/v1/digest", params={"team": "retention"}).status_code == 403


def test_a_lead_sees_their_teams_week_and_another_team_is_not_found(client, world):
    sign_in(client, "lee")
    page = client.get("/digest", params={"week": WEEK})
    assert page.status_code == 200
    html = unescape(page.text)
    # digest_world.py: 4 cases opened in W47, 3 in breach; billing's signal; plans overdue 1, due 2
    assert re.search(r'id="digest-cases-opened">4<', html) and re.search(r'id="digest-cases-breached">.*?3<', html)
    assert re.findall(r'<tr><td>([a-z]+)</td><td>([^<]+) <span class="muted">\((nelson-\d)\)', html) == [
        ("billing", "1 point beyond 3 sigma", "nelson-1")]
    assert [int(i) for i in re.findall(r'<tr data-plan-id="(\d+)"', html)] == \
        [world["plans"]["overdue"], world["plans"]["due"], world["plans"]["last_day"]]
    assert re.findall(r'<option value="([a-z_]+)"', html) == ["retention"]  # a lead picks only their team
    assert "<svg" in html and "<script" not in html.split('<main id="main">')[1].split("</main>")[0]
    for secret in PII:
        assert secret not in html
    assert client.get("/digest", params={"week": WEEK, "team": "billing"}).status_code == 404
    assert client.get("/v1/digest", params={"week": WEEK, "team": "billing"}).status_code == 404
    document = client.get("/v1/digest", params={"week": WEEK}).json()
    expected = build_digest(world["store"], Principal.system(), WEEK, "retention").to_dict()
    assert {k: v for k, v in document.items() if k != "generated_at"} == \
        {k: v for k, v in expected.items() if k != "generated_at"}


def test_an_analyst_picks_any_team_and_a_bad_week_says_why(client):
    sign_in(client, "ana")
    page = client.get("/digest", params={"week": WEEK, "team": "billing"})
    assert page.status_code == 200
    assert re.findall(r'<option value="([a-z_]+)"', page.text) == ["customer_care", "billing", "retention", "risk"]
    assert re.search(r'<option value="billing" selected>', page.text)
    assert re.search(r'id="digest-cases-opened">1<', page.text)  # billing's one case of W47
    bad = client.get("/digest", params={"week": "2026-W60", "team": "billing"})
    assert bad.status_code == 400 and "not a week label" in unescape(bad.text)
    assert client.get("/digest", params={"week": WEEK, "team": "nobody"}).status_code == 404
