"""The table of analysts' corrections.

Declared as a ``voc_engine.extensions`` entry point (pyproject.toml): loading it adds the table
to the feedback store's metadata, and ``MIGRATIONS`` names the folder of its Alembic revisions
(``migrations/0008_label_corrections``). A correction belongs to a comment: the foreign key
cascades, and the erasure hook deletes a comment's corrections in the erasure transaction
itself (a customer's erasure, a quarantine), so none outlives its comment.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from voc_engine.store.models import Base, BigIntPK
from voc_engine.store.rows import chunks

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class LabelCorrection(Base):
    """One analyst's word on one label of one comment: ``field`` (tag or sentiment), the value
    the comment had (None: a tag that was missing) and the right one (None: a wrong tag with no
    replacement)."""

    __tablename__ = "label_corrections"
    __table_args__ = (Index("ix_label_corrections_comment_id_id", "comment_id", "id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    comment_id: Mapped[str] = mapped_column(String(32), ForeignKey("comments.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(16))
    old_value: Mapped[str | None] = mapped_column(String(100))
    new_value: Mapped[str | None] = mapped_column(String(100))
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]


class CorrectionsExtension:
    """What corrections keep for one runtime: its settings, and the tag names of the taxonomy
    its pipeline applies (read once, on the first correction)."""

    def __init__(self, settings: "Settings"):
        self.settings = settings
        self.tag_names: tuple[str, ...] | None = None

    def on_erase(self, session: Session, comment_ids: list[str]) -> None:
        for chunk in chunks(comment_ids):
            session.execute(delete(LabelCorrection).where(LabelCorrection.comment_id.in_(chunk)))


def extension(settings: "Settings") -> CorrectionsExtension:
    return CorrectionsExtension(settings)
