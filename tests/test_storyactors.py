"""feeds.store.storyactors: one actor per entity in a story, across its articles."""

from __future__ import annotations

from datetime import UTC, datetime

from feeds.store.storyactors import merge_actors

T = datetime(2025, 1, 6, tzinfo=UTC)


def _entry(articles: set[int], mentions: int = 1, role: str | None = None,
           aliases: tuple[str, ...] = ()) -> dict:
    return {"roles": {role: 1} if role else {}, "aliases": dict.fromkeys(aliases),
            "mentions": mentions, "articles": articles, "outlets": {f"o{a}" for a in articles},
            "times": [T for _ in articles]}


def test_one_kind_per_name_the_kind_most_articles_give() -> None:
    merged = merge_actors({("Bayrou", "organization"): _entry({1}),
                           ("Bayrou", "person"): _entry({2, 3}, role="Prime Minister")})
    assert list(merged) == [("Bayrou", "person")]
    entry = merged[("Bayrou", "person")]
    assert entry["articles"] == {1, 2, 3} and entry["mentions"] == 2
    assert entry["roles"] == {"Prime Minister": 1}


def test_a_lone_surname_joins_the_one_full_name_ending_with_it() -> None:
    merged = merge_actors({("Takaichi", "person"): _entry({1}, mentions=3),
                           ("Sanae Takaichi", "person"): _entry({2}, aliases=("Takaichi",)),
                           ("Sharaa", "person"): _entry({1}),
                           ("Ahmad al-Sharaa", "person"): _entry({2})})
    assert set(merged) == {("Sanae Takaichi", "person"), ("Ahmad al-Sharaa", "person")}
    takaichi = merged[("Sanae Takaichi", "person")]
    assert takaichi["articles"] == {1, 2} and takaichi["mentions"] == 4
    assert list(takaichi["aliases"]) == ["Takaichi"]
    assert list(merged[("Ahmad al-Sharaa", "person")]["aliases"]) == ["Sharaa"]


def test_no_join_with_two_full_names_a_first_name_or_another_kind() -> None:
    grouped = {("Smith", "person"): _entry({1}), ("Anna Smith", "person"): _entry({2}),
               ("Tom Smith", "person"): _entry({3}), ("Sanae", "person"): _entry({1}),
               ("Sanae Ito", "person"): _entry({2}), ("Ford", "organization"): _entry({1}),
               ("Harrison Ford", "person"): _entry({2})}
    assert set(merge_actors(grouped)) == set(grouped)
