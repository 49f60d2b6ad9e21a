"""article.muted (the [[mute]] rules an article matches, as bits; the outlet index covers
it) and mute_rule (the rules those marks follow)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('article') as batch:
        batch.add_column(sa.Column('muted', sa.BigInteger(), nullable=False, server_default='0'))
        batch.create_index('ix_article_muted', ['muted'], sqlite_where=sa.text('muted != 0'),
                           postgresql_where=sa.text('muted != 0'))  # the muted rows only
    op.drop_index('ix_article_outlet_story', table_name='article')  # the filter reads no row
    op.create_index('ix_article_outlet_story', 'article', ['outlet', 'story_id', 'muted'])
    op.create_table(
        'mute_rule',
        sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('spec', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('position'),
    )


def downgrade() -> None:
    op.drop_table('mute_rule')
    op.drop_index('ix_article_outlet_story', table_name='article')
    op.create_index('ix_article_outlet_story', 'article', ['outlet', 'story_id'])
    with op.batch_alter_table('article') as batch:
        batch.drop_index('ix_article_muted')
        batch.drop_column('muted')
