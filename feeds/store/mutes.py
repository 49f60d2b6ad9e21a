"""Mute marks: which `[[mute]]` rules each stored article matches, kept in the database.

Where muting is computed, and why there: each article row carries `muted`, the bit mask
of the rules it matches (0: shown), and the `mute_rule` table holds the rules those marks
follow. Every story aggregate the lists read (article and outlet counts, first and last
seen, heat, unread, title, card, timeline: `feeds.store.refresh`) counts only articles
with `muted = 0`, and a story whose articles are all muted keeps its row with no
articles counted (`article_count = 0`), which every story list leaves out. So listing
costs what it did (no rule is evaluated when a list is read, on 100,000 articles or
more); the rules cost only when articles arrive and when the rules change.

Contract:
- `mark_articles(conn, ids)`, inside a writer's transaction: the stored rules applied to
  these articles (their title, text, outlet, URL, first source and actors must be
  written); returns each one's mask ({} and nothing read beyond one small table when
  there are no rules).
- `rules_stored(engine, rules)`: whether the marks already follow `rules` (compared by
  their JSON, in order; one small read).
- `store_rules(engine, rules)`: unless they are already those stored, stores `rules`,
  recomputes every article's mark in one pass (titles and texts read only when a rule
  has words) and gives the stories whose shown articles changed their counts, marked
  stale, in one transaction that moves the change counter; returns how many articles
  changed mark and those stories (None when the rules were already stored). The caller
  holds the assignment lock and rebuilds the stories (`feeds.ingest.rebuild.apply_mutes`:
  their titles, cards, timelines and heat, a few hundred a transaction, so a rule that
  hides thousands of stories never holds the write lock for long). Rules are passed
  in from the settings by whoever opens the store for a configuration; processes sharing
  a database should share their `[[mute]]` tables (each applies its own when it starts).
- `remark_all(conn)`: every mark recomputed with the stored rules (after a rebuild).
- `rule_counts(engine)`: each stored rule with how many articles it matches (one query
  on the partial index of the muted articles).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from feeds.read.mutes import ArticleFacts, Matcher, MuteRule, rules_from_json, rules_json
from feeds.store import tables as t
from feeds.store.counter import bump_changes
from feeds.store.refresh import mark_grown

CHUNK = 500


def stored_rules(conn: Connection) -> list[MuteRule]:
    """The rules the stored marks follow, in order."""
    return rules_from_json(conn.execute(select(t.StoredMuteRule.spec)
                                        .order_by(t.StoredMuteRule.position)).scalars())


def rules_stored(engine: Engine, rules: Sequence[MuteRule]) -> bool:
    """Whether the stored marks follow `rules` already."""
    with engine.connect() as conn:
        return _stored_json(conn) == rules_json(rules)


def store_rules(engine: Engine, rules: Sequence[MuteRule]) -> tuple[int, list[int]] | None:
    """Store `rules` and recompute every mark, if they changed (see the contract)."""
    wanted = rules_json(rules)
    with engine.connect().execution_options(write=True) as conn:
        if _stored_json(conn) == wanted:  # another process applied them meanwhile
            return None
        conn.execute(delete(t.StoredMuteRule))
        if wanted:
            conn.execute(insert(t.StoredMuteRule), [{"position": i, "spec": spec}
                                                    for i, spec in enumerate(wanted)])
        changed, stories = _remark(conn, Matcher(list(rules)), None)
        mark_grown(conn, dict.fromkeys(stories, []), {})  # counts now, marked stale
        bump_changes(conn)
        conn.commit()
    return changed, sorted(stories)


def _stored_json(conn: Connection) -> list[str]:
    return list(conn.execute(select(t.StoredMuteRule.spec)
                             .order_by(t.StoredMuteRule.position)).scalars())


def mark_articles(conn: Connection, article_ids: Sequence[int]) -> dict[int, int]:
    """The stored rules applied to the articles `article_ids`: each one's mask."""
    rules = stored_rules(conn)
    if not rules or not article_ids:
        return {}
    masks: dict[int, int] = {}
    matcher = Matcher(rules)
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), CHUNK):
        _remark(conn, matcher, ids[start:start + CHUNK], masks)
    return masks


