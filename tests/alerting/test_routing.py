"""Routing: first matching route wins, a rule's own team wins over routes, validation, masking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alerting_helpers import default_routing

from voc_engine.alerting.routing import SECRET_MASK, load_routing, parse_routing
from voc_engine.alerting.rules import Facts, parse_rules
from voc_engine.errors import ConfigError

RULES = parse_rules(
    {
        "rules": [
            {"id": "any_negative", "severity": "medium", "when": {"sentiment": {"label": "negative"}}},
            {"id": "legal", "severity": "critical", "when": {"flag": "legal_threat"}},
            {"id": "vip", "severity": "high", "team": "retention", "when": {"segment": "vip"}},
        ]
    }
)


def route(routing, rule_id: str, **kw):
    f = Facts(
        sentiment_label="negative",
        sentiment_score=-0.5,
        flags=frozenset(kw.pop("flags", ())),
        tags=kw.pop("tags", {}),
        fields=kw,
    )
    return routing.route(f, RULES.get(rule_id))


def test_default_routes():
    routing = load_routing()
    assert route(routing, "legal", flags=("legal_threat",)) == ("risk", None)
    assert route(routing, "any_negative", flags=("churn_intent",)) == ("retention", None)
    assert route(routing, "any_negative", touchpoint="billing") == ("billing", None)
    assert route(routing, "any_negative", tags={"billing_price": (0.9, "negative")}) == ("billing", None)
    assert route(routing, "any_negative", tags={"billing_price": (0.9, "positive")}) == ("customer_care", None)
    assert route(routing, "any_negative", touchpoint="checkout") == ("customer_care", None)
    # the first matching route wins: legal before churn
    assert route(routing, "legal", flags=("legal_threat", "churn_intent")) == ("risk", None)


def test_a_rules_team_wins_and_routes_may_use_rule_severity_and_owner():
    document = default_routing()
    document["routes"] = [
        {"when": {"severity": "critical"}, "team": "risk", "owner": "rita"},
        {"when": {"rule": "any_negative", "channel": "email"}, "team": "billing"},
    ]
    routing = parse_routing(document)
    assert route(routing, "legal") == ("risk", "rita")
    assert route(routing, "any_negative", channel="email") == ("billing", None)
    assert route(routing, "any_negative", channel="chat") == ("customer_care", None)
    assert route(routing, "vip", segment="vip") == ("retention", None)


def test_sla_per_severity():
    routing = load_routing()
    assert routing.sla_for("critical").first_response == timedelta(hours=1)
    assert routing.sla_for("critical").close == timedelta(hours=24)
    assert routing.sla_for("low").close == timedelta(hours=240)


def test_literal_secrets_are_masked_and_cannot_be_sent_back_masked():
    document = default_routing()
    document["teams"]["billing"] = {"webhooks": [{"name": "crm", "url": "https://crm.example/h", "secret": "s3cr3t"}]}
    routing = parse_routing(document)
    assert routing.webhook("billing", "crm").resolve_secret() == "s3cr3t"
    public = routing.public_document()
    assert public["teams"]["billing"]["webhooks"][0]["secret"] == SECRET_MASK
    assert "s3cr3t" not in repr(public)
    with pytest.raises(ConfigError, match="masked value"):
        parse_routing(public)


def test_secrets_from_the_environment(monkeypatch):
    document = default_routing()
    document["teams"]["risk"] = {
        "webhooks": [{"name": "crm", "url": "http://127.0.0.1:9/h", "secret_env": "VOC_T_SECRET"}]
    }
    hook = parse_routing(document).webhook("risk", "crm")
    monkeypatch.delenv("VOC_T_SECRET", raising=False)
    with pytest.raises(ConfigError, match="VOC_T_SECRET is not set"):
        hook.resolve_secret()
    monkeypatch.setenv("VOC_T_SECRET", "from-env")
    assert hook.resolve_secret() == "from-env"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(default_team="nobody"), "default_team"),
        (lambda d: d["routes"].append({"when": {"flag": "x"}, "team": "ghosts"}), r"routes\[3\]\.team"),
        (lambda d: d["sla"].pop("low"), "one entry per severity"),
        (lambda d: d["sla"]["high"].update(first_response_hours=100), "cannot be due after the close"),
        (lambda d: d["teams"].update(x={"webhooks": [{"name": "a", "url": "ftp://h/"}]}), r"url: an http\(s\) URL"),
        (
            lambda d: d["teams"].update(
                x={"webhooks": [{"name": "a", "url": "http://h/", "secret": "a", "secret_env": "B"}]}
            ),
            "exactly one of secret_env",
        ),
        (lambda d: d["teams"].update(x={"assignment": "random"}), "assignment"),
        (lambda d: d["routes"].append({"when": {"severity": "urgent"}, "team": "risk"}), "unknown severity"),
        (lambda d: d.update(resolution_codes=[]), "resolution_codes"),
    ],
)
def test_bad_routing_is_refused_with_its_path(change, message):
    document = default_routing()
    change(document)
    with pytest.raises(ConfigError, match=message):
        parse_routing(document)
