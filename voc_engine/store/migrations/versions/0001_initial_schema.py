"""Initial schema: customers, comments, enrichments, tags, flags, model registry, keys, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("target", sa.String(length=128), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("segment", sa.String(length=100), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("external_id", name=op.f("uq_customers_external_id")),
    )
    op.create_table(
        "erased_keys",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_erased_keys")),
    )
    op.create_table(
        "ingest_checkpoints",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("rows_done", sa.BigInteger(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ingest_checkpoints")),
    )
    op.create_table(
        "model_versions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("version", sa.String(length=300), nullable=False),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("first_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_versions")),
        sa.UniqueConstraint("version", name=op.f("uq_model_versions_version")),
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=50), nullable=True),
        sa.Column("touchpoint", sa.String(length=100), nullable=True),
        sa.Column("journey_stage", sa.String(length=100), nullable=True),
        sa.Column("customer_pk", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("segment", sa.String(length=100), nullable=True),
        sa.Column("text_redacted", sa.Text(), nullable=True),
        sa.Column("text_raw", sa.Text(), nullable=True),
        sa.Column("nps", sa.SmallInteger(), nullable=True),
        sa.Column("csat", sa.SmallInteger(), nullable=True),
        sa.Column("ces", sa.SmallInteger(), nullable=True),
        sa.Column("kpis", sa.JSON(), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_pk"], ["customers.id"], name=op.f("fk_comments_customer_pk_customers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sa.UniqueConstraint("source", "external_id", name=op.f("uq_comments_source_external_id")),
    )
    op.create_index("ix_comments_channel_created_at", "comments", ["channel", "created_at"], unique=False)
    op.create_index("ix_comments_created_at_id", "comments", ["created_at", "id"], unique=False)
    op.create_index("ix_comments_customer_pk", "comments", ["customer_pk"], unique=False)
    op.create_index("ix_comments_touchpoint_created_at", "comments", ["touchpoint", "created_at"], unique=False)

    op.create_table(
        "comment_flags",
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("flag", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name=op.f("fk_comment_flags_comment_id_comments"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("comment_id", "flag", name=op.f("pk_comment_flags")),
    )
    op.create_index("ix_comment_flags_flag_comment_id", "comment_flags", ["flag", "comment_id"], unique=False)

    op.create_table(
        "comment_tags",
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("sentiment", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name=op.f("fk_comment_tags_comment_id_comments"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("comment_id", "name", name=op.f("pk_comment_tags")),
    )
    op.create_index("ix_comment_tags_name_comment_id", "comment_tags", ["name", "comment_id"], unique=False)

    op.create_table(
        "enrichments",
        sa.Column("comment_id", sa.String(length=32), nullable=False),
        sa.Column("model_version", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("sentiment_label", sa.String(length=10), nullable=True),
        sa.Column("sentiment_score", sa.Float(), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.Column("enriched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name=op.f("fk_enrichments_comment_id_comments"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("comment_id", name=op.f("pk_enrichments")),
    )
    op.create_index("ix_enrichments_model_version", "enrichments", ["model_version"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_enrichments_model_version", table_name="enrichments")

    op.drop_table("enrichments")
    op.drop_index("ix_comment_tags_name_comment_id", table_name="comment_tags")

    op.drop_table("comment_tags")
    op.drop_index("ix_comment_flags_flag_comment_id", table_name="comment_flags")

    op.drop_table("comment_flags")
    op.drop_index("ix_comments_touchpoint_created_at", table_name="comments")
    op.drop_index("ix_comments_customer_pk", table_name="comments")
    op.drop_index("ix_comments_created_at_id", table_name="comments")
    op.drop_index("ix_comments_channel_created_at", table_name="comments")

    op.drop_table("comments")
    op.drop_table("model_versions")
    op.drop_table("ingest_checkpoints")
    op.drop_table("erased_keys")
    op.drop_table("customers")
    op.drop_table("audit_log")
    op.drop_table("api_keys")
