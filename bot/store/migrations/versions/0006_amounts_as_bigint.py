"""amounts as 64-bit integers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 02:40:00.000000

Annual imports and desk budgets can pass $2.15B, the limit of PostgreSQL's INTEGER. SQLite's INTEGER
already holds 64 bits (the models say so with a variant), so only PostgreSQL changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (('product', 'annual_import_usd'), ('desk', 'budget_eur'))


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table, column in _COLUMNS:
        op.alter_column(table, column, existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table, column in _COLUMNS:
        op.alter_column(table, column, existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=True)
