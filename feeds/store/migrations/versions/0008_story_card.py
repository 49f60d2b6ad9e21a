"""story: `card`, the story's headline event as JSON (`feeds.model.eventcodec.dump_card`)

Every existing story is marked stale, so the next refresh builds its card (events
stored before the ontology read with their CAMEO code's default type).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.add_column(sa.Column('card', sa.Text(), nullable=True))
    op.execute(sa.text("UPDATE story SET stale = :yes").bindparams(yes=True))


def downgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.drop_column('card')
