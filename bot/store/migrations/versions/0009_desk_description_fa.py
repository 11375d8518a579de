"""desk description_fa

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 09:00:00.000000

Desks get a Persian description, as listings did in 0004: Persian desk cards show it, and the English one
while it is empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing desks get an empty Persian description; the default only serves this step.
    with op.batch_alter_table('desk', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description_fa', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    with op.batch_alter_table('desk', schema=None) as batch_op:
        batch_op.alter_column('description_fa', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('desk', schema=None) as batch_op:
        batch_op.drop_column('description_fa')
