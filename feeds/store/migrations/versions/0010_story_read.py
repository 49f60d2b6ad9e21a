"""story: `read_at` (when its articles were last all read) and `unread` (articles since)

Read state is kept with the stories, for every dashboard of the database. An existing
story starts with all its articles unread.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.add_column(sa.Column('read_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('unread', sa.Integer(), nullable=False, server_default='0'))
        batch.create_index('ix_story_unread', ['unread'])
    op.execute(sa.text("UPDATE story SET unread = article_count"))


def downgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.drop_index('ix_story_unread')
        batch.drop_column('unread')
        batch.drop_column('read_at')
