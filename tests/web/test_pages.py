"""The workspace's pages over plain HTTP: sign-in, who is sent where, CSRF, the overview's figures
against the JSON API's, PII and markup in stored text. (Browser flows: test_browser.py.)"""

from __future__ import annotations

import re
from html import unescape

from markupsafe import escape

import pytest
from web_support import PASSWORD, PII

from voc_engine.alerting.cases import CaseService
from voc_engine.auth.policy import Principal

PAGES = ["/", "/comments", "/charts", "/cases", "/drivers?min_mentions=10", "/actions", "/digest", "/topics",
         "/topics/0", "/admin/taxonomy"]


def sign_in(client, name: str) -> None:
    response = client.post("/login", data={"username": name, "password": PASSWORD, "next": "/"})
    assert response.status_code == 303, response.text


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def nav_of(html: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r">([^<]+)</a>", nav)


@pytest.mark.parametrize("path", PAGES + ["/cases/1"])
def test_every_page_without_a_session_redirects_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")
    assert "voc_session" not in response.headers.get("set-cookie", "")


def test_a_dead_session_cookie_also_redirects(client):
    client.cookies.set("voc_session", "not-a-session")
    assert client.get("/cases").status_code == 303


def test_wrong_password_shows_an_error_and_sets_no_session(client):
    response = client.post("/login", data={"username": "amy", "password": "wrong password!"})
    assert response.status_code == 401
    assert "Wrong user name or password." in response.text
    assert "voc_session" not in client.cookies
    assert client.get("/cases").status_code == 303


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_site(client):
    response = client.post("/login", data={"username": "amy", "password": PASSWORD, "next": "/cases?state=assigned"})
    assert response.headers["location"] == "/cases?state=assigned"
    response = client.post("/login", data={"username": "amy", "password": PASSWORD, "next": "//evil.example/x"})
    assert response.headers["location"] == "/"


@pytest.mark.parametrize("name, visible, refused", [
    ("ana", ["Overview", "Comments", "Topics", "Control charts", "Drivers", "Action plans", "Weekly digest"],
     ["/cases", "/customers/x", "/admin/taxonomy"]),
    ("amy", ["Cases", "Action plans"], ["/comments", "/charts", "/drivers", "/digest", "/topics", "/admin/taxonomy"]),
    ("lee", ["Cases", "Action plans", "Weekly digest"], ["/comments", "/charts", "/drivers", "/topics", "/admin/taxonomy"]),
    ("adm", ["Overview", "Comments", "Topics", "Control charts", "Drivers", "Cases", "Action plans", "Weekly digest",
             "Admin"], []),
])
def test_navigation_shows_what_the_role_may_open_and_the_rest_is_refused(client, name, visible, refused):
    sign_in(client, name)
    home = client.get("/", follow_redirects=True)
    assert home.status_code == 200
    assert nav_of(home.text) == visible
    for path in refused:
        assert client.get(path).status_code == 403, path
    for label, path in (("Overview", "/"), ("Comments", "/comments"), ("Control charts", "/charts"),
                        ("Drivers", "/drivers?min_mentions=10"), ("Cases", "/cases"), ("Action plans", "/actions"),
                        ("Weekly digest", "/digest"), ("Topics", "/topics")):
        if label in visible:
            assert client.get(path).status_code == 200, path


def test_an_agent_home_is_their_cases(client):
    sign_in(client, "amy")
    response = client.get("/")
    assert response.status_code == 303 and response.headers["location"] == "/cases"


def test_an_agent_sees_their_own_cases_and_another_agents_case_is_not_found(client, workspace):
    sign_in(client, "amy")
    page = client.get("/cases").text
    listed = {int(i) for i in re.findall(r'data-case-id="(\d+)"', page)}
    expected = {c["id"] for c in CaseService(workspace["store"]).list_cases(
        Principal.of_user(_user(workspace, "amy")), limit=500).items}
    assert listed == expected and set(workspace["cases"]["amy"]) <= listed
    assert not listed & set(workspace["cases"]["bob"])
    other = workspace["cases"]["bob"][0]
    assert client.get(f"/cases/{other}").status_code == 404
    assert client.get(f"/cases/{workspace['cases']['amy'][0]}").status_code == 200


