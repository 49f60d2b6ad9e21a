"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', 'kind')
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=256), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('location', sa.String(length=2000), nullable=False),
    sa.Column('etag', sa.String(length=500), nullable=True),
    sa.Column('last_modified', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('last_error', sa.String(length=4000), nullable=True),
    sa.Column('consecutive_errors', sa.Integer(), nullable=False),
    sa.Column('last_attempt', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_success', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_due', sa.DateTime(timezone=True), nullable=True),
    sa.Column('items_new', sa.Integer(), nullable=False),
    sa.Column('items_updated', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('story',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=True),
    sa.Column('article_count', sa.Integer(), nullable=False),
    sa.Column('outlet_count', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('heat', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_updated_at'), ['updated_at'], unique=False)

    op.create_table('actor_alias',
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], ),
    sa.PrimaryKeyConstraint('actor_id', 'alias')
    )
    op.create_table('article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=600), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('guid', sa.String(length=600), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('date_origin', sa.String(length=16), nullable=False),
    sa.Column('date_uncertain', sa.Boolean(), nullable=False),
    sa.Column('outlet', sa.String(length=200), nullable=False),
    sa.Column('via', sa.String(length=200), nullable=True),
    sa.Column('author', sa.String(length=300), nullable=True),
    sa.Column('locator', sa.String(length=2000), nullable=False),
    sa.Column('events_json', sa.String(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_content_hash'), ['content_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_article_source_id'), ['source_id'], unique=False)
        batch_op.create_index('ix_article_story_published', ['story_id', 'published_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_article_url'), ['url'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('precision', sa.String(length=8), nullable=True),
    sa.Column('cameo', sa.String(length=8), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.String(length=1000), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('actors', sa.String(length=2000), nullable=False),
    sa.Column('figures', sa.String(length=1000), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('outlets', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_story_id'), ['story_id'], unique=False)

    op.create_table('attribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('cited', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attribution_article_id'), ['article_id'], unique=False)

    op.create_table('event_report',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], ),
    sa.PrimaryKeyConstraint('event_id', 'article_id')
    )
    with op.batch_alter_table('event_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_report_article_id'), ['article_id'],
                              unique=False)

    op.create_table('mention',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=300), nullable=True),
    sa.Column('aliases', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], ),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ),
    sa.PrimaryKeyConstraint('article_id', 'actor_id')
    )
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mention_actor_id'), ['actor_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mention_actor_id'))

    op.drop_table('mention')
    with op.batch_alter_table('event_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_report_article_id'))

    op.drop_table('event_report')
    with op.batch_alter_table('attribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attribution_article_id'))

    op.drop_table('attribution')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_story_id'))

    op.drop_table('event')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_url'))
        batch_op.drop_index('ix_article_story_published')
        batch_op.drop_index(batch_op.f('ix_article_source_id'))
        batch_op.drop_index(batch_op.f('ix_article_content_hash'))

    op.drop_table('article')
    op.drop_table('actor_alias')
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_updated_at'))

    op.drop_table('story')
    op.drop_table('source')
    op.drop_table('meta')
    op.drop_table('actor')
