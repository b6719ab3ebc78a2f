"""web console: one-time sign-in links and browser sessions

Self-contained: only adds `web_links` and `web_sessions`, so it can be re-chained after other
migrations when branches merge.

Revision ID: 0006_web
Revises: 0005_audit
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0006_web'
down_revision: str | None = '0005_audit'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'web_links',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('officer_id', sa.Integer(), nullable=False),
        sa.Column('expires_at', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('used_at', bot.store.models.UTCDateTime(), nullable=True),
        sa.Column('created_at', bot.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['officer_id'], ['officers.id']),
        sa.PrimaryKeyConstraint('token_hash'),
    )
    op.create_table(
        'web_sessions',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('officer_id', sa.Integer(), nullable=False),
        sa.Column('csrf', sa.String(length=64), nullable=False),
        sa.Column('created_at', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('last_seen', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('ended_at', bot.store.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['officer_id'], ['officers.id']),
        sa.PrimaryKeyConstraint('token_hash'),
    )


def downgrade() -> None:
    op.drop_table('web_sessions')
    op.drop_table('web_links')
