"""The scoring pipeline: small named steps over one working document per comment.

    prepare  -> decode, normalise, redact PII, detect language
    analyse  -> spaCy: sentences, lemma-aware tag and flag rules
    encode   -> ONE encoder pass: document + sentence embeddings
    heads    -> each head scores every document and sentence of the batch in one
                call (with the redacted texts, which hybrid heads read); the flag
                head scores the documents and, when its model says so, their
                sentences too (a comment's score: the highest of its rows)
    assemble -> document and sentence sentiment; tags from the multi-label head
                + rules, with spans and aspect sentiment; flags from the flag
                configuration's phrase rules OR the flag head

The flag configuration is read from a source before each batch (``voc_engine.nlp.flags``):
a saved change applies to the next batch of a long-lived pipeline (the service's).

Every step works on the redacted text, so every span refers to it, and the
raw text never leaves ``prepare``.
"""
from __future__ import annotations

import copy
import json
import logging
import re
from bisect import bisect_left, bisect_right
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

import numpy as np

from voc_engine.config import Settings
from voc_engine.errors import ModelNotFoundError
from voc_engine.nlp.encoder import Encoder, PendingBatch
from voc_engine.nlp.flags import CompiledStates, FlagSource, FlagState, StaticFlags, shipped_flags
from voc_engine.nlp.heads import LinearHead
from voc_engine.nlp.language import detect_language
from voc_engine.nlp.prepare import MAX_TEXT_CHARS, PreparedText, prepare_text  # noqa: F401 - re-exported
from voc_engine.nlp.redact import PLACEHOLDERS
from voc_engine.nlp.registry import (  # noqa: F401 - registry_path re-exported
    ModelRegistry,
    _adapter_for,
    _check_head,
    registry_path,
)
from voc_engine.nlp.rules import PhraseRules
from voc_engine.nlp.segment import SentenceSegmenter
from voc_engine.nlp.taxonomy import (
    Category,
    FlagSet,
    Taxonomy,
    load_flags,
    load_taxonomy,
    tagger_taxonomy,
    taxonomy_digest,
    warn_untrained_categories,
)
from voc_engine.schema import Enrichment, SentenceResult, Sentiment, TagResult

log = logging.getLogger(__name__)

# What the steps past redaction (language, spaCy, phrase rules, sentences, heads) read of a
# longer comment: its opening, cut at a space. They cost time in proportion to what they read,
# and the encoder reads about 1,500 characters anyway; normalisation and redaction still cover
# the whole comment, so the stored text is complete and redacted throughout.
ANALYSIS_CHARS = 10_000
# Rows per step of enrich_many: small enough that the encoder is rarely left waiting for
# the steps before and after it, large enough that each head call scores many rows.
STEP_ROWS = 512
RULE_PRIOR = 0.6  # confidence a phrase rule alone lends a tag (noisy-or with the model)
_HAS_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_PLACEHOLDER_RE = re.compile("|".join(map(re.escape, PLACEHOLDERS.values())))


@dataclass
class CommentDoc:
    """The working state of one comment while it moves through the steps."""

    id: Any
    raw: Any
    text: str = ""
    language: str | None = None
    flags: list[str] = field(default_factory=list)
    redactions: dict[str, int] = field(default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    rule_tags: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # Phrase-rule flags, one mapping per flag configuration analysed (scoring: one).
    rule_flags: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)
    flag_probs: np.ndarray | None = None
    embedding: np.ndarray | None = None
    # What heads read, by the input name in their model.json ("embedding", "features").
    head_inputs: dict[str, np.ndarray] = field(default_factory=dict)
    sentence_head_inputs: dict[str, np.ndarray] = field(default_factory=dict)
    # Head probabilities (document row, then one row per sentence): every head scores the
    # whole batch in one call.
    sentiment_probs: np.ndarray | None = None
    sentence_sentiment_probs: np.ndarray | None = None
    tagger_probs: np.ndarray | None = None
    sentence_tagger_probs: np.ndarray | None = None
    truncated: bool = False
    seen_chars: int = 0
    error: str | None = None
    analysed_chars: int = 0  # the opening of `text` that the steps after redaction read

    @property
    def analysed(self) -> str:
        return self.text[: self.analysed_chars]

    def sentence_texts(self) -> list[str]:
        """The redacted text of each sentence, in the order of the sentence head inputs
        (what hybrid heads read next to them)."""
        return [self.text[start:end] for start, end in self.sentences]

    @property
    def scorable(self) -> bool:
        return self.error is None and "non_english" not in self.flags and "no_text" not in self.flags


