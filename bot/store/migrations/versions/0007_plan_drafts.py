"""official plans being made campaigns on the web console (plan_drafts)

Self-contained (one new table), so it can be re-chained after other migrations when branches
merge.

Revision ID: 0007_plan_drafts
Revises: 0006_linking
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0007_plan_drafts'
down_revision: str | None = '0006_linking'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'plan_drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_name', sa.String(length=255), nullable=False),
        sa.Column('plan_text', sa.Text(), nullable=False),
        sa.Column('draft', sa.JSON(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('created_at', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('updated_at', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('loaded_campaign_id', sa.Integer(), nullable=True),
        sa.Column('loaded_at', bot.store.models.UTCDateTime(), nullable=True),
        sa.Column('loaded_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by'], ['officers.id'],
                                name=op.f('fk_plan_drafts_created_by_officers')),
        sa.ForeignKeyConstraint(['loaded_by'], ['officers.id'],
                                name=op.f('fk_plan_drafts_loaded_by_officers')),
        sa.ForeignKeyConstraint(['loaded_campaign_id'], ['campaigns.id'],
                                name=op.f('fk_plan_drafts_loaded_campaign_id_campaigns')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_drafts')),
    )


def downgrade() -> None:
    op.drop_table('plan_drafts')
