"""Action plans and their history; outbox rows may concern no case (a plan's reminder).

Revision ID: 0005_action_plans
Revises: 0004_quarantine
Create Date: 2026-12-04
"""

from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0005_action_plans"
down_revision = "0004_quarantine"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


@contextmanager
def _outbox_rebuilt():
    """SQLite changes a column's NULL rule by copying the table and dropping the old one, and
    with foreign keys on (every store connection has them) that drop deletes webhook_deliveries
    by ON DELETE CASCADE: the delivery log is set aside and put back around the copy. The
    pragma cannot be turned off here, inside the migration's transaction."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMP TABLE voc_kept_deliveries AS SELECT * FROM webhook_deliveries")
    yield
    if sqlite:
        op.execute("INSERT INTO webhook_deliveries SELECT * FROM voc_kept_deliveries")
        op.execute("DROP TABLE voc_kept_deliveries")


def upgrade() -> None:
    op.create_table(
        "action_plans",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.JSON(), nullable=True),
        sa.Column("kpi", sa.String(length=40), nullable=False),
        sa.Column("owner_id", _ID, nullable=True),
        sa.Column("team", sa.String(length=100), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("investment", sa.Float(), nullable=False),
        sa.Column("expected_lift", sa.Float(), nullable=True),
        sa.Column("basis", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_action_plans_owner_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plans")),
    )
    op.create_index("ix_action_plans_team_status", "action_plans", ["team", "status"], unique=False)
    op.create_index("ix_action_plans_status_deadline", "action_plans", ["status", "deadline"], unique=False)
    op.create_table(
        "action_plan_events",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("plan_id", _ID, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["action_plans.id"], name=op.f("fk_action_plan_events_plan_id_action_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plan_events")),
    )
    op.create_index("ix_action_plan_events_plan_id_id", "action_plan_events", ["plan_id", "id"], unique=False)
    with _outbox_rebuilt(), op.batch_alter_table("webhook_outbox") as batch:
        batch.alter_column("case_id", existing_type=_ID, nullable=True)


def downgrade() -> None:
    with _outbox_rebuilt(), op.batch_alter_table("webhook_outbox") as batch:
        batch.alter_column("case_id", existing_type=_ID, nullable=False)
    op.drop_index("ix_action_plan_events_plan_id_id", table_name="action_plan_events")
    op.drop_table("action_plan_events")
    op.drop_index("ix_action_plans_status_deadline", table_name="action_plans")
    op.drop_index("ix_action_plans_team_status", table_name="action_plans")
    op.drop_table("action_plans")
