"""Create the report job ledger and the stored PDF table.

Revision ID: 0003
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0004"  # was "0001"; re-pointed after main brought 0004 (one head for `db upgrade`)
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "report_job",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(12), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_report_job_state_started", "report_job", ["state", "started_at"])
    op.create_table(
        "stored_pdf",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(12), primary_key=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_stored_pdf_created_at", "stored_pdf", ["created_at"])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index("ix_stored_pdf_created_at", table_name="stored_pdf")
    op.drop_table("stored_pdf")
    op.drop_index("ix_report_job_state_started", table_name="report_job")
    op.drop_table("report_job")
