"""The comments explorer over HTTP: each filter gives the rows `GET /v1/comments` gives for it, the
export of a filter holds exactly its rows (CSV and Parquet, `voc export`'s columns, audited), and
an analyst's corrections (an agent's refused, a label outside the taxonomy named)."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pandas as pd
import pyarrow.parquet as pq
import pytest

from test_pages import csrf_of, sign_in
from voc_engine.auth.policy import Principal
from voc_engine.corrections.service import CorrectionService
from voc_engine.store.export import EXPORT_COLUMNS

FILTERS = [
    {"sentiment": "negative"},
    {"journey_stage": "purchase"},
    {"nps_min": "0", "nps_max": "6"},
    {"csat_min": "4"},
    {"flag": "churn_intent"},
    {"channel": "survey", "sentiment": "negative", "q": "the"},
]


def page_ids(html: str) -> list[str]:
    return re.findall(r'data-comment-id="([0-9a-f]+)"', html)


def api_ids(client, params: dict[str, str], limit: int = 500) -> list[str]:
    ids, cursor = [], None
    while True:
        body = client.get("/v1/comments", params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})}).json()
        ids += [c["id"] for c in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            return ids


@pytest.mark.parametrize("params", FILTERS)
def test_each_filter_shows_the_rows_of_the_json_api(client, params):
    sign_in(client, "ana")
    expected = api_ids(client, params, limit=25)[:25]
    response = client.get("/comments", params=params)
    assert response.status_code == 200
    assert page_ids(response.text) == expected


def test_a_period_is_the_json_apis_since_and_until(client, workspace):
    sign_in(client, "ana")
    frame = workspace["store"].read_frame()
    newest = frame["created_at"].max()
    label = f"{newest.isocalendar().year}-W{newest.isocalendar().week:02d}"
    start = newest.normalize() - pd.Timedelta(days=newest.weekday())  # the store's business time zone is UTC
    until = start + pd.Timedelta(days=7)
    expected = api_ids(client, {"since": start.isoformat(), "until": until.isoformat()})[:25]
    assert expected
    assert page_ids(client.get("/comments", params={"period": "week", "label": label}).text) == expected


def test_a_bad_filter_value_is_named_and_nothing_is_listed(client):
    sign_in(client, "ana")
    response = client.get("/comments", params={"nps_min": "11"})
    assert response.status_code == 422 and "nps min must be a whole number from 0 to 10" in unescape(response.text)
    assert page_ids(response.text) == []


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_export_holds_exactly_the_filtered_rows(client, workspace, fmt):
    sign_in(client, "ana")
    params = {"journey_stage": "support", "q": "e"}
    expected = api_ids(client, params)
    assert len(expected) > 25  # more than the page shows: the export is not the page
    token = csrf_of(client.get("/comments", params=params).text)
    response = client.post("/comments/export", data={"csrf_token": token, "format": fmt, **params})
    assert response.status_code == 200, response.text[:300]
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
        columns = list(rows[0])
    else:
        table = pq.read_table(io.BytesIO(response.content))
        rows, columns = table.to_pylist(), table.column_names
    assert columns == list(EXPORT_COLUMNS)
    assert [r["id"] for r in rows] == expected
    assert all(r["journey_stage"] == "support" and "e" in r["text"].lower() for r in rows)
    audit = next(e for e in workspace["store"].audit_log() if e["action"] == "export_comments")
    assert audit["actor"] == "user:ana" and audit["details"]["rows"] == len(expected)
    assert audit["details"]["format"] == fmt
    # the text searched for is not kept: it may be what was redacted
    assert audit["details"]["filters"] == {"journey_stage": ["support"], "text_contains": "(given)"}


def test_the_export_needs_the_token_and_an_analyst(client):
    sign_in(client, "ana")
    assert client.post("/comments/export", data={"format": "csv"}).status_code == 403
    sign_in(client, "amy")
    token = csrf_of(client.get("/cases").text)
    assert client.post("/comments/export", data={"csrf_token": token, "format": "csv"}).status_code == 403


def test_an_analyst_corrects_a_tag_and_a_sentiment_on_the_page(client, workspace):
    store = workspace["store"]
    sign_in(client, "ana")
    page = client.get("/comments", params={"tag": "billing_price", "sentiment": "negative"}).text
    comment_id = page_ids(page)[-1]
    token = csrf_of(page)
    back = "/comments?tag=billing_price&sentiment=negative"
    response = client.post(f"/comments/{comment_id}/corrections", data={
        "csrf_token": token, "field": "tag", "old": "billing_price", "new": "refund_cancellation", "back": back})
    assert response.status_code == 303
    assert response.headers["location"] == f"{back}&corrected={comment_id}#comment-{comment_id}"
    response = client.post(f"/comments/{comment_id}/corrections", data={
        "csrf_token": token, "field": "sentiment", "new": "neutral", "back": back})
    assert response.status_code == 303
    listed = client.get("/v1/corrections", params={"comment_id": comment_id}).json()["corrections"]
    assert [(c["field"], c["new_value"], c["by"]) for c in listed[:2]] == [
        ("sentiment", "neutral", "user:ana"), ("tag", "refund_cancellation", "user:ana")]
    assert listed[1]["old_value"] == "billing_price"
    shown = client.get("/comments", params={"tag": "billing_price", "sentiment": "negative"}).text
    item = shown[shown.index(f'id="comment-{comment_id}"'):]
    item = item[:item.index("</li>\n")]
    assert 'data-field="tag" data-old="billing_price" data-new="refund_cancellation"' in item
    # the stored enrichment is the models' still: the comment keeps its tag in the listing
    assert comment_id in page_ids(shown)
    assert CorrectionService(store).effective_labels(Principal.system(), comment_id)["corrected"]["sentiment"] == "neutral"


def test_a_correction_outside_the_taxonomy_or_without_the_token_or_by_an_agent_is_refused(client, workspace):
    sign_in(client, "ana")
    page = client.get("/comments", params={"sentiment": "positive"}).text
    comment_id, token = page_ids(page)[0], csrf_of(page)
    # the workspace is shared: other flows may have corrected this comment already
    before = client.get("/v1/corrections", params={"comment_id": comment_id}).json()["corrections"]
    response = client.post(f"/comments/{comment_id}/corrections",
                           data={"csrf_token": token, "field": "tag", "new": "no_such_category"})
    assert response.status_code == 422 and "allowed values: " in response.text and "billing_price" in response.text
    response = client.post(f"/comments/{comment_id}/corrections", data={"field": "sentiment", "new": "negative"})
    assert response.status_code == 403
    sign_in(client, "amy")
    token = csrf_of(client.get("/cases").text)
    response = client.post(f"/comments/{comment_id}/corrections",
                           data={"csrf_token": token, "field": "sentiment", "new": "negative"})
    assert response.status_code == 403
    assert client.get("/comments").status_code == 403
    sign_in(client, "ana")
    assert client.get("/v1/corrections", params={"comment_id": comment_id}).json()["corrections"] == before


def test_a_topic_shows_the_comments_the_topic_model_placed_in_it(client, workspace, tmp_path):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from voc_engine.config import Settings
    from voc_engine.runtime import Runtime
    from voc_engine.store.repository import FeedbackStore
    from voc_engine.topics.versions import stored_assignments, topics_root, version_dir

    store = workspace["store"]
    # Without a topic model (a data directory with none, over the same database), the page says so.
    bare = FeedbackStore(store.url, Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    try:
        with TestClient(create_app(Runtime(store=bare)), follow_redirects=False) as other:
            sign_in(other, "ana")
            response = other.get("/comments", params={"topic": "0"})
            assert response.status_code == 422 and "no topic model has been fitted yet" in unescape(response.text)
    finally:
        bare.dispose()
    # The workspace's topic model (fitted once for the session, tests/web/conftest.py).
    sign_in(client, "ana")
    version = workspace["topic_version"]
    assigned = stored_assignments(version_dir(version, topics_root(store.settings.data_dir)))
    members = set(assigned.loc[assigned["topic"] == 0, "id"])
    assert members
    listed = api_ids(client, {"topic": "0"})
    assert set(listed) == members and len(listed) == len(members)
    assert page_ids(client.get("/comments", params={"topic": "0"}).text) == listed[:25]
    negative = api_ids(client, {"topic": "0", "sentiment": "negative"})
    assert set(negative) <= members and set(negative) == set(api_ids(client, {"sentiment": "negative"})) & members


def test_the_text_is_cut_at_sentences_and_tag_spans():
    from api.web.comments import highlighted

    enrichment = {"sentences": [{"start": 0, "end": 8, "sentiment": "negative", "score": -0.9},
                                {"start": 9, "end": 19, "sentiment": "positive", "score": 0.8}],
                  "tags": [{"name": "billing_price", "spans": [[4, 7]]}, {"name": "staff_attitude", "spans": []}]}
    assert highlighted("Bad fee. Nice staff", enrichment) == [
        {"text": "Bad ", "sentiment": "negative", "tags": []},
        {"text": "fee", "sentiment": "negative", "tags": ["billing_price"]},
        {"text": ".", "sentiment": "negative", "tags": []},
        {"text": " ", "sentiment": None, "tags": []},
        {"text": "Nice staff", "sentiment": "positive", "tags": []},
    ]
    assert highlighted("No enrichment", {}) == [{"text": "No enrichment", "sentiment": None, "tags": []}]
