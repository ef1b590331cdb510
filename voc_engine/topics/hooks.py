"""Erasure: a customer's comments leave the saved topic models too (assignments and examples).

Registered as a store erasure hook; declared as a ``voc_engine.extensions`` entry point
(pyproject.toml), so every store loads it. The files are rewritten inside the erasure call, before the
database transaction commits: should that transaction fail, the comments merely lose their
saved topic (they are assigned again on the next trend query) and stop serving as examples.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from voc_engine.store.hooks import register_erasure_hook
from voc_engine.topics.versions import forget_comments


@register_erasure_hook
def forget_erased_comments(session: Session, comment_ids: list[str]) -> None:
    forget_comments(list(comment_ids))
