"""a national morning (#23): deliveries lose their index on job_id alone

The unique constraint on (job_id, officer_id) already serves every lookup by job (its first
column), so the second index only cost a write per row: 400,000 of them on a national morning.

Revision ID: 0015_morning_scale
Revises: 0014_scheduled_edits
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0015_morning_scale'
down_revision: str | None = '0014_scheduled_edits'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_job_id')


def downgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_deliveries_job_id', ['job_id'], unique=False)
