"""The flag configuration the pipeline applies, and where it comes from.

A flag configuration (``FlagSet``: name, description, severity, phrase rules and whether the
flag model may raise it, per flag) is data: the shipped ``voc_engine/resources/flags.yaml``, a
file given to ``voc score --flags``, or the version saved in the feedback store
(``voc alerts flags set``, ``PUT /v1/alerts/flags``). The pipeline is built once per process,
so it does not hold one configuration: before each batch it asks a *source* for the current
one. A source answers with a token that changes whenever the configuration does (the store's
version id), so the compiled phrase matcher is rebuilt only on a change and the check costs one
small query per batch.

Sources: a fixed configuration (:class:`StaticFlags`; the shipped file by default), or a store's
saved version (``voc_engine.alerting.config.StoreFlags``: a runtime's pipeline reads its store's,
so a saved change applies to the service's next request without a restart).
"""
from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Protocol

from voc_engine.nlp.rules import PhraseRules
from voc_engine.nlp.taxonomy import DATA_QUALITY_FLAGS, FlagSet, load_flags

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from voc_engine.nlp.segment import SentenceSegmenter

__all__ = ["DATA_QUALITY_FLAGS", "FlagSource", "StaticFlags", "FlagState", "flag_digest", "shipped_flags",
           "phrase_matches"]


class FlagSource(Protocol):
    def current(self) -> tuple[str, FlagSet]:
        """A token naming the configuration (equal tokens: the same configuration) and the set."""


def flag_digest(flag_set: FlagSet) -> str:
    """A short fingerprint of a configuration's content (what model versions name)."""
    canonical = json.dumps(flag_set.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class StaticFlags:
    """One configuration for the life of the pipeline (a file, or the shipped default)."""

    flag_set: FlagSet
    token: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "token", f"flags:{flag_digest(self.flag_set)}")

    @classmethod
    def from_file(cls, path: Path | None = None) -> "StaticFlags":
        return cls(load_flags(path))

    def current(self) -> tuple[str, FlagSet]:
        return self.token, self.flag_set


@cache
def shipped_flags() -> StaticFlags:
    """The shipped file's configuration: a file of the installed package, read once."""
    return StaticFlags.from_file()


@dataclass(frozen=True)
class FlagState:
    """A configuration compiled for scoring: its phrase matcher and what the model may raise."""

    flag_set: FlagSet
    digest: str
    rules: PhraseRules = field(repr=False, compare=False)
    names: frozenset[str] = frozenset()
    model_flags: frozenset[str] = frozenset()  # flags the flag model may raise
    is_shipped: bool = False  # the shipped configuration (model versions name the others)

    @classmethod
    def compile(cls, flag_set: FlagSet, nlp: "Language") -> "FlagState":
        digest = flag_digest(flag_set)
        return cls(
            flag_set=flag_set,
            digest=digest,
            rules=PhraseRules(nlp, {f.name: f.rules for f in flag_set.flags},
                              {f.name: f.patterns for f in flag_set.flags}),
            names=frozenset(f.name for f in flag_set.flags),
            model_flags=frozenset(f.name for f in flag_set.flags if f.model),
            is_shipped=digest == shipped_flags().token.removeprefix("flags:"),
        )

    def severities(self) -> dict[str, str]:
        return {f.name: f.severity for f in self.flag_set.flags}


class CompiledStates:
    """Compiled configurations by source token (a few: a changed configuration compiles once)."""

    def __init__(self, nlp: "Language", size: int = 8):
        self.nlp = nlp
        self.size = size
        self._states: dict[str, FlagState] = {}
        self._lock = threading.Lock()

    def get(self, token: str, flag_set: FlagSet) -> FlagState:
        state = self._states.get(token)
        if state is None:
            state = FlagState.compile(flag_set, self.nlp)
            with self._lock:
                if len(self._states) >= self.size:
                    self._states.pop(next(iter(self._states)))
                self._states[token] = state
        return state


def phrase_matches(segmenter: "SentenceSegmenter", state: FlagState,
                   texts: Iterable[str]) -> list[dict[str, list[tuple[int, int]]]]:
    """The phrase-rule matches of ``state`` in each (redacted) text, as the pipeline finds them."""
    texts = list(texts)
    lowered = [t.lower() if len(t.lower()) == len(t) else t for t in texts]
    return [state.rules(pieces, text) for text, (_, pieces) in zip(texts, segmenter.analyse_many(lowered))]
