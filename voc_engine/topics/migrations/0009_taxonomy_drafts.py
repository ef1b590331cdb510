"""Taxonomy drafts: topics proposed as tagging categories, and the admins' decisions.

Revision ID: 0009_taxonomy_drafts
Revises: 0008_label_corrections
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_taxonomy_drafts"
down_revision = "0008_label_corrections"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "taxonomy_drafts",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("examples", sa.JSON(), nullable=False),
        sa.Column("topic_id", _ID, nullable=False),
        sa.Column("topic_version", sa.String(length=40), nullable=False),
        sa.Column("topic_label", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_by", sa.String(length=100), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxonomy_drafts")),
    )
    op.create_index("ix_taxonomy_drafts_status_id", "taxonomy_drafts", ["status", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_taxonomy_drafts_status_id", table_name="taxonomy_drafts")
    op.drop_table("taxonomy_drafts")
