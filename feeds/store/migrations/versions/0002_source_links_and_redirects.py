"""source: moved_to and http_status; article_source links an article to every source that carried it

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('source') as batch:
        batch.add_column(sa.Column('moved_to', sa.String(length=2000), nullable=True))
        batch.add_column(sa.Column('http_status', sa.Integer(), nullable=True))
    op.create_table('article_source',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ),
    sa.PrimaryKeyConstraint('article_id', 'source_id')
    )
    op.create_index(op.f('ix_article_source_source_id'), 'article_source', ['source_id'],
                    unique=False)
    op.execute("INSERT INTO article_source (article_id, source_id, first_seen) "
               "SELECT id, source_id, fetched_at FROM article")


def downgrade() -> None:
    op.drop_index(op.f('ix_article_source_source_id'), table_name='article_source')
    op.drop_table('article_source')
    with op.batch_alter_table('source') as batch:
        batch.drop_column('http_status')
        batch.drop_column('moved_to')
