"""broadcast numbers kept (#23): a broadcast's delivery counts as last counted, and when

Counting a national broadcast's rows (400,000) takes most of a second on PostgreSQL; the
progress reporter counts once a tick and keeps the numbers here, so `loa broadcast status` and
the console read one row while it sends, and a finished one's numbers for good.
Self-contained (nullable columns), so it can be re-chained when branches merge.

Revision ID: 0016_paid_sending
Revises: 0015_morning_scale
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0016_paid_sending'
down_revision: str | None = '0015_morning_scale'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.add_column(sa.Column('counts', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('counted_at', bot.store.models.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.drop_column('counted_at')
        batch.drop_column('counts')
