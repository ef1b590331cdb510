"""Topic workflows over the feedback store and over a plain table (the standalone contract).

Store mode fits on stored comments with their stored embeddings and saves a version; trends
and taxonomy coverage read the active version, assigning comments stored since the fit by
their stored embeddings (and remembering those assignments). Standalone mode runs a table's
texts through the pipeline once (redaction and the single encoder pass) and fits on that.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import pandas as pd

from voc_engine.errors import InputFileError, InvalidArgumentError
from voc_engine.periods import business_timezone
from voc_engine.topics.emerging import EmergingTopics, emerging_topics
from voc_engine.topics.fit import FITTED_FILE, METADATA_FILE, OUTLIER, RETURNED_TAGS, TAG_SCORES, TopicModeler, TopicModelError
from voc_engine.topics.taxonomy import TaxonomyCoverage, taxonomy_coverage
from voc_engine.topics.trends import TopicTrends, read_times, topic_trends
from voc_engine.topics.versions import (
    ASSIGNED_FILE,
    append_assignments,
    load_version,
    save_version,
    stored_assignments,
    topics_root,
    version_dir,
)

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import TopicSettings
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.store.filters import CommentFilter
    from voc_engine.store.repository import FeedbackStore

ENRICH_CHUNK = 1000  # texts per pipeline call: bounded memory on large files

log = logging.getLogger(__name__)


def modeler_from_settings(settings: "TopicSettings | None" = None, **overrides: Any) -> TopicModeler:
    """A TopicModeler with the configured brands, stop words and seed (``settings``, default: the
    environment's); overrides win."""
    from voc_engine.config import TopicSettings

    settings = settings or TopicSettings()
    params: dict[str, Any] = {"brands": settings.topic_brands, "extra_stop_words": settings.topic_stop_words,
                              "random_state": settings.topic_seed}
    params.update({k: v for k, v in overrides.items() if v is not None})
    return TopicModeler(**params)


# ---------------------------------------------------------------------------------- store mode
def store_guidance(store: "FeedbackStore", ids: Sequence[str], tags: Sequence[Any],
                   kind: str | None = None) -> tuple[list[Any], str]:
    """What guides the topics of these stored comments, and its kind (``TopicModeler.fit``).

    The tagger's stored scores for every category when every comment has them (on the negative
    airline tweets they separate the complaint reasons better than the few tags returned:
    bench/topics_bench.py); otherwise ``tags``, the comments' returned tags, for all of them,
    so that one fit never mixes the two. ``kind`` forces one: new comments are compared with a
    model as it was fitted (a comment without stored scores then counts as untagged).
    """
    if kind in (None, TAG_SCORES):
        scores = store.read_tag_scores(ids)
        if kind == TAG_SCORES or all(scores):
            return scores, TAG_SCORES
        log.warning("%d of %d comments have no stored tagger scores (enriched before they were kept, or "
                    "without a tagger): topics are guided by their returned tags; `voc reprocess` them to use "
                    "the scores", sum(1 for s in scores if not s), len(scores))
    return list(tags), RETURNED_TAGS


def fit_store(
    store: "FeedbackStore",
    filters: "CommentFilter | None" = None,
    modeler: TopicModeler | None = None,
    root: Path | None = None,
    activate: bool = True,
    sample: int | None = None,
) -> tuple[TopicModeler, str]:
    """Fit on the stored comments matching ``filters`` and save the model as a new version.

    ``sample``: fit on at most this many of them, drawn at random with the modeler's seed, then
    assign every other matching comment to the fitted topics (`assign_store_comments`, as
    `voc topics assign` does), so that each has its topic at once. UMAP and HDBSCAN cost grows
    faster than the number of comments (minutes at 100,000 on two cores: bench/results/topics.md)
    while assigning is one comparison per comment. The topics' sizes, shares and examples are
    then those of the sample; trends count every assigned comment.
    """
    if sample is not None and sample < 1:
        raise InvalidArgumentError(f"sample must be a positive number of comments, not {sample}")
    frame = store.read_frame(filters)
    frame = frame[frame["redacted_text"].fillna("").str.strip() != ""]
    if frame.empty:
        raise TopicModelError("no stored comments with text match these filters")
    modeler = modeler or modeler_from_settings(store.settings.topics)
    matching, sampled = frame, sample is not None and sample < len(frame)
    if sampled:
        picked = np.random.default_rng(modeler.random_state).choice(len(frame), size=sample, replace=False)
        frame = frame.iloc[np.sort(picked)]  # in the store's order, as an unsampled fit
    embeddings = store.read_embeddings(frame["id"].tolist())
    usable = np.isfinite(embeddings).all(axis=1) if embeddings.shape[1] else np.zeros(len(frame), bool)
    frame, embeddings = frame[usable], embeddings[usable]
    if frame.empty:
        raise TopicModelError("none of the matching stored comments has an embedding")
    ids = frame["id"].astype(str).tolist()
    guide, kind = store_guidance(store, ids, frame["tags"].tolist())
    modeler.fit(frame["redacted_text"].tolist(), embeddings, ids=ids, tags=guide, tag_kind=kind,
                sentiment=_column(frame, "sentiment_label"), sentiment_score=_column(frame, "sentiment_score"))
    period = (matching["created_at"].min(), matching["created_at"].max())
    extra: dict[str, Any] = {"source": "store", "comments_from": period[0].isoformat(),
                             "comments_to": period[1].isoformat()}
    if sampled:
        extra["sampled_from"] = len(matching)
    root = root or store_topics_root(store)
    version = save_version(modeler, root=root, activate=activate, extra=extra)
    modeler.topic_set_.version = version
    if sampled:
        assign_store_comments(store, modeler, root / version, matching["id"].astype(str).tolist(),
                              matching["tags"].tolist())
    return modeler, version


def _column(frame: pd.DataFrame, name: str) -> list | None:
    return frame[name].tolist() if name in frame.columns else None


def assign_store_comments(
    store: "FeedbackStore", modeler: TopicModeler, path: Path, ids: Sequence[str],
    tags: Sequence[Any] | None = None,
) -> pd.Series:
    """Topic per comment id (index: id). Comments without an embedding get no topic (NaN).

    ``tags``: the comments' stored tags, in the order of ``ids`` (the store frame's ``tags``
    column), for a model guided by returned tags; without them comments are compared as
    untagged. A model guided by tagger scores reads the stored scores itself.
    """
    ids = [str(i) for i in ids]
    missing, topics = unassigned(path, ids)
    if missing:
        tags_of = dict(zip(ids, tags)) if tags is not None else {}
        new_ids, predicted = predict_store_topics(store, modeler, missing, [tags_of.get(i) for i in missing])
        append_assignments(path, pd.DataFrame({"id": new_ids, "topic": predicted}))
        fresh = pd.Series(predicted.astype("float64"), index=new_ids)
        topics = topics.fillna(fresh.reindex(ids).set_axis(topics.index))
    return topics


def unassigned(path: Path, ids: Sequence[str]) -> tuple[list[str], pd.Series]:
    """The ids the model version at ``path`` has not assigned yet, and the topics of ``ids``
    known so far (NaN for the others)."""
    known = stored_assignments(path).set_index("id")["topic"]
    return [i for i in dict.fromkeys(ids) if i not in known.index], known.reindex(list(ids)).astype("float64")


def predict_store_topics(store: "FeedbackStore", modeler: TopicModeler, ids: Sequence[str],
                         tags: Sequence[Any]) -> tuple[list[str], np.ndarray]:
    """The topics of stored comments by their stored embeddings (and guidance): ``(ids that
    have an embedding, their topics)``; what `assign_store_comments` and the cluster's workers
    (voc_engine.cluster.topics) both call."""
    embeddings = store.read_embeddings(list(ids))
    has_embedding = np.isfinite(embeddings).all(axis=1) if embeddings.shape[1] else np.zeros(len(ids), bool)
    new_ids = [i for i, ok in zip(ids, has_embedding) if ok]
    if not new_ids:
        return [], np.zeros(0, int)
    tags_of = dict(zip(ids, tags))
    guide, _ = store_guidance(store, new_ids, [tags_of.get(i) for i in new_ids], kind=modeler.fitted_tag_kind_)
    return new_ids, modeler.predict(embeddings[has_embedding], tags=guide)


def store_topics_root(store: "FeedbackStore") -> Path:
    """Where the topic models of the store's runtime live ($VOC_DATA_DIR/topics of its settings)."""
    return topics_root(store.settings.data_dir)


def topic_comment_ids(store: "FeedbackStore", topic: int, version: str | None = None,
                      root: Path | None = None) -> list[str]:
    """The ids of the comments the topic model version (the active one by default) has placed in
    ``topic``: those it was fitted on and those assigned since (`voc topics assign`, ingest).
    Kept by the store while the version's files are unchanged (`kept_version_result`)."""
    path = version_dir(version, root or store_topics_root(store))

    def read() -> list[str]:
        assigned = stored_assignments(path)
        return assigned.loc[assigned["topic"] == topic, "id"].astype(str).tolist()

    return list(kept_version_result(store, path, f"topic_ids:{int(topic)}", read))  # a list of the caller's own


def version_files_key(path: Path) -> str:
    """The saved version at ``path`` as its files are now: what a topic result computed from it
    depends on besides the stored comments. Each file is written whole and renamed into place
    (`save_version`, `append_assignments`, `forget_comments` rewrites), so a change gives another
    inode, time or size."""
    parts = [str(path.resolve())]
    for name in (METADATA_FILE, FITTED_FILE, ASSIGNED_FILE):
        try:
            found = (path / name).stat()
        except FileNotFoundError:
            parts.append(f"{name}:none")
        else:
            parts.append(f"{name}:{found.st_ino}:{found.st_mtime_ns}:{found.st_size}")
    return "|".join(parts)


def kept_version_result(store: "FeedbackStore", path: Path, what: str, compute: Any) -> Any:
    """``compute()``, kept by the store (`FeedbackStore.kept_result`: until a write to the stored
    comments) and while the topic model version's files are as they were: a new fit, another
    active version, comments assigned or erased give another key. Callers treat it as read-only.
    A computation that itself assigns new comments leaves its result under the files' old key;
    the next call computes once more over the assignments now complete and keeps that."""
    return store.kept_result(f"topics:{what}:{version_files_key(path)}", compute)


def _store_frame_with_topics(store, version, filters, root):
    path = version_dir(version, root or store_topics_root(store))
    extension = store.extensions.get("topics")
    modeler = load_version(path.name, path.parent, models=extension.models if extension is not None else None)
    frame = store.read_frame(filters)
    if frame.empty:
        raise InputFileError("no stored comments match these filters")
    frame = frame.assign(id=frame["id"].astype(str))
    topics = assign_store_comments(store, modeler, path, frame["id"].tolist(), frame["tags"].tolist())
    frame = frame.assign(topic=topics.to_numpy())
    frame = frame[frame["topic"].notna()].assign(topic=lambda f: f["topic"].astype(int))
    if frame.empty:
        raise InputFileError("none of the matching stored comments has an embedding to assign a topic")
    return modeler, path.name, frame


def store_trends(
    store: "FeedbackStore",
    version: str | None = None,
    filters: "CommentFilter | None" = None,
    period: str = "week",
    tz: str | None = None,
    root: Path | None = None,
    **emerging_options: Any,
) -> tuple[TopicTrends, EmergingTopics]:
    """Topic trends of the stored comments and the emerging-topic alerts (attached to the trends),
    kept by the store while neither the comments nor the model version's files change
    (`kept_version_result`): shared, read-only."""
    tz = tz or business_timezone(store.settings)
    path = version_dir(version, root or store_topics_root(store))

    def compute() -> tuple[TopicTrends, EmergingTopics]:
        modeler, name, frame = _store_frame_with_topics(store, path.name, filters, path.parent)
        labels = {t.id: t.label for t in modeler.topics().topics}
        trends = topic_trends(frame, labels, period=period, tz=tz, version=name)
        emerging = emerging_topics(trends, **emerging_options)
        trends.attach(emerging)
        return trends, emerging

    options = sorted(emerging_options.items())
    return kept_version_result(store, path, f"trends:{filters!r}:{period}:{tz}:{options!r}", compute)


def store_coverage(
    store: "FeedbackStore",
    version: str | None = None,
    filters: "CommentFilter | None" = None,
    root: Path | None = None,
    categories: Sequence[str] | None = None,
    **options: Any,
) -> TaxonomyCoverage:
    """Which topics the stored comments' tags cover (taxonomy: the shipped one by default); kept
    as `store_trends` is."""
    if categories is None:
        from voc_engine.nlp.taxonomy import load_taxonomy

        categories = load_taxonomy().names
    path = version_dir(version, root or store_topics_root(store))

    def compute() -> TaxonomyCoverage:
        modeler, _, frame = _store_frame_with_topics(store, path.name, filters, path.parent)
        return taxonomy_coverage(modeler.topics(), frame["topic"].tolist(), frame["tags"].tolist(),
                                 categories=categories, **options)

    what = f"coverage:{filters!r}:{list(categories)!r}:{sorted(options.items())!r}"
    return kept_version_result(store, path, what, compute)


# ---------------------------------------------------------------------------------- standalone
@dataclass
class TableTopics:
    """A standalone fit: the model, one row per input row (id, topic, label) and, given a time
    column, the trends."""

    modeler: TopicModeler
    assignments: pd.DataFrame
    trends: TopicTrends | None = None
    # Rows whose time could not be read (``read_times``): they keep their topic, without a time.
    untimed_rows: list[dict[str, Any]] = field(default_factory=list)

    def assignment_records(self) -> list[dict[str, Any]]:
        return [{"id": _plain(r.id), "topic": int(r.topic), "label": r.label}
                for r in self.assignments.itertuples(index=False)]


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def fit_table(
    table: pd.DataFrame,
    text_col: str,
    pipeline: "Pipeline",
    id_col: str | None = None,
    time_col: str | None = None,
    modeler: TopicModeler | None = None,
    period: str = "week",
    tz: str = "UTC",
) -> TableTopics:
    """Redact and encode a table's texts in one pipeline pass, then fit topics on them."""
    for column in (text_col, id_col, time_col):
        if column is not None and column not in table.columns:
            raise InputFileError(f"column {column!r} not in the input (columns: {', '.join(map(str, table.columns))})",
                                 column=column)
    table = table.reset_index(drop=True)
    ids = table[id_col].tolist() if id_col else list(range(len(table)))
    # One bad or missing time in a real export must not lose the run: that comment keeps its
    # topic and is left out of the trends, and the row is reported.
    created, untimed = read_times(table[time_col], time_col) if time_col is not None else (None, [])
    for problem in untimed:
        problem["id"] = _plain(ids[problem["row"]])
    texts = table[text_col].tolist()
    redacted: list[str | None] = []
    embeddings: list[np.ndarray | None] = []
    sentiment: list[float] = []
    sentiment_labels: list[str | None] = []
    tags: list[list] = []
    scores: list[dict[str, float]] = []
    for start in range(0, len(texts), ENRICH_CHUNK):
        chunk = texts[start:start + ENRICH_CHUNK]
        for enrichment in pipeline.enrich(chunk, list(range(start, start + len(chunk)))):
            redacted.append(enrichment.redacted_text)
            embeddings.append(enrichment.embedding)
            sentiment.append(enrichment.sentiment.score if enrichment.sentiment else np.nan)
            sentiment_labels.append(enrichment.sentiment.label if enrichment.sentiment else None)
            tags.append(enrichment.tags)
            scores.append(enrichment.tag_scores)
    usable = np.array([e is not None for e in embeddings], dtype=bool)
    if not usable.any():
        raise TopicModelError("no input row could be encoded (empty, non-English or unreadable texts)")
    modeler = modeler or modeler_from_settings()
    rows = np.flatnonzero(usable)
    # As in store mode (store_guidance): the tagger's scores, or the returned tags of a pipeline without a tagger.
    kind = TAG_SCORES if all(scores[i] for i in rows) else RETURNED_TAGS
    guide = scores if kind == TAG_SCORES else tags
    modeler.fit([redacted[i] for i in rows], np.stack([embeddings[i] for i in rows]), ids=[ids[i] for i in rows],
                tags=[guide[i] for i in rows], tag_kind=kind, sentiment=[sentiment_labels[i] for i in rows],
                sentiment_score=[sentiment[i] for i in rows])
    topics = np.full(len(table), OUTLIER, dtype=int)
    topics[rows] = modeler.topics_
    labels = {t.id: t.label for t in modeler.topics().topics}
    assignments = pd.DataFrame({"id": ids, "topic": topics,
                                "label": [labels.get(int(t), "outlier") for t in topics]})
    trends = None
    if time_col is not None:
        frame = pd.DataFrame({"created_at": created, "topic": topics, "sentiment_score": sentiment})
        frame = frame[usable & created.notna().to_numpy()]
        if frame.empty:
            log.warning("no encoded comment has a readable time in column %r: no trends", time_col)
        else:
            trends = topic_trends(frame, labels, period=period, tz=tz, time_col="created_at")
            trends.attach(emerging_topics(trends))
            trends.untimed_rows = [{k: v for k, v in p.items() if k != "value"} for p in untimed]
    return TableTopics(modeler, assignments, trends, untimed)
