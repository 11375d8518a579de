"""search log: what the searcher told of the answer ("None of these", "Not what I was looking for")

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Searches logged before this revision have no feedback.
    with op.batch_alter_table('searchlog') as batch:
        batch.add_column(sa.Column('feedback', sa.Enum('none_of_these', 'not_what_i_wanted', name='searchfeedback', native_enum=False, length=24), nullable=True))
        batch.add_column(sa.Column('feedback_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('searchlog') as batch:
        batch.drop_column('feedback_at')
        batch.drop_column('feedback')
