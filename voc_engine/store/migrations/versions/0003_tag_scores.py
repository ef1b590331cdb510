"""Enrichments keep the tagger's score for every category (topic discovery reads them).

Revision ID: 0003_tag_scores
Revises: 0002_alerting
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_tag_scores"
down_revision = "0002_alerting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: comments enriched before this revision have none until they are reprocessed.
    with op.batch_alter_table("enrichments") as batch:
        batch.add_column(sa.Column("tag_scores", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("enrichments") as batch:
        batch.drop_column("tag_scores")