def _user(workspace, name):
    from voc_engine.auth.users import get_user

    return get_user(workspace["store"], name)


def test_a_note_without_the_csrf_token_is_refused_and_nothing_is_written(client, workspace):
    sign_in(client, "amy")
    case_id = workspace["cases"]["amy"][0]
    before = len(CaseService(workspace["store"]).get_case(Principal.system(), case_id)["notes"])
    for data in ({"body": "no token"}, {"body": "wrong token", "csrf_token": "x" * 43}):
        response = client.post(f"/cases/{case_id}/notes", data=data)
        assert response.status_code == 403
    # The CSRF cookie is sent by the browser by itself: alone it proves nothing.
    assert "voc_csrf" in client.cookies
    after = CaseService(workspace["store"]).get_case(Principal.system(), case_id)["notes"]
    assert len(after) == before


def test_a_note_with_the_token_is_stored_redacted(client, workspace):
    sign_in(client, "amy")
    case_id = workspace["cases"]["amy"][1]
    token = csrf_of(client.get(f"/cases/{case_id}").text)
    response = client.post(f"/cases/{case_id}/notes",
                           data={"csrf_token": token, "body": "Rang back, she asked for mail at jane.doe@example.com"})
    assert response.status_code == 303
    page = client.get(f"/cases/{case_id}").text
    assert "Rang back, she asked for mail at [EMAIL]" in unescape(page)
    assert "jane.doe@example.com" not in page


def test_sign_out_needs_the_token_and_ends_the_session(client):
    sign_in(client, "amy")
    token = csrf_of(client.get("/cases").text)
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/cases").status_code == 200
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/cases").status_code == 303


def test_overview_figures_are_the_stats_api_figures_for_the_same_period(client):
    sign_in(client, "ana")
    page = client.get("/?period=week").text
    label = re.search(r'name="label" value="([^"]+)"', page).group(1)
    figures = dict(re.findall(r'data-figure="([a-z_]+)">([^<]+)<', page))
    rows = client.get("/v1/stats", params={"period": "week"}).json()["rows"]
    row = next(r for r in rows if r["period"] == label)
    assert label == rows[-1]["period"]  # by default, the latest week with comments
    assert int(figures["comments"]) == row["comments"]
    for key in ("negative", "neutral", "positive", "nps_responses", "csat_responses"):
        assert int(figures[key]) == row[key], key
    for key, places in (("nps_index", 1), ("nps_ci_low", 1), ("nps_ci_high", 1), ("mean_csat", 2),
                        ("csat_ci_low", 2), ("csat_ci_high", 2)):
        assert figures[key] == f"{row[key]:.{places}f}", key


def test_overview_counts_the_periods_signals_and_the_plans_due_as_their_apis_list_them(client, workspace):
    import datetime as dt

    from voc_engine.actions.service import ActionService, PlanIn
    from voc_engine.auth.policy import Principal

    system = Principal.system("test")
    plans = ActionService(workspace["store"])
    soon = plans.create_plan(system, PlanIn(title="Call back within a day", target_kind="touchpoint",
                                            target="contact_centre", deadline=dt.date.today() + dt.timedelta(days=3)))
    sign_in(client, "ana")
    try:
        page = client.get("/?period=week").text
        label = re.search(r'name="label" value="([^"]+)"', page).group(1)
        figures = dict(re.findall(r'data-figure="([a-z_]+)">([^<]+)<', page))
        charts = client.get("/v1/spc/charts", params={"metric": "negative_rate", "by": "touchpoint", "period": "week"}).json()
        in_period = [p for c in charts["charts"] for p in c["points"] if p["period"] == label and p.get("signals")]
        assert int(figures["signals"]) == sum(len(p["signals"]) for p in in_period)
        listed = client.get("/v1/actions", params={"status": ["planned", "in_progress"], "due_within_days": 7}).json()
        items = listed["actions"]
        assert soon["id"] in {p["id"] for p in items}
        assert int(figures["plans_due"]) == sum(1 for p in items if not p["overdue"]) >= 1
        assert int(figures["plans_overdue"]) == sum(1 for p in items if p["overdue"])
    finally:
        from voc_engine.actions.service import PlanPatch

        plans.update_plan(system, soon["id"], PlanPatch(status="cancelled"))


