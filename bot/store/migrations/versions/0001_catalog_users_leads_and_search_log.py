"""catalog, users, leads and search log

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 15:57:50.589472
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('searchlog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=True),
    sa.Column('query', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('matched', sa.Boolean(), nullable=False),
    sa.Column('top_code', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('searchlog', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_searchlog_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_searchlog_matched'), ['matched'], unique=False)
        batch_op.create_index(batch_op.f('ix_searchlog_user_id'), ['user_id'], unique=False)

    op.create_table('sector',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_fa', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('aliases', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('user',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('pending_note_lead_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('desk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('sector', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_fa', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('program_year', sa.Integer(), nullable=True),
    sa.Column('budget_eur', sa.Integer(), nullable=True),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['sector'], ['sector.key'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('desk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_code'), ['code'], unique=True)
        batch_op.create_index(batch_op.f('ix_desk_sector'), ['sector'], unique=False)

    op.create_table('product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_fa', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('aliases', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hs_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('sector', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('desk', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('annual_import_usd', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('open', 'in_progress', 'awarded', 'closed', name='productstatus', native_enum=False, length=16), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('companies', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['desk'], ['desk.code'], ),
    sa.ForeignKeyConstraint(['sector'], ['sector.key'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_code'), ['code'], unique=True)
        batch_op.create_index(batch_op.f('ix_product_hs_code'), ['hs_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_sector'), ['sector'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_updated_at'), ['updated_at'], unique=False)

    op.create_table('lead',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('product_code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.Enum('new', 'contacted', 'meeting', 'declined', 'closed', name='leadstatus', native_enum=False, length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['product_code'], ['product.code'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'product_code')
    )
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lead_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_lead_product_code'), ['product_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_lead_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lead_user_id'))
        batch_op.drop_index(batch_op.f('ix_lead_product_code'))
        batch_op.drop_index(batch_op.f('ix_lead_created_at'))

    op.drop_table('lead')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_updated_at'))
        batch_op.drop_index(batch_op.f('ix_product_sector'))
        batch_op.drop_index(batch_op.f('ix_product_hs_code'))
        batch_op.drop_index(batch_op.f('ix_product_code'))

    op.drop_table('product')
    with op.batch_alter_table('desk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_sector'))
        batch_op.drop_index(batch_op.f('ix_desk_code'))

    op.drop_table('desk')
    op.drop_table('user')
    op.drop_table('sector')
    with op.batch_alter_table('searchlog', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_searchlog_user_id'))
        batch_op.drop_index(batch_op.f('ix_searchlog_matched'))
        batch_op.drop_index(batch_op.f('ix_searchlog_created_at'))

    op.drop_table('searchlog')
