"""manufacturer profiles, unit claims and introductions

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 12:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('manufacturerprofile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=True),
    sa.Column('source', sa.Enum('chat', 'registry', name='profilesource', native_enum=False, length=16), nullable=False),
    sa.Column('unit_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('company', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('province', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('makes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('processes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('materials', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('machines', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('certifications', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('capacity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('isic_code', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('idle', sa.Boolean(), nullable=False),
    sa.Column('idle_since', sa.Date(), nullable=True),
    sa.Column('knowledge_based', sa.Boolean(), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('unit_id'),
    sa.UniqueConstraint('user_id')
    )
    with op.batch_alter_table('manufacturerprofile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_manufacturerprofile_updated_at'), ['updated_at'], unique=False)

    op.create_table('unitclaim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'approved', 'refused', name='claimstate', native_enum=False, length=16), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('decided_by', sa.BigInteger(), nullable=True),
    sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['profile_id'], ['manufacturerprofile.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('profile_id', 'user_id')
    )
    with op.batch_alter_table('unitclaim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unitclaim_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unitclaim_user_id'), ['user_id'], unique=False)

    op.create_table('introduction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('investor_id', sa.BigInteger(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('asked', 'accepted', 'declined', 'withdrawn', 'removed', name='introductionstate', native_enum=False, length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['investor_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['product_code'], ['product.code'], ),
    sa.ForeignKeyConstraint(['profile_id'], ['manufacturerprofile.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('product_code', 'investor_id', 'profile_id')
    )
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_introduction_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_investor_id'), ['investor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_product_code'), ['product_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_profile_id'), ['profile_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_introduction_profile_id'))
        batch_op.drop_index(batch_op.f('ix_introduction_product_code'))
        batch_op.drop_index(batch_op.f('ix_introduction_investor_id'))
        batch_op.drop_index(batch_op.f('ix_introduction_created_at'))

    op.drop_table('introduction')
    with op.batch_alter_table('unitclaim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unitclaim_user_id'))
        batch_op.drop_index(batch_op.f('ix_unitclaim_profile_id'))

    op.drop_table('unitclaim')
    with op.batch_alter_table('manufacturerprofile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_manufacturerprofile_updated_at'))

    op.drop_table('manufacturerprofile')
