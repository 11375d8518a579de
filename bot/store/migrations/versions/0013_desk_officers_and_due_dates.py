"""desk officers (grants scoped to desks), each desk's response time, and every lead's due date and reminder day

Revision ID: 0013
Revises: 0010
Create Date: 2026-11-30 09:00:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL_ZONE = 'Asia/Tehran'
_BACKFILL_DAYS = 3


def _backfilled_due(created_at: datetime) -> datetime:
    """The default clock (3 working days, Saturday to Wednesday, no holidays) in Tehran time, frozen here so that
    this migration does not change with the code; the settings' holidays are not known to a migration."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(_BACKFILL_ZONE)
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    day: date = created_at.astimezone(zone).date()
    found = 0
    while found < _BACKFILL_DAYS:
        day += timedelta(days=1)
        if day.weekday() not in (3, 4):
            found += 1
    return datetime.combine(day, time.max, tzinfo=zone).astimezone(UTC)


def upgrade() -> None:
    with op.batch_alter_table('admingrant') as batch:
        batch.add_column(sa.Column('desks', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    with op.batch_alter_table('desk') as batch:
        batch.add_column(sa.Column('response_days', sa.Integer(), nullable=False, server_default='3'))
    with op.batch_alter_table('lead') as batch:
        batch.add_column(sa.Column('due_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('reminded_on', sa.Date(), nullable=True))
        batch.create_index(batch.f('ix_lead_due_at'), ['due_at'], unique=False)
    # Existing leads get the due date they would have had (their desks all answer in the default 3 days).
    stamp = sqlmodel.sql.sqltypes.UTCDateTime()
    lead = sa.table('lead', sa.column('id', sa.Integer()), sa.column('created_at', stamp), sa.column('due_at', stamp))
    connection = op.get_bind()
    for lead_id, created_at in connection.execute(sa.select(lead.c.id, lead.c.created_at)).all():
        connection.execute(lead.update().where(lead.c.id == lead_id).values(due_at=_backfilled_due(created_at)))


def downgrade() -> None:
    with op.batch_alter_table('lead') as batch:
        batch.drop_index(batch.f('ix_lead_due_at'))
        batch.drop_column('reminded_on')
        batch.drop_column('due_at')
    with op.batch_alter_table('desk') as batch:
        batch.drop_column('response_days')
    with op.batch_alter_table('admingrant') as batch:
        batch.drop_column('desks')
