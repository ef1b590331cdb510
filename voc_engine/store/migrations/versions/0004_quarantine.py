"""Quarantine for stored comments that cannot be read back (`voc db check --fix`).

Revision ID: 0004_quarantine
Revises: 0003_tag_scores
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_quarantine"
down_revision = "0003_tag_scores"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quarantined_comments",
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("quarantined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("comment_id", name=op.f("pk_quarantined_comments")),
    )


def downgrade() -> None:
    op.drop_table("quarantined_comments")
