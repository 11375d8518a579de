"""profile flags may be unanswered: idle and knowledge_based are None until the owner answers them

A question skipped in the guided build used to leave False, which the card showed as "No": a claim the owner never
made. Rows written before this revision keep their False (nobody can tell a skip from a "no" there).

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 15:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('manufacturerprofile', schema=None) as batch_op:
        batch_op.alter_column('idle', existing_type=sa.Boolean(), nullable=True)
        batch_op.alter_column('knowledge_based', existing_type=sa.Boolean(), nullable=True)


def downgrade() -> None:
    # The older schema has no "not answered": it read as "no" there.
    op.execute(sa.text("UPDATE manufacturerprofile SET idle = false WHERE idle IS NULL"))
    op.execute(sa.text("UPDATE manufacturerprofile SET knowledge_based = false WHERE knowledge_based IS NULL"))
    with op.batch_alter_table('manufacturerprofile', schema=None) as batch_op:
        batch_op.alter_column('idle', existing_type=sa.Boolean(), nullable=False)
        batch_op.alter_column('knowledge_based', existing_type=sa.Boolean(), nullable=False)
