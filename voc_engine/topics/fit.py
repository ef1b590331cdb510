"""Topic discovery: BERTopic over the pipeline's stored embeddings, tuned for feedback.

``TopicModeler`` follows the scikit-learn estimator contract: configure in ``__init__``,
learn in ``fit`` (texts + their precomputed embeddings: no second encoder pass), fitted state in
attributes ending in ``_``, pure ``predict``. What it adds to plain BERTopic:

- the vectorizer reads feedback text without @handles, links, placeholders and brand names
  (:mod:`voc_engine.topics.preprocess`), with English + feedback stop words, so topic words say
  what went wrong rather than whom the customer addressed;
- guided by the taxonomy: each comment's tagger scores (the tagger's probability for every
  category: what it already believes the comment is about) join its embedding in the space
  that is clustered, so comments about the same known issue
  group together even when their tone and wording differ; comments no category claims cluster
  by meaning alone, which is where candidate new categories come from
  (:mod:`voc_engine.topics.taxonomy`);
- HDBSCAN's cluster selection never keeps one cluster of most of the comments over the
  sub-clusters it holds (``max_topic_share``, :mod:`voc_engine.topics.clusters`), so a continuum
  of complaints is not collapsed into two topics;
- a fixed seed makes a fit repeatable (UMAP ``random_state``; HDBSCAN is deterministic);
- words and labels are phrases the topic's comments write, representative of the topic and
  distinctive against the rest, taken from the comments of the topic's majority sentiment and
  shown with its sentiment mix; boilerplate sentences (a closing "Sort it out!") and export
  artefacts never name a topic (:mod:`voc_engine.topics.labels`);
- topics whose comments say the same thing once their boilerplate is left out are merged
  (``merge_similarity``): one complaint is not split by the phrase it ends with;
- topics refined by meaning and words (:mod:`voc_engine.topics.keywords`): each comment,
  outliers included, goes to the topic whose embedding centroid and keyword centroid it
  matches best; with ``keyword_weight=0`` outliers simply join their most similar topic;
- new comments are assigned by the same rule against the same centroids, so a model assigns
  alike before and after it is saved and reloaded (safetensors keeps no UMAP/HDBSCAN).
"""
from __future__ import annotations

import json
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from voc_engine.errors import InputFileError, NotFoundError, VocError
from voc_engine.topics.keywords import KeywordSpace, combined_similarity, merge_topics, refine_topics
from voc_engine.topics.labels import PhraseTable, distinct_labels, find_boilerplate, sentiment_mix, strip_boilerplate, voice_of
from voc_engine.topics.preprocess import TOKEN_PATTERN, FeedbackTextCleaner

log = logging.getLogger(__name__)

OUTLIER = -1
METADATA_FILE = "voc_topics.json"
FITTED_FILE = "assignments.parquet"  # topic per comment the model was fitted on
BERTOPIC_DIR = "bertopic"
FORMAT_VERSION = 1
EXAMPLE_CHARS = 400
GUIDANCE_TENSORS = "guidance.safetensors"
# What guides a fit (see TopicModeler.fit): the tagger's scores for every category, or the tags returned.
TAG_SCORES, RETURNED_TAGS = "scores", "tags"
TAG_KINDS = (TAG_SCORES, RETURNED_TAGS)

# Per comment, the tags its enrichment carries: {name: confidence}, or the enrichment's /
# the store frame's list of {"name": ..., "confidence": ...} dicts (or TagResult objects, or names).
CommentTags = Any


class TopicModelError(VocError):
    """Topics cannot be fitted or used as asked (too few comments, no topic found, not fitted)."""


SENTIMENT_SHORT = {"negative": "neg", "neutral": "neu", "positive": "pos"}


def sentiment_text(mix: dict[str, Any] | None) -> str:
    """"neg 80% · neu 15% · pos 5%" (empty without sentiment): shown next to every label."""
    if not mix:
        return ""
    return " · ".join(f"{short} {mix[name]:.0%}" for name, short in SENTIMENT_SHORT.items())


@dataclass
class Topic:
    """One discovered topic: readable label, top words, size, sentiment mix and example comments.

    ``sentiment``: share of its comments scored negative / neutral / positive, the mean score
    and how many were scored (None when the fit had no sentiment); the label and words come
    from the comments of the majority sentiment when there is one.
    """

    id: int
    label: str
    words: list[str]
    size: int
    examples: list[str] = field(default_factory=list)
    example_ids: list[Any] = field(default_factory=list)
    sentiment: dict[str, Any] | None = None

    def to_dict(self, n_documents: int | None = None) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "label": self.label, "words": self.words, "size": self.size}
        if n_documents is not None:
            record["share"] = round(self.size / max(1, n_documents), 6)
        record["sentiment"] = self.sentiment
        record["examples"] = self.examples
        return record

    def summary(self) -> str:
        mix = sentiment_text(self.sentiment)
        lines = [f"{self.id}: {self.label} ({self.size} comments{'; ' + mix if mix else ''})",
                 f"words: {', '.join(self.words)}"]
        return "\n".join(lines + [f"  - {example}" for example in self.examples])


