"""Lemma-aware phrase rules (spaCy PhraseMatcher on lemmas) for tags and flags."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc


class PhraseRules:
    """Matches labelled phrases on lemmas; returns character spans per label."""

    def __init__(self, nlp: Language, phrases: dict[str, Iterable[str]]):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        for label, label_phrases in phrases.items():
            patterns = list(nlp.pipe(p.lower() for p in label_phrases if p.strip()))
            if patterns:
                self.matcher.add(label, patterns)

    def __call__(self, docs: Iterable[tuple[int, Doc]]) -> dict[str, list[tuple[int, int]]]:
        """Matches over a text's docs; ``offset`` shifts each doc into the text."""
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for offset, doc in docs:
            for match_id, start, end in self.matcher(doc):
                span = doc[start:end]
                found[doc.vocab.strings[match_id]].append(
                    (offset + span.start_char, offset + span.end_char))
        return {label: sorted(set(spans)) for label, spans in found.items()}
