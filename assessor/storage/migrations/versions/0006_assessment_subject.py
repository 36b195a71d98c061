"""The subject of an assessment: the system or product assessed, the level of government and the sector.

Revision ID: 0006_subject
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_subject"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("assessment") as batch:
        # Assessments started before this migration named no subject: empty name, level and sector unknown.
        batch.add_column(sa.Column("system_name", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("government_level", sa.String(20), nullable=True))
        batch.add_column(sa.Column("sector", sa.String(40), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("assessment") as batch:
        batch.drop_column("sector")
        batch.drop_column("government_level")
        batch.drop_column("system_name")
