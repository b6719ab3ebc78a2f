"""a broadcast's group chats counted apart from its people

`recipient_groups`: of a started broadcast's `recipients` (its deliveries), how many went to unit
group chats, frozen at the start like `recipients`, so every place states "N người và M nhóm
chat". Filled for broadcasts already started from their deliveries still kept; a broadcast whose
finished deliveries retention has deleted cannot be split again and counts its groups as people.
Self-contained (one column), so it can be re-chained when branches merge.

Revision ID: 0018_broadcast_groups
Revises: 0017_console_scale
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018_broadcast_groups'
down_revision: str | None = '0017_console_scale'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.add_column(sa.Column('recipient_groups', sa.Integer(), nullable=False,
                                   server_default='0'))
    op.execute("UPDATE broadcasts SET recipient_groups = (SELECT count(*) FROM deliveries "
               "WHERE deliveries.job_id = broadcasts.job_id AND deliveries.group_id IS NOT NULL) "
               "WHERE job_id IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.drop_column('recipient_groups')
