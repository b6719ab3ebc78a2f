"""pushed updates kept before they are answered (inbound_updates); a channel's quota refused
this month (channel_usage.exhausted_at)

Self-contained (one new table, one new nullable column), so it can be re-chained after other
migrations when branches merge.

Revision ID: 0010_inbound_updates
Revises: 0009_worker_key
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0010_inbound_updates'
down_revision: str | None = '0009_worker_key'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'inbound_updates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('update_id', sa.String(length=64), nullable=False),
        sa.Column('sender', sa.String(length=64), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('claimed_by', sa.String(length=100), nullable=True),
        sa.Column('claimed_at', bot.store.models.UTCDateTime(), nullable=True),
        sa.Column('received_at', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('done_at', bot.store.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_inbound_updates')),
        sa.UniqueConstraint('channel', 'update_id',
                            name=op.f('uq_inbound_updates_channel')),
    )
    op.create_index('ix_inbound_updates_queue', 'inbound_updates', ['state', 'id'], unique=False)
    with op.batch_alter_table('channel_usage') as batch:
        batch.add_column(sa.Column('exhausted_at', bot.store.models.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('channel_usage') as batch:
        batch.drop_column('exhausted_at')
    op.drop_index('ix_inbound_updates_queue', table_name='inbound_updates')
    op.drop_table('inbound_updates')
