"""Sentence segmentation with a blank spaCy English pipeline (no model download).

spaCy's rule-based ``sentencizer`` handles ordinary punctuation and abbreviations
("Mr.", "U.S.") through the English tokenizer exceptions.  Customer text needs three
more boundaries, added here: line breaks (survey answers and e-mails are line-structured),
tweet-style runs such as "!!!", "?!" or "..." even without a following space
("helped!!!I hate this"), and the Unicode ellipsis.

Spans are character offsets into the text given (after normalisation and redaction in
the pipeline), stripped of surrounding whitespace and never empty.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

__all__ = ["SentenceSegmenter"]

Span = tuple[int, int]

_TWEET_BOUNDARY_COMPONENT = "voc_tweet_boundaries"
_EXTRA_PUNCT_CHARS = ["...", "…"]
# Split "!!!" / "?!" / "..." glued between two words into a token of its own.
_GLUED_BOUNDARY_INFIX = r"(?<=[^\W\d_])(?:[!?]+|\.{2,}|…)(?=[^\W\d_])"
_BOUNDARY_TOKEN_RE = re.compile(r"[.!?…]{2,}|…")
_LINE_RE = re.compile(r"[^\n]+")
_LEADING_SPACE_RE = re.compile(r"\s*")


@Language.component(_TWEET_BOUNDARY_COMPONENT)
def _tweet_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a run like "!!!" or "?!" (the sentencizer only knows single marks)."""
    if not _BOUNDARY_TOKEN_RE.search(doc.text):
        return doc  # most comments have no such run: skip the walk over every token
    for token in doc[:-1]:
        if _BOUNDARY_TOKEN_RE.fullmatch(token.text):
            following = doc[token.i + 1]
            if not following.is_punct and not following.is_space:
                following.is_sent_start = True
    return doc


class SentenceSegmenter:
    """Splits text into sentence character spans; build once and reuse.

    ``max_chunk_chars`` bounds what spaCy sees at once: a longer line is cut at the last
    whitespace before the limit (a sentence may be split there), so a 1 MB comment is
    segmented piecewise instead of tripping spaCy's ``max_length`` or its memory.
    """

    def __init__(self, max_chunk_chars: int = 100_000, batch_size: int = 256,
                 lemmatize: bool = False) -> None:
        if max_chunk_chars < 1:
            raise ValueError("max_chunk_chars must be positive")
        self.max_chunk_chars = max_chunk_chars
        self.batch_size = batch_size
        nlp = spacy.blank("en")
        infixes = list(nlp.Defaults.infixes or []) + [_GLUED_BOUNDARY_INFIX]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.add_pipe(
            "sentencizer",
            config={"punct_chars": list(Sentencizer.default_punct_chars) + _EXTRA_PUNCT_CHARS},
        )
        nlp.add_pipe(_TWEET_BOUNDARY_COMPONENT)
        if lemmatize:
            # Lookup lemmas (spacy-lookups-data) let phrase rules match inflections.
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
        nlp.max_length = max_chunk_chars + 1
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        return self._nlp

    def split(self, text: str) -> list[Span]:
        """Sentence spans ``(start, end)`` of ``text``, in order."""
        return self.split_many([text])[0]

    def split_many(self, texts: Iterable[str]) -> list[list[Span]]:
        """Sentence spans for each text, batching all pieces through ``nlp.pipe``."""
        return [spans for spans, _ in self.analyse_many(texts)]

    def analyse_many(self, texts: Iterable[str]) -> list[tuple[list[Span], list[tuple[int, Doc]]]]:
        """Sentence spans and the spaCy docs (with their offsets) for each text.

        The docs let later rules (phrase matching on lemmas) reuse this one
        spaCy pass; ``offset`` maps a doc's character positions into the text.
        """
        texts = list(texts)
        pieces = [
            (text_index, offset, piece)
            for text_index, text in enumerate(texts)
            for offset, piece in self._pieces(text)
        ]
        results: list[tuple[list[Span], list[tuple[int, Doc]]]] = [([], []) for _ in texts]
        docs = self._nlp.pipe((piece for _, _, piece in pieces), batch_size=self.batch_size)
        for (text_index, offset, _), doc in zip(pieces, docs):
            spans, text_docs = results[text_index]
            text_docs.append((offset, doc))
            for sentence in doc.sents:
                span = _stripped(sentence.text, offset + sentence.start_char)
                if span is not None:
                    spans.append(span)
        return results

    def _pieces(self, text: str) -> Iterator[tuple[int, str]]:
        """Non-blank lines of ``text`` with their offsets, long lines cut into chunks."""
        for line in _LINE_RE.finditer(text):
            start, end = line.span()
            while start < end:
                stop = min(end, start + self.max_chunk_chars)
                if stop < end:
                    cut = text.rfind(" ", start + 1, stop)
                    if cut > start:
                        stop = cut
                piece = text[start:stop]
                if not piece.isspace():
                    yield start, piece
                start = stop


def _stripped(sentence: str, start: int) -> Span | None:
    leading = _LEADING_SPACE_RE.match(sentence).end()
    content = sentence[leading:].rstrip()
    if not content:
        return None
    return start + leading, start + leading + len(content)
