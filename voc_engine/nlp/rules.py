"""Lemma-aware phrase rules (spaCy PhraseMatcher on lemmas) for tags and flags, and the flags'
sentence patterns (regular expressions with a negation scope)."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc


class PhraseRules:
    """Matches labelled phrases on lemmas; returns character spans per label."""

    def __init__(self, nlp: Language, phrases: dict[str, Iterable[str]],
                 patterns: dict[str, Iterable[str]] | None = None):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        for label, label_phrases in phrases.items():
            compiled = list(nlp.pipe(p.lower() for p in label_phrases if p.strip()))
            if compiled:
                self.matcher.add(label, compiled)
        self.patterns = PatternRules(patterns or {})

    def __call__(self, docs: Iterable[tuple[int, Doc]], text: str | None = None) -> dict[str, list[tuple[int, int]]]:
        """Matches over a text's docs; ``offset`` shifts each doc into the text. ``text``: the
        text as written, when the docs were made from a lower-cased copy of the same length
        (patterns may then tell a name from a word by its capital)."""
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for offset, doc in docs:
            for match_id, start, end in self.matcher(doc):
                span = doc[start:end]
                found[doc.vocab.strings[match_id]].append(
                    (offset + span.start_char, offset + span.end_char))
            if self.patterns:
                for sentence in doc.sents:
                    begin = offset + sentence.start_char
                    written = sentence.text
                    if text is not None and len(text) >= begin + len(written):
                        written = text[begin:begin + len(written)]
                    for label, start, end in self.patterns.find(written):
                        found[label].append((begin + start, begin + end))
        return {label: sorted(set(spans)) for label, spans in found.items()}


MAX_PATTERN_CHARS = 1000
# Words of intent and auxiliaries between a negation and what it negates: "not cancelling",
# "don't want to leave", "have no intention of switching", "I'm not going to close my account".
# Anything else in between ends the scope ("it didn't work, so I'm cancelling my contract").
_SCOPE_WORDS = (r"(?:i|i'm|im|we|we're|am|are|is|be|been|being|will|would|ever|really|actually|even|want|wanting|"
                r"wanna|intend|intending|intention|plan|planning|plans|going|gonna|to|of|on|about|thinking|"
                r"considering|any|need|have|has|had|wish|mean|trying|try|yet|do|just|currently)")
_NEGATION_BEFORE = re.compile(
    r"(?:\b(?:not|no|never|without|nor|dont|wont|cant|didnt|doesnt|isnt|arent)|n't|n’t)"
    rf"(?:[\s’']+{_SCOPE_WORDS})*[\s]*$", re.IGNORECASE)


def compile_pattern(pattern: str) -> re.Pattern:
    """A flag pattern as scoring matches it (case-insensitive unless it says ``(?-i:…)``);
    ValueError with the reason when it is not a usable regular expression."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"a pattern is at most {MAX_PATTERN_CHARS} characters ({len(pattern)} given)")
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc}): {pattern!r}") from None
    if compiled.search(""):
        raise ValueError(f"the pattern matches empty text: {pattern!r}")
    return compiled


def negated(sentence: str, start: int) -> bool:
    """Whether a match at ``start`` is in the scope of a negation before it in ``sentence``."""
    return bool(_NEGATION_BEFORE.search(sentence[:start]))


class PatternRules:
    """Regular expressions per label, matched within each sentence; a match in a negation's
    scope ("I'm not cancelling my contract") does not count. A pattern that says the negation
    itself ("won't be flying with you") starts at it, so the scope is looked for before that."""

    def __init__(self, patterns: dict[str, Iterable[str]]):
        self.compiled = {label: [compile_pattern(p) for p in label_patterns]
                         for label, label_patterns in patterns.items()}
        self.compiled = {label: found for label, found in self.compiled.items() if found}

    def __bool__(self) -> bool:
        return bool(self.compiled)

    def find(self, sentence: str) -> list[tuple[str, int, int]]:
        """``(label, start, end)`` of each match in one sentence that no negation scopes."""
        out = []
        for label, patterns in self.compiled.items():
            for pattern in patterns:
                for match in pattern.finditer(sentence):
                    if not negated(sentence, match.start()):
                        out.append((label, match.start(), match.end()))
                        break
        return out
