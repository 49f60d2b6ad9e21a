"""article: `headline_event`, the article's headline event as JSON
(`feeds.model.eventcodec.dump_headline`), so an engine restored from the database
weighs a stored story's events as the engine that assigned its articles did

Nullable and left empty for the articles stored already: computing an event needs the
extraction (`feeds.stories.evidence`, which the store does not import); `wirewatch
recluster` extracts them again and fills it. A plain ADD/DROP COLUMN on both SQLite
(3.35+) and PostgreSQL: `article` is not rebuilt, so the full-text triggers of 0013 stay.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('article', sa.Column('headline_event', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('article', 'headline_event')
