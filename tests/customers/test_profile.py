"""The customer profile: assembled from stored comments, cases and CRM data; who may see it; erasure."""

from __future__ import annotations

import math

import numpy as np
import pytest
import statsmodels.api as sm
from alerting_helpers import comment, ingest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.main import create_app
from voc_engine.alerting.users import Viewer, create_user_key, get_user
from voc_engine.auth.keys import create_api_key
from voc_engine.customers.models import CustomerProfile
from voc_engine.customers.service import CustomerMap, CustomerService, import_customers
from voc_engine.errors import InvalidArgumentError, NotFoundError
from voc_engine.runtime import Runtime

ADMIN = Viewer.system("admin")
BAD = "Awful, the card never came [neg -0.9]"
LEAVING = "I am closing my account [neg -0.7] [flag churn_intent]"


def as_user(store, name: str) -> Viewer:
    return Viewer.of_user(get_user(store, name))


def import_rows(store, tmp_path, lines: list[str]):
    path = tmp_path / "crm.csv"
    path.write_text("\n".join(lines) + "\n")
    return import_customers(store, path, CustomerMap.parse(None), actor="test")


@pytest.fixture
def history(people, tmp_path):
    """c1: three comments on two channels (one opens a customer_care case) and a CRM row; c2: a
    churn-intent comment (a retention case)."""
    ingest(people,
           comment("Lovely staff [pos 0.8]", customer="c1", nps=10, created_at="2026-09-03T10:00:00Z"),
           comment("Still waiting for the refund [neg -0.4] [tag refund_cancellation negative]", customer="c1",
                   nps=4, channel="chat", created_at="2026-10-05T10:00:00Z"))
    ingest(people, comment(BAD, customer="c1", nps=2, channel="email"))
    ingest(people, comment(LEAVING, customer="c2"))
    import_rows(people, tmp_path, ["customer_id,segment,revenue,tenure_months,churned,contract_state",
                                   "c1,gold,1200,24,0,active"])
    return people


def test_the_profile_is_assembled_from_stored_comments_cases_and_crm_data(history):
    profile = CustomerService(history).profile(ADMIN, "c1").to_dict()
    assert profile["customer_id"] == history.pii.customer_id("c1")
    assert (profile["segment"], profile["value"]) == ("gold", 1200.0)
    assert profile["crm"]["tenure_months"] == 24.0 and profile["crm"]["churned"] is False
    # Comments across channels, newest first, with their enrichments.
    assert profile["comments_total"] == 3
    assert [c["channel"] for c in profile["comments"]] == ["email", "chat", "survey"]
    assert [c["enrichment"]["sentiment"]["label"] for c in profile["comments"]] == ["negative", "negative", "positive"]
    assert profile["comments"][1]["enrichment"]["tags"][0]["name"] == "refund_cancellation"
    assert profile["last_contact"]["channel"] == "email"
    assert profile["last_contact"]["comment_id"] == profile["comments"][0]["id"]
    # Scores per month: Sept one promoter (10), Oct one detractor (4), and this month's detractor (2).
    by_month = {row["period"]: row for row in profile["scores"]}
    assert (by_month["2026-09"]["nps_index"], by_month["2026-09"]["mean_ltr"]) == (100.0, 10.0)
    assert (by_month["2026-10"]["nps_index"], by_month["2026-10"]["mean_sentiment"]) == (-100.0, -0.4)
    assert sum(row["comments"] for row in profile["scores"]) == 3
    # The case the bad comment opened, with its state and outcome fields.
    assert profile["cases_total"] == 1
    (case,) = profile["cases"]
    assert case["team"] == "customer_care" and case["customer_id"] == profile["customer_id"]
    assert case["comment_id"] == profile["comments"][0]["id"] and "outcome" in case
    # No churn model: one imported customer is not enough, and the profile says why.
    assert profile["churn_risk"]["probability"] is None and profile["churn_risk"]["ltr"] == pytest.approx(16 / 3)
    assert "voc customers import" in profile["churn_risk"]["reason"]


def test_comments_come_in_bounded_pages(history):
    service = CustomerService(history)
    first = service.profile(ADMIN, "c1", limit=2)
    rest = service.profile(ADMIN, "c1", limit=2, cursor=first.next_cursor)
    assert len(first.comments) == 2 and first.next_cursor is not None
    assert len(rest.comments) == 1 and rest.next_cursor is None
    assert len({c["id"] for c in first.comments + rest.comments}) == 3
    with pytest.raises(InvalidArgumentError):
        service.profile(ADMIN, "c1", limit=1000)


