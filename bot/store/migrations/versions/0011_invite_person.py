"""the person an invite from a staff list is for (invites.person)

`loa officers import` keeps each row's name, position and phone with that person's invite, so
that joining does not ask again what the sheet says, and importing the sheet again finds the
invites it made. One nullable column: re-chained easily when branches merge.

Revision ID: 0011_invite_person
Revises: 0010_inbound_updates
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011_invite_person'
down_revision: str | None = '0010_inbound_updates'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('invites', sa.Column('person', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('invites') as batch:
        batch.drop_column('person')
