"""Topic words and labels a reader can trust (issue 22: "Topics a reader trusts"; issue 23: no
artefacts such as "cancelled flighted"): phrases as written, boilerplate left out and merged
over, the topic's own voice, no typos or export artefacts."""
from __future__ import annotations

import logging

import numpy as np
from sklearn.metrics import adjusted_rand_score

from tests.topics.conftest import build_corpus, make_modeler
from voc_engine.topics.labels import (
    PhraseAnalyzer,
    PhraseTable,
    artefact_words,
    find_boilerplate,
    sentiment_mix,
    strip_boilerplate,
    voice_of,
)
from voc_engine.topics.preprocess import FeedbackTextCleaner

STOP = FeedbackTextCleaner().stop_words
CLOSINGS = ["Sort it out!", "Not good enough."]


def test_phrases_are_written_runs_of_words_with_their_negation():
    phrases = set(PhraseAnalyzer(STOP)("The agent was rude and hung up on me. Not good enough, 2 hours wasted!"))
    assert {"agent", "rude", "agent was rude", "hung up", "not good", "hours wasted"} <= phrases
    # never across a sentence end, a comma or a number; never starting or ending on a stop word
    assert not {"me not", "enough hours", "good enough", "was rude", "up on me", "enough"} & phrases
    assert "didn't arrive" in PhraseAnalyzer(STOP)("My bag didn't arrive")


def test_typos_and_export_artefacts_are_found_english_words_are_not():
    # The public airline tweets: the publisher replaced "cancel" with "Cancelled Flight", leaving
    # "Cancelled Flightled" (cancelled), "Cancelled Flighted" (canceled), "Late Flightr" (later).
    counts = {"flight": 900, "flights": 300, "flightled": 120, "flighted": 50, "flightr": 40, "late": 400,
              "service": 500, "serviceee": 3, "rebook": 30, "rebooked": 20, "waist": 40, "waisted": 12,
              "easy": 60, "easyjet": 8, "wash": 30, "was": 2000, "cancelled": 300}
    assert artefact_words(counts, STOP) == {"flightled", "flighted", "flightr", "serviceee"}


def test_artefacts_glued_to_a_plural_ending_or_a_word_beginning_are_found():
    # The same export: "cancellations" -> "Cancelled Flightlations", "rebook" -> "reFlight Booking
    # Problems". "-lations" ends English words only in their plural ("relations", "violations");
    # "inflight" and "preflight" are English, "cancellations" too.
    counts = {"flight": 900, "flights": 300, "flightlations": 16, "flightations": 9, "reflight": 20,
              "inflight": 11, "preflight": 2, "cancellations": 40, "cancel": 30, "rebook": 30, "booking": 200,
              "easy": 60, "easyjet": 8, "jet": 20, "jetblue": 9, "blue": 30}
    assert artefact_words(counts, STOP) == {"flightlations", "flightations", "reflight"}


def test_a_topic_of_export_artefacts_is_named_by_the_words_its_comments_meant():
    cancelled = [f"So many Cancelled Flightlations today, {w}." for w in
                 ("no rebooking", "stuck at the gate", "no hotel", "no food vouchers", "nobody answers", "missed my meeting")]
    cancelled += [f"Could not reFlight Booking Problems for {k} hours, no hotel." for k in range(2, 6)]
    cities = ("Boston", "Denver", "Austin", "Dallas", "Miami", "Tampa", "Reno", "Omaha")
    other = [f"The flight from {c} was fine but the seat was broken." for c in cities]
    other += [f"Flight crew on my {c} flight lost my bag." for c in cities]
    table = PhraseTable(cancelled + other, STOP)
    found = table.topic_words(np.array([True] * len(cancelled) + [False] * len(other)), None, 10, 3)
    assert found.label.startswith("cancelled") and "no hotel" in found.label
    assert not any("flightlation" in w or "reflight" in w for w in [found.label, *found.words])
    assert "booking problems" in found.words


def test_boilerplate_is_the_sentence_with_the_most_varied_company():
    complaints = [f"My {thing} is broken again." for thing in
                  ("router", "phone", "modem", "tv box", "landline", "sim", "app", "bill")]
    texts = [f"{c} {CLOSINGS[k // 8 % 2]}" for k, c in enumerate(complaints * 4)]
    texts += ["Great service, thank you."] * 10  # copies of one comment are not boilerplate
    found = find_boilerplate(texts)
    assert found == ["not good enough", "sort it out"]
    assert strip_boilerplate("My router is broken again. Sort it out!", set(found)) == "My router is broken again."
    assert strip_boilerplate("Sort it out!", set(found)) == "Sort it out!"  # nothing else to keep


def test_a_mostly_negative_topic_is_named_by_its_complaints_not_its_praise():
    complaints = ["The agent was rude and hung up on me.", "Rude agent, hung up on me twice.",
                  "Your agent was rude to my mother.", "The agent hung up on me after an hour.",
                  "Agent was rude and unhelpful on the phone.", "The agent was so rude, I am leaving."]
    praise = [f"Engineer polite and quick, visit {k}." for k in range(8)]  # the topic's most uniform phrase
    other = [f"My bill went up by {k} pounds this month." for k in range(20)]
    texts = [f"{c} (call {k})" for k in range(3) for c in complaints] + praise + other
    sentiment = ["negative"] * 18 + ["positive"] * 8 + ["negative"] * 20
    table = PhraseTable(texts, STOP)
    members = np.array([True] * 26 + [False] * 20)
    mix = sentiment_mix(sentiment[:26])
    assert voice_of(mix) == "negative" and round(mix["positive"], 2) == 0.31
    everyone = table.topic_words(members, None, 10, 3)
    assert "engineer polite" in everyone.label  # what a label of all its comments would say
    voice = np.array([s == "negative" for s in sentiment])
    own = table.topic_words(members, voice, 10, 3)
    assert "rude" in own.label and "polite" not in own.label and "engineer" not in " ".join(own.words)


def test_a_complaint_split_by_its_closing_phrase_is_one_topic(sentence_embeddings, encoder, embedder):
    # The four planted themes, each comment closed by one of two stock phrases that weigh 0.4
    # in its embedding: HDBSCAN finds a topic per (theme, closing). At 0.5 two themes that share
    # a closing become one cluster with some machines' int8 encoder (the ONNX encoder is built
    # per machine); 0.35 to 0.45 give the same seven topics before merging and four after.
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    texts, vectors, themes = build_corpus(sentence_embeddings)
    closing = np.arange(len(texts)) % 2
    closing_vectors = encoder.encode_documents(CLOSINGS)
    texts = [f"{text} {CLOSINGS[k]}" for text, k in zip(texts, closing)]
    vectors = 0.6 * vectors + 0.4 * closing_vectors[closing]
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    split = make_modeler(embedder, merge_similarity=None).fit(texts, vectors)
    assert len(split.topics().topics) > 4  # without merging, some theme is split by its closing
    merged = make_modeler(embedder).fit(texts, vectors)
    assert merged.boilerplate_ == ["not good enough", "sort it out"]
    assert len(merged.topics().topics) == 4 and adjusted_rand_score(themes, merged.topics_) == 1.0
    for topic in merged.topics().topics:
        words = " ".join([topic.label, *topic.words])
        assert "sort" not in words and "good enough" not in words and "not good" not in words, topic.label
