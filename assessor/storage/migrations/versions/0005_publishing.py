"""Pack version states (draft, proposed, published), who moved them, and the one active version.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("pack_version") as batch:
        # Versions stored before this migration were run by an app: they count as published.
        batch.add_column(sa.Column("state", sa.String(12), nullable=False, server_default="published"))
        batch.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("created_by", sa.String(254), nullable=False, server_default=""))
        batch.add_column(sa.Column("proposed_by", sa.String(254), nullable=True))
        batch.add_column(sa.Column("approved_by", sa.String(254), nullable=True))
        batch.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint("ck_pack_version_state", "state IN ('draft', 'proposed', 'published')")
    op.create_table(
        "active_pack",
        # One row only: the version every app server runs for new assessments.
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pack_version_id", sa.Integer(), sa.ForeignKey("pack_version.id"), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("changed_by", sa.String(254), nullable=False, server_default=""),
        sa.CheckConstraint("id = 1", name="ck_active_pack_one_row"),
    )


def downgrade() -> None:
    """Undo this migration."""
    op.drop_table("active_pack")
    with op.batch_alter_table("pack_version") as batch:
        batch.drop_constraint("ck_pack_version_state", type_="check")
        for column in ("published_at", "approved_by", "proposed_by", "created_by", "note", "state"):
            batch.drop_column(column)
