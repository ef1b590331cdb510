"""The topics pages and the taxonomy page over plain HTTP: who may open them, their figures against
the JSON API's, proposing a topic and an admin's decision, and what an accepted category does to
tagging. (Browser flow: test_browser.py.)"""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest
from web_support import PII
from fastapi.testclient import TestClient
from markupsafe import escape
from test_pages import csrf_of, sign_in

from api.main import create_app
from voc_engine.auth.policy import Principal
from voc_engine.config import Settings
from voc_engine.runtime import Runtime
from voc_engine.store.repository import FeedbackStore
from voc_engine.topics.drafts import StoreCategories, TaxonomyDraft, taxonomy_service
from voc_engine.topics.versions import load_version

TOPIC_PAGES = ["/topics", "/topics/0", "/admin/taxonomy"]


def _topic_ids(workspace) -> list[int]:
    return [t.id for t in load_version(workspace["topic_version"], workspace["store"].settings.data_dir / "topics")
            .topics().topics]


def _draft_rows(store):
    from sqlalchemy import select

    with store.read_session() as session:
        return [(r.id, r.name, r.status) for r in session.scalars(select(TaxonomyDraft).order_by(TaxonomyDraft.id))]


def _default_rules(words: list[str]) -> list[str]:
    """The documented default: the topic's phrases of two or more words, else all its words."""
    phrases = [w.lower() for w in words if " " in w]
    return phrases or [w.lower() for w in words]


@pytest.mark.parametrize("path", TOPIC_PAGES)
def test_topic_pages_without_a_session_redirect_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/topics/0/propose", "/admin/taxonomy/drafts/1/accept", "/admin/taxonomy/drafts/1/reject"])
def test_topic_forms_without_a_session_redirect_and_change_nothing(client, workspace, path):
    before = _draft_rows(workspace["store"])
    response = client.post(path, data={"name": "anything"})
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert _draft_rows(workspace["store"]) == before


@pytest.mark.parametrize("name, allowed, refused", [
    ("ana", ["/topics", "/topics/0"], ["/admin/taxonomy"]),
    ("amy", [], ["/topics", "/topics/0", "/admin/taxonomy"]),
    ("lee", [], ["/topics", "/topics/0", "/admin/taxonomy"]),
    ("adm", ["/topics", "/topics/0", "/admin/taxonomy"], []),
])
def test_who_may_open_the_topic_pages(client, name, allowed, refused):
    sign_in(client, name)
    for path in allowed:
        assert client.get(path).status_code == 200, path
    for path in refused:
        assert client.get(path).status_code == 403, path


def test_the_topic_list_shows_the_json_apis_topics_sizes_and_emerging_alerts(client):
    sign_in(client, "ana")
    page = client.get("/topics").text
    api = client.get("/v1/topics").json()
    trends = client.get("/v1/topics/trends").json()
    rows = re.findall(r'<tr data-topic-id="(\d+)">.*?<td data-figure="size">(\d+)</td>', page, re.S)
    assert {int(i): int(n) for i, n in rows} == {t["id"]: t["size"] for t in api["topics"]}
    sizes = [int(n) for _, n in rows]
    assert sizes == sorted(sizes, reverse=True)
    assert f"{len(api['topics'])} topics" in page and "Showing" not in page
    for topic in api["topics"]:
        assert str(escape(topic["label"])) in page
    latest = trends["periods"][-1]["period"]
    emerging = {a["topic"] for a in trends["alerts"] if a["period"] == latest}
    badged = {int(i) for i in re.findall(r'<tr data-topic-id="(\d+)">\s*<th scope="row"><a[^>]*>[^<]*</a> <span class="badge emerging"', page)}
    assert badged == emerging
    # The sparkline's text alternative is the topic's weekly counts of the trends API.
    first = api["topics"][0]["id"]
    counts = next(t for t in trends["topics"] if t["id"] == first)["series"]
    assert f"Comments per week: {', '.join(str(s['count']) for s in counts)}" in page


