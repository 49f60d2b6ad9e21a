"""`wirewatch cluster` (feeds.ingest.offline.cluster_lines): dated articles are clustered oldest
first whatever the order of the lines, and the answer comes back in input order."""

from __future__ import annotations

import itertools
import json
import random

from feeds.ingest.offline import cluster_lines

ARTICLES = [
    ("a1", "2024-03-02", "Bridge collapses in Millbrook after barge strike",
     "A barge struck the Millbrook river bridge on Friday night and a span fell into the "
     "water. Mayor Ellen Varga said two workers were rescued by the harbour police."),
    ("a2", "2024-03-03", "Millbrook bridge collapse: barge crew questioned",
     "Investigators questioned the crew of the barge that struck the Millbrook river bridge. "
     "Mayor Ellen Varga said the span that fell will take a year to rebuild."),
    ("b1", "2024-05-20", "Kestrel Foods recalls peanut butter over salmonella",
     "Kestrel Foods recalled forty thousand jars of peanut butter after salmonella was found "
     "at its Ashby plant, chief executive Tomas Reyes said on Monday."),
    ("b2", "2024-05-21", "Peanut butter recall widens at Kestrel Foods",
     "Kestrel Foods widened its peanut butter recall to every jar made at the Ashby plant; "
     "Tomas Reyes said salmonella tests continue."),
    ("c1", "2024-09-11", "Storm Hilda floods coastal Dunmore",
     "Storm Hilda flooded the coastal town of Dunmore, where the sea wall broke and three "
     "hundred homes were evacuated, the county fire service said."),
    ("c2", "2024-09-12", "Dunmore counts cost of Storm Hilda",
     "Residents of Dunmore returned to flooded homes after Storm Hilda broke the sea wall; "
     "the county fire service said no one was hurt."),
]


def lines(order: list[int]) -> list[str]:
    rows = [dict(zip(("id", "date", "title", "text"), ARTICLES[n], strict=True)) for n in order]
    return [json.dumps(row) for row in rows]


def partition(output: list[str]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for line in output:
        row = json.loads(line)
        groups.setdefault(row["story"], set()).add(row["id"])
    return {frozenset(g) for g in groups.values()}


def test_the_stories_do_not_depend_on_the_order_of_the_lines() -> None:
    want = {frozenset({"a1", "a2"}), frozenset({"b1", "b2"}), frozenset({"c1", "c2"})}
    rng = random.Random(7)
    orders = [list(range(6)), list(range(5, -1, -1))] + [rng.sample(range(6), 6) for _ in range(4)]
    outputs = [list(cluster_lines(lines(order))) for order in orders]
    assert all(partition(out) == want for out in outputs)
    ids = [[json.loads(line)["id"] for line in out] for out in outputs]
    assert ids == [[ARTICLES[n][0] for n in order] for order in orders]  # input order


def test_story_numbers_follow_the_oldest_article() -> None:
    out = [json.loads(line) for line in cluster_lines(lines([5, 3, 1, 4, 2, 0]))]
    assert {row["id"]: row["story"] for row in out} == {
        "a1": 1, "a2": 1, "b1": 2, "b2": 2, "c1": 3, "c2": 3}


def test_a_bad_line_is_reported_and_the_rest_clustered() -> None:
    out = list(cluster_lines([*lines([0]), "{not json", *lines([1])]))
    assert json.loads(out[0])["error"].startswith("line 2")
    assert [json.loads(line) for line in out[1:]] == [{"id": "a1", "story": 1},
                                                      {"id": "a2", "story": 1}]


def test_undated_articles_come_after_the_dated_in_id_order() -> None:
    undated = [json.dumps({"id": f"u{n}", "date": None, "title": t, "text": x})
               for n, (_, _, t, x) in enumerate(ARTICLES[:2])]
    out = [json.loads(line) for line in cluster_lines([*undated, *lines([4, 5])])]
    stories = {row["id"]: row["story"] for row in out}
    assert stories == {"u0": 2, "u1": 2, "c1": 1, "c2": 1}
    assert list(itertools.chain(stories)) == ["u0", "u1", "c1", "c2"]


def test_undated_articles_get_the_same_stories_whatever_their_order() -> None:
    undated = [json.dumps({"id": article_id, "date": None, "title": t, "text": x})
               for article_id, _, t, x in ARTICLES]
    outputs = [list(cluster_lines([undated[n] for n in order]))
               for order in ([0, 1, 2, 3, 4, 5], [5, 3, 1, 4, 0, 2], [2, 4, 0, 5, 1, 3])]
    stories = [{(row := json.loads(line))["id"]: row["story"] for line in out} for out in outputs]
    assert stories[0] == stories[1] == stories[2]
    assert partition(outputs[0]) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"}),
                                     frozenset({"c1", "c2"})}
