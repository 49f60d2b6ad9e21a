"""article: fingerprints recomputed without the commonest words (`feeds.ingest.dedup.COMMON`)

The fingerprint of a text no longer counts words like "the" or "said", so every
stored one is recomputed from the stored text (with the current `feeds.ingest.dedup`),
a thousand rows at a time; a row too short to judge gets NULL as before. About
30 microseconds a row: a 100,000-article database takes a few seconds, once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

from feeds.ingest.dedup import simhash, simhash_columns

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CHUNK = 1_000
_ARTICLE = sa.table('article', sa.column('id', sa.Integer), sa.column('text', sa.Text),
                    sa.column('simhash', sa.BigInteger), sa.column('sim_band0', sa.Integer),
                    sa.column('sim_band1', sa.Integer), sa.column('sim_band2', sa.Integer),
                    sa.column('sim_band3', sa.Integer))


def upgrade() -> None:
    bind = op.get_bind()
    update = (_ARTICLE.update().where(_ARTICLE.c.id == sa.bindparam('row_id'))
              .values(**{name: sa.bindparam(name) for name in
                         ('simhash', 'sim_band0', 'sim_band1', 'sim_band2', 'sim_band3')}))
    after = 0
    while rows := bind.execute(sa.select(_ARTICLE.c.id, _ARTICLE.c.text)
                               .where(_ARTICLE.c.id > after)
                               .order_by(_ARTICLE.c.id).limit(CHUNK)).all():
        bind.execute(update, [{'row_id': row_id, **simhash_columns(simhash(text or ''))}
                              for row_id, text in rows])
        after = rows[-1][0]


def downgrade() -> None:
    # The old fingerprints are not kept: no fingerprint is better than one the older code
    # would misread (its articles are then matched exactly, as before migration 0005).
    op.execute(_ARTICLE.update().values(simhash=None, sim_band0=None, sim_band1=None,
                                        sim_band2=None, sim_band3=None))
