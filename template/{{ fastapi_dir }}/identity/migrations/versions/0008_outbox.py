"""The outbox: work an answer promised, done after it by the outbox worker.

A branch of its own off the first revision, in every mode, so the revisions a project already
has stay as they were; `python -m identity.migrate` upgrades every head.

Revision ID: 0008_outbox
Revises: 0001_initial
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from identity.database import UTCDateTime

revision: str = "0008_outbox"
down_revision: str | Sequence[str] | None = "0001_initial"
branch_labels: str | Sequence[str] | None = ("outbox",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_outbox_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("task", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_identity_outbox_jobs"),
    )
    op.create_index("ix_identity_outbox_jobs_due_at", "identity_outbox_jobs", ["due_at"])


def downgrade() -> None:
    op.drop_table("identity_outbox_jobs")
