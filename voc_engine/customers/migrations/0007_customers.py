"""Customers' CRM profiles and the churn models fitted on them.

Revision ID: 0007_customers
Revises: 0005_action_plans
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_customers"
down_revision = "0006_people"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "customer_profiles",
        sa.Column("customer_pk", _ID, nullable=False),
        sa.Column("segment", sa.String(length=100), nullable=True),
        sa.Column("revenue", sa.Float(), nullable=True),
        sa.Column("tenure_months", sa.Float(), nullable=True),
        sa.Column("churned", sa.Boolean(), nullable=True),
        sa.Column("contract_state", sa.String(length=50), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_pk"], ["customers.id"], name=op.f("fk_customer_profiles_customer_pk_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_pk", name=op.f("pk_customer_profiles")),
    )
    op.create_table(
        "churn_models",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("fitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.Column("churn_rate", sa.Float(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("nps_max", sa.Float(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_churn_models")),
    )


def downgrade() -> None:
    op.drop_table("churn_models")
    op.drop_table("customer_profiles")
