"""Analysts' corrections of tags and sentiment.

Revision ID: 0008_label_corrections
Revises: 0007_customers
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_label_corrections"
down_revision = "0007_customers"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "label_corrections",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("old_value", sa.String(length=100), nullable=True),
        sa.Column("new_value", sa.String(length=100), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"],
                                name=op.f("fk_label_corrections_comment_id_comments"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label_corrections")),
    )
    op.create_index("ix_label_corrections_comment_id_id", "label_corrections", ["comment_id", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_label_corrections_comment_id_id", table_name="label_corrections")
    op.drop_table("label_corrections")