def test_who_may_see_a_customer(history):
    service = CustomerService(history)
    owner = service.profile(ADMIN, "c1").cases[0]["owner"]
    assert owner == "care.agent"
    assert service.profile(as_user(history, "care.agent"), "c1").cases_total == 1   # their own case
    assert service.profile(as_user(history, "care.lead"), "c1").cases_total == 1    # their team's case
    for name in ("retention.agent",):                                               # another team's customer
        with pytest.raises(NotFoundError):
            service.profile(as_user(history, name), "c1")
    assert service.profile(as_user(history, "retention.agent"), "c2").cases_total == 1
    with pytest.raises(NotFoundError):
        service.profile(as_user(history, "care.lead"), "c2")
    with pytest.raises(NotFoundError):
        service.profile(ADMIN, "nobody")


def test_the_api_by_the_contract_and_by_role(history):
    client = TestClient(create_app(Runtime(store=history)))
    keys = {role: {"X-API-Key": create_api_key(history, role)[0]} for role in ("admin", "analyst", "ingest")}
    for user in ("care.agent", "care.lead", "retention.agent"):
        keys[user] = {"X-API-Key": create_user_key(history, user)[0]}
    response = client.get("/v1/customers/c1", headers=keys["care.lead"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"customer_id", "comments", "cases", "scores", "segment", "value", "churn_risk", "last_contact"} <= set(body)
    assert body == CustomerService(history).profile(as_user(history, "care.lead"), "c1").to_dict()
    assert "c1" != body["customer_id"] and '"c1"' not in response.text
    assert client.get("/v1/customers/c1", headers=keys["admin"]).status_code == 200
    assert client.get("/v1/customers/c1", headers=keys["care.agent"]).status_code == 200
    assert client.get("/v1/customers/c1", headers=keys["retention.agent"]).status_code == 404
    assert client.get("/v1/customers/c1", headers=keys["analyst"]).status_code == 403
    assert client.get("/v1/customers/c1", headers=keys["ingest"]).status_code == 403
    assert client.get("/v1/customers/c1").status_code == 401
    assert client.get("/v1/customers/c1?limit=1", headers=keys["admin"]).json()["next_cursor"] is not None


def test_churn_risk_comes_from_the_model_fitted_on_the_imported_customers(people, tmp_path):
    answers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3, 8, 2, 9]
    churned = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0]
    for i, nps in enumerate(answers):
        ingest(people, comment("fine", customer=f"k{i}", nps=nps, created_at="2026-01-05T10:00:00Z"))
    result = import_rows(people, tmp_path, ["customer_id,revenue,churned"]
                         + [f"k{i},{100 + i},{c}" for i, c in enumerate(churned)])
    assert result.churn_model is not None and result.churn_model["customers"] == len(answers)
    # The reference: the same logit fitted by statsmodels on the hand-built customer table.
    reference = sm.Logit(np.array(churned, float), sm.add_constant(np.array(answers, float))).fit(disp=0)
    assert result.churn_model["params"]["ltr"] == pytest.approx(reference.params[1], rel=1e-6)
    risk = CustomerService(people).profile(ADMIN, "k4").churn_risk
    expected = 1 / (1 + math.exp(-(reference.params[0] + reference.params[1] * 5)))
    assert risk["probability"] == pytest.approx(expected, rel=1e-6) and risk["ltr"] == 5.0
    assert risk["model_customers"] == len(answers)


def test_erasure_removes_the_profile_and_its_crm_data_and_is_audited(history, tmp_path):
    report = history.erase_customer("c1", actor="key:1:test")
    assert report.comments == 3
    with history.read_session() as session:
        assert session.scalar(select(func.count()).select_from(CustomerProfile)) == 0
    with pytest.raises(NotFoundError):
        CustomerService(history).profile(ADMIN, "c1")
    (entry,) = [e for e in history.audit_log() if e["action"] == "erase_customer"]
    assert entry["target"] == f"customer:{history.pii.customer_id('c1')}"
    assert entry["details"]["comments"] == 3 and entry["details"]["records"] == {"customer_profiles": 1}
    # A customer known only from the CRM is erased too.
    import_rows(history, tmp_path, ["customer_id,revenue", "crm-only,5"])
    assert history.erase_customer("crm-only", actor="test").comments == 0
    with history.read_session() as session:
        assert session.scalar(select(func.count()).select_from(CustomerProfile)) == 0
