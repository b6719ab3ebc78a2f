"""the console and the numbers at national size (#23): indexes for a million reports

Newest-first pages and keyset export batches by (day, id); the counts by day range and the
quota progress by campaign answered from an index alone; the duplicates filter; a day's
prompts counted by state. Indexes only, so it can be re-chained when branches merge.

Revision ID: 0017_console_scale
Revises: 0016_paid_sending
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017_console_scale'
down_revision: str | None = '0016_paid_sending'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_reports_day_id', 'reports', ['day', 'id'])
    op.create_index('ix_reports_counting', 'reports',
                    ['day', 'state', 'unit_id', 'campaign_id', 'activity', 'participants',
                     'id'])
    op.create_index('ix_reports_campaign_quota', 'reports',
                    ['campaign_id', 'activity', 'day', 'state', 'unit_id'])
    op.create_index('ix_report_photos_duplicate', 'report_photos', ['report_id'],
                    postgresql_where=sa.text('duplicate_of IS NOT NULL'),
                    sqlite_where=sa.text('duplicate_of IS NOT NULL'))
    op.create_index('ix_deliveries_job_state', 'deliveries', ['job_id', 'state'])


def downgrade() -> None:
    op.drop_index('ix_deliveries_job_state', table_name='deliveries')
    op.drop_index('ix_report_photos_duplicate', table_name='report_photos')
    op.drop_index('ix_reports_campaign_quota', table_name='reports')
    op.drop_index('ix_reports_counting', table_name='reports')
    op.drop_index('ix_reports_day_id', table_name='reports')
