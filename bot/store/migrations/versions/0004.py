"""prompts and reports

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('prompt_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_prompt_actions_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prompt_actions'))
    )
    with op.batch_alter_table('prompt_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prompt_actions_officer_id'), ['officer_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('phase', sa.String(length=300), nullable=True),
    sa.Column('theme', sa.String(length=300), nullable=True),
    sa.Column('activity', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('link', sa.String(length=1000), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_reports_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_reports_officer_id_officers')),
    sa.ForeignKeyConstraint(['reviewed_by'], ['officers.id'], name=op.f('fk_reports_reviewed_by_officers')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_reports_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_unit_id'), ['unit_id'], unique=False)

    op.create_table('campaign_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('phase_index', sa.Integer(), nullable=False),
    sa.Column('theme_index', sa.Integer(), nullable=False),
    sa.Column('slogan_id', sa.Integer(), nullable=True),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_campaign_days_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['slogan_id'], ['slogans.id'], name=op.f('fk_campaign_days_slogan_id_slogans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_days')),
    sa.UniqueConstraint('campaign_id', 'day', name=op.f('uq_campaign_days_campaign_id'))
    )
    op.create_table('report_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('file_id', sa.String(length=200), nullable=False),
    sa.Column('unique_id', sa.String(length=100), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('path', sa.String(length=300), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('duplicate_of', sa.Integer(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=300), nullable=True),
    sa.Column('created_at', bot.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('stored_at', bot.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_photos_report_id_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_photos'))
    )
    with op.batch_alter_table('report_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_photos_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_photos_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_photos_unique_id'), ['unique_id'], unique=False)

    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prompt_time', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('muted_until', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.drop_column('muted_until')
        batch_op.drop_column('prompt_time')

    with op.batch_alter_table('report_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_photos_unique_id'))
        batch_op.drop_index(batch_op.f('ix_report_photos_sha256'))
        batch_op.drop_index(batch_op.f('ix_report_photos_report_id'))

    op.drop_table('report_photos')
    op.drop_table('campaign_days')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_unit_id'))
        batch_op.drop_index(batch_op.f('ix_reports_officer_id'))
        batch_op.drop_index(batch_op.f('ix_reports_day'))

    op.drop_table('reports')
    with op.batch_alter_table('prompt_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prompt_actions_officer_id'))

    op.drop_table('prompt_actions')