def test_the_list_says_how_many_it_shows_when_cut(client, monkeypatch):
    from api.web import topics

    sign_in(client, "ana")
    total = len(client.get("/v1/topics").json()["topics"])
    assert total >= 2, "the demo data should give several topics"
    monkeypatch.setattr(topics, "TOPICS_SHOWN", 1)
    page = client.get("/topics").text
    assert f"Showing 1 of {total} topics" in page
    assert len(re.findall(r'<tr data-topic-id=', page)) == 1


def test_without_a_topic_model_the_page_says_how_to_fit_one(workspace, tmp_path):
    store = workspace["store"]
    bare = FeedbackStore(store.url, Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    try:
        with TestClient(create_app(Runtime(store=bare)), follow_redirects=False) as other:
            sign_in(other, "ana")
            page = other.get("/topics")
            assert page.status_code == 200
            assert "voc topics fit" in page.text and 'id="topic-table"' not in page.text
            assert other.get("/topics/0").status_code == 404
    finally:
        bare.dispose()


def test_a_topic_page_shows_the_apis_topic_trend_and_tag_mix(client, workspace):
    from voc_engine.topics.service import store_coverage

    sign_in(client, "ana")
    topic_id = _topic_ids(workspace)[0]
    page = client.get(f"/topics/{topic_id}").text
    topic = client.get(f"/v1/topics/{topic_id}").json()
    assert f'{topic["size"]} comments' in page
    for example in topic["examples"]:
        assert str(escape(example)) in page
    for key in ("negative", "neutral", "positive"):
        assert f'data-figure="{key}">{topic["sentiment"][key] * 100:.1f}<' in page
    series = next(t for t in client.get("/v1/topics/trends").json()["topics"] if t["id"] == topic_id)["series"]
    table = re.search(r'<table class="compact" id="trend-table">(.*?)</table>', page, re.S).group(1)
    assert re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td>", table) == [(s["period"], str(s["count"])) for s in series]
    coverage = next(c for c in store_coverage(workspace["store"]).to_dict()["topics"] if c["topic"] == topic_id)
    for tag, share in coverage["tag_shares"].items():
        assert f'data-tag="{tag}">{share * 100:.1f} %' in page
    assert client.get("/topics/987654").status_code == 404
    assert client.get("/topics/x1").status_code == 404


def test_proposing_needs_the_csrf_token_and_writes_a_draft_an_admin_accepts(client, workspace):
    store = workspace["store"]
    topic_id = _topic_ids(workspace)[-1]
    sign_in(client, "ana")
    page = client.get(f"/topics/{topic_id}").text
    before = _draft_rows(store)
    for data in ({"name": "late_refunds_x"}, {"name": "late_refunds_x", "csrf_token": "x" * 43}):
        assert client.post(f"/topics/{topic_id}/propose", data=data).status_code == 403
    assert _draft_rows(store) == before
    token = csrf_of(page)
    response = client.post(f"/topics/{topic_id}/propose",
                           data={"csrf_token": token, "name": "Not Snake", "description": "x"})
    assert response.status_code == 400 and 'id="propose-error"' in response.text
    assert re.search(r'<textarea id="category-rules" name="rules"[^>]*>([^<]*)</textarea>', page).group(1) \
        == "\n".join(str(escape(w)) for w in _default_rules(client.get(f"/v1/topics/{topic_id}").json()["words"]))
    response = client.post(f"/topics/{topic_id}/propose", data={"csrf_token": token, "name": "no_rules", "rules": " \n"})
    assert response.status_code == 400 and "at least one phrase rule" in response.text
    response = client.post(f"/topics/{topic_id}/propose", data={
        "csrf_token": token, "name": "http_test_category",
        "description": "Customers mail jane.doe@example.com about it",
        "rules": "Refund never came\n\nwrite to jane.doe@example.com\nrefund never came"})
    assert response.status_code == 303
    draft_id = int(response.headers["location"].rsplit("=", 1)[1])
    draft = taxonomy_service(Runtime(store=store)).get_draft(Principal.system(), draft_id)
    topic = client.get(f"/v1/topics/{topic_id}").json()
    assert draft["status"] == "pending" and draft["proposed_by"] == "user:ana"
    assert draft["topic"] == {"id": topic_id, "version": workspace["topic_version"], "label": topic["label"]}
    assert draft["description"] == "Customers mail [EMAIL] about it"
    assert draft["examples"] == topic["examples"]
    # One rule a line: lower-case words, once each; a line with PII (redacted to a placeholder,
    # which no comment's words match) is left out.
    assert draft["rules"] == ["refund never came"]
    shown = client.get(response.headers["location"]).text
    assert f"Draft {draft_id} is waiting for an admin" in shown
    # The same name again is a conflict while the first draft waits.
    again = client.post(f"/topics/{topic_id}/propose", data={"csrf_token": token, "name": "http_test_category"})
    assert again.status_code == 409
    # The analyst may not decide; the admin accepts, and the audit log has both steps.
    assert client.post(f"/admin/taxonomy/drafts/{draft_id}/accept", data={"csrf_token": token}).status_code == 403
    sign_in(client, "adm")
    admin_page = client.get("/admin/taxonomy").text
    assert f'data-draft-id="{draft_id}"' in admin_page and "http_test_category" in admin_page
    assert client.post(f"/admin/taxonomy/drafts/{draft_id}/accept", data={}).status_code == 403
    response = client.post(f"/admin/taxonomy/drafts/{draft_id}/accept", data={"csrf_token": csrf_of(admin_page)})
    assert response.status_code == 303
    after = client.get("/admin/taxonomy").text
    assert re.search(r'<tr data-category="http_test_category"><th scope="row">http_test_category '
                     r'<span class="badge custom">custom</span>', after)
    twice = client.post(f"/admin/taxonomy/drafts/{draft_id}/reject", data={"csrf_token": csrf_of(after)})
    assert twice.status_code == 409
    log = client.get("/v1/taxonomy/drafts", params={"status": "accepted"}).json()["drafts"]
    assert [d["id"] for d in log if d["name"] == "http_test_category"] == [draft_id]
    from voc_engine.store.audit import audit_log

    with store.read_session() as session:
        entries = [(e["actor"], e["action"]) for e in audit_log(session, 50) if e["target"] == f"taxonomy_draft:{draft_id}"]
    assert sorted(entries) == [("user:adm", "taxonomy.accept"), ("user:ana", "taxonomy.propose")]


def test_an_admin_rejects_a_draft_with_a_reason_and_it_never_tags(client, workspace):
    store = workspace["store"]
    topic_id = _topic_ids(workspace)[0]
    sign_in(client, "ana")
    token = csrf_of(client.get(f"/topics/{topic_id}").text)
    response = client.post(f"/topics/{topic_id}/propose", data={"csrf_token": token, "name": "rejected_category"})
    draft_id = int(response.headers["location"].rsplit("=", 1)[1])
    sign_in(client, "adm")
    token = csrf_of(client.get("/admin/taxonomy").text)
    response = client.post(f"/admin/taxonomy/drafts/{draft_id}/reject",
                           data={"csrf_token": token, "note": "overlaps billing; ask 07700 900123"})
    assert response.status_code == 303
    page = client.get("/admin/taxonomy").text
    assert 'data-category="rejected_category"' not in page
    row = re.search(rf'<tr data-draft-id="{draft_id}">(.*?)</tr>', page, re.S).group(1)
    assert '<td class="decision">rejected</td>' in row and "overlaps billing; ask [PHONE]" in unescape(row)
    _, categories = StoreCategories(lambda: store).current()
    assert "rejected_category" not in {c.name for c in categories}


def test_an_accepted_category_tags_the_next_comments_and_is_a_new_model_version(workspace, pipeline):
    """The runtime's pipeline reads the accepted drafts before a batch: a comment that says the
    new category's phrase is tagged with it, and the model version names other rules."""
    store = workspace["store"]
    runtime = Runtime(store=store, pipeline=pipeline)
    service = taxonomy_service(runtime)
    admin = Principal.system("test")
    text = "The boarding gate agent shouted at everyone waiting"
    before = runtime.pipeline.enrich([text])[0]
    version_before = runtime.pipeline.model_version
    topic_id = _topic_ids(workspace)[0]
    draft = service.propose(admin, topic_id, store.settings.data_dir / "topics", name="gate_shouting",
                            rules=["Gate agent shout"])
    assert draft["rules"] == ["gate agent shout"]
    assert "gate_shouting" not in {t.name for t in runtime.pipeline.enrich([text])[0].tags}
    service.accept(admin, draft["id"])
    after = runtime.pipeline.enrich([text])[0]
    assert "gate_shouting" in {t.name for t in after.tags}
    assert "gate_shouting" not in {t.name for t in before.tags}
    assert runtime.pipeline.model_version != version_before and after.model_version == runtime.pipeline.model_version
    started = runtime.pipeline.start([text], ["s1"])
    assert "gate_shouting" in {t.name for t in runtime.pipeline.finish(started)[0].tags}
    # The shared models themselves are unchanged: another store's runtime does not tag with it.
    assert "gate_shouting" not in {t.name for t in pipeline.enrich([text])[0].tags}


def test_topic_pages_show_no_pii_and_stored_markup_as_text(client, workspace):
    sign_in(client, "adm")
    for path in ["/topics", "/admin/taxonomy"] + [f"/topics/{i}" for i in _topic_ids(workspace)]:
        response = client.get(path)
        assert response.status_code == 200, path
        text = unescape(response.text)
        for secret in PII:
            assert secret not in text, (path, secret)
        assert "<script>alert" not in response.text and "<img src=x" not in response.text


def test_a_draft_with_markup_renders_as_text(client, workspace):
    """A topic example or a description with markup (stored comment text is redacted, not
    stripped of quotes and brackets) is escaped on the admin page."""
    store = workspace["store"]
    topic_id = _topic_ids(workspace)[0]
    sign_in(client, "ana")
    token = csrf_of(client.get(f"/topics/{topic_id}").text)
    hostile = '"><img src=x onerror=alert(2)> <script>alert(1)</script>'
    response = client.post(f"/topics/{topic_id}/propose",
                           data={"csrf_token": token, "name": "markup_category", "description": hostile})
    assert response.status_code == 303
    sign_in(client, "adm")
    page = client.get("/admin/taxonomy").text
    assert "<img src=x" not in page and "<script>alert(1)" not in page
    stored = taxonomy_service(Runtime(store=store)).list_drafts(Principal.system(), "pending")
    description = next(d["description"] for d in stored if d["name"] == "markup_category")
    assert str(escape(description)) in page


def test_a_stored_comment_with_markup_renders_as_text_among_a_topics_examples(client, workspace, pipeline):
    """The topic's examples are stored comment text (redacted, not stripped of quotes and
    brackets): one with markup, put among a topic's saved examples as a fit would keep it, shows
    as text."""
    import json

    from voc_engine.topics.fit import METADATA_FILE

    store = workspace["store"]
    hostile = '<script>alert(1)</script> and "><img src=x onerror=alert(2)> in the booking form'
    result = store.ingest([{"source": "xss", "external_id": "x-topic", "text": hostile, "channel": "web"}],
                          pipeline.enrich)[0]
    stored = result.enrichment["redacted_text"]
    metadata_file = store.settings.data_dir / "topics" / workspace["topic_version"] / METADATA_FILE
    original = metadata_file.read_text()
    metadata = json.loads(original)
    topic_id = metadata["topics"][0]["id"]
    metadata["topics"][0]["examples"] = [stored] + metadata["topics"][0]["examples"]
    try:
        metadata_file.write_text(json.dumps(metadata))
        sign_in(client, "ana")
        page = client.get(f"/topics/{topic_id}").text
        assert str(escape(stored)) in page and stored not in page
        assert "<img" not in page and "<script>alert" not in page
    finally:
        metadata_file.write_text(original)
