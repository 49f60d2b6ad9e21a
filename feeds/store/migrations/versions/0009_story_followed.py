"""story: `followed_at`, when a user of this database followed the story (None: not followed)

Following is kept with the stories, so every dashboard of a shared database pins the same
stories, and a story number of another database is never pinned. The followed list of
the file an older Wirewatch kept (per user, by story number) is not carried over: it
could name stories of any database.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.add_column(sa.Column('followed_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_index('ix_story_followed_at', ['followed_at'])


def downgrade() -> None:
    with op.batch_alter_table('story') as batch:
        batch.drop_index('ix_story_followed_at')
        batch.drop_column('followed_at')
