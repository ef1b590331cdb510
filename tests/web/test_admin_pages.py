"""The admin pages over plain HTTP: only admins; people and keys through the auth services (a
created person signs in with the password the admin set, a disabled one cannot, a new key works
once and stops when revoked); alert rules edited with problems shown at their field, previewed by
the dry run over stored comments and saved only from the preview; the model registry with its
recorded metrics, promotion and rollback. Every form is refused without the CSRF token and changes
nothing. (The browser flow: test_browser.py.)"""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import PASSWORD, PII

from voc_engine.alerting.config import current_version, save_rules
from voc_engine.auth.keys import list_api_keys
from voc_engine.auth.users import create_user, get_user
from voc_engine.nlp.registry import ModelRegistry

ADMIN_PAGES = ["/admin", "/admin/users", "/admin/rules", "/admin/rules/edit",
               "/admin/rules/edit?rule=detractor_negative", "/admin/models"]
ADMIN_POSTS = ["/admin/users", "/admin/users/active", "/admin/users/password", "/admin/keys", "/admin/keys/revoke",
               "/admin/rules/preview", "/admin/rules/save", "/admin/models/promote", "/admin/models/rollback"]
NEW_PASSWORD = "a long and different passphrase"


def sign_in(client, name: str, password: str = PASSWORD) -> None:
    client.cookies.clear()
    response = client.post("/login", data={"username": name, "password": password, "next": "/"})
    assert response.status_code == 303, response.text


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def can_sign_in(client, name: str, password: str) -> bool:
    client.cookies.clear()
    return client.post("/login", data={"username": name, "password": password}).status_code == 303


@pytest.fixture
def rules_restored(workspace):
    """The session's store is shared: the rules a test saves are put back afterwards."""
    before = current_version(workspace["store"], "rules")
    yield before
    if current_version(workspace["store"], "rules").version != before.version:
        save_rules(workspace["store"], before.text, "test")


# --------------------------------------------------------------------------- who may open them
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_without_a_session_redirect_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ADMIN_POSTS)
def test_admin_forms_without_a_session_redirect_to_sign_in(client, path):
    response = client.post(path, data={"name": "amy", "active": "0"})
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


@pytest.mark.parametrize("name", ["ana", "amy", "lee"])
def test_other_roles_are_refused_every_admin_page_and_form(client, workspace, name):
    sign_in(client, name)
    assert "Admin" not in re.findall(r">([^<]+)</a>", re.search(r'<nav aria-label="Main">(.*?)</nav>',
                                                                 client.get("/actions").text, re.S).group(1))
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 403, path
    token = csrf_of(client.get("/actions").text)
    response = client.post("/admin/users/active", data={"csrf_token": token, "name": "bob", "active": "0"})
    assert response.status_code == 403
    assert get_user(workspace["store"], "bob").active


def test_the_admin_sees_the_admin_page_and_its_sections(client):
    sign_in(client, "adm")
    page = client.get("/admin")
    assert page.status_code == 200
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', page.text, re.S).group(1)
    assert 'href="/admin"' in nav
    for href in ("/admin/users", "/admin/rules", "/admin/models", "/admin/taxonomy"):
        assert f'href="{href}"' in page.text, href


# --------------------------------------------------------------------------- people and keys
def test_users_are_listed_with_role_team_status_and_last_sign_in(client, workspace):
    sign_in(client, "amy")  # a sign-in the list then shows
    sign_in(client, "adm")
    page = client.get("/admin/users").text
    rows = dict(re.findall(r'<tr data-user="([^"]+)">(.*?)</tr>', page, re.S))
    assert {"ana", "adm", "lee", "amy", "bob"} <= set(rows)
    cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td>(.*?)</td>", rows["amy"], re.S)]
    amy = get_user(workspace["store"], "amy")
    assert cells[:5] == ["amy", "person", "agent", workspace["team"], "active"]
    assert cells[5] == f"{amy.last_login_at:%Y-%m-%d %H:%M}"


