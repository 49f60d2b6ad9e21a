"""feeds.stories.timeline: merging event candidates of a story's articles."""

from __future__ import annotations

from datetime import date

from feeds.model import EventCandidate, PartialDate
from feeds.stories.timeline import ArticleReports, build_timeline, elsewhere, same_time


def _c(cameo: str, expr: str | None, actors: list[str], place: str | None = None,
       figures: dict[str, int] | None = None, summary: str = "x") -> EventCandidate:
    return EventCandidate(cameo=cameo, type="t", sentence=summary, start=0, end=1,
                          summary=summary, date_expr=expr, actors=actors, place=place,
                          figures=figures or {})


def test_same_time_at_coarser_precision() -> None:
    day = PartialDate(date(2025, 12, 14))
    assert same_time(day, None)
    assert same_time(day, PartialDate(date(2025, 12, 1), "month"))
    assert not same_time(day, PartialDate(date(2025, 11, 1), "month"))
    assert not same_time(day, PartialDate(date(2025, 12, 13)))
    assert same_time(PartialDate(date(2014, 1, 1), "year"), PartialDate(date(2014, 6, 1), "month"))


def test_undated_article_resolves_against_story_anchor() -> None:
    dated = ArticleReports("a", "Outlet A", date(2025, 12, 15), [_c("04", "weekday:6", ["X", "Y"])])
    undated = ArticleReports("b", "Outlet B", None, [_c("04", "weekday:6", ["X"])])
    (event,) = build_timeline([undated, dated])
    assert event.date == PartialDate(date(2025, 12, 14))
    assert event.article_keys == ["a", "b"]
    assert event.outlets == ["Outlet A", "Outlet B"]


def test_no_anchor_means_no_date() -> None:
    (event,) = build_timeline([ArticleReports("a", "A", None, [_c("19", "weekday:6", ["X"])])])
    assert event.date is None


def test_figures_keep_every_distinct_value() -> None:
    a = ArticleReports("a", "A", date(2025, 12, 15), [_c("19", "weekday:5", ["D"], "Palmyra",
                                                         {"killed": 3})])
    b = ArticleReports("b", "B", date(2025, 12, 15), [_c("19", None, ["D"], "Palmyra",
                                                         {"killed": 2, "wounded": 3})])
    (event,) = build_timeline([a, b])
    assert event.figures == {"killed": [2, 3], "wounded": [3]}
    assert event.date == PartialDate(date(2025, 12, 13))


def test_conflicts_keep_events_apart() -> None:
    a = ArticleReports("a", "A", date(2025, 12, 15), [
        _c("19", "weekday:5", ["D"], "Palmyra"),
        _c("19", "weekday:6", ["D"], "Homs"),
        _c("04", "weekday:6", ["D"]),
        _c("19", "weekday:4", ["D"], "Palmyra"),
    ])
    events = build_timeline([a])
    assert [(e.cameo, e.date.iso() if e.date else None, e.place) for e in events] == [
        ("19", "2025-12-12", "Palmyra"), ("19", "2025-12-13", "Palmyra"),
        ("19", "2025-12-14", "Homs"), ("04", "2025-12-14", None)]


def test_unrelated_undated_candidates_do_not_merge() -> None:
    a = ArticleReports("a", "A", None, [_c("19", None, ["P"], summary="rockets hit harbour")])
    b = ArticleReports("b", "B", None, [_c("19", None, ["Q"], summary="troops stormed village")])
    assert len(build_timeline([a, b])) == 2


def test_similar_words_merge_without_shared_actor() -> None:
    a = ArticleReports("a", "A", None,
                       [_c("14", None, ["P"], summary="farmers protest fuel prices")])
    b = ArticleReports("b", "B", None,
                       [_c("14", None, [], summary="farmers protest fuel prices rise")])
    (event,) = build_timeline([a, b])
    assert event.article_keys == ["a", "b"]


