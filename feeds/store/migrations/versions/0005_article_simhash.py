"""article: simhash and its four 16-bit bands (indexed), to find near-duplicate articles

Existing rows keep NULL (no backfill): they are matched exactly as before, and
near-duplicate detection covers the articles stored from now on.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('article') as batch:
        batch.add_column(sa.Column('simhash', sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column('sim_band0', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('sim_band1', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('sim_band2', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('sim_band3', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_article_sim_band0'), 'article', ['sim_band0'], unique=False)
    op.create_index(op.f('ix_article_sim_band1'), 'article', ['sim_band1'], unique=False)
    op.create_index(op.f('ix_article_sim_band2'), 'article', ['sim_band2'], unique=False)
    op.create_index(op.f('ix_article_sim_band3'), 'article', ['sim_band3'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_article_sim_band3'), table_name='article')
    op.drop_index(op.f('ix_article_sim_band2'), table_name='article')
    op.drop_index(op.f('ix_article_sim_band1'), table_name='article')
    op.drop_index(op.f('ix_article_sim_band0'), table_name='article')
    with op.batch_alter_table('article') as batch:
        batch.drop_column('sim_band3')
        batch.drop_column('sim_band2')
        batch.drop_column('sim_band1')
        batch.drop_column('sim_band0')
        batch.drop_column('simhash')