def test_creating_a_person_needs_the_token_and_they_sign_in_with_the_password_set(client, workspace):
    sign_in(client, "adm")
    # Another team than the seeded cases': the case pages' assignee lists stay as the other tests expect.
    form = {"name": "nia", "kind": "person", "role": "agent", "team": "night_shift", "password": NEW_PASSWORD}
    assert client.post("/admin/users", data=form).status_code == 403
    with pytest.raises(Exception, match="no user"):
        get_user(workspace["store"], "nia")
    token = csrf_of(client.get("/admin/users").text)
    response = client.post("/admin/users", data={**form, "csrf_token": token})
    assert response.status_code == 303
    created = get_user(workspace["store"], "nia")
    assert (created.role, created.team, created.active, created.has_password) == ("agent", "night_shift", True, True)
    assert can_sign_in(client, "nia", NEW_PASSWORD)
    entries = [e for e in workspace["store"].audit_log(50) if e["action"] == "user.create" and e["target"] == "user:nia"]
    assert entries and entries[0]["actor"] == "user:adm" and NEW_PASSWORD not in json.dumps(entries)


def test_a_refused_user_is_explained_at_its_form_and_nothing_is_created(client, workspace):
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/users").text)
    response = client.post("/admin/users", data={"csrf_token": token, "name": "noteam", "kind": "person",
                                                  "role": "agent", "password": NEW_PASSWORD})
    assert response.status_code == 400
    assert 'id="error-create-user"' in response.text and "works in a team" in response.text
    assert 'value="noteam"' in response.text and NEW_PASSWORD not in response.text  # kept, but never the password
    with pytest.raises(Exception, match="no user"):
        get_user(workspace["store"], "noteam")


def test_disabling_stops_the_sign_in_and_enabling_restores_it(client, workspace):
    create_user(workspace["store"], "dee", "analyst", password=PASSWORD)
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/users").text)
    assert client.post("/admin/users/active", data={"name": "dee", "active": "0"}).status_code == 403
    assert get_user(workspace["store"], "dee").active
    assert client.post("/admin/users/active", data={"csrf_token": token, "name": "dee", "active": "0"}).status_code == 303
    assert not get_user(workspace["store"], "dee").active
    assert not can_sign_in(client, "dee", PASSWORD)
    sign_in(client, "adm")
    page = client.get("/admin/users").text
    assert "disabled" in re.search(r'<tr data-user="dee">(.*?)</tr>', page, re.S).group(1)
    token = csrf_of(page)
    assert client.post("/admin/users/active", data={"csrf_token": token, "name": "dee", "active": "1"}).status_code == 303
    assert can_sign_in(client, "dee", PASSWORD)


def test_an_admin_cannot_disable_themselves_here(client, workspace):
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/users").text)
    response = client.post("/admin/users/active", data={"csrf_token": token, "name": "adm", "active": "0"})
    assert response.status_code == 400 and 'id="error-users"' in response.text
    assert get_user(workspace["store"], "adm").active


def test_a_password_reset_replaces_the_password(client, workspace):
    create_user(workspace["store"], "rex", "analyst", password=PASSWORD)
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/users").text)
    assert client.post("/admin/users/password", data={"name": "rex", "password": NEW_PASSWORD}).status_code == 403
    assert can_sign_in(client, "rex", PASSWORD)
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/users").text)
    response = client.post("/admin/users/password", data={"csrf_token": token, "name": "rex", "password": "short"})
    assert response.status_code == 400 and 'id="error-password"' in response.text
    response = client.post("/admin/users/password", data={"csrf_token": token, "name": "rex", "password": NEW_PASSWORD})
    assert response.status_code == 303
    assert can_sign_in(client, "rex", NEW_PASSWORD) and not can_sign_in(client, "rex", PASSWORD)


