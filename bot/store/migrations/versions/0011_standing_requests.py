"""standing requests: "tell me when something like this is listed"

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('standingrequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('search_id', sa.Integer(), nullable=False),
    sa.Column('query', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.Enum('open', 'fulfilled', 'cancelled', name='requeststatus', native_enum=False, length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('fulfilled_code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('fulfilled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('told_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('cancelled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['search_id'], ['searchlog.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'search_id')
    )
    with op.batch_alter_table('standingrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standingrequest_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_standingrequest_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('standingrequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standingrequest_user_id'))
        batch_op.drop_index(batch_op.f('ix_standingrequest_status'))

    op.drop_table('standingrequest')
