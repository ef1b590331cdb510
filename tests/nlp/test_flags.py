"""Flags: the configuration (validation, sources) and the churn-intent head, with the real models."""
from __future__ import annotations

import copy
import dataclasses

import pytest

from voc_engine.errors import ConfigError
from voc_engine.nlp.flags import StaticFlags
from voc_engine.nlp.taxonomy import load_flags, parse_flags

# The telecom team's comment (issue 22): no phrase of the first flag lists matched it.
TELECOM = "Been a customer for 9 years but I'm cancelling my contract and moving to Vodafone, signal is useless."
# Paraphrases of leaving the head must catch without a phrase each; none is in its training data
# (training/flag_seeds.yaml), and some are not phrase rules either.
PARAPHRASES = [
    "I want to cancel my contract.",
    "We are moving to Vodafone next month.",
    "Honestly I'm done with you.",
    "Please port my number to another provider.",
    "That's it, I'm leaving.",
    "Close my account.",
]
# A long review with one sentence of leaving, in no phrase of the shipped list: read whole, the
# other six sentences dilute it (flags v2: 0.03 read whole, 0.71 by sentence).
LONG_REVIEW = ("I bought this router for the home office last spring. Setting it up took about twenty minutes. "
               "The app is tidy and the lights are easy to read. Range covers the whole flat. "
               "After the third dropped video call this week, we are moving to Vodafone next month. "
               "The box it came in was recyclable. Delivery was on time.")
HARD_NEGATIVES = ["My flight was cancelled.", "Please cancel my order.", "I cancelled my order and reordered a different size."]
PRAISE = {"version": 1, "flags": [{"name": "praise", "description": "Thanks someone.", "severity": "none",
                                    "rules": ["arrived early"], "model": False}]}


def churn_probability(pipeline, text: str) -> float:
    (result,) = pipeline.enrich([text])
    return result.flag_scores["churn_intent"]


# --------------------------------------------------------------------------- the configuration
def test_the_shipped_configuration_rates_each_flag_and_knows_the_contract_words():
    flags = load_flags()
    assert flags.names == ["churn_intent", "legal_threat", "safety", "vulnerable_customer"]
    assert {f.severity for f in flags.flags} == {"critical"}
    assert {"cancel my contract", "port my number"} <= set(flags.get("churn_intent").rules)
    assert "switch to" not in flags.get("churn_intent").rules  # "switch to an earlier flight"


@pytest.mark.parametrize("document, where", [
    ("flags: [\n  - name: x\n", "not valid YAML"),
    ("- just a list\n", "expects a mapping"),
    ({"flags": [{"name": "churn", "rules": ["leave"], "colour": "red"}]}, "flags[0].colour: unknown field"),
    ({"flags": [{"name": "churn", "rules": []}]}, "flags[0].rules: rules must hold at least one phrase"),
    ({"flags": [{"name": "churn", "rules": ["  "]}]}, "flags[0].rules: rules must hold at least one phrase"),
    ({"flags": [{"name": "churn"}]}, "flags[0].rules: Field required"),
    ({"flags": [{"name": "Churn Intent", "rules": ["x"]}]}, "must be snake_case"),
    ({"flags": [{"name": "no_text", "rules": ["x"]}]}, "data-quality flag"),
    ({"flags": [{"name": "a", "rules": ["x"], "severity": "urgent"}]}, "flags[0].severity"),
    ({"flags": [{"name": "a", "rules": ["x"]}, {"name": "a", "rules": ["y"]}]}, "duplicate flag names: a"),
    ({"version": 2, "flags": []}, "version"),
    ({"rules": []}, "unknown field"),
])
def test_a_bad_configuration_is_refused_saying_where(document, where):
    with pytest.raises(ConfigError, match="^flags: ") as caught:
        parse_flags(document)
    assert where in str(caught.value)


def test_a_flags_file_names_itself_in_errors(tmp_path):
    path = tmp_path / "flags.yaml"
    path.write_text("version: 1\nflags:\n  - {name: a, rules: [x], sevrity: low}\n")
    with pytest.raises(ConfigError, match=r"flags file .*flags.yaml: flags\[0\]\.sevrity: unknown field"):
        load_flags(path)


