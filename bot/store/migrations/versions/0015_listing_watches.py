"""listing watches: "tell me if it reopens" on a closed or awarded listing

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 09:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('listingwatch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('product_code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['product_code'], ['product.code'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'product_code')
    )
    with op.batch_alter_table('listingwatch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listingwatch_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('listingwatch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listingwatch_user_id'))
    op.drop_table('listingwatch')
