"""Taxonomy drafts: a discovered topic proposed as a new tagging category, and an admin's decision.

An analyst proposes a topic (`TaxonomyService.propose`): the draft keeps a category name
(snake_case, new to the taxonomy in force), a description, the topic's words as phrase rules and
its example comments (redacted text, as stored), who proposed it, when, and from which topic of
which model version. An admin accepts or rejects it; every step is in the audit log.

Accepted drafts are the deployment's *custom categories*: the runtime's pipeline adds them to the
taxonomy it tags with (`StoreCategories`, read before each batch like the stored flag
configuration), so a comment stored after the acceptance is tagged by the new category's
phrase rules, and since the rules are part of the model version, `voc reprocess` re-tags the
comments stored before it. The table belongs to the topics extension (``MIGRATIONS`` of
`voc_engine.topics.hooks`).
"""
from __future__ import annotations

import re
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import Index, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from voc_engine.auth.policy import Principal, authorize
from voc_engine.errors import ConflictError, InvalidArgumentError, NotFoundError
from voc_engine.nlp.redact import redact_free_text
from voc_engine.nlp.taxonomy import Category, Taxonomy
from voc_engine.store.audit import record
from voc_engine.store.models import Base, BigIntPK, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.runtime import Runtime
    from voc_engine.store.repository import FeedbackStore
    from voc_engine.topics.versions import TopicModels

STATUSES: tuple[str, ...] = ("pending", "accepted", "rejected")
PROPOSERS = ("analyst",)  # analysts and admins
DECIDERS = ("admin",)
MAX_DESCRIPTION = 2000
MAX_RULES = 20
MAX_PHRASE = 100
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,99}$")


