"""People and sign-in: one user model (persons and named services) with a role, passwords,
sessions, the sign-in throttle; API keys get an owner.

What existing data becomes:

* every case user is a person whose role is their old team role (``lead`` or ``agent``), with
  no password until `voc users reset-password`;
* an ``agent`` key linked to a case user (`voc cases users key`) is owned by that person and
  acts with their role from now on, as it did for cases before;
* any other key linked to a user (an admin or analyst key) keeps its role and is owned by no
  one, like every unlinked key: an unnamed service. It kept its powers; only the audit log now
  names it by its key id rather than by the user.

Revision ID: 0006_people
Revises: 0005_action_plans
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_people"
down_revision = "0005_action_plans"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    bind = op.get_bind()
    # Columns are added and dropped in place (SQLite ≥ 3.35 drops a plain column without copying
    # the table): copying `users` would drop the old table, and with foreign keys on that deletes
    # what references it (ON DELETE CASCADE).
    op.add_column("users", sa.Column("kind", sa.String(16), server_default="person", nullable=False))
    op.add_column("users", sa.Column("role", sa.String(16), server_default="agent", nullable=False))
    op.add_column("users", sa.Column("password_hash", sa.String(200), nullable=True))
    op.add_column("users", sa.Column("password_changed_at", _TIME, nullable=True))
    op.add_column("users", sa.Column("last_login_at", _TIME, nullable=True))
    op.add_column("users", sa.Column("disabled_at", _TIME, nullable=True))
    op.execute("UPDATE users SET role = CASE WHEN team_role = 'lead' THEN 'lead' ELSE 'agent' END")
    op.drop_column("users", "team_role")

    links = bind.execute(
        sa.text(
            "SELECT l.api_key_id, l.user_id, u.role FROM user_api_keys l"
            " JOIN api_keys k ON k.id = l.api_key_id JOIN users u ON u.id = l.user_id"
            " WHERE k.role = 'agent'"
        )
    ).all()
    # Dropped before api_keys is rebuilt on SQLite: it references api_keys with ON DELETE CASCADE.
    op.drop_table("user_api_keys")
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("user_id", _ID, nullable=True))
        batch.create_foreign_key(op.f("fk_api_keys_user_id_users"), "users", ["user_id"], ["id"], ondelete="CASCADE")
        batch.create_index(op.f("ix_api_keys_user_id"), ["user_id"])
    for key_id, user_id, role in links:
        bind.execute(
            sa.text("UPDATE api_keys SET user_id = :user, role = :role WHERE id = :key"),
            {"user": user_id, "role": role, "key": key_id},
        )

    op.create_table(
        "auth_sessions",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("csrf_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.Column("last_seen_at", _TIME, nullable=False),
        sa.Column("revoked_at", _TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_auth_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_sessions_token_hash")),
    )
    op.create_index(op.f("ix_auth_sessions_user_id"), "auth_sessions", ["user_id"])
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", _TIME, nullable=False),
        sa.Column("locked_until", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_table("login_throttle")
    op.drop_index(op.f("ix_auth_sessions_user_id"), table_name="auth_sessions")
    op.drop_table("auth_sessions")

    owned = bind.execute(
        sa.text("SELECT k.id, k.user_id FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.kind = 'person'")
    ).all()
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_index(op.f("ix_api_keys_user_id"))
        batch.drop_constraint(op.f("fk_api_keys_user_id_users"), type_="foreignkey")
        batch.drop_column("user_id")
    op.create_table(
        "user_api_keys",
        sa.Column("api_key_id", _ID, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"], ["api_keys.id"], name=op.f("fk_user_api_keys_api_key_id_api_keys"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_api_keys_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("api_key_id", name=op.f("pk_user_api_keys")),
    )
    for key_id, user_id in owned:
        bind.execute(sa.text("INSERT INTO user_api_keys (api_key_id, user_id) VALUES (:k, :u)"),
                     {"k": key_id, "u": user_id})
    # Keys of a person act as case keys again; services had no place before this revision.
    bind.execute(sa.text("UPDATE api_keys SET role = 'agent' WHERE role = 'lead'"))
    bind.execute(sa.text("DELETE FROM users WHERE kind = 'service'"))
    op.add_column("users", sa.Column("team_role", sa.String(16), server_default="agent", nullable=False))
    op.execute("UPDATE users SET team_role = CASE WHEN role = 'lead' THEN 'lead' ELSE 'agent' END")
    for column in ("disabled_at", "last_login_at", "password_changed_at", "password_hash", "role", "kind"):
        op.drop_column("users", column)