def test_a_new_key_is_shown_once_works_and_stops_when_revoked(client, workspace):
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/users").text)
    before = {k.id for k in list_api_keys(workspace["store"])}
    assert client.post("/admin/keys", data={"owner": "ana", "label": "reports"}).status_code == 403
    assert {k.id for k in list_api_keys(workspace["store"])} == before
    response = client.post("/admin/keys", data={"csrf_token": token, "owner": "ana", "label": "reports"})
    assert response.status_code == 200
    secret = re.search(r'id="new-key-secret" readonly size="60" value="([^"]+)"', response.text).group(1)
    (new,) = [k for k in list_api_keys(workspace["store"]) if k.id not in before]
    assert (new.owner, new.role, new.name) == ("ana", "analyst", "reports") and secret.startswith(f"voc_{new.prefix}_")
    client.cookies.clear()
    assert client.get("/v1/auth/me", headers={"X-API-Key": secret}).json()["name"] == "ana"
    sign_in(client, "adm")
    listing = client.get("/admin/users").text
    assert secret not in listing and new.prefix in listing
    token = csrf_of(listing)
    assert client.post("/admin/keys/revoke", data={"csrf_token": token, "key_id": str(new.id)}).status_code == 303
    client.cookies.clear()
    assert client.get("/v1/auth/me", headers={"X-API-Key": secret}).status_code == 401


def test_markup_in_a_user_name_renders_as_text(client, workspace):
    create_user(workspace["store"], "<script>alert(1)</script>", "analyst", password=PASSWORD)
    sign_in(client, "adm")
    page = client.get("/admin/users").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