def remark_all(conn: Connection) -> set[int]:
    """Every article's mark recomputed with the stored rules; the stories whose shown
    articles changed."""
    rules = stored_rules(conn)
    if not rules and conn.execute(select(t.Article.id).where(t.Article.muted != 0)
                                  .limit(1)).first() is None:
        return set()
    return _remark(conn, Matcher(rules), None)[1]


def _remark(conn: Connection, matcher: Matcher, ids: list[int] | None,
            masks: dict[int, int] | None = None) -> tuple[int, set[int]]:
    """Write the marks of the articles `ids` (all when None); (how many changed, the
    stories whose shown articles changed). Each mask is put in `masks` when given."""
    actors = _actor_rules(conn, matcher.rules, ids)
    sources = {row[0]: (row[1], row[2]) for row in conn.execute(
        select(t.Source.id, t.Source.name, t.Source.location))}
    changes: list[dict[str, int]] = []
    stories: set[int] = set()
    for row in _articles(conn, matcher.reads_text, ids):
        article_id, story_id, old, outlet, url, source_id, title, text = row
        mask = matcher.mask(ArticleFacts(title, text, outlet or "", url,
                                         sources.get(source_id, ("", "")),
                                         actors.get(article_id, 0))) if matcher.rules else 0
        if masks is not None:
            masks[article_id] = mask
        if mask != old:
            changes.append({"aid": article_id, "m": mask})
            if bool(mask) != bool(old) and story_id is not None:
                stories.add(story_id)
    for start in range(0, len(changes), CHUNK):
        conn.execute(update(t.Article).where(t.Article.id == bindparam("aid"))
                     .values(muted=bindparam("m")), changes[start:start + CHUNK])
    return len(changes), stories


def _articles(conn: Connection, with_text: bool, ids: list[int] | None) -> Iterator[Any]:
    """(id, story, mask, outlet, url, source, title, text) of the articles `ids` (all when
    None), titles and texts empty unless `with_text`."""
    text_columns = (t.Article.title, t.Article.text) if with_text else ()
    statement = select(t.Article.id, t.Article.story_id, t.Article.muted, t.Article.outlet,
                       t.Article.url, t.Article.source_id, *text_columns)
    if ids is not None:
        statement = statement.where(t.Article.id.in_(ids))
    rows = conn.execute(statement.order_by(t.Article.id).execution_options(yield_per=2000))
    for row in rows:
        yield (*row, "", "") if not with_text else tuple(row)


def _actor_rules(conn: Connection, rules: list[MuteRule], ids: list[int] | None) -> dict[int, int]:
    """Article id -> the rules whose `actor` it names (its canonical name, or one of its
    aliases, case aside), as bits."""
    found: dict[int, int] = {}
    for index, rule in enumerate(rules):
        if not rule.actor:
            continue
        name = rule.actor.lower()
        actor_ids = select(t.Actor.id).where(func.lower(t.Actor.name) == name).union(
            select(t.ActorAlias.actor_id).where(func.lower(t.ActorAlias.alias) == name))
        statement = select(t.Mention.article_id).where(t.Mention.actor_id.in_(actor_ids))
        if ids is not None:
            statement = statement.where(t.Mention.article_id.in_(ids))
        for (article_id,) in conn.execute(statement):
            found[article_id] = found.get(article_id, 0) | 1 << index
    return found


def rule_counts(engine: Engine) -> list[tuple[MuteRule, int]]:
    """Each stored rule and how many stored articles it matches (an article matching two
    rules counts for both)."""
    with engine.connect() as conn:
        rules = stored_rules(conn)
        if not rules:
            return []
        masks = conn.execute(select(t.Article.muted, func.count()).where(t.Article.muted > 0)
                             .group_by(t.Article.muted)).all()
    return [(rule, sum(int(n) for mask, n in masks if int(mask) >> index & 1))
            for index, rule in enumerate(rules)]
