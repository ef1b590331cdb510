"""The churn-intent patterns of the shipped flag configuration (``patterns:`` in
voc_engine/resources/flags.yaml): each class of wording raises the flag, the same wording in a
negation's scope does not, and cancelling or moving one thing is not leaving. Sentences written
here, none from the labelled set; matched as scoring matches them (redacted text, lower-cased
for the lemmas, the written text for capitals)."""
from __future__ import annotations

import pytest

from voc_engine.nlp.flags import FlagState, phrase_matches, shipped_flags
from voc_engine.nlp.rules import PatternRules, negated
from voc_engine.nlp.segment import SentenceSegmenter
from voc_engine.nlp.taxonomy import FlagSet, parse_flags


@pytest.fixture(scope="module")
def match():
    segmenter = SentenceSegmenter(lemmatize=True)
    patterns_only = shipped_flags().flag_set.model_dump()
    for flag in patterns_only["flags"]:
        flag["rules"] = ["zzqx"]  # phrases out of the way: the patterns alone are under test
    state = FlagState.compile(FlagSet.model_validate(patterns_only), segmenter.nlp)

    def raised(text: str) -> bool:
        return "churn_intent" in phrase_matches(segmenter, state, [text])[0]

    return raised


CLASSES = {
    "closing an account or contract": ["Please terminate our broadband contract at the end of the month.",
                                       "I would like my membership cancelled.",
                                       "How do I close the savings account?"],
    "switching to a competitor": ["I'm switching to Octopus, your tariffs doubled.",
                                  "Porting my number to [HANDLE] tomorrow.",
                                  "We will be moving our mortgage to another bank."],
    "done with the company": ["Honestly, I am so done with you people."],
    "the last time": ["That was the last time I shop with this store.", "First time with them and the last time."],
    "refusing the brand": ["I will never buy another Acme product again.",
                           "We won't be flying with you again after this.",
                           "I won't purchase anything from this seller."],
    "keeping others away": ["Stay away from Zenbank!", "Do not buy Acme, the support is a joke."],
    "a hashtag": ["Three hours on hold #switching"],
    "a lost customer": ["Congratulations, you just lost a loyal customer of ten years."],
    "reconsidering": ["After this I will reconsider my membership."],
    "telecom": ["Can you send me my PAC code please?", "Switching network next week."],
}
NEGATED = ["I'm not cancelling my contract, I just want the bill explained.",
           "I don't want to switch to another bank, please fix this.",
           "We have no intention of moving our mortgage to another bank.",
           "I won't hesitate to buy from this seller again.",
           "I am not done with you yet, fix it and I stay."]
NOT_LEAVING = ["Please cancel my order and refund me.", "My flight was cancelled on my account page.",
               "I switched seats with my husband.", "Can I move my delivery to Saturday?",
               "We are moving to Leeds next month, please update the address.",
               "I wouldn't buy this product again.", "The switch to LCD was worth it."]


@pytest.mark.parametrize("text", [t for texts in CLASSES.values() for t in texts])
def test_each_class_of_leaving_raises_the_flag(match, text):
    assert match(text)


@pytest.mark.parametrize("text", NEGATED)
def test_the_same_words_negated_do_not(match, text):
    assert not match(text)


@pytest.mark.parametrize("text", NOT_LEAVING)
def test_cancelling_or_moving_one_thing_is_not_leaving(match, text):
    assert not match(text)


def test_a_name_needs_its_capital():
    # "switch to <Name>" is a competitor; the same words lower-cased may be anything.
    rules = PatternRules({"churn": [r"\bswitch to (?-i:[A-Z]\w+)"]})
    assert [m[0] for m in rules.find("I will switch to Monzo.")] == ["churn"]
    assert rules.find("i will switch to monzo.") == []


def test_negation_scope_ends_at_words_other_than_intent():
    sentence = "It didn't work so I'm cancelling my contract"
    assert not negated(sentence, sentence.index("cancelling"))
    sentence = "I really don't want to be cancelling my contract"
    assert negated(sentence, sentence.index("cancelling"))
    sentence = "No, I'm cancelling my contract"  # the comma ends the scope
    assert not negated(sentence, sentence.index("cancelling"))


@pytest.mark.parametrize("patterns, where", [
    (["(unclosed"], "flags[0].patterns: patterns[0]: not a valid regular expression"),
    (["ok", "a?"], "flags[0].patterns: patterns[1]: the pattern matches empty text"),
    (["x" * 1001], "a pattern is at most 1000 characters"),
    ({"a": 1}, "patterns must be a list"),
])
def test_a_bad_pattern_is_refused_saying_where(patterns, where):
    from voc_engine.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        parse_flags({"flags": [{"name": "churn", "rules": ["leave"], "patterns": patterns}]})
    assert where in str(caught.value)
