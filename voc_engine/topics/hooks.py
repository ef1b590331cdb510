"""Topics as an extension of the store: a runtime's loaded topic model, and erasure.

Declared as a ``voc_engine.extensions`` entry point (pyproject.toml): every store builds one
`TopicsExtension` for its runtime. Its erasure hook takes a customer's comments out of the saved
topic models too (assignments and examples). The files are rewritten inside the erasure call,
before the database transaction commits: should that transaction fail, the comments merely lose
their saved topic (they are assigned again on the next trend query) and stop serving as examples.

Its table, ``taxonomy_drafts`` (topics proposed as tagging categories, `voc_engine.topics.drafts`),
has its revisions in ``MIGRATIONS``; the accepted ones are the custom categories the runtime's
pipeline tags with (`category_source`).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sqlalchemy.orm import Session

from voc_engine.topics.drafts import StoreCategories, forget_examples
from voc_engine.topics.versions import TopicModels, forget_comments, topics_root

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings
    from voc_engine.store.repository import FeedbackStore

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class TopicsExtension:
    def __init__(self, settings: "Settings"):
        self.root = topics_root(settings.data_dir)
        self.models = TopicModels()

    def on_erase(self, session: Session, comment_ids: list[str]) -> None:
        forget_comments(list(comment_ids), root=self.root)
        forget_examples(session, list(comment_ids))

    def category_source(self, store: "Callable[[], FeedbackStore]") -> StoreCategories:
        """The accepted taxonomy drafts of the store ``store()`` finds, for its runtime's pipeline."""
        return StoreCategories(store)


def extension(settings: "Settings") -> TopicsExtension:
    return TopicsExtension(settings)
