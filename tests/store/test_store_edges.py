"""Inputs at the edges, over HTTP and the CLI, on SQLite and PostgreSQL: times at the calendar's
ends and numbers posing as times, ids beyond their column, booleans posing as numbers, and the
shape of every 422. Each of these was a 500, a silent misreading, or an undocumented body."""

from __future__ import annotations

import base64
import json

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.main import create_app
from voc_engine.auth.keys import create_api_key
from voc_engine.config import Settings
from voc_engine.runtime import Runtime
from voc_engine.store.models import BIGINT_MAX

CALENDAR_EDGES = ["0001-01-01T00:01:00+04:01", "9999-12-31T23:59:59-12:00"]
# Every endpoint that takes a time: (method, path, where the time goes, its name).
TIME_INPUTS = [
    ("GET", "/v1/comments", "query", "since"),
    ("GET", "/v1/comments", "query", "until"),
    ("GET", "/v1/stats", "query", "since"),
    ("GET", "/v1/stats", "query", "until"),
    ("GET", "/v1/cases", "query", "opened_since"),
    ("GET", "/v1/cases", "query", "opened_until"),
    ("GET", "/v1/cases/report", "query", "since"),
    ("GET", "/v1/cases/report", "query", "until"),
    ("GET", "/v1/spc/charts", "query", "since"),
    ("GET", "/v1/spc/signals", "query", "until"),
    ("GET", "/v1/drivers", "query", "since"),
    ("GET", "/v1/drivers", "query", "until"),
    ("GET", "/v1/topics/trends", "query", "since"),
    ("POST", "/v1/alerts/rules/test", "body", "since"),
    ("POST", "/v1/alerts/rules/test", "body", "until"),
    ("POST", "/v1/comments", "body", "created_at"),
]


@pytest.fixture
def api(store):
    """(client, admin headers) over this test's database. No lifespan: nothing here needs the
    models or the delivery worker, so neither is started."""
    app = create_app(Runtime(store=store))

    @app.get("/test-only/http-422")
    def http_422() -> None:
        raise HTTPException(422, "a plain-text 422")

    client = TestClient(app, raise_server_exceptions=False)
    return client, {"X-API-Key": create_api_key(store, "admin")[0]}


def call(client, headers, method: str, path: str, where: str, name: str, value):
    if path == "/v1/comments" and method == "POST":
        return client.post(path, json={"source": "s", "text": "hello", name: value}, headers=headers)
    if where == "body":
        return client.request(method, path, json={name: value}, headers=headers)
    return client.request(method, path, params={name: value}, headers=headers)


def assert_422_at(response, loc: list, *words: str) -> None:
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail, detail
    assert all(set(item) == {"loc", "msg", "type"} for item in detail), detail
    assert detail[0]["loc"] == loc, detail
    for word in words:
        assert word in detail[0]["msg"], detail


@pytest.mark.parametrize("value", CALENDAR_EDGES)
@pytest.mark.parametrize("method,path,where,name", TIME_INPUTS)
def test_times_at_the_calendar_edge_are_a_422_on_every_endpoint(api, method, path, where, name, value):
    client, headers = api
    response = call(client, headers, method, path, where, name, value)
    assert_422_at(response, [where, name], "out of range", "1900-01-01")


@pytest.mark.parametrize("value", ["0.5", "1700000000"])
@pytest.mark.parametrize("method,path,where,name", TIME_INPUTS)
def test_only_iso_8601_text_is_a_time(api, method, path, where, name, value):
    client, headers = api
    response = call(client, headers, method, path, where, name, value)
    assert_422_at(response, [where, name], "ISO-8601")


@pytest.mark.parametrize("value", [0.5, 1700000000, True])
@pytest.mark.parametrize("name", ["since", "until"])
def test_json_numbers_are_not_times(api, name, value):
    client, headers = api
    response = client.post("/v1/alerts/rules/test", json={name: value}, headers=headers)
    assert_422_at(response, ["body", name], "not a number")
    comment = {"source": "s", "text": "hello", "created_at": value}
    assert_422_at(client.post("/v1/comments", json=comment, headers=headers), ["body", "created_at"], "not a number")


