"""article: a full-text index of titles and texts, filled for the articles stored already

SQLite: `article_fts`, an FTS5 table over `article` (external content: it keeps only the
index, the text stays in `article`), porter stemming over unicode61 words without
diacritics; three triggers keep it current on every insert, delete and change of a title
or text, whichever code writes the row. PostgreSQL: `article.search`, a stored generated
`tsvector` (English; the title weighs A, the text's first 200,000 characters B) with a GIN
index; PostgreSQL computes it for every row, old and new.

Both are filled here for an existing database (FTS5 `rebuild`; PostgreSQL writes the
column while it adds it). A later migration that rebuilds `article` in SQLite's batch mode
(copy and rename) drops the triggers: it must create them again (`TRIGGERS`).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

FTS = ("CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='article', "
       "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')")
_DELETE = ("INSERT INTO article_fts(article_fts, rowid, title, text) "
           "VALUES ('delete', old.id, old.title, old.text);")
_INSERT = "INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
TRIGGERS = (
    f"CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN {_INSERT} END",
    f"CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN {_DELETE} END",
    "CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article "
    "WHEN old.title IS NOT new.title OR old.text IS NOT new.text "
    f"BEGIN {_DELETE} {_INSERT} END",
)
SEARCH = ("ALTER TABLE article ADD COLUMN search tsvector GENERATED ALWAYS AS ("
          "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
          "setweight(to_tsvector('english'::regconfig, left(coalesce(text, ''), 200000)), 'B'))"
          " STORED")


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(SEARCH)
        op.execute("CREATE INDEX ix_article_search ON article USING gin (search)")
        return
    op.execute(FTS)
    for trigger in TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO article_fts(article_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP INDEX ix_article_search")
        op.execute("ALTER TABLE article DROP COLUMN search")
        return
    for name in ('insert', 'delete', 'update'):
        op.execute(f"DROP TRIGGER article_fts_{name}")
    op.execute("DROP TABLE article_fts")
