"""search log: whether related suggestions were shown

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 02:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('searchlog') as batch:
        batch.add_column(sa.Column('related_shown', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('searchlog') as batch:
        batch.drop_column('related_shown')
