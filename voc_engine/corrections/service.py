"""Corrections: who may correct what, which labels are allowed, the audit entry, and the
corrected labels training reads.

A correction is checked against the comment as it reads now, the stored enrichment with every
earlier correction applied in order (`effective_labels`): a tag marked wrong must be one the
comment has, a tag added or given as the right one must be a category of the taxonomy the
pipeline applies and one the comment does not have yet, a sentiment must be one of the
sentiment labels and differ from the current one. Each correction is written with an audit
entry in one transaction. Only analysts (and admins) correct and read corrections: the one
`authorize` decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from sqlalchemy import select

from voc_engine.auth.policy import Principal, authorize
from voc_engine.corrections.models import CorrectionsExtension, LabelCorrection
from voc_engine.errors import ConflictError, InvalidArgumentError, NotFoundError
from voc_engine.schema import SENTIMENT_LABELS
from voc_engine.store.audit import record
from voc_engine.store.models import Comment, EnrichmentRow, utcnow
from voc_engine.store.rows import chunks

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings
    from voc_engine.store.repository import FeedbackStore

FIELDS: tuple[str, ...] = ("tag", "sentiment")
CORRECTORS = ("analyst",)  # analysts, and admins (authorize admits them everywhere)
TRAINING_KINDS: tuple[str, ...] = ("tagger", "sentiment")
KIND_FIELD = {"tagger": "tag", "sentiment": "sentiment"}


class LabelNotAllowedError(InvalidArgumentError):
    """A label that is not one of the allowed values (the API answers 422 naming them)."""

    def __init__(self, what: str, value: str | None, allowed: Sequence[str]):
        self.what, self.value, self.allowed = what, value, tuple(allowed)
        super().__init__(f"{what} {value!r} is not allowed; allowed values: {', '.join(self.allowed)}")


def taxonomy_tag_names(settings: "Settings") -> tuple[str, ...]:
    """The categories of the taxonomy a pipeline built with ``settings`` applies, found as
    `Pipeline.from_paths` finds it (VOC_TAXONOMY_FILE; else the active tagger's own; else the
    shipped taxonomy), without loading the encoder."""
    from voc_engine.nlp.heads import LinearHead
    from voc_engine.nlp.registry import ModelRegistry
    from voc_engine.nlp.taxonomy import load_taxonomy, tagger_taxonomy

    tagger_dir = ModelRegistry(settings).active("tagger").path
    tagger = LinearHead.load(tagger_dir) if tagger_dir is not None and tagger_dir.exists() else None
    if settings.taxonomy_file:
        taxonomy = load_taxonomy(settings.taxonomy_file, labels=tagger.labels if tagger is not None else ())
    elif tagger is not None:
        taxonomy = tagger_taxonomy(tagger)
    else:
        taxonomy = load_taxonomy()
    return tuple(taxonomy.names)


def apply_corrections(tags: Iterable[str], sentiment: str | None,
                      corrections: Iterable[LabelCorrection | dict[str, Any]]) -> tuple[list[str], str | None]:
    """The labels after ``corrections`` (in the order made): a wrong tag leaves, a right or
    missing one joins; a sentiment correction replaces the label."""
    tags = list(tags)
    for c in corrections:
        f, old, new = (c["field"], c["old_value"], c["new_value"]) if isinstance(c, dict) else (c.field, c.old_value, c.new_value)
        if f == "sentiment":
            sentiment = new
            continue
        if old is not None and old in tags:
            tags.remove(old)
        if new is not None and new not in tags:
            tags.append(new)
    return tags, sentiment


@dataclass
class CorrectionList:
    """Corrections, newest first, and the cursor of the next page (the last id shown)."""

    items: list[dict[str, Any]]
    next_cursor: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"corrections": self.items, "next_cursor": self.next_cursor}


@dataclass
class CorrectedExample:
    comment_id: str
    text: str  # the stored, redacted text
    labels: list[str]  # the tags after corrections, or the one corrected sentiment label
    corrections: int


@dataclass
class CorrectedLabels:
    """What training gets from the corrections: each corrected comment with its labels after
    every correction of that kind (``kind``: tagger or sentiment)."""

    kind: str
    examples: list[CorrectedExample] = field(default_factory=list)

    @property
    def corrections(self) -> int:
        return sum(e.corrections for e in self.examples)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "comments": len(self.examples), "corrections": self.corrections,
                "examples": [{"comment_id": e.comment_id, "labels": e.labels, "corrections": e.corrections}
                             for e in self.examples]}


def correction_dict(row: LabelCorrection) -> dict[str, Any]:
    return {"id": row.id, "comment_id": row.comment_id, "field": row.field, "old_value": row.old_value,
            "new_value": row.new_value, "by": row.actor, "at": row.at.isoformat()}


class CorrectionService:
    """Corrections of one store (its corrections extension keeps the taxonomy's names)."""

    def __init__(self, store: "FeedbackStore"):
        self.store = store
        extension = store.extensions.get("corrections")
        self.extension: CorrectionsExtension = extension or CorrectionsExtension(store.settings)

    def allowed_tags(self) -> tuple[str, ...]:
        if self.extension.tag_names is None:
            self.extension.tag_names = taxonomy_tag_names(self.store.settings)
        return self.extension.tag_names

    # ----------------------------------------------------------------- reading
    def effective_labels(self, principal: Principal, comment_id: str) -> dict[str, Any]:
        """A comment's tags and sentiment as the models gave them and after its corrections."""
        authorize(principal, CORRECTORS)
        with self.store.read_session() as session:
            stored_tags, sentiment = self._stored(session, comment_id)
            rows = self._rows(session, [comment_id])
        tags, corrected = apply_corrections(stored_tags, sentiment, rows)
        return {"comment_id": comment_id, "stored": {"tags": stored_tags, "sentiment": sentiment},
                "corrected": {"tags": tags, "sentiment": corrected},
                "corrections": [correction_dict(r) for r in rows]}

    def list(self, principal: Principal, comment_id: str | None = None, field: str | None = None,
             limit: int = 100, cursor: int | None = None) -> CorrectionList:
        authorize(principal, CORRECTORS)
        if field is not None and field not in FIELDS:
            raise LabelNotAllowedError("field", field, FIELDS)
        query = select(LabelCorrection).order_by(LabelCorrection.id.desc()).limit(limit + 1)
        if comment_id is not None:
            query = query.where(LabelCorrection.comment_id == comment_id)
        if field is not None:
            query = query.where(LabelCorrection.field == field)
        if cursor is not None:
            query = query.where(LabelCorrection.id < cursor)
        with self.store.read_session() as session:
            rows = list(session.scalars(query))
        more = len(rows) > limit
        rows = rows[:limit]
        return CorrectionList([correction_dict(r) for r in rows], rows[-1].id if more else None)

    def for_comments(self, principal: Principal, comment_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The corrections of each of ``comment_ids`` (oldest first), for a page of comments."""
        authorize(principal, CORRECTORS)
        with self.store.read_session() as session:
            rows = self._rows(session, list(comment_ids))
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(row.comment_id, []).append(correction_dict(row))
        return out

    # ----------------------------------------------------------------- correcting
    def correct(self, principal: Principal, comment_id: str, field: str, old: str | None = None,
                new: str | None = None) -> dict[str, Any]:
        """Record one correction. ``field`` tag: ``old`` a tag the comment has that is wrong
        (None: ``new`` is a missing tag), ``new`` the right category (None: no tag replaces
        it). ``field`` sentiment: ``new`` the right label (``old``, when given, must be the
        current one)."""
        authorize(principal, CORRECTORS, write=True)
        if field not in FIELDS:
            raise LabelNotAllowedError("field", field, FIELDS)
        old, new = (old or None), (new or None)
        if field == "sentiment" and new not in SENTIMENT_LABELS:
            raise LabelNotAllowedError("sentiment", new, SENTIMENT_LABELS)
        if field == "tag":
            if old is None and new is None:
                raise InvalidArgumentError("a tag correction names the wrong tag, the right one, or both")
            if new is not None and new not in self.allowed_tags():
                raise LabelNotAllowedError("tag", new, self.allowed_tags())
        now = utcnow()
        with self.store.write_session() as session, session.begin():
            stored_tags, stored_sentiment = self._stored(session, comment_id)
            tags, sentiment = apply_corrections(stored_tags, stored_sentiment, self._rows(session, [comment_id]))
            if field == "sentiment":
                if old is not None and old != sentiment:
                    raise ConflictError(f"the comment's sentiment is {sentiment!r} now, not {old!r}")
                if new == sentiment:
                    raise ConflictError(f"the comment's sentiment is {new!r} already")
                old = sentiment
            else:
                if old is not None and old not in tags:
                    raise ConflictError(f"the comment has no tag {old!r} (its tags: {', '.join(tags) or 'none'})")
                if new is not None and new in tags:
                    raise ConflictError(f"the comment has the tag {new!r} already")
            row = LabelCorrection(comment_id=comment_id, field=field, old_value=old, new_value=new,
                                  actor=principal.actor[:100], at=now)
            session.add(row)
            session.flush()
            record(session, principal.actor, "correct_label", f"comment:{comment_id}",
                   {"correction": row.id, "field": field, "old": old, "new": new}, at=now)
            return correction_dict(row)

    # ----------------------------------------------------------------- training
    def corrected_labels(self, principal: Principal, kind: str) -> CorrectedLabels:
        """Every comment with a correction of ``kind``'s field, with its labels after all of
        them (a tagger's: the tags; a sentiment model's: the label). A comment whose
        corrections leave it no tag is kept with no labels: training reports it as left out."""
        authorize(principal, CORRECTORS)
        if kind not in TRAINING_KINDS:
            raise LabelNotAllowedError("kind", kind, TRAINING_KINDS)
        wanted = KIND_FIELD[kind]
        out = CorrectedLabels(kind)
        with self.store.read_session() as session:
            ids = list(session.scalars(select(LabelCorrection.comment_id).where(LabelCorrection.field == wanted)
                                       .group_by(LabelCorrection.comment_id).order_by(LabelCorrection.comment_id)))
            for chunk in chunks(ids):
                rows = self._rows(session, chunk)
                found = session.execute(
                    select(Comment.id, Comment.text_redacted, EnrichmentRow.record)
                    .join(EnrichmentRow, EnrichmentRow.comment_id == Comment.id).where(Comment.id.in_(chunk))
                ).all()
                by_comment: dict[str, list[LabelCorrection]] = {}
                for row in rows:
                    by_comment.setdefault(row.comment_id, []).append(row)
                for comment_id, text, stored in sorted(found):
                    mine = [r for r in by_comment.get(comment_id, []) if r.field == wanted]
                    tags, sentiment = apply_corrections(_tag_names(stored), _sentiment(stored), mine)
                    labels = tags if kind == "tagger" else [sentiment] if sentiment else []
                    out.examples.append(CorrectedExample(comment_id, text or "", labels, len(mine)))
        return out

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _stored(session, comment_id: str) -> tuple[list[str], str | None]:
        stored = session.scalar(select(EnrichmentRow.record).where(EnrichmentRow.comment_id == comment_id))
        if stored is None:
            raise NotFoundError("no such comment")
        return _tag_names(stored), _sentiment(stored)

    @staticmethod
    def _rows(session, comment_ids: list[str]) -> list[LabelCorrection]:
        if not comment_ids:
            return []
        return list(session.scalars(select(LabelCorrection).where(LabelCorrection.comment_id.in_(comment_ids))
                                    .order_by(LabelCorrection.id)))


def _tag_names(stored: dict[str, Any]) -> list[str]:
    return [t["name"] for t in stored.get("tags") or []]


def _sentiment(stored: dict[str, Any]) -> str | None:
    return (stored.get("sentiment") or {}).get("label")