def test_each_signal_on_the_charts_page_links_to_its_periods_comments(client):
    sign_in(client, "ana")
    page = client.get("/charts?metric=negative_rate&by=touchpoint&period=week").text
    targets = re.findall(r'data-comments="([^"]+)"', page)
    assert targets and all(t.startswith("/comments?period=week&amp;touchpoint=") and t.endswith("&amp;label=")
                           for t in targets)
    links = re.findall(r'<a class="badge breach" href="([^"]+)">([^:<]+):', page)
    for href, period in links:
        assert href.endswith("label=" + period), (href, period)
        answer = client.get(unescape(href))
        assert answer.status_code == 200
        assert f'value="{period}"' in answer.text  # the comments page shows the period it filters on


def test_no_page_shows_the_pii_of_the_seeded_comments(client, workspace):
    sign_in(client, "adm")
    pages = PAGES + [f"/cases/{i}" for i in workspace["all_cases"]] + ["/comments?q=account", "/comments?sentiment=negative"]
    pages += [f"/customers/PII-{i}" for i in range(3)]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        # Read as the page reads: the comments explorer cuts the text at tag spans and sentences.
        text = visible_text(response.text)
        for secret in PII:
            assert secret not in text, (path, secret)
    assert "[EMAIL]" in visible_text(client.get("/comments?q=write+to").text)


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    sign_in(client, "ana")
    for path in ("/", "/charts", "/comments", "/login", "/topics", "/topics/0"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        script = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
        assert "unsafe-inline" not in script and "unsafe-eval" not in script
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))", response.text), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", response.text), path  # no inline event handlers


def test_plotly_is_served_by_the_app(client):
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
    assert len(response.content) > 1_000_000 and b"plotly" in response.content[:2000].lower()