def analysis_end(text: str, limit: int) -> int:
    """How much of ``text`` the analysis reads: all of it up to ``limit`` characters, else the
    opening up to the last space or line break before the limit (mid-word only without one)."""
    if len(text) <= limit:
        return len(text)
    cut = max(text.rfind(" ", 0, limit), text.rfind("\n", 0, limit))
    return cut if cut > limit // 2 else limit


class CategorySource(Protocol):
    def current(self) -> tuple[str, list[Category]]:
        """A token naming the categories (equal tokens: the same ones) and the categories to add."""


@dataclass
class StartedBatch:
    """A batch between ``Pipeline.start`` and ``Pipeline.finish``."""

    docs: list[CommentDoc]
    encoding: PendingBatch | None
    flag_state: FlagState  # the flag configuration in force when the batch started
    pipeline: "Pipeline | None" = None  # the taxonomy in force when it started (custom categories)


def _chosen_tagger(registry: ModelRegistry, tagger_model: Path | None = None) -> LinearHead | None:
    """The tagger an argument names, else the deployment's (its setting, the promoted model, the
    shipped one when present). One asked for (by an argument, a setting or a promotion) must
    load: a wrong path is an error, not scoring without it."""
    chosen = registry.active("tagger")
    tagger_dir = tagger_model or chosen.path
    asked = tagger_model is not None or chosen.origin != "shipped"
    return LinearHead.load(tagger_dir) if asked or (tagger_dir and tagger_dir.exists()) else None


def deployment_taxonomy(settings: Settings) -> Taxonomy:
    """The taxonomy this deployment's pipelines tag with before any custom category: the
    ``VOC_TAXONOMY_FILE``, else the active tagger's own, else the shipped one (the choice
    `Pipeline.from_paths` makes), without loading the encoder."""
    tagger = _chosen_tagger(ModelRegistry(settings))
    if settings.taxonomy_file:
        return load_taxonomy(settings.taxonomy_file, labels=tagger.labels if tagger is not None else ())
    return tagger_taxonomy(tagger) if tagger is not None else load_taxonomy()