class TaxonomyDraft(Base):
    __tablename__ = "taxonomy_drafts"
    __table_args__ = (Index("ix_taxonomy_drafts_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    rules: Mapped[dict[str, Any]]  # {"phrases": [...]}: the topic's words, the new category's phrase rules
    examples: Mapped[dict[str, Any]]  # {"comments": [...]}: the topic's example comments, redacted
    topic_id: Mapped[int] = mapped_column(BigIntPK)
    topic_version: Mapped[str] = mapped_column(String(40))
    topic_label: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    proposed_by: Mapped[str] = mapped_column(String(100))
    proposed_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)


def draft_to_dict(row: TaxonomyDraft) -> dict[str, Any]:
    return {
        "id": row.id, "name": row.name, "description": row.description,
        "rules": list(row.rules.get("phrases", [])), "examples": list(row.examples.get("comments", [])),
        "topic": {"id": row.topic_id, "version": row.topic_version, "label": row.topic_label},
        "status": row.status, "proposed_by": row.proposed_by, "proposed_at": row.proposed_at.isoformat(),
        "decided_by": row.decided_by, "decided_at": row.decided_at.isoformat() if row.decided_at else None,
        "decision_note": row.decision_note,
    }


def suggested_name(words: list[str], topic_id: int) -> str:
    """The name a draft gets when none is given: its first two words (`taxonomy_coverage`'s rule)."""
    from voc_engine.topics.taxonomy import _suggested_name

    return _suggested_name(words, topic_id)


def _phrases(words: list[str]) -> list[str]:
    """Phrase rules from a topic's words or a person's lines: lower-case words, no placeholders,
    each once, at most MAX_RULES."""
    seen: list[str] = []
    for word in words:
        phrase = " ".join(re.findall(r"[a-z0-9']+", str(word).lower()))[:MAX_PHRASE]
        if phrase and phrase not in seen and "[" not in str(word):
            seen.append(phrase)
    return seen[:MAX_RULES]


def forget_examples(session, comment_ids: list[str]) -> None:
    """Erasure: the drafts stop quoting the erased comments (inside the erasure transaction)."""
    erased = {str(i) for i in comment_ids}
    for row in session.scalars(select(TaxonomyDraft)).all():
        pairs = list(zip(row.examples.get("comments", []), row.examples.get("ids", [])))
        kept = [(text, i) for text, i in pairs if i not in erased]
        if len(kept) != len(pairs):
            row.examples = {"comments": [t for t, _ in kept], "ids": [i for _, i in kept]}


def default_rules(words: list[str]) -> list[str]:
    """A draft's phrase rules unless the proposer gives others: the topic's phrases of two or more
    words ("no reply", "fee went up"), since a rule alone tags a comment and a lone topic word
    ("app", "account") would tag every comment that says it; the words when it has no phrase."""
    phrases = _phrases(words)
    return [p for p in phrases if " " in p] or phrases


def accepted_categories(store: "FeedbackStore") -> list[Category]:
    """The accepted drafts as taxonomy categories, oldest first (the custom categories)."""
    with store.read_session() as session:
        rows = session.scalars(select(TaxonomyDraft).where(TaxonomyDraft.status == "accepted")
                               .order_by(TaxonomyDraft.id)).all()
        return [Category(name=r.name, description=r.description, rules=list(r.rules.get("phrases", [])),
                         examples=list(r.examples.get("comments", []))[:3]) for r in rows]


def with_custom(base: Taxonomy, custom: list[Category]) -> Taxonomy:
    """``base`` with the custom categories it does not have yet appended."""
    known = set(base.names)
    extra = [c for c in custom if c.name not in known]
    if not extra:
        return base
    return base.model_copy(update={"categories": [*base.categories, *extra]})


class StoreCategories:
    """The custom-category source of a pipeline that tags for this store (`Pipeline.with_categories`):
    one indexed query per batch for the accepted drafts' ids; the categories are read again only
    when those change."""

    def __init__(self, resolve: "Callable[[], FeedbackStore]"):
        self._resolve = resolve
        self._store: "FeedbackStore | None" = None
        self._lock = threading.Lock()
        self._seen: tuple[str, list[Category]] = ("custom:", [])

    @property
    def store(self) -> "FeedbackStore":
        if self._store is None:
            self._store = self._resolve()
        return self._store

    def current(self) -> tuple[str, list[Category]]:
        with self.store.read_session() as session:
            count, newest = session.execute(
                select(func.count(TaxonomyDraft.id), func.max(TaxonomyDraft.id))
                .where(TaxonomyDraft.status == "accepted")).one()
        token = f"custom:{count}:{newest}" if count else "custom:"
        if token != self._seen[0]:
            seen = (token, accepted_categories(self.store) if count else [])
            with self._lock:
                self._seen = seen
        return self._seen


class TaxonomyService:
    """Proposing topics as categories (analysts, admins) and deciding on the drafts (admins)."""

    def __init__(self, store: "FeedbackStore", base_taxonomy: Callable[[], Taxonomy]):
        """``base_taxonomy``: the taxonomy this deployment tags with before its custom categories
        (`voc_engine.nlp.pipeline.deployment_taxonomy`), asked for only when a name is checked."""
        self.store = store
        self._base_taxonomy = base_taxonomy

    # -------------------------------------------------------------- reading
    def taxonomy(self, viewer: Principal) -> Taxonomy:
        """The taxonomy tagging applies: the deployment's, with the accepted custom categories."""
        authorize(viewer, PROPOSERS)
        return with_custom(self._base_taxonomy(), accepted_categories(self.store))

    def custom_names(self, viewer: Principal) -> list[str]:
        authorize(viewer, PROPOSERS)
        return [c.name for c in accepted_categories(self.store)]

    def list_drafts(self, viewer: Principal, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        authorize(viewer, PROPOSERS)
        if status is not None and status not in STATUSES:
            raise InvalidArgumentError(f"unknown draft status {status!r}; choose from {', '.join(STATUSES)}")
        query = select(TaxonomyDraft).order_by(TaxonomyDraft.id.desc()).limit(limit)
        if status is not None:
            query = query.where(TaxonomyDraft.status == status)
        with self.store.read_session() as session:
            return [draft_to_dict(r) for r in session.scalars(query).all()]

    def get_draft(self, viewer: Principal, draft_id: int) -> dict[str, Any]:
        authorize(viewer, PROPOSERS)
        with self.store.read_session() as session:
            row = session.get(TaxonomyDraft, draft_id)
            if row is None:
                raise NotFoundError(f"no taxonomy draft {draft_id}")
            return draft_to_dict(row)

    # -------------------------------------------------------------- proposing
    def propose(self, viewer: Principal, topic_id: int, root: Path, *, name: str | None = None,
                description: str | None = None, rules: list[str] | None = None, version: str | None = None,
                models: "TopicModels | None" = None) -> dict[str, Any]:
        """A draft from topic ``topic_id`` of the active (or a named) topic model version.

        ``rules``: the category's phrase rules (default: `default_rules` of the topic's words).
        A rule alone tags a comment: the proposer edits them, the admin reads them before
        accepting."""
        from voc_engine.topics.versions import load_version

        authorize(viewer, PROPOSERS, write=True)
        topic_set = load_version(version, root, models=models).topics()
        topic = topic_set.find(topic_id)
        name = (name or "").strip() or suggested_name(topic.words, topic.id)
        if not _NAME.match(name):
            raise InvalidArgumentError(f"category name {name!r} must be snake_case (a-z, 0-9, _; 100 characters at most)")
        if name in set(self._base_taxonomy().names) | {c.name for c in accepted_categories(self.store)}:
            raise ConflictError(f"the taxonomy has a category {name!r} already")
        description = redact_free_text((description or "").strip()[:MAX_DESCRIPTION]) or \
            f"Proposed from topic {topic.id} ({topic.label}): {', '.join(topic.words[:6])}"
        given = [redact_free_text(r) for r in rules if r and r.strip()] if rules is not None else None
        phrases = _phrases(given) if given is not None else default_rules(topic.words)
        if not phrases:
            raise InvalidArgumentError("a category needs at least one phrase rule (words, no placeholders)")
        with self.store.write_session() as session, session.begin():
            pending = session.scalar(select(TaxonomyDraft.id).where(
                TaxonomyDraft.status == "pending", TaxonomyDraft.name == name))
            if pending is not None:
                raise ConflictError(f"draft {pending} proposes a category {name!r} already")
            row = TaxonomyDraft(
                name=name, description=description, rules={"phrases": phrases},
                examples={"comments": list(topic.examples), "ids": [str(i) for i in topic.example_ids]},
                topic_id=topic.id,
                topic_version=str(topic_set.version or version or ""), topic_label=topic.label[:200],
                status="pending", proposed_by=viewer.actor[:100], proposed_at=utcnow())
            session.add(row)
            session.flush()
            record(session, viewer.actor, "taxonomy.propose", f"taxonomy_draft:{row.id}",
                   {"name": name, "topic": topic.id, "version": row.topic_version})
            return draft_to_dict(row)

    # -------------------------------------------------------------- deciding
    def accept(self, viewer: Principal, draft_id: int, note: str | None = None) -> dict[str, Any]:
        """The draft's category joins the custom taxonomy: tagging applies it from the next batch."""
        authorize(viewer, DECIDERS, write=True)
        base = set(self._base_taxonomy().names)
        return self._decide(viewer, draft_id, "accepted", note, base)

    def reject(self, viewer: Principal, draft_id: int, note: str | None = None) -> dict[str, Any]:
        authorize(viewer, DECIDERS, write=True)
        return self._decide(viewer, draft_id, "rejected", note, None)

    def _decide(self, viewer: Principal, draft_id: int, status: str, note: str | None,
                base: set[str] | None) -> dict[str, Any]:
        with self.store.write_session() as session, session.begin():
            row = session.get(TaxonomyDraft, draft_id)
            if row is None:
                raise NotFoundError(f"no taxonomy draft {draft_id}")
            if row.status != "pending":
                raise ConflictError(f"taxonomy draft {draft_id} was {row.status} already")
            if base is not None:
                taken = base | set(session.scalars(select(TaxonomyDraft.name).where(
                    TaxonomyDraft.status == "accepted")).all())
                if row.name in taken:
                    raise ConflictError(f"the taxonomy has a category {row.name!r} already")
            row.status, row.decided_by, row.decided_at = status, viewer.actor[:100], utcnow()
            row.decision_note = redact_free_text(note.strip()[:MAX_DESCRIPTION]) if note and note.strip() else None
            record(session, viewer.actor, f"taxonomy.{'accept' if status == 'accepted' else 'reject'}",
                   f"taxonomy_draft:{row.id}", {"name": row.name, "topic": row.topic_id})
            session.flush()
            return draft_to_dict(row)


def taxonomy_service(runtime: "Runtime") -> TaxonomyService:
    """The service over a runtime's store; the base taxonomy is its loaded pipeline's, or the one
    its settings choose (read without loading the encoder)."""
    def base() -> Taxonomy:
        if runtime.pipeline_loaded:
            return runtime.pipeline.taxonomy
        from voc_engine.nlp.pipeline import deployment_taxonomy

        return deployment_taxonomy(runtime.settings)

    return TaxonomyService(runtime.store, base)