def test_times_just_inside_the_range_are_accepted(api):
    client, headers = api
    for since, until in [("1900-01-01T00:00:00Z", "2199-12-31T23:59:59Z"), ("1900-01-01", "2199-12-31")]:
        for path in ("/v1/comments", "/v1/stats"):
            response = client.get(path, params={"since": since, "until": until}, headers=headers)
            assert response.status_code == 200, response.text
        response = client.post("/v1/alerts/rules/test", json={"since": since, "until": until}, headers=headers)
        assert response.status_code == 200, response.text
    # An offset that moves a time across the boundary counts after conversion to UTC.
    late = client.get("/v1/comments", params={"until": "2199-12-31T23:00:00-01:00"}, headers=headers)
    assert_422_at(late, ["query", "until"], "out of range")


def test_a_batch_reports_an_out_of_range_time_per_row(store, api, enrich):
    client, headers = api
    body = {"comments": [{"source": "s", "external_id": "e1", "text": "hello", "created_at": CALENDAR_EDGES[0]}]}
    response = client.post("/v1/comments", json=body, headers=headers)
    assert response.status_code == 200, response.text
    [row] = response.json()["results"]
    assert row["fields"][0]["loc"] == ["created_at"] and "out of range" in row["fields"][0]["msg"]
    assert store.count_comments() == 0


def test_a_naive_created_at_is_still_read_in_the_business_time_zone(db_url, tmp_path, enrich):
    from voc_engine.store.repository import FeedbackStore
    store = FeedbackStore(db_url, Settings(data_dir=tmp_path / "var", business_timezone="Europe/Paris"))
    try:
        [result] = store.ingest([{"source": "s", "text": "hello", "created_at": "2026-07-01T12:00:00"}], enrich)
        assert store.get_comment(result.id)["created_at"].startswith("2026-07-01T10:00:00")
    finally:
        store.dispose()


@pytest.mark.parametrize("case_id", [2**63, 10**30])
def test_case_ids_beyond_the_bigint_column_are_a_422(api, case_id):
    client, headers = api
    for response in (
        client.get(f"/v1/cases/{case_id}", headers=headers),
        client.patch(f"/v1/cases/{case_id}", json={"note": "x"}, headers=headers),
        client.post(f"/v1/cases/{case_id}/notes", json={"body": "x"}, headers=headers),
    ):
        assert_422_at(response, ["path", "case_id"])


def test_the_largest_case_id_is_simply_not_found(api):
    client, headers = api
    assert client.get(f"/v1/cases/{BIGINT_MAX}", headers=headers).status_code == 404
    assert client.post(f"/v1/cases/{BIGINT_MAX}/notes", json={"body": "x"}, headers=headers).status_code == 404
    assert_422_at(client.get("/v1/cases/0", headers=headers), ["path", "case_id"])


def test_comment_ids_longer_than_the_column_are_a_422(api):
    client, headers = api
    assert_422_at(client.get("/v1/comments/" + "9" * 33, headers=headers), ["path", "comment_id"])
    assert client.get("/v1/comments/" + "9" * 32, headers=headers).status_code == 404


@pytest.mark.parametrize("cursor", ["99999999999999999999", "1_0", " 7", "-1", "\u0663"])
def test_case_cursors_outside_the_id_column_are_a_400(api, cursor):
    client, headers = api
    response = client.get("/v1/cases", params={"cursor": cursor}, headers=headers)
    assert response.status_code == 400 and "invalid cursor" in response.json()["detail"]


def test_a_forged_comment_cursor_with_an_edge_time_is_a_400(api):
    client, headers = api
    cursor = base64.urlsafe_b64encode(json.dumps([CALENDAR_EDGES[1], "x"]).encode()).decode().rstrip("=")
    response = client.get("/v1/comments", params={"cursor": cursor}, headers=headers)
    assert response.status_code == 400 and "invalid cursor" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/v1/spc/charts", "/v1/spc/signals", "/v1/topics/trends"])