# --------------------------------------------------------------------------- alert rules
def _edit_form(client, rule_id: str) -> dict[str, str]:
    page = client.get(f"/admin/rules/edit?rule={rule_id}").text
    fields = dict(re.findall(r'<input (?:type="hidden" )?(?:id="[^"]+" )?name="([a-z_]+)"[^>]*? value="([^"]*)"', page))
    fields["when"] = unescape(re.search(r'<textarea id="rule-when" name="when"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    fields["severity"] = re.search(r'<option value="([a-z]+)" selected>', page).group(1)
    fields["enabled"] = "1" if re.search(r'id="rule-enabled"[^>]*checked', page) else ""
    return {k: unescape(v) for k, v in fields.items()}


def test_the_rules_page_shows_the_active_rules_and_the_masked_routing(client, workspace):
    sign_in(client, "adm")
    page = client.get("/admin/rules").text
    active = current_version(workspace["store"], "rules").to_dict()
    assert re.findall(r'<tr data-rule-id="([^"]+)">', page) == [r["id"] for r in active["document"]["rules"]]
    routing = current_version(workspace["store"], "routing").to_dict()["document"]
    for team in routing["teams"]:
        assert team in page
    assert 'id="routing-yaml"' in page
    flags = current_version(workspace["store"], "flags").to_dict()["document"]["flags"]
    table = re.search(r'<table id="flags".*?</table>', page, re.S).group(0)
    assert re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td></tr>", table) == [(f["name"], f["severity"]) for f in flags]


def test_a_literal_webhook_secret_of_the_routing_is_shown_masked(client, workspace):
    from voc_engine.alerting.config import load_active_config, save_routing
    from voc_engine.alerting.routing import SECRET_MASK

    store = workspace["store"]
    active = copy.deepcopy(dict(load_active_config(store).routing.document))
    document = copy.deepcopy(active)
    team = document["default_team"]
    document["teams"][team] = {**(document["teams"][team] or {}), "webhooks": [
        {"name": "crm", "url": "https://crm.example/hook", "secret": "hunter2-literal-secret"}]}
    save_routing(store, document, "test")
    try:
        sign_in(client, "adm")
        page = client.get("/admin/rules").text
        assert "hunter2-literal-secret" not in page and SECRET_MASK in page and "https://crm.example/hook" in page
    finally:
        save_routing(store, active, "test")  # the session's store is shared with later tests


@pytest.mark.parametrize("change, field, words", [
    ({"when": "nps: {lte: [6"}, "when", "not valid YAML"),
    ({"when": "nps: {atmost: 6}"}, "when", "rules["),
    ({"severity": "urgent"}, "severity", "one of low, medium, high, critical"),
    ({"team": "nobody-team"}, "team", "which the routing does not have"),
    ({"dedup_window_hours": "-3"}, "dedup_window_hours", "positive number of hours"),
    ({"dedup_window_hours": "a week"}, "dedup_window_hours", "a number of hours"),
])
def test_a_wrong_rule_is_shown_next_to_its_field_and_nothing_is_saved(client, workspace, change, field, words):
    sign_in(client, "adm")
    form = {**_edit_form(client, "detractor_negative"), **change}
    before = current_version(workspace["store"], "rules").version
    response = client.post("/admin/rules/preview", data=form)
    assert response.status_code == 422, response.text[:500]
    problem = re.search(rf'<p class="error field-error" id="error-{field}">(.*?)</p>', response.text, re.S)
    assert problem and words in unescape(problem.group(1)), response.text[:3000]
    assert f'aria-describedby="error-{field}"' in response.text
    assert 'id="save-form"' not in response.text
    assert current_version(workspace["store"], "rules").version == before


def test_a_preview_counts_what_the_rule_would_have_caught_and_saves_nothing(client, workspace, rules_restored):
    sign_in(client, "adm")
    form = {**_edit_form(client, "detractor_negative"), "when": "nps: {lte: 3}", "name": "Strong detractor"}
    response = client.post("/admin/rules/preview", data=form)
    assert response.status_code == 200, response.text[:2000]
    page = response.text
    # The reference: the stored comments with an NPS of 0 to 3, counted from the store's frame.
    frame = workspace["store"].read_frame()
    expected = int((frame["nps"] <= 3).sum())
    row = re.search(r'<tr data-rule-id="detractor_negative" class="edited">(.*?)</tr>', page, re.S).group(1)
    assert int(re.search(r'data-figure="matches">(\d+)<', row).group(1)) == expected
    assert int(re.search(r'data-figure="comments">(\d+)<', page).group(1)) == len(frame)
    examples = re.findall(r'<li class="comment" data-rule-id="([^"]+)">', page)
    assert examples and len(examples) <= 5 * len(rules_restored.document["rules"])
    # The same figures as the JSON dry run of the same document.
    text = unescape(re.search(r'<input type="hidden" name="yaml" value="([^"]*)">', page, re.S).group(1))
    api = client.post("/v1/alerts/rules/test", json={"yaml": text, "examples_per_rule": 5},
                      headers={"X-CSRF-Token": client.cookies.get("voc_csrf")}).json()
    assert api["matches_by_rule"]["detractor_negative"] == expected
    assert int(re.search(r'data-figure="cases">(\d+)<', page).group(1)) == api["cases_opened"]
    assert current_version(workspace["store"], "rules").version == rules_restored.version
    for secret in PII:
        assert secret not in unescape(page)


def test_saving_needs_the_preview_and_takes_exactly_what_was_previewed(client, workspace, rules_restored):
    sign_in(client, "adm")
    form = {**_edit_form(client, "very_negative"), "name": "<script>alert(1)</script> very negative",
            "when": "sentiment: {score: {lte: -0.9}}"}
    page = client.post("/admin/rules/preview", data=form).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    save = {k: unescape(v) for k, v in re.findall(
        r'<input type="hidden" name="(csrf_token|base|mac|yaml)" value="([^"]*)">',
        page[page.index('id="save-form"'):])}
    before = current_version(workspace["store"], "rules").version
    assert client.post("/admin/rules/save", data={k: v for k, v in save.items() if k != "csrf_token"}).status_code == 403
    assert client.post("/admin/rules/save", data={**save, "mac": "0" * 64}).status_code == 400
    tampered = save["yaml"].replace("lte: -0.9", "lte: -0.1")
    assert tampered != save["yaml"]
    assert client.post("/admin/rules/save", data={**save, "yaml": tampered}).status_code == 400
    assert current_version(workspace["store"], "rules").version == before
    # A browser sends text back with CRLF line ends: still what was previewed.
    response = client.post("/admin/rules/save", data={**save, "yaml": save["yaml"].replace("\n", "\r\n")})
    assert response.status_code == 303
    saved = client.get("/v1/alerts/rules").json()
    rule = next(r for r in saved["document"]["rules"] if r["id"] == "very_negative")
    assert rule["name"] == "<script>alert(1)</script> very negative"
    assert rule["when"] == {"sentiment": {"score": {"lte": -0.9}}}
    assert saved["created_by"] == "user:adm" and saved["version"] != before
    assert response.headers["location"] == f"/admin/rules?saved={saved['version']}"
    entries = [e for e in workspace["store"].audit_log(20) if e["action"] == "alerts.rules.set"]
    assert entries[0]["actor"] == "user:adm" and entries[0]["target"] == f"alert_config:{saved['version']}"
    # The same preview saved again after that: refused, the rules changed since.
    response = client.post("/admin/rules/save", data=save)
    assert response.status_code == 409
    assert current_version(workspace["store"], "rules").version == saved["version"]
    shown = client.get(f"/admin/rules?saved={saved['version']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; very negative" in shown and "<script>alert(1)" not in shown


def test_the_rule_set_can_be_edited_as_yaml_with_the_problem_at_the_text(client, workspace, rules_restored):
    sign_in(client, "adm")
    page = client.get("/admin/rules/edit").text
    text = unescape(re.search(r'<textarea id="rules-yaml" name="yaml"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    assert yaml.safe_load(text) == dict(rules_restored.document)
    token, base = csrf_of(page), re.search(r'name="base" value="([^"]+)"', page).group(1)
    response = client.post("/admin/rules/preview", data={"csrf_token": token, "mode": "yaml", "base": base,
                                                         "yaml": text.replace("rules:", "rulez:", 1)})
    assert response.status_code == 422 and 'id="error-yaml"' in response.text
    document = yaml.safe_load(text)
    document["rules"] = document["rules"][:1]
    response = client.post("/admin/rules/preview", data={"csrf_token": token, "mode": "yaml", "base": base,
                                                         "yaml": yaml.safe_dump(document), "since": "2999-01-01"})
    assert response.status_code == 200
    assert re.findall(r'<tr data-rule-id="([^"]+)"', response.text) == [document["rules"][0]["id"]]
    assert re.search(r'data-figure="comments">0<', response.text)  # nothing stored after 2999


# --------------------------------------------------------------------------- models
def test_the_models_page_shows_the_active_models_and_their_recorded_metrics(client, workspace):
    sign_in(client, "adm")
    page = client.get("/admin/models").text
    registry = ModelRegistry(workspace["store"].settings)
    for kind in ("sentiment", "tagger"):
        active = registry.active(kind)
        assert re.search(rf'id="active-{kind}">([^<]+)<', page).group(1) == active.name
    # The shipped sentiment v5's validation figures, as its metrics.json records them.
    recorded = json.loads((Path(registry.models_dir) / "sentiment" / "v5" / "metrics.json").read_text())["validation"]
    row = re.search(r'<tr data-model="v5" data-source="shipped" class="active-model">(.*?)</tr>',
                    page[page.index('id="models-sentiment"'):], re.S).group(1)
    assert re.search(r'data-metric="macro_f1">([^<]+)<', row).group(1) == f"{recorded['macro_f1']:.3f}"
    assert re.search(r'data-metric="accuracy">([^<]+)<', row).group(1) == f"{recorded['accuracy']:.3f}"


def test_promoting_and_rolling_back_a_model_needs_the_token_and_uses_the_registry(client, workspace):
    registry = ModelRegistry(workspace["store"].settings)
    shipped = registry.active("tagger").name
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/models").text)
    form = {"kind": "tagger", "name": "v5", "source": "shipped"}
    assert client.post("/admin/models/promote", data=form).status_code == 403
    assert registry.active("tagger").origin == "shipped"
    # An older tagger reads another encoder than the active sentiment model: refused, with the reason.
    response = client.post("/admin/models/promote", data={**form, "name": "v1", "csrf_token": token})
    assert response.status_code == 400 and 'id="models-error"' in response.text and "encoder" in response.text
    assert registry.active("tagger").origin == "shipped"
    response = client.post("/admin/models/promote", data={**form, "csrf_token": token})
    assert response.status_code == 303
    active = registry.active("tagger")
    assert active.origin == "promoted" and active.name.startswith("v5-")
    assert registry.selection()["history"][-1]["actor"] == "user:adm"
    page = client.get("/admin/models").text
    assert re.search(r'id="active-tagger">([^<]+)<', page).group(1) == active.name
    response = client.post("/admin/models/rollback", data={"kind": "tagger", "csrf_token": csrf_of(page)})
    assert response.status_code == 303
    assert registry.active("tagger").origin == "shipped" and registry.active("tagger").name == shipped


# --------------------------------------------------------------------------- every admin page
def test_admin_pages_show_no_pii_and_carry_the_policy(client):
    sign_in(client, "adm")
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        text = unescape(response.text)
        for secret in PII:
            assert secret not in text, (path, secret)
        script = next(p for p in response.headers["content-security-policy"].split(";") if "script-src" in p)
        assert "unsafe-inline" not in script
        assert not re.search(r"<script(?![^>]*\bsrc)", response.text), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", response.text), path


# --------------------------------------------------------------------------- on SQLite and PostgreSQL
@pytest.fixture(scope="module")
def admin_postgres_url(postgres_server_url):
    from pg_support import throwaway_postgres_database

    with throwaway_postgres_database(postgres_server_url, "voc_adminweb_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def small_workspace(request, tmp_path, pipeline):
    """Six comments with known NPS answers in an empty store of either database, and an admin."""
    from datetime import datetime, timedelta, timezone

    from fastapi.testclient import TestClient
    from pg_support import empty_migrated_database

    from api.main import create_app
    from voc_engine.config import Settings
    from voc_engine.runtime import Runtime
    from voc_engine.store.repository import FeedbackStore

    url = empty_migrated_database(request, tmp_path, "admin_postgres_url")
    store = FeedbackStore(url, Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    now = datetime.now(timezone.utc)
    rows = [{"source": "survey", "external_id": f"n{i}", "text": text, "channel": "survey", "customer_id": f"C{i}",
             "scores": {"nps": nps}, "created_at": (now - timedelta(hours=i + 1)).isoformat()}
            for i, (nps, text) in enumerate([(0, "Terrible, nobody called me back."), (2, "The app crashed twice."),
                                             (3, "Slow refund, still waiting."), (5, "It was fine I suppose."),
                                             (9, "Great service, thank you."), (10, "Brilliant support.")])]
    assert all(r.ok for r in store.ingest(rows, pipeline.enrich))
    create_user(store, "boss", "admin", password=PASSWORD)
    with TestClient(create_app(Runtime(store=store)), follow_redirects=False) as client:
        yield store, client
    store.dispose()


def test_an_admin_creates_a_person_and_saves_a_previewed_rule_on_either_database(small_workspace):
    store, client = small_workspace
    sign_in(client, "boss")
    token = csrf_of(client.get("/admin/users").text)
    response = client.post("/admin/users", data={"csrf_token": token, "name": "pia", "kind": "person",
                                                  "role": "analyst", "password": NEW_PASSWORD})
    assert response.status_code == 303 and can_sign_in(client, "pia", NEW_PASSWORD)
    sign_in(client, "boss")
    form = {**_edit_form(client, "detractor_negative"), "when": "nps: {lte: 3}"}
    page = client.post("/admin/rules/preview", data=form).text
    row = re.search(r'<tr data-rule-id="detractor_negative" class="edited">(.*?)</tr>', page, re.S).group(1)
    assert int(re.search(r'data-figure="matches">(\d+)<', row).group(1)) == 3  # NPS 0, 2 and 3 of the six
    assert int(re.search(r'data-figure="cases">(\d+)<', row).group(1)) == 3  # three customers, none flagged (a more severe rule would take the case)
    assert int(re.search(r'data-figure="comments">(\d+)<', page).group(1)) == 6
    assert current_version(store, "rules").version is None  # the shipped default: nothing saved
    save = {k: unescape(v) for k, v in re.findall(
        r'<input type="hidden" name="(csrf_token|base|mac|yaml)" value="([^"]*)">', page[page.index('id="save-form"'):])}
    assert client.post("/admin/rules/save", data=save).status_code == 303
    saved = client.get("/v1/alerts/rules").json()
    assert next(r for r in saved["document"]["rules"] if r["id"] == "detractor_negative")["when"] == {"nps": {"lte": 3}}
    assert saved["created_by"] == "user:boss"