# --------------------------------------------------------------------------- the pipeline
class Switchable:
    """A flag source whose configuration changes between batches, as a store's does when a new
    version is saved."""

    def __init__(self, flags: StaticFlags):
        self.flags = flags

    def current(self):
        return self.flags.current()


def test_the_configuration_is_read_per_batch_from_its_source(pipeline):
    text = "The parcel arrived early and the driver was lovely."
    source = Switchable(StaticFlags(load_flags()))
    reading = pipeline.with_flags(source)
    before = reading.enrich([text])[0]
    assert "praise" not in before.flags
    source.flags = StaticFlags(parse_flags(PRAISE))
    after = reading.enrich([text])[0]
    assert after.flags == ["praise"] and after.flag_sources == {"praise": "rule"}
    # Another configuration is named in the model version (`voc reprocess` redoes such rows).
    assert after.model_version != before.model_version
    assert after.model_version.split(";")[-1].startswith("flags:v4+")
    # Flags it does not configure are not raised, by phrase or by model.
    assert reading.enrich([TELECOM])[0].flags == []
    # The pipeline it was made from keeps its own source (the shipped file).
    assert "praise" not in pipeline.enrich([text])[0].flags
    source.flags = StaticFlags(load_flags())
    assert before.model_version.split(";")[-1] == "flags:v4"
    assert "praise" not in reading.enrich([text])[0].flags


def test_the_telecom_comment_is_flagged_churn_intent(pipeline):
    (result,) = pipeline.enrich([TELECOM])
    assert "churn_intent" in result.flags
    assert result.flag_sources["churn_intent"] in ("rule", "rule+model")  # "cancel my contract"


@pytest.mark.parametrize("text", [
    pytest.param(text, marks=pytest.mark.xfail(strict=True, reason="known miss of flags v4: no pattern says "
                                               "'I'm leaving' (ambiguous alone) and the head scores it below 0.985"))
    if text == "That's it, I'm leaving." else text for text in PARAPHRASES])
def test_the_flag_catches_paraphrases_of_leaving(pipeline, text):
    # Flags v4's threshold (0.985) leaves most paraphrases to the phrases and patterns: the flag
    # as scoring raises it is what must catch them.
    (result,) = pipeline.enrich([text])
    assert "churn_intent" in result.flags, (text, result.flag_scores)


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_the_churn_head_does_not_fire_on_cancelled_flights_or_orders(pipeline, text):
    assert churn_probability(pipeline, text) < pipeline.flag_model.threshold("churn_intent")
    assert "churn_intent" not in pipeline.enrich([text])[0].flags


def test_with_model_false_only_phrases_raise_the_flag(pipeline):
    text = "We are moving to Vodafone next month."  # no phrase of the shipped list
    document = load_flags().model_dump()
    document["flags"][0]["model"] = False
    (result,) = pipeline.with_flags(StaticFlags(parse_flags(document))).enrich([text])
    assert "churn_intent" not in result.flags and result.flag_scores["churn_intent"] >= 0.5


def test_compare_flags_applies_several_configurations_in_one_pass(pipeline):
    texts = ["The parcel arrived early.", "My solicitor will be in touch.", "Le colis est arrivé en avance."]
    before, after = zip(*pipeline.compare_flags(texts, [load_flags(), parse_flags(PRAISE)]))
    assert [sorted(f) for f in before] == [[], ["legal_threat"], []]
    assert [sorted(f) for f in after] == [["praise"], [], []]  # another language: never flagged


def _reading_sentences(pipeline, sentence_max: bool):
    """The shipped pipeline with its flag head reading sentences or not (the same weights)."""
    view = copy.copy(pipeline)
    head = pipeline.flag_model
    view.flag_model = dataclasses.replace(head, extra={**head.extra, "sentence_max": sentence_max})
    return view


def test_a_head_reading_sentences_scores_a_comment_by_its_highest_row(pipeline):
    texts = [LONG_REVIEW, TELECOM, "Please cancel my order."]
    whole = [r.flag_scores["churn_intent"] for r in _reading_sentences(pipeline, False).enrich(texts)]
    by_sentence = [r.flag_scores["churn_intent"] for r in _reading_sentences(pipeline, True).enrich(texts)]
    # The document's row is one of the rows: the highest is never below it.
    assert all(s >= w for s, w in zip(by_sentence, whole))
    # The long review's one sentence of leaving outscores the review read whole.
    assert by_sentence[0] > whole[0]
