"""story: `stale` marks a story whose title and timeline wait for the next refresh

A batch keeps a story's counts and dates exact and marks it stale; the poller
refreshes stale stories' titles and timelines every few seconds and at the end
of each pass (see `feeds.store.refresh`). Existing stories are fresh.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.add_column(sa.Column('stale', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.create_index(op.f('ix_story_stale'), 'story', ['stale'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_story_stale'), table_name='story')
    with op.batch_alter_table('story') as batch:
        batch.drop_column('stale')
