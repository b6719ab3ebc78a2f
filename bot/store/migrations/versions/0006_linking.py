"""one officer on two channels (linking codes, failed tries per account, the chosen channel)
and channels' monthly message budgets

Self-contained (one new table, new nullable or defaulted columns), so it can be re-chained after
other 0006 migrations when branches merge.

Revision ID: 0006_linking
Revises: 0006_web
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0006_linking'
down_revision: str | None = '0006_web'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('channel_usage',
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('sent', sa.Integer(), nullable=False),
    sa.Column('warned', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('channel', 'month', name=op.f('pk_channel_usage'))
    )
    op.create_table('link_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'],
                            name=op.f('fk_link_codes_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_codes'))
    )
    op.create_index(op.f('ix_link_codes_code'), 'link_codes', ['code'], unique=False)
    op.create_index(op.f('ix_link_codes_officer_id'), 'link_codes', ['officer_id'], unique=False)
    with op.batch_alter_table('identities') as batch:
        batch.add_column(sa.Column('link_failures', sa.Integer(), server_default='0',
                                   nullable=False))
        batch.add_column(sa.Column('link_locked_until',
                                   bot.store.models.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('officers') as batch:
        batch.add_column(sa.Column('preferred_channel', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('officers') as batch:
        batch.drop_column('preferred_channel')
    with op.batch_alter_table('identities') as batch:
        batch.drop_column('link_locked_until')
        batch.drop_column('link_failures')
    op.drop_index(op.f('ix_link_codes_officer_id'), table_name='link_codes')
    op.drop_index(op.f('ix_link_codes_code'), table_name='link_codes')
    op.drop_table('link_codes')
    op.drop_table('channel_usage')
