"""Read-only: one source's latest articles, each with the story it belongs to.

Contract: `source_articles(engine, name, limit)` returns the newest `limit` articles the
source named carried (`article_source`: every source that brought an article, as
`sources list` counts them), newest first by the time they count as news
(`tables.seen_time`), each as a `SourceArticle` with its story's id and title, and
whether `[[mute]]` rules hide it (a muted article is listed here, marked, so the user
sees what a rule took away). A source never stored gives []. Texts are left out.
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from feeds.read.views import ArticleView, SourceArticle
from feeds.store import tables as t

LIMIT = 200


def source_articles(engine: Engine, name: str, limit: int = LIMIT) -> list[SourceArticle]:
    """The source's newest articles, with their stories (see the contract)."""
    seen = t.seen_time()
    carried = (select(t.ArticleSource.article_id)
               .join(t.Source, t.Source.id == t.ArticleSource.source_id)
               .where(t.Source.name == name))
    statement = (select(t.Article, t.Story.title, seen)
                 .outerjoin(t.Story, t.Story.id == t.Article.story_id)
                 .where(t.Article.id.in_(carried))
                 .order_by(seen.desc(), t.Article.id.desc()).limit(max(1, limit)))
    with Session(engine) as session:
        return [SourceArticle(
            article=ArticleView(id=row.id or 0, title=row.title, outlet=row.outlet,
                                published=t.aware(when), date_origin=row.date_origin,
                                url=row.url, source_name=name, via=row.via),
            story_id=row.story_id, story_title=title or "", muted=bool(row.muted))
            for row, title, when in session.execute(statement)]
