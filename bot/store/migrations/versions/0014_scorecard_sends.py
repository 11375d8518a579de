"""scorecard sends: each desk's weekly scorecard claimed once per week

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 09:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('scorecardsend',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('desk', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('recipients', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('desk', 'week')
    )


def downgrade() -> None:
    op.drop_table('scorecardsend')
