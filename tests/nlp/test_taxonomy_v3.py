"""Taxonomy v3: the categories a telecom, a retailer and a utility need, through the real pipeline.

The shipped tagger head (v6) was trained before these categories existed, so their tags come from
the phrase rules alone: each case below says which category a reader gives the comment, and the
negatives are sentences where a rule word has another sense (hotel "blackout curtains", clothing
"size down since", "a free upgrade to a suite").
"""
from __future__ import annotations

import pytest

from voc_engine.nlp.pipeline import RULE_PRIOR, Pipeline
from voc_engine.nlp.taxonomy import Category, Taxonomy, load_taxonomy

NEW = ("network_connectivity", "outage", "installation_visit", "contract_plan", "stock_availability")

POSITIVES = [
    ("Broadband has been down for three days", {"outage"}),
    ("Our broadband went down on Friday and it's still not back", {"outage"}),
    ("The internet has been down since Sunday, I work from home!", {"outage"}),
    ("Total broadband outage in our area, no ETA from anyone", {"outage"}),
    ("No internet for four days now", {"outage"}),
    ("Power cut on our street for the second night running", {"outage"}),
    ("The gas supply was cut off without any warning", {"outage"}),
    ("My 4G signal disappears every time I get home", {"network_connectivity"}),
    ("Calls keep dropping mid-conversation", {"network_connectivity"}),
    ("Mobile data is useless in the town centre", {"network_connectivity"}),
    ("Wifi keeps dropping out, the speed is a fraction of what I pay for.", {"network_connectivity"}),
    ("The engineer never turned up for the installation appointment", {"installation_visit"}),
    ("They sent an engineer who didn't have the right part", {"installation_visit"}),
    ("Technician arrived on time and was polite.", {"installation_visit", "staff_attitude"}),
    ("You put my tariff up in the middle of my contract", {"contract_plan"}),
    ("I want a cheaper plan but you say I'm stuck in contract", {"contract_plan"}),
    ("The exit fee to leave early is outrageous", {"contract_plan", "billing_price"}),
    ("Contract renewal was smooth and the loyalty discount helped.", {"contract_plan"}),
    ("The jacket I wanted is out of stock everywhere", {"stock_availability"}),
    ("The dress sold out in my size within a day", {"stock_availability"}),
]

NEGATIVES = [
    ("They gave us a free upgrade to a suite.", "contract_plan"),
    ("I changed my plans and flew a day later", "contract_plan"),
    ("Wrap up warm, bundle up!", "contract_plan"),
    ("The plan was to fly out on Monday", "contract_plan"),
    ("The room had blackout curtains and a comfy bed", "outage"),
    ("I had to size down since it runs large", "outage"),
    ("The price went down again after I bought it", "outage"),
    ("No power outlets at the seats on a six hour flight", "outage"),
    ("I installed the app on my new phone", "installation_visit"),
    ("The reception staff were lovely", "network_connectivity"),
    ("We ran out of time at the airport", "stock_availability"),
]


def tag_names(pipeline, texts):
    return [{t.name for t in e.tags} for e in pipeline.enrich(texts)]


def test_the_shipped_taxonomy_has_the_new_categories_with_rules_and_examples():
    taxonomy = load_taxonomy()
    assert taxonomy.version == 3
    by_name = {c.name: c for c in taxonomy.categories}
    for name in NEW:
        assert len(by_name[name].rules) >= 10 and len(by_name[name].examples) >= 3, name


def test_telecom_and_utility_comments_get_the_category_a_reader_gives_them(pipeline):
    texts = [text for text, _ in POSITIVES]
    missing = [(text, expected - found) for (text, expected), found in zip(POSITIVES, tag_names(pipeline, texts))
               if not expected <= found]
    assert missing == []


def test_an_outage_is_not_a_billing_issue(pipeline):
    outages = [text for text, expected in POSITIVES if expected == {"outage"}]
    assert all("billing_price" not in found for found in tag_names(pipeline, outages))


def test_rule_words_in_another_sense_do_not_tag(pipeline):
    texts = [text for text, _ in NEGATIVES]
    wrong = [(text, category) for (text, category), found in zip(NEGATIVES, tag_names(pipeline, texts))
             if category in found]
    assert wrong == []


def test_each_new_categorys_examples_are_tagged_by_its_own_rules(pipeline):
    taxonomy = load_taxonomy()
    cases = [(c.name, example) for c in taxonomy.categories if c.name in NEW for example in c.examples]
    found = tag_names(pipeline, [example for _, example in cases])
    assert [(name, example) for (name, example), tags in zip(cases, found) if name not in tags] == []


def test_categories_the_head_never_learnt_come_from_rules_alone_with_spans(pipeline):
    assert not set(NEW) & set(pipeline.tagger.labels)  # the shipped head v6 predates them
    text = "Broadband has been down for three days and the engineer never came."
    [enriched] = pipeline.enrich([text])
    tags = {t.name: t for t in enriched.tags}
    for name, phrase in (("outage", "Broadband has been down"), ("installation_visit", "engineer never")):
        tag = tags[name]
        assert tag.source == "rule" and tag.confidence == pytest.approx(RULE_PRIOR)
        assert [enriched.redacted_text[s:e] for s, e in tag.spans] == [phrase]
        assert name not in enriched.tag_scores  # the head scores only its own labels


def test_the_model_version_names_the_taxonomy_so_reprocess_retags(pipeline):
    version = pipeline.model_version
    assert f"taxonomy:{pipeline.taxonomy_digest}" in version.split(";")
    other = Taxonomy(version=1, categories=[Category(name="outage", rules=["outage"])])
    narrower = Pipeline(pipeline.encoder, pipeline.sentiment, pipeline.tagger, other, pipeline.flag_set,
                        pipeline.flag_model)
    assert narrower.model_version != version
    assert narrower.model_version.replace(narrower.taxonomy_digest, pipeline.taxonomy_digest) == version
    # Descriptions and examples do not change tags: same digest.
    reworded = Taxonomy(version=1, categories=[Category(name="outage", description="x", rules=["outage"],
                                                        examples=["Outage again."])])
    assert Pipeline(pipeline.encoder, pipeline.sentiment, pipeline.tagger, reworded).taxonomy_digest == narrower.taxonomy_digest