def test_pages_link_static_files_by_digest_served_compressed_and_cached_for_good(client):
    import hashlib
    from importlib import resources

    plotly = (resources.files("plotly") / "package_data" / "plotly.min.js").read_bytes()
    sign_in(client, "ana")
    page = client.get("/charts")
    linked = re.findall(r'src="(/static/plotly\.min\.[0-9a-f]{12}\.js)"', page.text)
    assert linked == [f"/static/plotly.min.{hashlib.sha256(plotly).hexdigest()[:12]}.js"]
    assert re.search(r'href="/static/workspace\.[0-9a-f]{12}\.css"', page.text)
    assert "script-src 'self';" in page.headers["content-security-policy"]

    compressed = client.get(linked[0], headers={"Accept-Encoding": "gzip"})
    assert compressed.status_code == 200 and compressed.headers["content-encoding"] == "gzip"
    assert compressed.content == plotly  # the client undid the gzip: the file itself
    assert int(compressed.headers["content-length"]) < len(plotly) / 2
    assert compressed.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert compressed.headers["vary"] == "Accept-Encoding" and compressed.headers["content-type"].startswith("text/javascript")
    plain = client.get(linked[0], headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == plotly
    refused = client.get(linked[0], headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers
    again = client.get(linked[0], headers={"If-None-Match": compressed.headers["etag"]})
    assert again.status_code == 304 and not again.content

    by_name = client.get("/static/plotly.min.js", headers={"Accept-Encoding": "gzip"})
    assert by_name.headers["cache-control"] == "public, max-age=3600"  # a name, not a version: not for good
    for missing in ("/static/plotly.min.000000000000.js", "/static/other.js", "/static/..%2Fcommon.py"):
        assert client.get(missing).status_code == 404, missing


# Every route of the workspace, and who may use it (written out by hand, as designed).
WEB_ROUTES = {
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "any signed-in person, with the CSRF token",
    ("GET", "/static/{name}"): "public",
    ("GET", "/"): "analyst, admin (others: sent to their first page)",
    ("GET", "/comments"): "analyst, admin",
    ("POST", "/comments/export"): "analyst, admin, with the CSRF token",
    ("POST", "/comments/{comment_id}/corrections"): "analyst, admin, with the CSRF token",
    ("GET", "/charts"): "analyst, admin",
    ("GET", "/cases"): "agent, lead, admin",
    ("GET", "/cases/{case_id}"): "agent, lead, admin (a case they may not see: 404)",
    ("POST", "/cases/{case_id}/notes"): "agent, lead, admin, with the CSRF token",
    ("POST", "/cases/{case_id}/transition"): "agent, lead, admin, with the CSRF token",
    ("POST", "/cases/{case_id}/assign"): "lead, admin (the service refuses agents), with the CSRF token",
    ("POST", "/cases/{case_id}/claim"): "agent, lead, admin (a case of their team's queue), with the CSRF token",
    ("GET", "/customers/{customer_id}"): "agent (own cases' customers), lead (team's), admin (all); analyst 403",
    ("GET", "/drivers"): "analyst, admin",
    ("GET", "/actions"): "everyone (the plans each may see)",
    ("POST", "/actions"): "analyst, lead, admin (the service refuses agents), with the CSRF token",
    ("GET", "/actions/{plan_id}"): "everyone (a plan they may not see: 404)",
    ("POST", "/actions/{plan_id}/status"): "admin, the team's lead, the owner or the author, with the CSRF token",
    ("POST", "/actions/{plan_id}/notes"): "admin, the team's lead, the owner or the author, with the CSRF token",
    ("GET", "/admin"): "admin",
    ("GET", "/admin/users"): "admin",
    ("POST", "/admin/users"): "admin, with the CSRF token",
    ("POST", "/admin/users/active"): "admin, with the CSRF token",
    ("POST", "/admin/users/password"): "admin, with the CSRF token",
    ("POST", "/admin/keys"): "admin, with the CSRF token",
    ("POST", "/admin/keys/revoke"): "admin, with the CSRF token",
    ("GET", "/admin/rules"): "admin",
    ("GET", "/admin/rules/edit"): "admin",
    ("POST", "/admin/rules/preview"): "admin, with the CSRF token (writes nothing)",
    ("POST", "/admin/rules/save"): "admin, with the CSRF token and the preview's MAC",
    ("GET", "/admin/models"): "admin",
    ("POST", "/admin/models/promote"): "admin, with the CSRF token",
    ("POST", "/admin/models/rollback"): "admin, with the CSRF token",
    ("GET", "/digest"): "analyst, admin (any team), lead (own team; another: 404); agent 403",
    ("GET", "/topics"): "analyst, admin",
    ("GET", "/topics/{topic_id}"): "analyst, admin",
    ("POST", "/topics/{topic_id}/propose"): "analyst, admin, with the CSRF token",
    ("GET", "/admin/taxonomy"): "admin",
    ("POST", "/admin/taxonomy/drafts/{draft_id}/accept"): "admin, with the CSRF token",
    ("POST", "/admin/taxonomy/drafts/{draft_id}/reject"): "admin, with the CSRF token",
}


def test_every_workspace_route_is_known_and_posts_without_a_session_redirect(workspace, client):
    from fastapi.routing import iter_route_contexts

    routes = {(m, r.path) for r in iter_route_contexts(workspace["app"].routes) for m in r.methods or ()
              if m != "HEAD" and getattr(r, "endpoint", None) and r.endpoint.__module__.startswith("api.web")}
    assert routes == set(WEB_ROUTES)
    for method, path in WEB_ROUTES:
        if method == "POST" and WEB_ROUTES[(method, path)] != "public":
            path = path.replace("{case_id}", str(workspace["cases"]["amy"][0])).replace("{plan_id}", "1")
            path = path.replace("{comment_id}", "0" * 32)
            path = path.replace("{case_id}", str(workspace["cases"]["amy"][0])).replace("{plan_id}", "1") \
                .replace("{topic_id}", "0").replace("{draft_id}", "1")
            response = client.post(path, data={"body": "x"})
            assert response.status_code == 303 and response.headers["location"].startswith("/login"), path


def test_stored_markup_renders_as_text(client, workspace, pipeline):
    store = workspace["store"]
    hostile = '<script>alert(1)</script> and "><img src=x onerror=alert(2)> in the booking form'
    result = store.ingest([{"source": "xss", "external_id": "x1", "text": hostile, "channel": "web"}], pipeline.enrich)[0]
    assert result.ok
    stored = result.enrichment["redacted_text"]  # ingest drops the tags; the quote and bracket stay
    assert '">' in stored
    sign_in(client, "ana")
    page = client.get("/comments", params={"q": "booking form"}).text
    # The explorer cuts the text into elements at sentences and tag spans: read without them.
    assert str(escape(stored)) in re.sub(r"<[^>]+>", "", page) and stored not in page
    assert "alert(" not in page and "<img" not in page


def test_a_case_transition_moves_the_case_and_a_wrong_one_says_why(client, workspace):
    sign_in(client, "bob")
    case_id = workspace["cases"]["bob"][0]
    token = csrf_of(client.get(f"/cases/{case_id}").text)
    response = client.post(f"/cases/{case_id}/transition", data={"csrf_token": token, "state": "in_progress"})
    assert response.status_code == 303
    assert CaseService(workspace["store"]).get_case(Principal.system(), case_id)["state"] == "in_progress"
    response = client.post(f"/cases/{case_id}/transition", data={"csrf_token": token, "state": "resolved"})
    assert response.status_code == 400 and 'id="case-error"' in response.text  # no resolution code
    assert CaseService(workspace["store"]).get_case(Principal.system(), case_id)["state"] == "in_progress"


@pytest.mark.parametrize("name", ["amy", "lee", "adm"])
def test_case_counts_are_those_of_the_cases_the_viewer_sees(workspace, name):
    viewer = Principal.of_user(_user(workspace, name))
    service = CaseService(workspace["store"])
    items = service.list_cases(viewer, limit=500).items
    still_open = [c for c in items if c["state"] not in ("resolved", "closed")]
    assert service.counts(viewer) == {"open": len(still_open), "breached": sum(c["breached"] for c in still_open)}


def test_the_digest_page_shows_the_apis_digest_and_another_teams_is_not_found(client, workspace):
    sign_in(client, "lee")
    page = client.get("/digest")
    assert page.status_code == 200
    week = re.search(r'name="week" value="([^"]+)"', page.text).group(1)
    document = client.get("/v1/digest", params={"week": week}).json()
    assert document["team"] == workspace["team"]
    assert re.search(r'<option value="([^"]+)" selected>', page.text).group(1) == workspace["team"]
    report = document["cases"]["report"]
    shown = re.search(r'id="digest-cases-opened">(\d+)<', page.text)
    assert (int(shown.group(1)) if shown else None) == (report["opened"] if report else None)
    assert len(re.findall(r"<tr data-plan-id=", page.text)) == len(document["plans"]["overdue"] + document["plans"]["due"])
    other = next(t for t in ("customer_care", "billing", "retention", "risk") if t != workspace["team"])
    assert client.get("/digest", params={"team": other}).status_code == 404
    assert client.get("/v1/digest", params={"team": other}).status_code == 404
    assert "<script" not in page.text.split("</main>")[0].split('<main id="main">')[1]
