"""The condition language and the shipped default rules, on facts built by hand (plain data)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from voc_engine.alerting.rules import Facts, compile_condition, load_rules, parse_rules
from voc_engine.errors import ConfigError
from voc_engine.schema import Enrichment, Sentiment, TagResult


def facts(
    label: str | None = "neutral",
    score: float | None = 0.0,
    nps: int | None = None,
    flags: tuple[str, ...] = (),
    tags: dict[str, tuple[float, str | None]] | None = None,
    **fields: str,
) -> Facts:
    return Facts(
        scores={} if nps is None else {"nps": nps},
        sentiment_label=label,
        sentiment_score=score,
        tags=tags or {},
        flags=frozenset(flags),
        fields=fields,
    )


DEFAULTS = load_rules()


def matched(f: Facts) -> list[str]:
    return [r.id for r in DEFAULTS.evaluate(f)]


# --------------------------------------------------------------------------- the shipped defaults
@pytest.mark.parametrize("nps", [0, 3, 6])
def test_a_detractor_with_a_negative_comment_is_high(nps):
    assert matched(facts("negative", -0.5, nps=nps)) == ["detractor_negative"]
    assert DEFAULTS.get("detractor_negative").severity == "high"


@pytest.mark.parametrize("nps", [7, 8, 10])
def test_passives_and_promoters_are_not_detractors(nps):
    assert matched(facts("negative", -0.5, nps=nps)) == []


def test_a_detractor_needs_a_negative_comment_and_a_score():
    assert matched(facts("neutral", -0.1, nps=2)) == []
    assert matched(facts("positive", 0.6, nps=0)) == []
    assert matched(facts("negative", -0.5)) == []  # no NPS given


@pytest.mark.parametrize("flag", ["churn_intent", "legal_threat", "safety", "vulnerable_customer"])
def test_each_human_now_flag_is_critical(flag):
    assert matched(facts("positive", 0.5, nps=10, flags=(flag,))) == ["critical_flag"]
    # The rule takes its severity from the flag configuration: critical for all four as shipped.
    assert DEFAULTS.get("critical_flag").severity == "flag"
    assert [r.severity for r in DEFAULTS.evaluate(facts(flags=(flag,)))] == ["critical"]


def test_a_flag_rule_opens_at_the_flag_configurations_severity():
    rules = DEFAULTS.with_flag_severity({"churn_intent": "high", "safety": "critical", "complaint": "low"})
    assert [(r.id, r.severity) for r in rules.evaluate(facts(flags=("churn_intent",)))] == [("critical_flag", "high")]
    # Several flags: the highest; a flag added by the configuration opens a case too ("*").
    assert [r.severity for r in rules.evaluate(facts(flags=("churn_intent", "safety")))] == ["critical"]
    assert [r.severity for r in rules.evaluate(facts(flags=("complaint",)))] == ["low"]
    # Data-quality flags are not flags of the configuration; a flag it does not rate is critical.
    assert rules.evaluate(facts(flags=("non_english", "text_cut"))) == []
    assert [r.severity for r in rules.evaluate(facts(flags=("retired_flag",)))] == ["critical"]


def test_a_flag_severity_rule_reads_only_the_flags_it_names():
    rules = parse_rules({"rules": [{"id": "legal", "severity": "flag", "when": {"flag": ["legal_threat"]}}]})
    rules = rules.with_flag_severity({"legal_threat": "medium", "safety": "critical"})
    assert [r.severity for r in rules.evaluate(facts(flags=("legal_threat", "safety")))] == ["medium"]
    with pytest.raises(ConfigError, match="needs a flag condition"):
        parse_rules({"rules": [{"id": "x", "severity": "flag", "when": {"nps": {"lte": 6}}}]})
    with pytest.raises(ConfigError, match="severity: one of low, medium, high, critical or flag"):
        parse_rules({"rules": [{"id": "x", "severity": "urgent", "when": {"flag": "safety"}}]})


def test_data_quality_flags_and_flags_rated_none_raise_nothing():
    assert matched(facts(flags=("non_english", "no_text", "invalid_utf8", "text_cut"))) == []
    rules = DEFAULTS.with_flag_severity({"compliment": "none", "churn_intent": "critical"})
    assert [r.id for r in rules.evaluate(facts(flags=("compliment",)))] == []
    assert [r.severity for r in rules.evaluate(facts(flags=("compliment", "churn_intent")))] == ["critical"]


def test_very_negative_is_medium_at_minus_point_eight_inclusive():
    assert matched(facts("negative", -0.8)) == ["very_negative"]
    assert matched(facts("negative", -0.95)) == ["very_negative"]
    assert matched(facts("negative", -0.79)) == []
    assert DEFAULTS.get("very_negative").severity == "medium"


def test_the_case_opens_under_the_most_severe_match():
    hit = DEFAULTS.evaluate(facts("negative", -0.9, nps=1, flags=("legal_threat",)))
    assert [r.id for r in hit] == ["critical_flag", "detractor_negative", "very_negative"]
    assert DEFAULTS.primary(hit).id == "critical_flag"
    assert DEFAULTS.primary(hit[1:]).id == "detractor_negative"


def test_default_windows():
    assert DEFAULTS.get("critical_flag").dedup_window == timedelta(hours=168)
    assert DEFAULTS.max_comment_age == timedelta(hours=720)


# --------------------------------------------------------------------------- the language
def test_comparisons():
    def holds(spec, value):
        return compile_condition({"nps": spec})(facts(nps=value))

    assert holds({"lt": 5}, 4) and not holds({"lt": 5}, 5)
    assert holds({"lte": 5}, 5) and not holds({"lte": 5}, 6)
    assert holds({"gt": 5}, 6) and not holds({"gt": 5}, 5)
    assert holds({"gte": 5}, 5) and not holds({"gte": 5}, 4)
    assert holds({"eq": 5}, 5) and not holds({"eq": 5}, 4)
    assert holds({"ne": 5}, 4) and not holds({"ne": 5}, 5)
    assert holds(5, 5) and not holds(5, 6)
    assert holds({"in": [1, 9]}, 9) and not holds({"in": [1, 9]}, 5)
    assert holds({"between": [2, 4]}, 2) and holds({"between": [2, 4]}, 4) and not holds({"between": [2, 4]}, 5)
    assert holds({"gte": 2, "lte": 4}, 3) and not holds({"gte": 2, "lte": 4}, 5)
    assert not holds({"lte": 10}, None)  # a missing score never matches


def test_custom_scores_and_the_other_standard_scores():
    f = Facts(scores={"effort_index": 6.5, "csat": 1, "ces": 7})
    assert compile_condition({"score": {"name": "effort_index", "gt": 6}})(f)
    assert not compile_condition({"score": {"name": "effort_index", "gt": 7}})(f)
    assert compile_condition({"csat": {"lte": 2}, "ces": {"gte": 6}})(f)  # several keys: all of them


def test_sentiment_label_and_score():
    negative = facts("negative", -0.6)
    assert compile_condition({"sentiment": {"label": ["negative", "neutral"]}})(negative)
    assert not compile_condition({"sentiment": {"label": "positive"}})(negative)
    assert compile_condition({"sentiment": {"label": "negative", "score": {"lte": -0.5}}})(negative)
    assert not compile_condition({"sentiment": {"label": "negative", "score": {"lte": -0.7}}})(negative)
    assert not compile_condition({"sentiment": {"score": {"lte": 0}}})(facts(None, None))


def test_tags_and_tag_sentiment():
    f = facts(tags={"billing_price": (0.8, "negative"), "staff_attitude": (0.4, "positive")})
    assert compile_condition({"tag": "billing_price"})(f)
    assert compile_condition({"tag": ["wait_time", "staff_attitude"]})(f)
    assert not compile_condition({"tag": "wait_time"})(f)
    assert compile_condition({"tag": {"name": "billing_price", "sentiment": "negative"}})(f)
    assert not compile_condition({"tag": {"name": "staff_attitude", "sentiment": "negative"}})(f)
    assert compile_condition({"tag": {"name": "staff_attitude", "min_confidence": 0.4}})(f)
    assert not compile_condition({"tag": {"name": "staff_attitude", "min_confidence": 0.5}})(f)


def test_channel_touchpoint_segment_and_combinators():
    f = facts(channel="email", touchpoint="checkout", segment="gold")
    assert compile_condition({"channel": "email", "segment": ["gold", "platinum"]})(f)
    assert not compile_condition({"touchpoint": "billing"})(f)
    assert compile_condition({"any": [{"touchpoint": "billing"}, {"channel": "email"}]})(f)
    assert not compile_condition({"all": [{"touchpoint": "billing"}, {"channel": "email"}]})(f)
    assert compile_condition({"not": {"segment": "bronze"}})(f)
    assert not compile_condition({"not": {"any": [{"segment": "gold"}]}})(f)


def test_values_are_data_never_code():
    hostile = "__import__('os').system('touch /tmp/voc-pwned')"
    condition = compile_condition({"segment": hostile, "tag": hostile})
    assert not condition(facts(segment="gold"))
    assert condition(facts(segment=hostile, tags={hostile: (1.0, None)}))


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"nsp": {"lte": 6}}, r"when\.nsp: unknown condition 'nsp'"),
        ({"all": [{"nps": {"lte": 6}}, {"nps": {"at_most": 6}}]}, r"when\.all\[1\]\.nps\.at_most: unknown comparison"),
        ({"nps": {"between": [6, 0]}}, r"low 6 is above high 0"),
        ({"nps": {"lte": "six"}}, r"when\.nps\.lte: expects a number"),
        ({"nps": {"lte": True}}, r"expects a number"),
        ({"sentiment": {"label": "angry"}}, r"unknown sentiment \['angry'\]"),
        ({"any": []}, r"when\.any: expects a non-empty list"),
        ({"flag": []}, r"when\.flag: expects a name"),
        ({}, r"when: a condition is a non-empty mapping"),
        ("nps <= 6", r"when: a condition is a non-empty mapping"),
        ({"rule": "x"}, r"unknown condition 'rule'"),  # routing-only fields
        ({"tag": {"sentiment": "negative"}}, r"expects a tag name"),
    ],
)
def test_bad_conditions_name_the_path(spec, message):
    with pytest.raises(ConfigError, match=message):
        compile_condition(spec)


def test_rule_documents_are_validated():
    good = {"rules": [{"id": "a", "severity": "low", "when": {"nps": 0}}]}
    assert len(parse_rules(good)) == 1
    for bad, message in [
        ({"rules": [{"id": "a", "severity": "urgent", "when": {"nps": 0}}]}, r"rules\[0\]\.severity"),
        ({"rules": [{"id": "a", "severity": "low"}]}, r"rules\[0\]: 'when' is required"),
        ({"rules": [good["rules"][0], good["rules"][0]]}, r"rules\[1\]\.id: 'a' is used twice"),
        ({"rules": [{"id": "a b", "severity": "low", "when": {"nps": 0}}]}, r"rules\[0\]\.id"),
        ({"rules": [{**good["rules"][0], "colour": "red"}]}, r"rules\[0\]: unknown key 'colour'"),
        ({"rules": "all"}, r"'rules' must be a list"),
        ({"version": 2, "rules": []}, r"version 2 is not supported"),
        ("rules: [unclosed", r"not valid YAML"),
    ]:
        with pytest.raises(ConfigError, match=message):
            parse_rules(bad)


def test_disabled_rules_and_per_rule_windows():
    rules = parse_rules(
        {
            "dedup_window_hours": 24,
            "rules": [
                {"id": "off", "severity": "low", "enabled": False, "when": {"nps": 0}},
                {"id": "on", "severity": "low", "dedup_window_hours": 2, "when": {"nps": 0}},
            ],
        }
    )
    assert [r.id for r in rules.evaluate(facts(nps=0))] == ["on"]
    assert rules.get("on").dedup_window == timedelta(hours=2)
    assert rules.get("off").dedup_window == timedelta(hours=24)


def test_facts_from_an_enrichment_and_from_a_stored_item_agree():
    enrichment = Enrichment(
        language="en",
        sentiment=Sentiment(label="negative", score=-0.7, probs={"negative": 0.8, "neutral": 0.1, "positive": 0.1}),
        tags=[TagResult(name="wait_time", confidence=0.9, sentiment="negative")],
        flags=["churn_intent"],
    )
    direct = Facts.from_enrichment(enrichment, {"nps": 2}, channel="email", touchpoint="checkout")
    item = {
        "scores": {"nps": 2},
        "channel": "email",
        "touchpoint": "checkout",
        "language": "en",
        "enrichment": enrichment.to_record(),
    }
    stored = Facts.from_item(item)
    for f in (direct, stored):
        assert matched(f) == ["critical_flag", "detractor_negative"]
        assert compile_condition({"tag": {"name": "wait_time", "sentiment": "negative"}, "language": "en"})(f)


def test_rule_and_routing_documents_with_a_nul_are_refused():
    # PostgreSQL cannot store NUL in text: a saved rule name with one failed every ingest later.
    from voc_engine.alerting.routing import parse_routing

    rule = {"id": "a", "name": "ok", "severity": "high", "when": {"nps": {"between": [0, 6]}}}
    for document, where in [
        ({"rules": [{**rule, "name": "x\x00"}]}, "rules[0].name"),
        ({"rules": [rule, {**rule, "id": "b", "when": {"tag": {"name": "x\x00"}}}]}, "rules[1].when.tag.name"),
        ({"rules": [{**rule, "x\x00": 1}]}, "rules[0]"),
    ]:
        with pytest.raises(ConfigError, match=rf"{re.escape(where)}: text may not contain NUL"):
            parse_rules(document)
    with pytest.raises(ConfigError, match="routing: default_team: text may not contain NUL"):
        parse_routing({"default_team": "x\x00"})


def test_rule_documents_nested_or_aliased_beyond_reason_fail_fast():
    with pytest.raises(ConfigError, match="nested too deeply"):
        parse_rules("a: " + "[" * 3000)
    # YAML aliases: 2**40 leaves as a tree, 40 lists as objects; checked object by object.
    bomb = "a0: &a0 [x, x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 40))
    with pytest.raises(ConfigError, match="unknown key"):
        parse_rules(bomb)
