"""article: index on (outlet, story_id), so filtering stories by outlet name reads the index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_article_outlet_story', 'article', ['outlet', 'story_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_article_outlet_story', table_name='article')
