"""The auth's accounts, sessions, refresh tokens and mailed tokens.

Revision ID: 0001_initial
Revises:
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from identity.database import UTCDateTime

revision: str = "0001_initial"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("identity",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_accounts",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("email", sa.String(254), nullable=False, comment="the sign-in email, lower case"),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_login_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_identity_accounts"),
        sa.UniqueConstraint("email", name="uq_identity_accounts_email"),
    )
    op.create_table(
        "identity_sessions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("authenticated_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False, comment="the refresh token's expiry"),
        sa.Column("absolute_expires_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_reason", sa.String(32), nullable=False),
        sa.Column("ip", sa.String(45), nullable=True),
        sa.Column("user_agent", sa.String(256), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_identity_sessions"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["identity_accounts.id"],
            name="fk_identity_sessions_user_id_identity_accounts",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_identity_sessions_user_revoked", "identity_sessions", ["user_id", "revoked_at"])
    op.create_table(
        "identity_refresh_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("spent_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name="pk_identity_refresh_tokens"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["identity_sessions.id"],
            name="fk_identity_refresh_tokens_session_id_identity_sessions",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_identity_refresh_tokens_session_id", "identity_refresh_tokens", ["session_id"])
    op.create_table(
        "identity_one_time_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name="pk_identity_one_time_tokens"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["identity_accounts.id"],
            name="fk_identity_one_time_tokens_user_id_identity_accounts",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_identity_one_time_tokens_user_id", "identity_one_time_tokens", ["user_id"])


def downgrade() -> None:
    op.drop_table("identity_one_time_tokens")
    op.drop_table("identity_refresh_tokens")
    op.drop_table("identity_sessions")
    op.drop_table("identity_accounts")
