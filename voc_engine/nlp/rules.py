"""Lemma-aware phrase rules (spaCy PhraseMatcher on lemmas) for tags and flags."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc


def build_nlp() -> Language:
    """The one spaCy pipeline: rule-based sentences and lookup lemmas.

    No statistical spaCy model can be downloaded here; a blank English
    pipeline with the lookup lemmatizer (spacy-lookups-data) is enough for
    sentence boundaries and lemma-aware phrase rules.
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n", "…", "。"]})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 2_000_000
    return nlp


class PhraseRules:
    """Matches labelled phrases on lemmas; returns character spans per label."""

    def __init__(self, nlp: Language, phrases: dict[str, Iterable[str]]):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        for label, label_phrases in phrases.items():
            patterns = list(nlp.pipe(p.lower() for p in label_phrases if p.strip()))
            if patterns:
                self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            found[doc.vocab.strings[match_id]].append((span.start_char, span.end_char))
        return {label: sorted(set(spans)) for label, spans in found.items()}
