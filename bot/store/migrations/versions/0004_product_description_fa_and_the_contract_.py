"""product description_fa, and the contract sectors as reference data

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 02:30:00.000000

Sectors are reference data: every other table and file names them by key, so a database must know them
before anything is imported. This migration inserts the sectors of ``seed_data/sectors.csv`` that the
database does not hold yet (a database seeded before keeps its rows as they are); desks and listings stay
in ``matchbot seed``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import seed_data
from bot.services.catalog_csv import parse_sectors

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing listings get an empty Persian description; the default only serves this step.
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description_fa', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.alter_column('description_fa', server_default=None)

    sector = sa.table('sector', sa.column('key', sa.String), sa.column('name_en', sa.String),
                      sa.column('name_fa', sa.String), sa.column('aliases', sa.String))
    connection = op.get_bind()
    known = set(connection.execute(sa.select(sector.c.key)).scalars())
    rows = parse_sectors(seed_data.files().joinpath('sectors.csv').read_text(encoding='utf-8'))
    missing = [row for row in rows if row['key'] not in known]
    if missing:
        connection.execute(sa.insert(sector), missing)


def downgrade() -> None:
    # The sectors stay: desks and listings may name them by now.
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('description_fa')
