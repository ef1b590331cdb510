"""Sentence segmentation: character spans over the text, tweet-style boundaries, big input."""
from __future__ import annotations

import pytest

from voc_engine.nlp.segment import SentenceSegmenter


@pytest.fixture(scope="module")
def segmenter() -> SentenceSegmenter:
    return SentenceSegmenter()


def sentences(segmenter: SentenceSegmenter, text: str) -> list[str]:
    return [text[start:end] for start, end in segmenter.split(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The flight was late. The crew was great.", ["The flight was late.", "The crew was great."]),
        ("Mr. Smith at the U.S. desk was rude. Never again!", ["Mr. Smith at the U.S. desk was rude.", "Never again!"]),
        ("@united thanks!!! great crew", ["@united thanks!!!", "great crew"]),
        ("Waited 3 hrs... no one helped!!!I hate this", ["Waited 3 hrs...", "no one helped!!!", "I hate this"]),
        ("Seriously?! Again?!?! wow", ["Seriously?!", "Again?!?!", "wow"]),
        ("Lost my bag\u2026 nobody cares", ["Lost my bag\u2026", "nobody cares"]),
        ("Price was $1,250.00. Too much", ["Price was $1,250.00.", "Too much"]),
        ("lol no", ["lol no"]),
        ("\U0001F621", ["\U0001F621"]),
    ],
)
def test_sentences(segmenter: SentenceSegmenter, text: str, expected: list[str]) -> None:
    assert sentences(segmenter, text) == expected


def test_newlines_are_boundaries_and_whitespace_is_trimmed(segmenter: SentenceSegmenter) -> None:
    text = "  Q1: booking\nthe app crashed twice  \n\n   \nThanks [EMAIL]  "
    spans = segmenter.split(text)
    assert [text[s:e] for s, e in spans] == ["Q1: booking", "the app crashed twice", "Thanks [EMAIL]"]
    assert spans[0] == (2, 13)
    for start, end in spans:
        assert start < end
        assert not text[start].isspace() and not text[end - 1].isspace()


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_has_no_sentences(segmenter: SentenceSegmenter, text: str) -> None:
    assert segmenter.split(text) == []


def test_split_many_matches_split(segmenter: SentenceSegmenter) -> None:
    texts = ["One. Two.", "", "Three!!! Four\nFive", "\U0001F44D"]
    assert segmenter.split_many(texts) == [segmenter.split(text) for text in texts]
    assert segmenter.split_many([]) == []


def test_one_megabyte_text_is_segmented(segmenter: SentenceSegmenter) -> None:
    sentence = "The flight was late and the staff did not care."
    text = " ".join([sentence] * 21_000)  # ~1 MB, above spaCy's default max_length
    assert len(text) > 1_000_000
    spans = segmenter.split(text)
    assert spans[0] == (0, len(sentence))
    assert spans[-1][1] == len(text)
    # Chunk cuts may split a few sentences, never lose or reorder text.
    assert 21_000 <= len(spans) <= 21_000 + len(text) // segmenter.max_chunk_chars + 1
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_long_line_without_spaces_is_cut_into_chunks() -> None:
    segmenter = SentenceSegmenter(max_chunk_chars=1_000)
    text = "x" * 2_500
    assert segmenter.split(text) == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]


def test_chunking_cuts_at_whitespace() -> None:
    segmenter = SentenceSegmenter(max_chunk_chars=20)
    text = "alpha beta gamma delta epsilon zeta"
    pieces = [text[s:e] for s, e in segmenter.split(text)]
    assert " ".join(pieces) == text
    assert all(len(piece) <= 20 for piece in pieces)


def test_invalid_chunk_size_is_rejected() -> None:
    with pytest.raises(ValueError):
        SentenceSegmenter(max_chunk_chars=0)
