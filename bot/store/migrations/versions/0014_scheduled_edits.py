"""scheduled edits (#22): a scheduled broadcast's content changed before it starts

`revision` counts the changes of content, so an approver's "Duyệt" names the version they saw
(an older button is refused); `edited_by` is who changed it last, who may not approve it.
Self-contained (two columns), so it can be re-chained when branches merge.

Revision ID: 0014_scheduled_edits
Revises: 0012_scheduled_broadcasts
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014_scheduled_edits'
down_revision: str | None = '0013_unit_groups'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.add_column(sa.Column('revision', sa.Integer(), nullable=False,
                                   server_default='0'))
        batch.add_column(sa.Column('edited_by', sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f('fk_broadcasts_edited_by_officers'), 'officers', ['edited_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.drop_constraint(batch.f('fk_broadcasts_edited_by_officers'), type_='foreignkey')
        batch.drop_column('edited_by')
        batch.drop_column('revision')
