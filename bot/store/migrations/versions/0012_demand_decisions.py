"""admins' decisions about groups of unmet demand: aliased, listed or dismissed

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('demanddecision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('state', sa.Enum('open', 'aliased', 'listed', 'dismissed', name='demandstate', native_enum=False, length=16), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('wording', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('decided_by', sa.BigInteger(), nullable=False),
    sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('need')
    )


def downgrade() -> None:
    op.drop_table('demanddecision')