@dataclass
class TopicSet:
    """The topics of one fitted model: the results object the CLI and the API print.

    ``to_dict()`` is the one JSON shape of a topic model's topics, wherever it is shown
    (``voc topics fit --output``, ``voc topics show --json``, ``GET /v1/topics``).
    """

    topics: list[Topic]
    n_documents: int
    n_outliers: int
    version: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def outlier_share(self) -> float:
        return self.n_outliers / self.n_documents if self.n_documents else 0.0

    def get(self, topic_id: int) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def find(self, topic_id: int) -> Topic:
        """The topic with this id, or a NotFoundError that says which ids there are."""
        try:
            return self.get(topic_id)
        except KeyError:
            model = f" in topic model {self.version}" if self.version else ""
            known = f" (ids 0 to {len(self.topics) - 1})" if self.topics else ""
            raise NotFoundError(f"no topic {topic_id}{model}{known}") from None

    def label_of(self, topic_id: int) -> str:
        return "outlier" if topic_id == OUTLIER else self.get(topic_id).label

    def share_of(self, topic: Topic) -> float:
        return topic.size / max(1, self.n_documents)

    def to_dict(self) -> dict[str, Any]:
        """``{"version", "n_documents", "n_outliers", "outlier_share", "topics": [{"id", "label",
        "words", "size", "share", "sentiment", "examples"}]}``."""
        return {"version": self.version, "n_documents": self.n_documents, "n_outliers": self.n_outliers,
                "outlier_share": round(self.outlier_share, 6),
                "topics": [t.to_dict(self.n_documents) for t in self.topics]}

    def topic_to_dict(self, topic_id: int) -> dict[str, Any]:
        """One topic as in ``to_dict()``, with the model version (NotFoundError for an unknown id)."""
        return {"version": self.version, **self.find(topic_id).to_dict(self.n_documents)}

    def to_frame(self) -> pd.DataFrame:
        rows = [{"id": t.id, "label": t.label, "size": t.size, "share": self.share_of(t),
                 "negative": (t.sentiment or {}).get("negative"), "positive": (t.sentiment or {}).get("positive"),
                 "words": ", ".join(t.words)} for t in self.topics]
        return pd.DataFrame(rows, columns=["id", "label", "size", "share", "negative", "positive", "words"])

    def summary(self, width: int = 100) -> str:
        head = f"{len(self.topics)} topics over {self.n_documents} comments"
        if self.version:
            head += f" (model {self.version})"
        lines = [head + f"; outliers {self.n_outliers} ({self.outlier_share:.1%})"]
        for topic in self.topics:
            mix = sentiment_text(topic.sentiment)
            lines.append(f"  {topic.id:>3}  {topic.size:>6} ({self.share_of(topic):5.1%})  {topic.label}"
                         + (f"  [{mix}]" if mix else ""))
            if topic.examples:
                example = topic.examples[0].replace("\n", " ")
                lines.append(f"         e.g. \"{example[: width - 15]}{'…' if len(example) > width - 15 else ''}\"")
        return "\n".join(lines)


def _auto_min_cluster_size(n_documents: int) -> int:
    # About 0.5 % of the corpus: a few dozen topics at most, whatever the volume.
    return int(np.clip(round(0.005 * n_documents), 10, 500))


def _check_embeddings(embeddings: Any, n_texts: int) -> np.ndarray:
    matrix = np.asarray(embeddings, dtype=np.float32)
    if matrix.ndim != 2:
        raise InputFileError(f"embeddings must be a 2-d matrix, got shape {matrix.shape}")
    if matrix.shape[0] != n_texts:
        raise InputFileError(f"{n_texts} texts but {matrix.shape[0]} embeddings")
    bad = ~np.isfinite(matrix).all(axis=1)
    if bad.any():
        raise InputFileError("embedding missing or not finite", row=int(np.flatnonzero(bad)[0]))
    return matrix


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def _tag_confidences(tags: CommentTags) -> dict[str, float]:
    if tags is None or (isinstance(tags, float) and np.isnan(tags)):
        return {}
    if isinstance(tags, dict):
        return {str(k): float(v) for k, v in tags.items()}
    found: dict[str, float] = {}
    for tag in tags:
        # a tag named without a confidence (a plain name, a label from elsewhere) counts as certain
        if isinstance(tag, str):
            name, confidence = tag, 1.0
        elif isinstance(tag, dict):
            name, confidence = tag["name"], tag.get("confidence", 1.0)
        else:
            name, confidence = tag.name, tag.confidence
        found[str(name)] = max(found.get(str(name), 0.0), float(1.0 if confidence is None else confidence))
    return found


