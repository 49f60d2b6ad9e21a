"""A beat's cast: names that many stories carry weigh less (`name_spread`), so two events
of one beat that share only their cast stay two stories; a name of one story still joins.

Made-up terms: eight earlier stories of one political beat, each naming the same two
politicians and two people of its own."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feeds.model import ClusterTerms
from feeds.stories import ClusterDoc, StoryEngine
from feeds.stories.engine import EngineSettings

DAY = date(2025, 1, 1).toordinal()
CAST = ["delaney", "harlan"]


def doc(key: str, words: list[str], names: list[str], day: int) -> ClusterDoc:
    weights = {**{w: 2.0 for w in words}, **{n: 1.0 for n in names}}
    published = datetime.fromordinal(day).replace(tzinfo=UTC)
    return ClusterDoc(key, "", "", published, ClusterTerms(weights, dict.fromkeys(names, 1.0)))


def beat(settings: EngineSettings) -> tuple[StoryEngine, list[int]]:
    """The engine after the beat's eight earlier stories, ten days apart."""
    engine = StoryEngine(settings=settings)
    stories = [engine.assign(doc(f"h{k}", [f"topic{k}a", f"topic{k}b", f"topic{k}c"],
                                 [*CAST, f"who{k}a", f"who{k}b"], DAY + 10 * k)).story
               for k in range(8)]
    return engine, stories


def test_two_events_that_share_only_the_cast_stay_apart() -> None:
    engine, stories = beat(EngineSettings())
    assert stories == list(range(1, 9))
    bill = engine.assign(doc("bill", ["border", "asylum", "agents"], [*CAST, "patrol"],
                             DAY + 100))
    tariff = engine.assign(doc("tariff", ["steel", "tariffs", "mills"], [*CAST, "beijing"],
                               DAY + 101))
    assert (bill.story, bill.new, tariff.story, tariff.new) == (9, True, 10, True)
    # a name of one story joins, however common the cast beside it
    again = engine.assign(doc("bill2", ["vote", "senate", "passed"], [*CAST, "patrol"],
                              DAY + 101))
    assert (again.story, again.new) == (9, False)


def test_without_the_discount_the_cast_joins_them() -> None:
    engine, _ = beat(EngineSettings(name_spread=0.0))
    bill = engine.assign(doc("bill", ["border", "asylum", "agents"], [*CAST, "patrol"],
                             DAY + 100))
    tariff = engine.assign(doc("tariff", ["steel", "tariffs", "mills"], [*CAST, "beijing"],
                               DAY + 101))
    assert bill.story == tariff.story == 1