def test_an_unknown_time_zone_is_a_422_in_the_documented_shape(api, path):
    client, headers = api
    response = client.get(path, params={"tz": "Nowhere/Else"}, headers=headers)
    assert_422_at(response, ["query", "tz"], "unknown time zone")


def test_every_422_has_the_documented_shape_whatever_raised_it(api):
    client, headers = api
    assert_422_at(client.get("/test-only/http-422"), [], "a plain-text 422")
    # (a library error meaning bad input: tests/spc/test_api.py::test_bad_parameters_are_clear)


def test_every_v1_operation_documents_its_error_bodies(api):
    client, _ = api
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    assert components["HTTPValidationError"]["required"] == ["detail"]
    for path, operations in schema["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in ("400", "401", "403", "404", "413", "422", "503"):
                ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
                expected = "HTTPValidationError" if code == "422" else "ErrorMessage"
                assert ref.endswith("/" + expected), (method, path, code, ref)


@pytest.mark.parametrize("scores", [{"nps": True}, {"csat": False}, {"effort_kpi": True}])
def test_a_boolean_is_not_a_score(store, api, scores):
    client, headers = api
    response = client.post("/v1/comments", json={"source": "s", "text": "hello", "scores": scores}, headers=headers)
    assert_422_at(response, ["body", "scores"], "a score is a number")
    batch = {"comments": [{"source": "s", "external_id": "b1", "text": "hello", "scores": scores}]}
    [row] = client.post("/v1/comments", json=batch, headers=headers).json()["results"]
    assert row["fields"][0]["loc"] == ["scores"]
    assert store.count_comments() == 0


def test_booleans_are_not_numbers_in_the_rule_test_or_query_parameters(api):
    client, headers = api
    response = client.post("/v1/alerts/rules/test", json={"examples_per_rule": True}, headers=headers)
    assert_422_at(response, ["body", "examples_per_rule"])
    assert_422_at(client.get("/v1/comments", params={"nps_min": "true"}, headers=headers), ["query", "nps_min"])
    assert_422_at(client.get("/v1/comments", params={"limit": "true"}, headers=headers), ["query", "limit"])


# --------------------------------------------------------------------------- the CLI
@pytest.fixture
def voc(db_url, tmp_path, monkeypatch):
    from voc_engine.cli import app

    monkeypatch.setenv("VOC_DATABASE_URL", db_url)
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "var"))
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args))

    return run


CLI_TIME_OPTIONS = [
    ("export", "-o", "out.csv", "--since"),
    ("export", "-o", "out.csv", "--until"),
    ("spc", "--metric", "negative_rate", "--since"),
    ("spc", "--metric", "negative_rate", "--until"),
    ("drivers", "--from-store", "--since"),
    ("drivers", "--from-store", "--until"),
    ("cases", "report", "--since"),
    ("alerts", "test-rules", "--until"),
    ("topics", "trends", "--since"),
]


@pytest.mark.parametrize("value,words", [(CALENDAR_EDGES[0], "out of range"), (CALENDAR_EDGES[1], "out of range"),
                                         ("0.5", "ISO-8601"), ("2026-02-30", "not a valid time")])
@pytest.mark.parametrize("command", CLI_TIME_OPTIONS, ids=lambda c: " ".join(c))
def test_cli_time_options_reject_what_the_api_rejects(voc, tmp_path, command, value, words):
    args = [str(tmp_path / a) if a == "out.csv" else a for a in command]
    result = voc(*args, value)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{command[-1]}'" in result.output and words in result.output
    assert "Traceback" not in result.output


