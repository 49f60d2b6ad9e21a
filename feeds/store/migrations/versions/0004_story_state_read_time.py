"""story: drop `state`; a story's state is computed when read, as of now

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.drop_column('state')


def downgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.add_column(sa.Column('state', sa.String(length=16), nullable=False,
                                   server_default='active'))
