"""each process's secret-key fingerprint in its heartbeat row (workers.key_check)

`loa doctor` compares them: every process must sign photo links and web sessions with one key.
Self-contained (one nullable column), so it can be re-chained when branches merge.

Revision ID: 0009_worker_key
Revises: 0008_channel_log
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009_worker_key'
down_revision: str | None = '0008_channel_log'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('workers') as batch:
        batch.add_column(sa.Column('key_check', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('workers') as batch:
        batch.drop_column('key_check')