def _sentiment_labels(values: Sequence[Any] | None, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, None, dtype=object)
    return np.array([v if isinstance(v, str) else None for v in values], dtype=object)


def _sentiment_scores(values: Sequence[Any] | None, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    return pd.to_numeric(pd.Series(list(values), dtype="object"), errors="coerce").to_numpy(dtype=float)


def tag_matrix(tags: Sequence[CommentTags], names: Sequence[str]) -> np.ndarray:
    """(n, len(names)) tag confidences; a tag not among ``names`` is ignored, a missing one is 0."""
    column = {name: j for j, name in enumerate(names)}
    matrix = np.zeros((len(tags), len(names)), dtype=np.float32)
    for row, comment_tags in enumerate(tags):
        for name, confidence in _tag_confidences(comment_tags).items():
            if name in column:
                matrix[row, column[name]] = confidence
    return matrix


@contextmanager
def _quiet_bertopic():
    """BERTopic warns about what we do on purpose: topics assigned by us (outlier reduction,
    refinement), saving without a sentence-transformers pointer (our encoder is passed in)."""
    bertopic_log = logging.getLogger("BERTopic")
    level = bertopic_log.level
    bertopic_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        bertopic_log.setLevel(level)


class TopicModeler:
    """BERTopic tuned for customer feedback, fitted on stored embeddings.

    Parameters
    ----------
    n_neighbors, n_components: UMAP (cosine metric, ``min_dist=0``).
    min_cluster_size: HDBSCAN; None picks about 0.5 % of the corpus (10 to 500).
    min_samples: HDBSCAN; None picks half of min_cluster_size (HDBSCAN's own default, all of
        it, lumps small corpora into one or two topics).
    cluster_selection_method: HDBSCAN, "eom" or "leaf".
    max_topic_share: with "eom", no cluster HDBSCAN selects holds more than this share of the
        comments when it has sub-clusters: their own selection stands in for it
        (:mod:`voc_engine.topics.clusters`; None: HDBSCAN's selection as it is). Complaints form
        a continuum more than islands, and eom then keeps one cluster born near the root over
        its many sub-clusters: 860 negative airline tweets of nine reasons gave two topics of
        791 and 69. A theme with no sub-cluster stays one topic whatever its size, and
        refinement and merging may still grow a topic past the share. 0.5, chosen on samples
        of the tuning half of bench/topics_bench.py (0.35 to 0.5 alike; 0.25 splits more,
        0.75 misses a collapse).
    nr_topics: merge topics down to this many (BERTopic's c-TF-IDF reduction); "auto" merges
        topics whose words say the same thing (BERTopic clusters the topics' c-TF-IDF vectors):
        it suits templated comments, many rewordings of one another (the demo's), but on
        100,000 comments of three corpora 30 topics became 6, so None (keep every topic) is the
        default.
    top_n_words: phrases listed per topic (``Topic.words``); label_words: phrases at most in
        a label (each after the first only when it says nearly as much: labels.PhraseTable).
    brands: brand and organisation names kept out of topic words.
    extra_stop_words: further words kept out of topic words.
    representation: BERTopic's own topic representation, saved with its model: "ctfidf"
        (default, plain c-TF-IDF), "keybert", "mmr" or "keybert+mmr". The words and labels
        shown are the phrases of :mod:`voc_engine.topics.labels` whatever this says.
    keyword_weight: weight of the keyword similarity when topics are refined and comments
        assigned (0: embeddings only, no refinement); ``refine_iterations`` rounds at most.
    reduce_outliers: with ``keyword_weight=0``, move outliers to their most similar topic when
        the cosine similarity of their embedding to the topic centroid is at least
        ``outlier_threshold`` (with refinement every outlier joins a topic).
    assign_threshold: ``predict`` gives -1 below this similarity to every topic.
    merge_similarity: topics whose keyword centroids (their comments' words, boilerplate
        sentences left out) have at least this cosine similarity are merged, the most similar
        pair first (None: never): one complaint split by its closing phrase is one topic.
    tag_weight: weight of a comment's taxonomy guidance (tagger scores above the corpus mean,
        or returned tag confidences) next to its unit-length embedding in the clustered space,
        when ``fit`` is given them (0: the embeddings alone). Measured on the negative airline
        tweets, scored by taggers that never saw them: see bench/results/topics.md.
    random_state: the seed; the same seed and data give the same topics.
    embedding_model: BERTopic backend for the labels (default: the shipped encoder, lazily).
    """

    def __init__(
        self,
        *,
        n_neighbors: int = 15,
        n_components: int = 5,
        min_cluster_size: int | None = None,
        min_samples: int | None = None,
        cluster_selection_method: str = "eom",
        nr_topics: int | str | None = None,
        top_n_words: int = 10,
        label_words: int = 3,
        ngram_range: tuple[int, int] = (1, 2),
        representation: str = "ctfidf",
        mmr_diversity: float = 0.3,
        keyword_weight: float = 0.3,
        refine_iterations: int = 10,
        reduce_outliers: bool = True,
        outlier_threshold: float = 0.0,
        assign_threshold: float = 0.0,
        merge_similarity: float | None = 0.8,
        tag_weight: float = 0.6,
        max_topic_share: float | None = 0.5,
        brands: Sequence[str] = (),
        extra_stop_words: Sequence[str] = (),
        n_examples: int = 3,
        random_state: int = 42,
        embedding_model: Any = None,
    ):
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.min_cluster_size = min_cluster_size
        self.min_samples = min_samples
        self.cluster_selection_method = cluster_selection_method
        self.nr_topics = nr_topics
        self.top_n_words = top_n_words
        self.label_words = label_words
        self.ngram_range = tuple(ngram_range)
        self.representation = representation
        self.mmr_diversity = mmr_diversity
        self.keyword_weight = keyword_weight
        self.refine_iterations = refine_iterations
        self.reduce_outliers = reduce_outliers
        self.outlier_threshold = outlier_threshold
        self.assign_threshold = assign_threshold
        self.merge_similarity = merge_similarity
        self.tag_weight = tag_weight
        self.max_topic_share = max_topic_share
        self.brands = tuple(brands)
        self.extra_stop_words = tuple(extra_stop_words)
        self.n_examples = n_examples
        self.random_state = random_state
        self.embedding_model = embedding_model

    # ------------------------------------------------------------------ configuration
    def get_params(self) -> dict[str, Any]:
        return {
            "n_neighbors": self.n_neighbors, "n_components": self.n_components,
            "min_cluster_size": self.min_cluster_size, "min_samples": self.min_samples,
            "cluster_selection_method": self.cluster_selection_method, "nr_topics": self.nr_topics,
            "top_n_words": self.top_n_words, "label_words": self.label_words,
            "ngram_range": list(self.ngram_range), "representation": self.representation,
            "mmr_diversity": self.mmr_diversity, "keyword_weight": self.keyword_weight,
            "refine_iterations": self.refine_iterations, "reduce_outliers": self.reduce_outliers,
            "outlier_threshold": self.outlier_threshold, "assign_threshold": self.assign_threshold,
            "merge_similarity": self.merge_similarity, "tag_weight": self.tag_weight,
            "max_topic_share": self.max_topic_share,
            "brands": list(self.brands), "extra_stop_words": list(self.extra_stop_words),
            "n_examples": self.n_examples, "random_state": self.random_state,
        }

    @property
    def cleaner(self) -> FeedbackTextCleaner:
        return FeedbackTextCleaner(self.brands, self.extra_stop_words)

    def _embedder(self):
        if self.embedding_model is not None:
            return self.embedding_model
        from voc_engine.topics.embedder import EncoderEmbedder  # imports BERTopic: only when fitting

        return EncoderEmbedder()

    def _vectorizer(self):
        from sklearn.feature_extraction.text import CountVectorizer

        # Fitted on one joined document per topic (BERTopic's c-TF-IDF), so no min_df:
        # a word used by one topic alone is what we want to see.
        return CountVectorizer(stop_words=self.cleaner.stop_words, token_pattern=TOKEN_PATTERN,
                               ngram_range=self.ngram_range, lowercase=True)

    def _ctfidf(self):
        from bertopic.vectorizers import ClassTfidfTransformer

        # sqrt term frequency: words every complaint uses ("flight", "service") stop dominating.
        return ClassTfidfTransformer(reduce_frequent_words=True)

    def _representation(self):
        from bertopic.representation import KeyBERTInspired, MaximalMarginalRelevance

        keybert = KeyBERTInspired(top_n_words=self.top_n_words, random_state=self.random_state)
        mmr = MaximalMarginalRelevance(diversity=self.mmr_diversity, top_n_words=self.top_n_words)
        choices = {"keybert+mmr": [keybert, mmr], "keybert": keybert, "mmr": mmr, "ctfidf": None}
        if self.representation not in choices:
            raise TopicModelError(
                f"unknown representation {self.representation!r}: use one of {', '.join(choices)}")
        return choices[self.representation]

    def _bertopic(self, n_documents: int):
        from bertopic import BERTopic
        from umap import UMAP

        from voc_engine.topics.clusters import CappedHDBSCAN

        min_cluster_size = self.min_cluster_size or _auto_min_cluster_size(n_documents)
        min_samples = self.min_samples if self.min_samples is not None else max(1, min_cluster_size // 2)
        umap_model = UMAP(
            n_neighbors=min(self.n_neighbors, n_documents - 1),
            n_components=self.n_components,
            min_dist=0.0,
            metric="cosine",
            random_state=self.random_state,
            low_memory=True,
        )
        hdbscan_model = CappedHDBSCAN(
            max_share=self.max_topic_share,
            min_cluster_size=min_cluster_size,
            min_samples=min_samples,
            metric="euclidean",
            cluster_selection_method=self.cluster_selection_method,
            prediction_data=False,
        )
        return BERTopic(
            embedding_model=self._embedder(),
            umap_model=umap_model,
            hdbscan_model=hdbscan_model,
            vectorizer_model=self._vectorizer(),
            ctfidf_model=self._ctfidf(),
            # Labels are made once, after the final assignment (see fit): not for HDBSCAN's draft.
            representation_model=None,
            top_n_words=self.top_n_words,
            nr_topics=self.nr_topics,
            calculate_probabilities=False,
            verbose=False,
        )

    # ------------------------------------------------------------------ fitting
    def _guidance(self, tags: Sequence[CommentTags] | None, n: int) -> np.ndarray:
        """(n, len(tag_names_)) tag confidences as clustered. Tagger scores count by how much
        they exceed ``tag_offset_`` (a comment without scores counts as a typical one: 0)."""
        tags = tags if tags is not None else [None] * n
        confidences = tag_matrix(tags, self.tag_names_)
        if self.fitted_tag_kind_ != TAG_SCORES:
            return confidences
        scored = np.array([bool(_tag_confidences(t)) for t in tags], dtype=bool)
        excess = np.maximum(confidences - self.tag_offset_, 0.0)
        return np.where(scored[:, None], excess, 0.0).astype(np.float32)

    def _cluster_space(self, matrix: np.ndarray, tags: Sequence[CommentTags] | None) -> np.ndarray:
        """Unit rows of [unit embedding | tag_weight x tag confidences]: what is clustered and
        compared with the topic centroids (the embedding alone for an unguided model)."""
        unit = _unit_rows(np.nan_to_num(matrix))
        if not self.tag_names_:
            return unit
        return _unit_rows(np.hstack([unit, self.tag_weight * self._guidance(tags, len(matrix))]))

    def fit(self, texts: Sequence[str], embeddings: Any, ids: Sequence[Any] | None = None,
            tags: Sequence[CommentTags] | None = None, tag_kind: str = RETURNED_TAGS,
            sentiment: Sequence[str | None] | None = None,
            sentiment_score: Sequence[float | None] | None = None) -> "TopicModeler":
        """Fit on (redacted) texts and their precomputed embeddings, one row per comment.

        ``sentiment``: per comment, its sentiment label (negative / neutral / positive, None when
        not scored) and ``sentiment_score`` its score: each topic reports its sentiment mix, and
        its words and label come from the comments of its majority sentiment.

        ``tags``: per comment, taxonomy categories with confidences, which guide the clustering
        with weight ``tag_weight``; None fits on the embeddings alone. ``tag_kind`` says what
        they are, so that new comments are later compared alike (``fitted_tag_kind_``):
        ``"scores"``, the tagger's probability for every category (``Enrichment.tag_scores``),
        or ``"tags"``, the tags the pipeline returned (after thresholds and phrase rules).
        """
        if tag_kind not in TAG_KINDS:
            raise TopicModelError(f"unknown tag_kind {tag_kind!r}: use one of {', '.join(TAG_KINDS)}")
        started = time.perf_counter()
        texts = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in texts]
        matrix = _check_embeddings(embeddings, len(texts))
        ids = list(ids) if ids is not None else list(range(len(texts)))
        if len(ids) != len(texts):
            raise InputFileError(f"{len(texts)} texts but {len(ids)} ids")
        if tags is not None and len(tags) != len(texts):
            raise InputFileError(f"{len(texts)} texts but {len(tags)} tag lists")
        for name, values in (("sentiment labels", sentiment), ("sentiment scores", sentiment_score)):
            if values is not None and len(values) != len(texts):
                raise InputFileError(f"{len(texts)} texts but {len(values)} {name}")
        self.tag_names_ = []
        self.fitted_tag_kind_ = tag_kind
        if tags is not None and self.tag_weight > 0:
            self.tag_names_ = sorted({name for t in tags for name in _tag_confidences(t)})
        # Tagger scores are dense: every comment has some probability of every category. Taken as
        # they are, or centred on the corpus mean, the many small differences between comments on
        # categories they are not about dominate the clustered space: HDBSCAN's default "eom"
        # selection then finds two to four topics (the negative airline tweets; 600 tweets of all
        # tones). Only what a comment has more of than the typical comment guides it, so the
        # scores guide as sparsely as returned tags do, but graded. Returned tags are kept as they are.
        self.tag_offset_ = np.zeros(len(self.tag_names_), dtype=np.float32)
        if tag_kind == TAG_SCORES and self.tag_names_:
            scored = [t for t in tags if _tag_confidences(t)]
            self.tag_offset_ = tag_matrix(scored, self.tag_names_).mean(axis=0)
        space = self._cluster_space(matrix, tags)
        minimum = max(self.n_components + 2, 2 * (self.min_cluster_size or 10))
        if len(texts) < minimum:
            raise TopicModelError(f"{len(texts)} comments are too few to find topics (need at least {minimum})")
        cleaned = self.cleaner.clean_many(texts)
        # What the words of a comment are about: without sentences many comments repeat next to
        # many different others (a closing "Sort it out!", a greeting).
        self.boilerplate_ = find_boilerplate(cleaned)
        content = self._content(cleaned)
        model = self._bertopic(len(texts))
        topics, _ = model.fit_transform(content, embeddings=space.copy())
        topics = np.asarray(topics, dtype=int)
        if (topics == OUTLIER).all():
            raise TopicModelError(
                "no topic found: every comment is an outlier; lower min_cluster_size or add comments")
        keywords = vectors = None
        if self.keyword_weight > 0 or self.merge_similarity is not None:
            keywords = KeywordSpace.fit(content, self.cleaner.stop_words)
            vectors = keywords.transform(content)
        if self.keyword_weight > 0:
            topics = refine_topics(topics, space, vectors, keywords, self.keyword_weight, self.refine_iterations)
        elif self.reduce_outliers and (topics == OUTLIER).any():
            topics = np.asarray(model.reduce_outliers(content, topics.tolist(), strategy="embeddings",
                                                      embeddings=space, threshold=self.outlier_threshold), dtype=int)
        if self.merge_similarity is not None:
            topics = merge_topics(topics, keywords, vectors, self.merge_similarity)
        if self.keyword_weight <= 0:
            keywords = vectors = None  # merging only: new comments are assigned by their embeddings
        # BERTopic's own c-TF-IDF (and representation) of the final topics, saved with its model
        with _quiet_bertopic():
            model.update_topics(content, topics=topics.tolist(), top_n_words=self.top_n_words,
                                vectorizer_model=self._vectorizer(), ctfidf_model=self._ctfidf(),
                                representation_model=self._representation())
        self.bertopic_ = model
        self.topics_ = topics
        self.ids_ = ids
        self.n_documents_ = len(texts)
        self.topic_ids_ = np.array(sorted(set(topics.tolist()) - {OUTLIER}), dtype=int)
        # Centroids in the clustered space (assignment) and of the embeddings alone (BERTopic's
        # own topic vectors, outlier row first when outliers remain, which it saves).
        embedding_unit = _unit_rows(matrix)
        topic_vectors = _unit_rows(np.stack([embedding_unit[topics == t].mean(axis=0) for t in self.topic_ids_]))
        self.topic_embeddings_ = topic_vectors if not self.tag_names_ else _unit_rows(
            np.stack([space[topics == t].mean(axis=0) for t in self.topic_ids_]))
        self.keyword_space_ = keywords
        self.keyword_centroids_ = keywords.centroids(vectors, topics, self.topic_ids_) if keywords is not None else None
        if (topics == OUTLIER).any():
            topic_vectors = np.vstack([_unit_rows(matrix[topics == OUTLIER].mean(axis=0, keepdims=True)), topic_vectors])
        model.topic_embeddings_ = topic_vectors.copy()
        labels = _sentiment_labels(sentiment, len(texts))
        scores = _sentiment_scores(sentiment_score, len(texts))
        self.topic_set_ = self._topic_set(texts, content, space, topics, ids, labels, scores)
        self.fit_seconds_ = time.perf_counter() - started
        self.fitted_at_ = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return self

    def _content(self, cleaned: Sequence[str]) -> list[str]:
        boilerplate = frozenset(getattr(self, "boilerplate_", ()))
        return [strip_boilerplate(text, boilerplate) for text in cleaned]

    def _topic_set(self, texts: list[str], content: list[str], unit: np.ndarray, topics: np.ndarray,
                   ids: list[Any], sentiment: np.ndarray, scores: np.ndarray) -> TopicSet:
        phrases = PhraseTable(content, self.cleaner.stop_words, max_words=max(self.ngram_range[1], 3),
                              originals=texts)
        result = []
        for row, topic_id in enumerate(self.topic_ids_):
            in_topic = topics == topic_id
            members = np.flatnonzero(in_topic)
            mix = sentiment_mix(sentiment[members].tolist(), scores[members].tolist())
            voice = voice_of(mix)
            speaking = (sentiment == voice) if voice is not None else None
            found = phrases.topic_words(in_topic, speaking, self.top_n_words, self.label_words)
            # Most typical first, of the topic's own voice first; identical texts (retweets,
            # templates) shown once.
            similarity = unit[members] @ self.topic_embeddings_[row]
            order = (members[np.lexsort((-similarity, ~speaking[members]))] if speaking is not None
                     else members[np.argsort(-similarity, kind="stable")])
            examples, example_ids, seen = [], [], set()
            for index in order:
                text = texts[index].strip()
                if not text or text.lower() in seen:
                    continue
                seen.add(text.lower())
                examples.append(text[:EXAMPLE_CHARS] + ("…" if len(text) > EXAMPLE_CHARS else ""))
                example_ids.append(ids[index])
                if len(examples) == self.n_examples:
                    break
            result.append(Topic(int(topic_id), found.label or f"topic {topic_id}", found.words, int(len(members)),
                                examples, example_ids, mix))
        for topic, label in zip(result, distinct_labels([t.label for t in result], [t.words for t in result])):
            topic.label = label
        return TopicSet(result, len(texts), int((topics == OUTLIER).sum()), params=self.get_params())

    # ------------------------------------------------------------------ using a fitted model
    def _check_fitted(self) -> None:
        if not hasattr(self, "topic_embeddings_"):
            raise TopicModelError("this topic model is not fitted yet: call fit() or load()")

    def topics(self) -> TopicSet:
        self._check_fitted()
        return self.topic_set_

    def similarities(self, embeddings: Any, texts: Sequence[str] | None = None,
                     tags: Sequence[CommentTags] | None = None) -> np.ndarray:
        """How well each comment matches each topic, (n, n_topics): the cosine similarity of its
        embedding (next to its tag confidences, for a model guided by tags) to the topic
        centroid, blended with that of its words (given ``texts`` and a model refined with
        keywords), as in the fit. A guided model given no ``tags`` treats the comments as
        untagged."""
        self._check_fitted()
        matrix = np.asarray(embeddings, dtype=np.float32)
        width = self.topic_embeddings_.shape[1] - len(self.tag_names_)
        if matrix.ndim != 2 or matrix.shape[1] != width:
            raise InputFileError(f"embeddings must have shape (n, {width}), got {matrix.shape}")
        if tags is not None and len(tags) != len(matrix):
            raise InputFileError(f"{len(matrix)} embeddings but {len(tags)} tag lists")
        vectors = None
        if texts is not None and self.keyword_space_ is not None:
            if len(texts) != len(matrix):
                raise InputFileError(f"{len(texts)} texts but {len(matrix)} embeddings")
            cleaned = self.cleaner.clean_many("" if t is None else str(t) for t in texts)
            vectors = self.keyword_space_.transform(self._content(cleaned))
        return combined_similarity(self._cluster_space(matrix, tags), self.topic_embeddings_, vectors,
                                   self.keyword_centroids_, self.keyword_weight)

    def predict(self, embeddings: Any, texts: Sequence[str] | None = None,
                tags: Sequence[CommentTags] | None = None) -> np.ndarray:
        """The topic of each new comment (its best-matching topic), -1 below ``assign_threshold``.

        Give the (redacted) ``texts`` and the comments' ``tags`` too for the rule the model was
        fitted with; without them only embeddings are compared. A row without an embedding
        (NaN, e.g. a comment that was not scorable) gets -1.
        """
        matrix = np.asarray(embeddings, dtype=np.float32)
        if len(matrix) == 0:
            return np.zeros(0, dtype=int)
        similarity = self.similarities(matrix, texts, tags)
        best = similarity.argmax(axis=1)
        topics = self.topic_ids_[best]
        missing = ~np.isfinite(matrix).all(axis=1)
        below = similarity[np.arange(len(best)), best] < self.assign_threshold
        return np.where(missing | below, OUTLIER, topics).astype(int)

    def label_of(self, topic_id: int) -> str:
        return self.topics().label_of(int(topic_id))

    def assignments(self) -> pd.DataFrame:
        """The fitted comments' topics: columns id, topic, label."""
        self._check_fitted()
        labels = {t.id: t.label for t in self.topic_set_.topics}
        return pd.DataFrame({
            "id": self.ids_,
            "topic": self.topics_.astype(int),
            "label": [labels.get(int(t), "outlier") for t in self.topics_],
        })

    # ------------------------------------------------------------------ persistence
    def save(self, path: Path | str, version: str | None = None, extra: dict[str, Any] | None = None) -> Path:
        """BERTopic's safetensors serialisation plus this wrapper's metadata and assignments."""
        self._check_fitted()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with _quiet_bertopic():
            self.bertopic_.save(path / BERTOPIC_DIR, serialization="safetensors",
                                save_ctfidf=True, save_embedding_model=False)
        topic_set = self.topic_set_
        metadata = {
            "format": FORMAT_VERSION,
            "version": version,
            "fitted_at": self.fitted_at_,
            "fit_seconds": round(self.fit_seconds_, 3),
            "n_documents": self.n_documents_,
            "n_outliers": topic_set.n_outliers,
            "params": self.get_params(),
            "tag_kind": self.fitted_tag_kind_,
            "boilerplate": list(self.boilerplate_),
            "topics": [dict(t.to_dict(), example_ids=[_jsonable(i) for i in t.example_ids])
                       for t in topic_set.topics],
            **(extra or {}),
        }
        (path / METADATA_FILE).write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
        frame = self.assignments()[["id", "topic"]]
        frame["id"] = frame["id"].map(str)
        frame.to_parquet(path / FITTED_FILE, index=False)
        if self.keyword_space_ is not None:
            self.keyword_space_.save(path, self.keyword_centroids_)
        if self.tag_names_:
            from safetensors.numpy import save_file

            save_file({"centroids": self.topic_embeddings_.astype(np.float32),
                       "tag_offset": np.asarray(self.tag_offset_, dtype=np.float32)},
                      str(path / GUIDANCE_TENSORS), metadata={"tag_names": json.dumps(self.tag_names_)})
        return path

    @classmethod
    def load(cls, path: Path | str, embedding_model: Any = None) -> "TopicModeler":
        from bertopic import BERTopic

        path = Path(path)
        metadata_file = path / METADATA_FILE
        if not metadata_file.exists():
            raise TopicModelError(f"no topic model at {path} ({METADATA_FILE} missing)")
        metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
        params = dict(metadata["params"])
        params["ngram_range"] = tuple(params["ngram_range"])
        modeler = cls(**params, embedding_model=embedding_model)
        backend = modeler._embedder()
        with _quiet_bertopic():
            modeler.bertopic_ = BERTopic.load(str(path / BERTOPIC_DIR), embedding_model=backend)
        model = modeler.bertopic_
        assignments = pd.read_parquet(path / FITTED_FILE)
        modeler.ids_ = assignments["id"].tolist()
        modeler.topics_ = assignments["topic"].to_numpy(dtype=int)
        modeler.n_documents_ = int(metadata["n_documents"])
        modeler.topic_ids_ = np.array([t["id"] for t in metadata["topics"]], dtype=int)
        modeler.boilerplate_ = list(metadata.get("boilerplate", []))  # none before models kept it
        modeler.tag_names_ = []
        # Models saved before tag scores were stored were all guided by the returned tags.
        modeler.fitted_tag_kind_ = metadata.get("tag_kind", RETURNED_TAGS)
        if (path / GUIDANCE_TENSORS).exists():
            from safetensors import safe_open

            with safe_open(str(path / GUIDANCE_TENSORS), framework="numpy") as tensors:
                modeler.tag_names_ = json.loads(tensors.metadata()["tag_names"])
                modeler.topic_embeddings_ = tensors.get_tensor("centroids")
                modeler.tag_offset_ = (tensors.get_tensor("tag_offset") if "tag_offset" in tensors.keys()
                                       else np.zeros(len(modeler.tag_names_), dtype=np.float32))
        else:
            embeddings = np.asarray(model.topic_embeddings_, dtype=np.float32)
            modeler.topic_embeddings_ = _unit_rows(embeddings[model._outliers:])
        keywords = KeywordSpace.load(path, modeler.cleaner.stop_words)
        modeler.keyword_space_, modeler.keyword_centroids_ = keywords if keywords is not None else (None, None)
        modeler.topic_set_ = TopicSet(
            [Topic(t["id"], t["label"], t["words"], t["size"], t["examples"], t.get("example_ids", []),
                   t.get("sentiment")) for t in metadata["topics"]],
            modeler.n_documents_, int(metadata["n_outliers"]), metadata.get("version"), params=metadata["params"],
        )
        modeler.fit_seconds_ = float(metadata.get("fit_seconds", 0.0))
        modeler.fitted_at_ = metadata.get("fitted_at")
        modeler.metadata_ = metadata
        return modeler


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)
