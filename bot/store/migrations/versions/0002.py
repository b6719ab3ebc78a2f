"""jobs, deliveries, broadcasts, slogans

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs')),
    sa.UniqueConstraint('key', name=op.f('uq_jobs_key'))
    )
    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.Column('message_id', sa.String(length=32), nullable=True),
    sa.Column('not_before', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=100), nullable=True),
    sa.Column('claimed_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_deliveries_job_id_jobs')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_deliveries_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('job_id', 'officer_id', name=op.f('uq_deliveries_job_id'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index('ix_deliveries_queue', ['state', 'priority', 'id'], unique=False)

    op.create_table('slogans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('proposed_by', sa.Integer(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['decided_by'], ['officers.id'], name=op.f('fk_slogans_decided_by_officers')),
    sa.ForeignKeyConstraint(['proposed_by'], ['officers.id'], name=op.f('fk_slogans_proposed_by_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_slogans'))
    )
    op.create_table('broadcasts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('slogan_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('progress_channel', sa.String(length=16), nullable=True),
    sa.Column('progress_chat', sa.String(length=64), nullable=True),
    sa.Column('progress_message', sa.String(length=32), nullable=True),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['officers.id'], name=op.f('fk_broadcasts_author_id_officers')),
    sa.ForeignKeyConstraint(['decided_by'], ['officers.id'], name=op.f('fk_broadcasts_decided_by_officers')),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_broadcasts_job_id_jobs')),
    sa.ForeignKeyConstraint(['slogan_id'], ['slogans.id'], name=op.f('fk_broadcasts_slogan_id_slogans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_broadcasts'))
    )


def downgrade() -> None:
    op.drop_table('broadcasts')
    op.drop_table('slogans')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_queue')
        batch_op.drop_index(batch_op.f('ix_deliveries_officer_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_job_id'))

    op.drop_table('deliveries')
    op.drop_table('jobs')
