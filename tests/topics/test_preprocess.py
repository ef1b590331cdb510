"""What the topic vectorizer reads: no handles, links, placeholders or brand names."""
from __future__ import annotations

from voc_engine.topics.preprocess import FeedbackTextCleaner


def test_handles_links_and_placeholders_are_removed():
    cleaner = FeedbackTextCleaner()
    text = "@united my bag is lost!! see https://t.co/abc www.example.com [HANDLE] [URL] [EMAIL] #fail"
    assert cleaner.clean(text) == "my bag is lost!! see fail"


def test_an_email_address_is_not_mistaken_for_a_handle():
    # redaction has replaced real e-mails before; an "@" inside a word is not a handle
    assert FeedbackTextCleaner().clean("mail me at a@b please") == "mail me at a@b please"


def test_brands_are_removed_as_whole_words_case_and_spacing_free():
    cleaner = FeedbackTextCleaner(brands=["US Airways", "Delta"])
    assert cleaner.clean("USAirways and us airways lost it, Delta's app too") == "and lost it, app too"
    assert cleaner.clean("the deltas of the river") == "the deltas of the river"


def test_stop_words_cover_english_feedback_filler_and_brands():
    stop = set(FeedbackTextCleaner(brands=["Virgin America"], extra_stop_words=["Flight"]).stop_words)
    assert {"the", "thanks", "pls", "dont", "virgin", "america", "virginamerica", "flight"} <= stop
    assert "luggage" not in stop and "refund" not in stop