def test_order_by_date_unknown_last_and_input_order_irrelevant() -> None:
    a = ArticleReports("a", "A", date(2025, 12, 15), [
        _c("13", None, ["T"]), _c("05", "y:2014", ["C"]), _c("04", "weekday:6", ["X"]),
        _c("17", "ym:2024-12", ["B"]),
    ])
    b = ArticleReports("b", "B", None, [_c("04", None, ["X"]), _c("13", None, ["T"])])
    forward = build_timeline([a, b])
    assert [(e.cameo, e.date.iso() if e.date else None) for e in forward] == [
        ("05", "2014"), ("17", "2024-12"), ("04", "2025-12-14"), ("13", None)]
    assert forward == build_timeline([b, a])


def _p(cameo: str, kind: str, actors: list[str], people: list[str], summary: str = "x",
       expr: str | None = None) -> EventCandidate:
    return EventCandidate(cameo=cameo, type=kind, sentence=summary, start=0, end=1,
                          summary=summary, date_expr=expr, actors=actors,
                          participants=[(p, "person", "agent") for p in people])


def test_a_surname_and_the_full_name_are_one_actor_across_articles() -> None:
    full = ArticleReports("a", "A", date(2024, 3, 11), [
        _p("", "Life.Die", ["Oriel Vance"], ["Oriel Vance"], "Oriel Vance died on Sunday")])
    short = ArticleReports("b", "B", date(2024, 3, 11), [
        _p("", "Life.Die", ["Vance"], ["Vance"], "Vance died at home")])
    (event,) = build_timeline([full, short])
    assert event.article_keys == ["a", "b"]
    other = ArticleReports("c", "C", date(2024, 3, 11), [
        _p("", "Life.Die", ["Ruth Kline"], ["Ruth Kline"], "Ruth Kline died at home")])
    assert len(build_timeline([full, other])) == 2  # two people: two deaths


def test_a_body_and_its_part_are_no_conflict_of_actors() -> None:
    county = ArticleReports("a", "A", date(2024, 3, 11), [
        _c("", None, ["Los Angeles County"], summary="Two men were arrested in the killing")])
    sheriff = ArticleReports("b", "B", date(2024, 3, 11), [
        _c("", None, ["Los Angeles County Sheriff"],
           summary="Two men were arrested in the killing of a deputy")])
    for r in (county, sheriff):
        r.events[0].type = "Justice.Arrest-Jail"
    (event,) = build_timeline([county, sheriff])
    assert event.article_keys == ["a", "b"]


def test_a_birth_a_marriage_and_a_death_of_one_person_stay_apart() -> None:
    one = ArticleReports("a", "A", date(2008, 12, 12), [
        _p("", "Life.Be-Born", ["Oriel Vance"], ["Oriel Vance"], "Vance was born in Ohio"),
        _p("", "Life.Marry", ["Oriel Vance"], ["Oriel Vance"], "Vance married a painter"),
        _p("", "Life.Health", ["Oriel Vance"], ["Oriel Vance"], "Vance had a heart attack"),
        _p("", "Life.Die", ["Oriel Vance"], ["Oriel Vance"], "Vance died in Boston")])
    events = build_timeline([one])  # the heart attack and the death are one happening
    assert [(e.type, e.summary) for e in events] == [
        ("Life.Be-Born", "Vance was born in Ohio"), ("Life.Marry", "Vance married a painter"),
        ("Life.Health", "Vance had a heart attack")]


def test_places_elsewhere_are_two_towns_or_two_states() -> None:
    assert elsewhere("Omaha", "Tulsa")
    assert elsewhere("Omaha, Nebraska", "Oregon")
    assert not elsewhere("Omaha, Nebraska", "Nebraska")  # the state holds the town
    assert not elsewhere("Omaha", "Oregon")  # a town without its state: unknown
    assert not elsewhere("Omaha, Nebraska", "Douglas County")
    assert not elsewhere("Oregon", None)
