"""lead notes: a lead keeps every note its investor adds, each with its moment

Until this revision a lead held one note and a second replaced the first (an investor's company and phone number
were lost when they added a line about their factories). Each existing note becomes the lead's first note, dated
when the lead was last updated (the closest moment the old schema kept).

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 23:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Read the notes first: on SQLite, dropping the column rebuilds the lead table, which rows referring to it
    # would forbid.
    notes = op.get_bind().execute(sa.text("SELECT id, note, updated_at FROM lead WHERE note <> ''")).all()
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.drop_column('note')
    op.create_table('leadnote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['lead.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('leadnote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leadnote_lead_id'), ['lead_id'], unique=False)
    for lead_id, text, updated_at in notes:
        op.execute(sa.text("INSERT INTO leadnote (lead_id, text, created_at) VALUES (:lead_id, :text, :at)")
                   .bindparams(lead_id=lead_id, text=text, at=updated_at))


def downgrade() -> None:
    # The older schema holds one note per lead: it gets the newest (the others are lost, as they were then).
    newest = op.get_bind().execute(sa.text("SELECT lead_id, text FROM leadnote ORDER BY created_at, id")).all()
    with op.batch_alter_table('leadnote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leadnote_lead_id'))
    op.drop_table('leadnote')
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    for lead_id, text in dict(newest).items():
        op.execute(sa.text("UPDATE lead SET note = :text WHERE id = :lead_id").bindparams(lead_id=lead_id, text=text))
