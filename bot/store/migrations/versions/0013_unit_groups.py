"""unit groups (#22): group chats linked to a unit, and deliveries to them

`unit_groups` holds each linked group chat (channel, chat id, unit, who linked it and when; an
unlinked one keeps its row with `unlinked_at`). A delivery goes to an officer or to a group:
`deliveries.officer_id` becomes nullable and `group_id` is added, unique per job like an officer.
Self-contained, so it can be re-chained when branches merge.

Revision ID: 0013_unit_groups
Revises: 0012_scheduled_broadcasts
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = '0013_unit_groups'
down_revision: str | None = '0012_scheduled_broadcasts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'unit_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('chat_id', sa.String(length=64), nullable=False),
        sa.Column('title', bot.store.models.CleanString(length=200), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('linked_by', sa.Integer(), nullable=True),
        sa.Column('linked_at', bot.store.models.UTCDateTime(), nullable=False),
        sa.Column('unlinked_at', bot.store.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['linked_by'], ['officers.id'],
                                name=op.f('fk_unit_groups_linked_by_officers')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                                name=op.f('fk_unit_groups_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_groups')),
        sa.UniqueConstraint('channel', 'chat_id', name=op.f('uq_unit_groups_channel')),
    )
    op.create_index(op.f('ix_unit_groups_unit_id'), 'unit_groups', ['unit_id'], unique=False)
    with op.batch_alter_table('deliveries') as batch:
        batch.alter_column('officer_id', existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f('fk_deliveries_group_id_unit_groups'), 'unit_groups',
                                 ['group_id'], ['id'])
        batch.create_unique_constraint('uq_deliveries_job_group', ['job_id', 'group_id'])
        batch.create_index(batch.f('ix_deliveries_group_id'), ['group_id'], unique=False)


def downgrade() -> None:
    op.execute('DELETE FROM deliveries WHERE officer_id IS NULL')
    with op.batch_alter_table('deliveries') as batch:
        batch.drop_index(batch.f('ix_deliveries_group_id'))
        batch.drop_constraint('uq_deliveries_job_group', type_='unique')
        batch.drop_constraint(batch.f('fk_deliveries_group_id_unit_groups'), type_='foreignkey')
        batch.drop_column('group_id')
        batch.alter_column('officer_id', existing_type=sa.Integer(), nullable=False)
    op.drop_index(op.f('ix_unit_groups_unit_id'), table_name='unit_groups')
    op.drop_table('unit_groups')
