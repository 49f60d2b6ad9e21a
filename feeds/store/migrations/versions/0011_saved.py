"""story and article: `saved_at`, when a user of this database saved it for later

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('story', 'article'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('saved_at', sa.DateTime(timezone=True), nullable=True))
            batch.create_index(f'ix_{table}_saved_at', ['saved_at'])


def downgrade() -> None:
    for table in ('story', 'article'):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f'ix_{table}_saved_at')
            batch.drop_column('saved_at')