class Pipeline:
    """Scores comments; load once, call ``enrich`` many times (thread-compatible for reads)."""

    def __init__(
        self,
        encoder: Encoder,
        sentiment: LinearHead,
        tagger: LinearHead | None = None,
        taxonomy: Taxonomy | None = None,
        flags: FlagSet | FlagSource | None = None,
        flag_model: LinearHead | None = None,
        analysis_chars: int = ANALYSIS_CHARS,
    ):
        _check_head(sentiment, "sentiment")
        if analysis_chars < 1:
            raise ValueError("analysis_chars must be positive")
        self.analysis_chars = analysis_chars
        if tagger is not None:
            _check_head(tagger, "tagger")
        if flag_model is not None:
            _check_head(flag_model, "flags")
        self.encoder = encoder
        self.sentiment = sentiment
        self.tagger = tagger
        # A tagger's phrase rules are those of the taxonomy it carries; one given here replaces
        # it. Without a tagger, the shipped taxonomy's rules tag alone.
        if taxonomy is None:
            taxonomy = tagger_taxonomy(tagger) if tagger is not None else load_taxonomy()
        self.taxonomy = taxonomy
        self.taxonomy_digest = taxonomy_digest(taxonomy)
        # None: the shipped file (a runtime gives its store's saved configuration: `with_flags`).
        self.flag_source: FlagSource = (
            StaticFlags(flags) if isinstance(flags, FlagSet) else flags if flags is not None else shipped_flags()
        )
        self.flag_model = flag_model
        self.segmenter = SentenceSegmenter(lemmatize=True)
        self.nlp = self.segmenter.nlp
        self.tag_rules = PhraseRules(self.nlp, {c.name: c.rules for c in self.taxonomy.categories})
        # None: the taxonomy above, always; a runtime's pipeline adds its store's custom categories.
        self.category_source: CategorySource | None = None
        self._category_views: dict[str, Pipeline] = {}
        self._flag_states = CompiledStates(self.nlp)
        for head in (sentiment, tagger, flag_model):
            if head is not None and head.encoder and head.encoder != encoder.version:
                log.warning("%s head %s was trained on encoder %s, not %s",
                            head.kind, head.version, head.encoder, encoder.version)

    # -- construction -----------------------------------------------------
    @classmethod
    def default(cls, settings: Settings | None = None) -> "Pipeline":
        return cls.from_paths(settings=settings)

    @classmethod
    def from_paths(
        cls,
        sentiment_model: Path | None = None,
        tagger_model: Path | None = None,
        taxonomy: Path | None = None,
        encoder_adapter: Path | None = None,
        settings: Settings | None = None,
        backend: str | None = None,
        flags: Path | FlagSet | FlagSource | None = None,
        flag_model: Path | None = None,
        encoder_threads: int | None = None,
    ) -> "Pipeline":
        """``flags``: a flag configuration file, set or source (default: the shipped file, see
        ``voc_engine.nlp.flags``); ``flag_model``: a flag model directory (default: the
        registry's ``flags`` entry, when there is one); ``encoder_threads``: the encoder's
        worker threads (default: the CPUs, at most 4; a cluster worker gets the CPUs it holds)."""
        settings = settings or Settings()
        models = Path(settings.models_dir)
        # An argument wins; else the deployment's choice: its VOC_*_MODEL setting, the promoted
        # model, the shipped registry's active version (voc_engine.nlp.registry).
        registry = ModelRegistry(settings)
        chosen = registry.active("sentiment")
        sentiment_dir = sentiment_model or chosen.path
        if sentiment_dir is None:
            raise ModelNotFoundError(f"no sentiment model: {models}/registry.json names none")
        sentiment = LinearHead.load(sentiment_dir)
        tagger = _chosen_tagger(registry, tagger_model)
        taxonomy = taxonomy or settings.taxonomy_file
        # Checked before the encoder is built, so a bad taxonomy fails fast. An explicit one
        # replaces the tagger's own (categories named as the tagger spells its labels).
        if taxonomy:
            rules = load_taxonomy(taxonomy, labels=tagger.labels if tagger is not None else ())
            warn_untrained_categories(rules, tagger, str(taxonomy))
        else:
            rules = tagger_taxonomy(tagger) if tagger is not None else None
        if isinstance(flags, (str, Path)):
            flags = load_flags(Path(flags))
        flag_dir = flag_model or registry_path(models, "flags")
        flag_head = LinearHead.load(flag_dir) if flag_model or (flag_dir and flag_dir.exists()) else None
        adapter = encoder_adapter or _adapter_for(sentiment, models)
        encoder = Encoder(
            adapter_dir=adapter,
            backend=backend or settings.encoder_backend,
            max_tokens=settings.max_tokens,
            batch_size=settings.batch_size,
            cache_dir=settings.resolved_cache_dir,
            threads=encoder_threads,
        )
        return cls(encoder, sentiment, tagger, rules, flags, flag_head, analysis_chars=settings.max_analysis_chars)

    # -- the flag configuration ---------------------------------------------
    def with_flags(self, flags: FlagSet | FlagSource) -> "Pipeline":
        """This pipeline reading another flag configuration: the models, spaCy and the compiled
        configurations are shared, so each runtime's pipeline reads its own store's flags for the
        price of one set of models."""
        view = copy.copy(self)
        view.flag_source = StaticFlags(flags) if isinstance(flags, FlagSet) else flags
        view._category_views = {}  # the views of the old flag source are not this one's
        return view

    # -- custom categories ---------------------------------------------------
    def with_categories(self, source: "CategorySource") -> "Pipeline":
        """This pipeline adding the categories ``source`` names to its taxonomy before each batch
        (a store's accepted taxonomy drafts: `voc_engine.topics.drafts.StoreCategories`): a change
        applies to the next batch, and since the rules are part of the model version, `voc
        reprocess` re-tags the comments stored under the old ones."""
        view = copy.copy(self)
        view.category_source = source
        view._category_views = {}
        return view

    def _current(self) -> "Pipeline":
        """The pipeline of the taxonomy in force now: this one, or a view with the custom categories."""
        if self.category_source is None:
            return self
        token, categories = self.category_source.current()
        names = set(self.taxonomy.names)
        extra = [c for c in categories if c.name not in names]
        if not extra:
            return self
        view = self._category_views.get(token)
        if view is None:
            view = copy.copy(self)
            view.category_source = None
            view.taxonomy = self.taxonomy.model_copy(update={"categories": [*self.taxonomy.categories, *extra]})
            view.taxonomy_digest = taxonomy_digest(view.taxonomy)
            view.tag_rules = PhraseRules(self.nlp, {c.name: c.rules for c in view.taxonomy.categories})
            if len(self._category_views) >= 4:
                self._category_views.pop(next(iter(self._category_views)))
            self._category_views[token] = view
        return view

    def flag_state(self) -> FlagState:
        """The flag configuration in force now, compiled (once per distinct configuration)."""
        token, flag_set = self.flag_source.current()
        return self._flag_states.get(token, flag_set)

    def compile_flags(self, flag_set: FlagSet) -> FlagState:
        return FlagState.compile(flag_set, self.nlp)

    @property
    def flag_set(self) -> FlagSet:
        return self.flag_state().flag_set

    @property
    def model_version(self) -> str:
        return self._current()._model_version(self.flag_state())

    def _model_version(self, state: FlagState) -> str:
        parts = [f"encoder:{self.encoder.version}", f"sentiment:{self.sentiment.version}"]
        if self.tagger is not None:
            parts.append(f"tagger:{self.tagger.version}")
        # The phrase rules tag too: other rules (a new shipped taxonomy, VOC_TAXONOMY_FILE) are
        # another model version, so `voc reprocess` re-tags comments stored under the old ones.
        parts.append(f"taxonomy:{self.taxonomy_digest}")
        # A flag configuration other than the shipped one is named by its content, so that
        # `voc reprocess` re-flags comments scored under another configuration.
        flags = self.flag_model.version if self.flag_model is not None else "rules"
        parts.append(f"flags:{flags}" + ("" if state.is_shipped else f"+{state.digest}"))
        return ";".join(parts)

    # -- the steps --------------------------------------------------------
    def enrich(self, texts: Sequence[Any], ids: Sequence[Any] | None = None) -> list[Enrichment]:
        """Score a batch. Never raises for a bad row: that row carries ``error``."""
        return next(self.enrich_many([(texts, ids)]))

    def enrich_many(self, batches: Iterable[tuple[Sequence[Any], Sequence[Any] | None]]) -> Iterator[list[Enrichment]]:
        """Score ``(texts, ids)`` batches in turn, yielding each batch's enrichments in order.

        Batches are cut into steps of ``STEP_ROWS``; while the encoder's workers encode one
        step, this thread prepares and analyses the next and scores the heads of the one
        before, so the CPU-side steps cost little wall time next to the encoder.
        """
        current = self._current()
        if current is not self:  # one taxonomy for the whole call
            yield from current.enrich_many(batches)
            return
        waiting: deque[tuple[int, list[CommentDoc], PendingBatch | None, FlagState]] = deque()
        finished: list[list[Enrichment]] = []
        sizes: list[int] = []
        yielded = 0

        def finish_oldest() -> None:
            number, step, encoding, state = waiting.popleft()
            finished[number].extend(self._finish(step, encoding, state))

        for number, (texts, ids) in enumerate(batches):
            docs = self._new_docs(texts, ids)
            finished.append([])
            sizes.append(len(docs))
            state = self.flag_state()  # one configuration for the whole batch
            for start in range(0, len(docs), STEP_ROWS):
                step = docs[start : start + STEP_ROWS]
                for doc in step:
                    self._prepare(doc)
                self._analyse(step, (state,))
                encoding = self._submit_encode(step)
                if waiting:
                    finish_oldest()
                waiting.append((number, step, encoding, state))
            while yielded < len(sizes) and len(finished[yielded]) == sizes[yielded]:
                yield finished[yielded]
                finished[yielded] = []
                yielded += 1
        while waiting:
            finish_oldest()
        while yielded < len(sizes):
            yield finished[yielded]
            yielded += 1

    def start(self, texts: Sequence[Any], ids: Sequence[Any] | None = None) -> "StartedBatch":
        """Prepare and analyse a batch and set the encoder's workers on it; ``finish`` completes
        it. In between, the caller may start the next batch, as ``enrich_many`` does between its
        steps (the service's micro-batcher does). One ``start`` at a time (spaCy's state is not
        for concurrent use); ``finish`` reads none of it and may run on another thread."""
        current = self._current()
        if current is not self:
            return current.start(texts, ids)
        docs = self._new_docs(texts, ids)
        state = self.flag_state()  # one configuration for the whole batch
        for doc in docs:
            self._prepare(doc)
        self._analyse(docs, (state,))
        return StartedBatch(docs, self._submit_encode(docs), state, self)

    def finish(self, started: "StartedBatch") -> list[Enrichment]:
        """The enrichments of a started batch, in its order (waits for its encoding)."""
        return (started.pipeline or self)._finish(started.docs, started.encoding, started.flag_state)

    @staticmethod
    def _new_docs(texts: Sequence[Any], ids: Sequence[Any] | None) -> list[CommentDoc]:
        ids = list(ids) if ids is not None else list(range(len(texts)))
        if len(ids) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(ids)} ids")
        return [CommentDoc(id=i, raw=t) for i, t in zip(ids, texts)]

    def _submit_encode(self, docs: list[CommentDoc]) -> PendingBatch | None:
        scorable = [d for d in docs if d.scorable]
        if not scorable:
            return None
        return self.encoder.submit([d.analysed for d in scorable], [d.sentences for d in scorable])

    def _finish(self, docs: list[CommentDoc], encoding: PendingBatch | None, state: FlagState) -> list[Enrichment]:
        """Wait for a step's encoding, score its heads, assemble its results."""
        if encoding is not None:
            scorable = [d for d in docs if d.scorable]
            # The heads' text columns need no encoder output: scored while the encoder runs.
            text_logits = self._text_logits(scorable)
            self._take_encoding(docs, encoding)
            self._score_heads(scorable, text_logits)
        model_version = self._model_version(state)
        return [self._assemble(doc, state, model_version) for doc in docs]

    @staticmethod
    def _take_encoding(docs: list[CommentDoc], encoding: PendingBatch) -> None:
        batch = encoding.result()
        for k, doc in enumerate(d for d in docs if d.scorable):
            doc.embedding = batch.documents[k]
            doc.head_inputs = batch.head_inputs(k)
            doc.sentence_head_inputs = batch.sentence_head_inputs(k)
            doc.truncated = batch.truncated[k] or doc.analysed_chars < len(doc.text)
            doc.seen_chars = batch.seen_chars[k]

    def _prepare(self, doc: CommentDoc) -> None:
        prepared = doc.raw if isinstance(doc.raw, PreparedText) else prepare_text(doc.raw)
        doc.flags.extend(prepared.flags)
        if prepared.error is not None:
            doc.error = prepared.error
            return
        doc.text, doc.redactions = prepared.text, dict(prepared.redactions)
        doc.analysed_chars = analysis_end(doc.text, self.analysis_chars)
        if doc.analysed_chars < len(doc.text):
            doc.flags.append("analysis_cut")
        head = doc.analysed
        if not _HAS_WORD.search(_PLACEHOLDER_RE.sub("", head) if doc.redactions else head):
            # A lone emoji, punctuation, or only what redaction took out (a bare link, an
            # @handle): nothing a text model can read.
            doc.flags.append("no_text")
            doc.language = "und"
            return
        guess = detect_language(head)
        doc.language = guess.code if not guess.is_english else "en"
        if not guess.is_english:
            doc.flags.append("non_english")

    def _analyse(self, docs: list[CommentDoc], states: Sequence[FlagState]) -> None:
        todo = [d for d in docs if d.error is None and d.text]
        # Lower-casing keeps offsets when lengths agree; rules match on lemmas of it.
        heads = [d.analysed for d in todo]
        lowered = [h.lower() if len(h.lower()) == len(h) else h for h in heads]
        for doc, head, (spans, pieces) in zip(todo, heads, self.segmenter.analyse_many(lowered)):
            doc.sentences = spans or [(0, doc.analysed_chars)]
            if doc.scorable:
                doc.rule_tags = self.tag_rules(pieces)
                doc.rule_flags = [state.rules(pieces, head) for state in states]

    @staticmethod
    def _head_rows(docs: list[CommentDoc]) -> list[str]:
        """The texts of the sentiment and tagger rows: each document, then its sentences (one
        input row per sentence, encoded or not)."""
        return [text for doc in docs for text in (doc.analysed, *doc.sentence_texts())]

    def _text_logits(self, docs: list[CommentDoc]) -> dict[str, np.ndarray]:
        """The text columns' logits of every hybrid head, by head kind (see ``_score_heads``)."""
        out: dict[str, np.ndarray] = {}
        if not docs:
            return out
        rows = None
        for head in (self.sentiment, self.tagger):
            if head is not None and head.reads_text:
                rows = self._head_rows(docs) if rows is None else rows
                out[head.kind] = head.text_logits(rows)
        if self.flag_model is not None and self.flag_model.reads_text:
            flag_rows = (rows if rows is not None else self._head_rows(docs)) if self._flag_reads_sentences \
                else [doc.analysed for doc in docs]
            out[self.flag_model.kind] = self.flag_model.text_logits(flag_rows)
        return out

    @property
    def _flag_reads_sentences(self) -> bool:
        """Whether the flag head scores each sentence as well as the document (its model.json's
        ``sentence_max``): one sentence of leaving in a long review is diluted in the document's
        row, not in its own."""
        return self.flag_model is not None and bool(self.flag_model.extra.get("sentence_max"))

    def _score_heads(self, docs: list[CommentDoc], text_logits: dict[str, np.ndarray] | None = None) -> None:
        """Each head scores every document and sentence of the batch in one call: per comment,
        the calls (and a hybrid head's text transform) would cost several times as much.
        ``text_logits``: the hybrid heads' text parts, computed before (``_text_logits``)."""
        if not docs:
            return
        text_logits = text_logits or {}
        texts = self._head_rows(docs)
        counts = [len(doc.sentences) for doc in docs]
        for head, attribute in ((self.sentiment, "sentiment_probs"), (self.tagger, "tagger_probs")):
            if head is None:
                continue
            inputs = [row for doc in docs
                      for row in (doc.head_inputs[head.input][None, :], doc.sentence_head_inputs[head.input])]
            probs = head.predict_proba(np.vstack(inputs), texts, text_logits.get(head.kind))
            row = 0
            for doc, count in zip(docs, counts):
                setattr(doc, attribute, probs[row])
                setattr(doc, f"sentence_{attribute}", probs[row + 1 : row + 1 + count])
                row += 1 + count
        self._score_flag_head(docs, text_logits.get("flags"))

    def _score_flag_head(self, docs: list[CommentDoc], text_logits: np.ndarray | None = None) -> None:
        """The flag head scores each comment, and with ``sentence_max`` each of its sentences the
        encoder saw (their pools come from the same encoder pass); a comment's probability is the
        highest of its rows. Heads without it read whole comments only, as they were trained."""
        if self.flag_model is None or not docs:
            return
        head = self.flag_model
        if not self._flag_reads_sentences:
            inputs = np.vstack([doc.head_inputs[head.input] for doc in docs])
            probs = head.predict_proba(inputs, [doc.analysed for doc in docs], text_logits)
            for doc, row in zip(docs, probs):
                doc.flag_probs = row
            return
        inputs = [row for doc in docs for row in (doc.head_inputs[head.input][None, :], doc.sentence_head_inputs[head.input])]
        probs = head.predict_proba(np.vstack(inputs), self._head_rows(docs) if text_logits is None else None, text_logits)
        row = 0
        for doc in docs:
            count = len(doc.sentences)
            seen = np.array([True, *self._encoded_sentence_mask(doc)])
            doc.flag_probs = probs[row : row + 1 + count][seen].max(axis=0)
            row += 1 + count

    def _raised_flags(self, doc: CommentDoc, state: FlagState, which: int = 0) -> dict[str, str]:
        """The configuration's flags this comment raises, each with what raised it."""
        by_rule = set(doc.rule_flags[which]) if len(doc.rule_flags) > which else set()
        by_model: set[str] = set()
        if self.flag_model is not None and doc.flag_probs is not None:
            by_model = {label for label, p in zip(self.flag_model.labels, doc.flag_probs.tolist())
                        if label in state.model_flags and p >= self.flag_model.threshold(label)}
        return {name: "rule+model" if name in by_rule and name in by_model else "rule" if name in by_rule else "model"
                for name in sorted(by_rule | by_model)}

    def _assemble(self, doc: CommentDoc, state: FlagState, model_version: str | None = None) -> Enrichment:
        model_version = model_version or self._model_version(state)
        if doc.error is not None:
            return Enrichment.failed(doc.id, doc.error, model_version)
        raised = self._raised_flags(doc, state)
        result = Enrichment(
            id=doc.id,
            language=doc.language,
            redacted_text=doc.text,
            flags=[*doc.flags, *raised],
            redactions=doc.redactions,
            model_version=model_version,
        )
        result.flag_sources = raised
        if self.flag_model is not None and doc.flag_probs is not None:
            result.flag_scores = {label: round(p, 4) for label, p in zip(self.flag_model.labels, doc.flag_probs.tolist())}
        result.sentences = [SentenceResult(start=s, end=e, sentiment=None, score=None)
                            for s, e in doc.sentences]
        if not doc.scorable or doc.embedding is None:
            return result
        result.truncated = doc.truncated
        result.embedding = doc.embedding
        result.sentiment = self._sentiment(doc.sentiment_probs[None, :])[0]
        encoded_sentences = self._encoded_sentence_mask(doc)
        sentence_sentiments = self._sentiment(doc.sentence_sentiment_probs)
        for k, sentence in enumerate(result.sentences):
            if encoded_sentences[k]:
                sentence.sentiment = sentence_sentiments[k].label
                sentence.score = sentence_sentiments[k].score
        result.tags = self._tags(doc, result.sentences, encoded_sentences)
        if self.tagger is not None:
            result.tag_scores = {label: round(p, 4) for label, p in zip(self.tagger.labels, doc.tagger_probs.tolist())}
        return result

    def _encoded_sentence_mask(self, doc: CommentDoc) -> list[bool]:
        if not doc.truncated:
            return [True] * len(doc.sentences)
        # Sentences the encoder never saw keep a null sentiment instead of a guess.
        return [start < doc.seen_chars for start, _ in doc.sentences]

    def _sentiment(self, probs: np.ndarray) -> list[Sentiment]:
        labels = self.sentiment.labels
        out = []
        # Plain floats: per-element numpy calls cost more than the arithmetic on a few rows.
        for row in probs.tolist():
            named = {label: round(p, 4) for label, p in zip(labels, row)}
            score = min(1.0, max(-1.0, named.get("positive", 0.0) - named.get("negative", 0.0)))
            out.append(Sentiment(label=labels[row.index(max(row))], score=round(score, 4), probs=named))
        return out

    def _tags(self, doc: CommentDoc, sentences: list[SentenceResult], encoded: list[bool]) -> list[TagResult]:
        model_probs: dict[str, float] = {}
        sentence_probs = None
        if self.tagger is not None:
            model_probs = dict(zip(self.tagger.labels, doc.tagger_probs))
            sentence_probs = doc.sentence_tagger_probs if len(doc.sentence_tagger_probs) else None
        names = set(doc.rule_tags) | {
            label for label, p in model_probs.items() if p >= self.tagger.threshold(label)
        } if self.tagger is not None else set(doc.rule_tags)
        tags = []
        for name in names:
            p_model = float(model_probs.get(name, 0.0))
            by_model = self.tagger is not None and name in model_probs and p_model >= self.tagger.threshold(name)
            by_rule = name in doc.rule_tags
            confidence = 1 - (1 - p_model) * (1 - RULE_PRIOR) if by_rule else p_model
            spans = doc.rule_tags.get(name) or self._model_spans(name, doc, sentence_probs)
            tags.append(TagResult(
                name=name,
                confidence=round(confidence, 4),
                sentiment=_aspect_sentiment(spans, sentences),
                spans=spans,
                source="rule+model" if by_rule and by_model else "rule" if by_rule else "model",
            ))
        return sorted(tags, key=lambda t: (-t.confidence, t.name))

    def _model_spans(self, name: str, doc: CommentDoc, sentence_probs) -> list[tuple[int, int]]:
        if sentence_probs is None or not doc.sentences:
            return [(0, len(doc.text))]
        column = sentence_probs[:, self.tagger.labels.index(name)]
        threshold = self.tagger.threshold(name)
        chosen = [k for k, p in enumerate(column) if p >= threshold] or [int(column.argmax())]
        return [doc.sentences[k] for k in chosen]

    def compare_flags(self, texts: Sequence[str], flag_sets: Sequence[FlagSet],
                      on_step: Callable[[int], None] | None = None) -> list[list[dict[str, str]]]:
        """The flags each configuration of ``flag_sets`` raises on each text, each with what raised
        it: a dry run of flag configurations, with the pipeline's own steps. One spaCy pass and
        (when a configuration lets the model raise a flag) one encoder pass per text, whatever the
        number of configurations; sentiment and tags are not scored."""
        states = [self.compile_flags(flag_set) for flag_set in flag_sets]
        needs_model = self.flag_model is not None and any(
            state.model_flags & set(self.flag_model.labels) for state in states)
        out: list[list[dict[str, str]]] = []
        docs = self._new_docs(list(texts), None)
        for start in range(0, len(docs), STEP_ROWS):
            step = docs[start : start + STEP_ROWS]
            for doc in step:
                self._prepare(doc)
            self._analyse(step, states)
            if needs_model:
                encoding = self._submit_encode(step)
                if encoding is not None:
                    self._take_encoding(step, encoding)
                    self._score_flag_head([d for d in step if d.scorable])
            out.extend([self._raised_flags(doc, state, k) for k, state in enumerate(states)] for doc in step)
            if on_step:
                on_step(len(step))
        return out

    # -- conveniences for lists and frames --------------------------------
    def score_texts(self, texts: Iterable[str]) -> list[dict]:
        return [e.to_record() for e in self.enrich(list(texts))]

    def score_frame(self, frame, text_col: str = "text", id_col: str | None = "id"):
        """One result row per row of ``frame``, on the frame's own index (so it joins back).

        ``id`` comes from ``id_col``; when the frame has no such column and the caller kept
        the default, from the index, as ``voc score`` falls back to row numbers.
        """
        import pandas as pd

        if text_col not in frame.columns:
            raise ValueError(f"no text column {text_col!r}; columns are {list(frame.columns)}")
        if id_col == "id" and "id" not in frame.columns:
            id_col = None
        if id_col and id_col not in frame.columns:
            raise ValueError(f"no id column {id_col!r}; columns are {list(frame.columns)}")
        ids = frame[id_col].tolist() if id_col else frame.index.tolist()
        records = [e.to_record() for e in self.enrich(frame[text_col].tolist(), ids)]
        return pd.DataFrame.from_records(records, index=frame.index)


def _aspect_sentiment(spans: list[tuple[int, int]], sentences: list[SentenceResult]) -> str | None:
    """Sentiment of the sentences a tag's spans fall in (mean score, then label)."""
    if not sentences or not spans:
        return None
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    touched: set[int] = set()
    for start, end in spans:
        # Sentences are ordered and disjoint: the overlapping ones form one run.
        touched.update(range(bisect_right(ends, start), bisect_left(starts, end)))
    scores = [sentences[k].score for k in touched if sentences[k].score is not None]
    if not scores:
        return None
    mean = sum(scores) / len(scores)
    return "negative" if mean <= -0.25 else "positive" if mean >= 0.25 else "neutral"


def shipped_encoder(settings: Settings | None = None, backend: str | None = None) -> Encoder:
    """The encoder (with its adapter) the shipped models read: what new heads are trained on."""
    settings = settings or Settings()
    shipped = registry_path(Path(settings.models_dir), "sentiment")
    adapter = _adapter_for(LinearHead.load(shipped), Path(settings.models_dir)) if shipped else None
    return Encoder(adapter, backend=backend or settings.encoder_backend, max_tokens=settings.max_tokens,
                   cache_dir=settings.resolved_cache_dir)