def test_cli_times_take_offsets_and_filter(voc, store, tmp_path, enrich):
    store.ingest([{"source": "s", "external_id": "a", "text": "ok", "created_at": "2026-11-20T10:00:00Z"},
                  {"source": "s", "external_id": "b", "text": "ok", "created_at": "2026-11-22T10:00:00Z"}], enrich)
    out = tmp_path / "out.csv"
    result = voc("export", "-o", str(out), "--since", "2026-11-21T00:00:00+01:00", "--until", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "exported 1 comments" in result.output
    result = voc("spc", "--metric", "volume", "--since", "2030-01-01")
    assert result.exit_code == 1 and "no stored comments in that time range" in result.output


# --------------------------------------------------------------------------- found by fuzzing
@pytest.mark.parametrize("params", [{"by": "tag", "tag": "wait_time"}, {"by": "flag", "flag": "churn_intent"}])
def test_stats_grouped_by_tag_or_flag_can_filter_on_them(store, api, enrich, params):
    client, headers = api
    store.ingest([{"source": "s", "external_id": "a", "text": "bad wait, I will leave", "created_at": "2026-11-20"},
                  {"source": "s", "external_id": "b", "text": "nice", "created_at": "2026-11-20"}], enrich)
    response = client.get("/v1/stats", params=params, headers=headers)
    assert response.status_code == 200, response.text
    [row] = response.json()["rows"]
    assert row["group"] == params[params["by"]] and row["comments"] == 1


NUL_QUERIES = [
    ("/v1/comments", {"channel": "a\x00"}),
    ("/v1/comments", {"q": "a\x00"}),
    ("/v1/stats", {"flag": "a\x00"}),
    ("/v1/cases", {"team": "a\x00"}),
    ("/v1/spc/charts", {"touchpoint": "a\x00"}),
]


@pytest.mark.parametrize("path,params", NUL_QUERIES)
def test_a_nul_in_a_query_parameter_is_a_422(api, path, params):
    # PostgreSQL cannot compare text with NUL: these were 500s there.
    client, headers = api
    [name] = params
    assert_422_at(client.get(path, params=params, headers=headers), ["query", name], "NUL")


def test_a_nul_in_a_path_parameter_or_a_case_field_is_a_422(api):
    client, headers = api
    assert_422_at(client.get("/v1/comments/a%00", headers=headers), ["path", "comment_id"], "NUL")
    assert_422_at(client.delete("/v1/customers/a%00", headers=headers), ["path", "customer_id"], "NUL")
    assert_422_at(client.post("/v1/cases/1/notes", json={"body": "a\x00"}, headers=headers), ["body", "body"], "NUL")
    for field in ("owner", "team", "resolution_code", "note"):
        assert_422_at(client.patch("/v1/cases/1", json={field: "a\x00"}, headers=headers), ["body", field], "NUL")


def test_alert_rules_with_a_nul_are_refused_before_they_poison_ingest(store, api, enrich):
    client, headers = api
    rules = {"version": 1, "rules": [{"id": "a", "name": "x\x00", "severity": "high", "when": {"nps": {"between": [0, 6]}}}]}
    yaml_text = 'version: 1\nrules:\n- id: a\n  name: "x\\0"\n  severity: high\n  when: {nps: {between: [0, 6]}}\n'
    for content_type, content in (("application/json", json.dumps(rules)), ("application/yaml", yaml_text)):
        response = client.put("/v1/alerts/rules", content=content, headers={**headers, "content-type": content_type})
        assert response.status_code == 400 and "rules[0].name" in response.json()["detail"], response.text
    # Before, the rules saved; then every ingest that opened a case failed on PostgreSQL.
    [result] = store.ingest([{"source": "s", "text": "bad", "scores": {"nps": 1}}], enrich)
    assert result.ok


@pytest.mark.parametrize("kind", ["rules", "routing"])
@pytest.mark.parametrize("content_type,body", [("application/json", b"[" * 100_000),
                                               ("application/yaml", b"[" * 100_000),
                                               ("application/yaml", b"a: " + b"[" * 3_000)])
def test_documents_nested_too_deeply_are_a_400(api, kind, content_type, body):
    client, headers = api
    response = client.put(f"/v1/alerts/{kind}", content=body, headers={**headers, "content-type": content_type})
    assert response.status_code == 400 and "nested too deeply" in response.json()["detail"], response.text


def test_the_comments_body_schema_says_what_the_endpoint_accepts(api):
    client, _ = api
    operation = client.get("/openapi.json").json()["paths"]["/v1/comments"]["post"]
    batch = operation["requestBody"]["content"]["application/json"]["schema"]["oneOf"][0]
    assert batch["properties"]["comments"]["minItems"] == 1 and batch["additionalProperties"] is False
    assert "201" in operation["responses"]  # a single new comment
