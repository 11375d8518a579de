"""subscriptions, alerts and the digest outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 16:31:53.499809
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cataloglock',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('touched_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('query', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('exclude', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('muted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'query', 'exclude')
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_user_id'), ['user_id'], unique=False)

    op.create_table('digest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('since', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('cutoff', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('messages', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sending', 'sent', 'failed', name='digeststatus', native_enum=False, length=16), nullable=False),
    sa.Column('sent_count', sa.Integer(), nullable=False),
    sa.Column('message_ids', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('claimed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'period')
    )
    with op.batch_alter_table('digest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_digest_user_id'), ['user_id'], unique=False)

    op.create_table('sectorsubscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('sector', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('muted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['sector'], ['sector.key'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'sector')
    )
    with op.batch_alter_table('sectorsubscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sectorsubscription_user_id'), ['user_id'], unique=False)

    op.create_table('subscriber',
    sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('frequency', sa.Enum('instant', 'daily', 'weekly', name='frequency', native_enum=False, length=16), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('hour', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('stopped_reason', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('cursor', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('user_id')
    )
    with op.batch_alter_table('subscriber', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscriber_active'), ['active'], unique=False)

    # Existing listings have changed last when they were last updated; the column is filled before it
    # becomes NOT NULL, so the migration also works on a database that already holds a catalog.
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('listing_changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.execute("UPDATE product SET listing_changed_at = updated_at")
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.alter_column('listing_changed_at', existing_type=sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False)
        batch_op.create_index(batch_op.f('ix_product_listing_changed_at'), ['listing_changed_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_listing_changed_at'))
        batch_op.drop_column('listing_changed_at')

    with op.batch_alter_table('subscriber', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscriber_active'))

    op.drop_table('subscriber')
    with op.batch_alter_table('sectorsubscription', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sectorsubscription_user_id'))

    op.drop_table('sectorsubscription')
    with op.batch_alter_table('digest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_user_id'))
        batch_op.drop_index(batch_op.f('ix_digest_status'))

    op.drop_table('digest')
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_user_id'))

    op.drop_table('alert')
    op.drop_table('cataloglock')
