"""Normalisation: HTML, entities, control and invisible characters, NFC, bad bytes."""
from __future__ import annotations

import unicodedata

import pytest

from voc_engine.nlp.normalise import decode_bytes, normalise


def test_composed_and_decomposed_e_acute_become_the_same_nfc_text() -> None:
    composed = "caf\u00e9"
    decomposed = "cafe\u0301"
    assert composed != decomposed
    assert normalise(composed) == normalise(decomposed) == "caf\u00e9"
    assert unicodedata.is_normalized("NFC", normalise(decomposed))


def test_numeric_entity_for_combining_accent_is_composed() -> None:
    assert normalise("cafe&#769; cr&egrave;me") == "caf\u00e9 cr\u00e8me"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("AT&amp;amp;T", "AT&T"),  # double-escaped
        ("&lt;3 you @united", "<3 you @united"),
        ("&amp;lt;b&amp;gt;", "<b>"),
        ("&quot;on time&quot; &#8212; sure &#x1F621;", "\"on time\" \u2014 sure \U0001F621"),
        ("seat&nbsp;14C", "seat 14C"),
        ("contacted Central Baggage &amp", "contacted Central Baggage &"),  # truncated tweet
        ("rock &current state", "rock &current state"),  # not an entity in running text
    ],
)
def test_entities_are_unescaped(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>Flight was late.</p><p>Staff were rude.</p>", "Flight was late.\n\nStaff were rude."),
        ("Hi<br>there<br/>again<BR />end", "Hi\nthere\nagain\nend"),
        ('<div class="x"><b>Bad</b> <a href="https://x.com">service</a></div>', "Bad service"),
        ("ok<script>alert('</p>')</script> fine", "ok fine"),
        ("<style>p { color: red }</style>Text", "Text"),
        ("before<!-- hidden note -->after", "before after"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
    ],
)
def test_html_tags_are_stripped(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize("text", ["I <3 United", "x < y and y > z", "Dear <customer name>, hi", "5<10"])
def test_angle_brackets_in_plain_text_survive(text: str) -> None:
    assert normalise(text) == text


def test_control_characters_are_removed_and_line_endings_unified() -> None:
    raw = "line1\r\nline2\rline3\x00\x07\x1b[0m\tend\x7f\x9f"
    assert normalise(raw) == "line1\nline2\nline3[0m\tend"


def test_zero_width_characters_are_removed() -> None:
    assert normalise("\ufeffre\u200bfund\u200c now\u2060\u00ad!") == "refund now!"


def test_zero_width_joiner_inside_emoji_sequence_is_kept() -> None:
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert normalise(f"{family} trip") == f"{family} trip"
    assert normalise("ok\u200dno") == "okno"


def test_spaces_are_collapsed_and_text_stripped() -> None:
    raw = "  Too   many\u00a0\u00a0spaces \t here \n\n\n\n next line  "
    assert normalise(raw) == "Too many spaces here\n\nnext line"


def test_single_tab_is_kept() -> None:
    assert normalise("a\tb") == "a\tb"


def test_lone_surrogate_is_removed_so_text_can_be_encoded() -> None:
    assert normalise("bad \ud83d end").encode("utf-8") == b"bad end"


@pytest.mark.parametrize("text", ["", "   ", "\n\t \r\n", "\u200b\ufeff"])
def test_empty_and_whitespace_only_text_becomes_empty(text: str) -> None:
    assert normalise(text) == ""


def test_lone_emoji_is_kept() -> None:
    assert normalise(" \U0001F621 ") == "\U0001F621"
    assert normalise("\U0001F44D\U0001F3FD") == "\U0001F44D\U0001F3FD"  # with skin tone


def test_plain_text_is_unchanged() -> None:
    text = "@united thanks!!! great crew, 10/10 \U0001F64C"
    assert normalise(text) == text


def test_one_megabyte_of_html_is_normalised() -> None:
    chunk = "<p>The flight&nbsp;was late &amp; the staff <b>did not</b> care.</p>\r\n"
    raw = chunk * (1_000_000 // len(chunk) + 1)
    result = normalise(raw)
    assert "<" not in result and "&" not in result.replace(" & ", "")
    assert result.count("The flight was late & the staff did not care.") == raw.count(chunk)


def test_many_unclosed_script_tags_do_not_stall() -> None:
    assert normalise("keep this<script>" * 100_000) == "keep this"


def test_non_string_is_rejected_with_type_error() -> None:
    with pytest.raises(TypeError, match="expects str"):
        normalise(b"bytes")  # type: ignore[arg-type]


def test_decode_bytes_valid_utf8() -> None:
    assert decode_bytes("Crème brûlée \U0001F370".encode("utf-8")) == ("Crème brûlée \U0001F370", False)


def test_decode_bytes_replaces_invalid_bytes_and_reports_it() -> None:
    text, damaged = decode_bytes(b"bad \xff\xfe byte and truncated \xe2\x82")
    assert damaged is True
    assert text.startswith("bad \ufffd\ufffd byte and truncated ")
    assert text.endswith("\ufffd")


def test_decode_bytes_latin1_input_is_flagged_not_crashed() -> None:
    text, damaged = decode_bytes("café".encode("latin-1"))
    assert damaged and text == "caf\ufffd"
