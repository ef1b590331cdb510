"""Tables of the feedback store (SQLAlchemy 2.x declarative; Alembic migrations mirror them).

The enrichment keeps the full JSON record of the public contract (what `voc score` prints) so an
idempotent retry returns exactly what the first call returned; tags and flags are repeated in
narrow tables so filters and GROUP BY work in plain SQL on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only aliases the rowid (auto-increment) for a column declared exactly INTEGER.
BigIntPK = BigInteger().with_variant(Integer(), "sqlite")
BIGINT_MAX = 2**63 - 1  # the largest BigIntPK value on both backends (callers validate ids against it)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on every backend.

    SQLite has no time zone type, so values are stored as naive UTC there.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_comment_id() -> str:
    """32 hex characters: 48-bit milliseconds then 80 random bits.

    Generated here rather than by the database so a batch insert with ON CONFLICT DO NOTHING
    tells exactly which rows were new; time-ordered so the primary key index grows at its end.
    """
    return f"{time.time_ns() // 1_000_000:012x}{os.urandom(10).hex()}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)
    segment: Mapped[str | None] = mapped_column(String(100))
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_comments_created_at_id", "created_at", "id"),
        Index("ix_comments_touchpoint_created_at", "touchpoint", "created_at"),
        Index("ix_comments_channel_created_at", "channel", "created_at"),
        Index("ix_comments_customer_pk", "customer_pk"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    source: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    received_at: Mapped[datetime]
    channel: Mapped[str | None] = mapped_column(String(50))
    touchpoint: Mapped[str | None] = mapped_column(String(100))
    journey_stage: Mapped[str | None] = mapped_column(String(100))
    customer_pk: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("customers.id", ondelete="CASCADE"))
    segment: Mapped[str | None] = mapped_column(String(100))
    text_redacted: Mapped[str | None] = mapped_column(Text)
    text_raw: Mapped[str | None] = mapped_column(Text)  # only when Settings.store_raw_text
    nps: Mapped[int | None] = mapped_column(SmallInteger)
    csat: Mapped[int | None] = mapped_column(SmallInteger)
    ces: Mapped[int | None] = mapped_column(SmallInteger)
    kpis: Mapped[dict[str, Any]] = mapped_column(default=dict)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", default=dict)


class EnrichmentRow(Base):
    __tablename__ = "enrichments"
    __table_args__ = (Index("ix_enrichments_model_version", "model_version"),)

    comment_id: Mapped[str] = mapped_column(String(32), ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True)
    model_version: Mapped[str] = mapped_column(String(300))
    language: Mapped[str | None] = mapped_column(String(16))
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    # Enrichment.to_record() without redacted_text (kept once, in comments.text_redacted).
    record: Mapped[dict[str, Any]]
    # float16 bytes (384 x 2 = 768 B per comment), for topic modelling.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The tagger's probability per category, {name: p} (Enrichment.tag_scores), for topic
    # modelling; None for comments enriched without a tagger or before migration 0003.
    tag_scores: Mapped[dict[str, Any] | None]
    enriched_at: Mapped[datetime]


class CommentTag(Base):
    __tablename__ = "comment_tags"
    __table_args__ = (Index("ix_comment_tags_name_comment_id", "name", "comment_id"),)

    comment_id: Mapped[str] = mapped_column(String(32), ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    confidence: Mapped[float] = mapped_column(Float)
    sentiment: Mapped[str | None] = mapped_column(String(10))


class CommentFlag(Base):
    __tablename__ = "comment_flags"
    __table_args__ = (Index("ix_comment_flags_flag_comment_id", "flag", "comment_id"),)

    comment_id: Mapped[str] = mapped_column(String(32), ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True)
    flag: Mapped[str] = mapped_column(String(50), primary_key=True)


class ModelVersion(Base):
    """Registry of every model combination that enriched stored comments."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(300), unique=True)
    components: Mapped[dict[str, Any]]
    first_used_at: Mapped[datetime]


class User(Base):
    """A principal: a person (signs in with a password, may hold API keys) or a named service
    (API keys only). One row per name; `voc_engine.auth.users` keeps them."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(16), server_default="person")  # person | service
    # admin | analyst | lead | agent for a person; ingest | analyst | admin for a service. The
    # default is the least a person can be.
    role: Mapped[str] = mapped_column(String(16), server_default="agent")
    team: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # argon2id in PHC form; None: no sign-in until `voc users reset-password`.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    password_changed_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    # Round-robin: the active team member assigned longest ago gets the next case.
    last_assigned_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (Index("ix_api_keys_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 hex of the key
    prefix: Mapped[str] = mapped_column(String(16))  # shown in listings, identifies without revealing
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # The person or service the key belongs to; None: a key from before owners (an unnamed service).
    user_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id", ondelete="CASCADE"))


class AuthSession(Base):
    """A signed-in browser: only hashes of its cookie token and of its CSRF token are kept."""

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginThrottle(Base):
    """Failed sign-ins per user name (known or not, so a lock-out says nothing of whether a name
    exists) and per client address; `key` is a SHA-256 of ``name:…`` or ``addr:…``."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(128))
    details: Mapped[dict[str, Any]]


class ErasedKey(Base):
    """(source, external_id) of erased comments, hashed: a replayed file cannot bring them back."""

    __tablename__ = "erased_keys"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    erased_at: Mapped[datetime]


class IngestCheckpoint(Base):
    """How far `voc ingest` got in a file; written in the same transaction as the rows."""

    __tablename__ = "ingest_checkpoints"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(100))
    path: Mapped[str] = mapped_column(Text)
    rows_done: Mapped[int] = mapped_column(BigInteger)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]


class QuarantinedComment(Base):
    """A stored comment that could not be read back (`voc db check --fix` moved it here).

    `payload` is the row as ASCII-only JSON (every unencodable character escaped), so it can be
    read, exported and repaired by hand; the live tables no longer hold the comment.
    """

    __tablename__ = "quarantined_comments"

    comment_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    quarantined_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)

