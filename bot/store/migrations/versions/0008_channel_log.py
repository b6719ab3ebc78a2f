"""a log of each exchange with a platform (channel_log)

Revision ID: 0008_channel_log
Revises: 0007_plan_drafts
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0008_channel_log'
down_revision: str | None = '0007_plan_drafts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'channel_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('direction', sa.String(length=3), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('chat_id', sa.String(length=64), nullable=True),
        sa.Column('delivery_id', sa.Integer(), nullable=True),
        sa.Column('update_id', sa.String(length=64), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('status', sa.Integer(), nullable=True),
        sa.Column('elapsed_ms', sa.Integer(), nullable=True),
        sa.Column('error', sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_channel_log')),
    )
    op.create_index(op.f('ix_channel_log_at'), 'channel_log', ['at'])
    op.create_index(op.f('ix_channel_log_chat_id'), 'channel_log', ['chat_id'])
    op.create_index(op.f('ix_channel_log_delivery_id'), 'channel_log', ['delivery_id'])


def downgrade() -> None:
    op.drop_table('channel_log')
