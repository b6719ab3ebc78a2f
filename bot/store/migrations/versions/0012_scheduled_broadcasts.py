"""scheduled broadcasts (#22): when a broadcast goes out, whether it repeats yearly, and its key date

A broadcast with `scheduled_at` waits in state `scheduled` until the schedules' tick starts it.
Self-contained (nullable columns and an index), so it can be re-chained when branches merge.

Revision ID: 0012_scheduled_broadcasts
Revises: 0011_invite_person
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0012_scheduled_broadcasts'
down_revision: str | None = '0011_invite_person'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.add_column(sa.Column('scheduled_at', bot.store.models.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('repeat_yearly', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column('key_date', sa.String(length=200), nullable=True))
    op.create_index('ix_broadcasts_state_scheduled_at', 'broadcasts', ['state', 'scheduled_at'])


def downgrade() -> None:
    op.drop_index('ix_broadcasts_state_scheduled_at', table_name='broadcasts')
    with op.batch_alter_table('broadcasts') as batch:
        batch.drop_column('key_date')
        batch.drop_column('repeat_yearly')
        batch.drop_column('scheduled_at')
