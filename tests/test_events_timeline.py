"""Story timeline: statements folded into what they report, acting-actor conflicts,
type families, summary choice, actor order and the GDELT-like flat row."""

from __future__ import annotations

from datetime import date

from feeds.model import EventCandidate
from feeds.stories.timeline import ArticleReports, build_timeline, family, flat_row

MONDAY = date(2025, 12, 15)


def _c(cameo: str, expr: str | None, actors: list[str], place: str | None = None, *,
       summary: str = "x", start: int = 0, end: int = 1, target: str | None = None,
       attributed: str | None = None, figures: dict[str, int] | None = None) -> EventCandidate:
    return EventCandidate(cameo=cameo, type="t", sentence=summary, start=start, end=end,
                          summary=summary, date_expr=expr, actors=actors, target=target,
                          place=place, figures=figures or {}, attributed_to=attributed)


def test_statement_is_folded_into_the_event_it_reports() -> None:
    said = _c("01", "weekday:5", ["CENTCOM"], start=0, end=90, summary="CENTCOM said two died")
    content = _c("19", None, ["Daesh", "US"], "Palmyra", start=20, end=90, attributed="CENTCOM",
                 target="US", summary="two died in an ambush")
    quote = _c("01", "weekday:0", ["Pigott"], start=100, end=150, summary="Pigott said it")
    events = build_timeline([ArticleReports("a", "A", MONDAY, [said, content, quote])])
    assert [e.cameo for e in events] == ["01", "19"]  # by date, the undated last
    assert events[0].actors == ["Pigott"]


def test_undated_statement_of_one_article_is_no_timeline_event() -> None:
    quote = _c("01", None, ["Bronson"], summary="Bronson said he saw the car")
    assert build_timeline([ArticleReports("a", "A", MONDAY, [quote])]) == []
    again = _c("01", None, ["Bronson"], summary="Bronson said he saw the car")
    (event,) = build_timeline([ArticleReports("a", "A", MONDAY, [quote]),
                               ArticleReports("b", "B", MONDAY, [again])])
    assert event.article_keys == ["a", "b"]


def test_conflicting_acting_actors_keep_events_apart() -> None:
    a = ArticleReports("a", "A", None, [_c("03", None, ["Rubio", "Syria", "US"], summary="p")])
    b = ArticleReports("b", "B", None, [_c("03", None, ["Shaibani", "Syria"], summary="q")])
    c = ArticleReports("c", "C", None, [_c("03", None, ["Rubio", "Syria"], summary="r")])
    events = build_timeline([a, b, c])
    assert sorted(e.article_keys for e in events) == [["a", "c"], ["b"]]


def test_violence_family_merges_attack_and_shooting() -> None:
    assert family("18") == family("19") == family("190") != family("17")
    a = ArticleReports("a", "A", MONDAY, [_c("19", "weekday:5", ["D"], "Palmyra")])
    b = ArticleReports("b", "B", MONDAY, [_c("18", "weekday:5", ["D"], "Palmyra")])
    (event,) = build_timeline([a, b])
    assert event.article_keys == ["a", "b"]


def test_summary_from_the_best_report_and_actor_order() -> None:
    a = ArticleReports("a", "A", MONDAY, [_c(
        "19", None, ["US", "D"], "Palmyra", attributed="CENTCOM", target="D",
        summary="Two troops were killed in an ambush by a gunman in the desert area")])
    b = ArticleReports("b", "B", MONDAY, [_c(
        "19", "weekday:5", ["D", "US"], "Palmyra", target="US", figures={"killed": 3},
        summary="Ambush by a gunman in the Palmyra desert killed two troops")])
    c = ArticleReports("c", "C", MONDAY, [_c("19", None, ["D", "US"], "Palmyra", target="US",
                                             summary="Ambush near Palmyra")])
    (event,) = build_timeline([a, b, c])
    assert event.summary == "Ambush by a gunman in the Palmyra desert killed two troops"
    assert event.actors == ["D", "US"]
    assert flat_row(event) == {
        "date": "2025-12-13", "actor1": "D", "cameo": "19", "actor2": "US", "place": "Palmyra",
        "articles": 3, "outlets": 3,
        "summary": "Ambush by a gunman in the Palmyra desert killed two troops"}


def test_the_summary_is_a_sentence_as_written_not_a_cut_clause_or_capitals() -> None:
    cut = _c("19", None, [], "Tulsa", summary="Shooting rather than wait for the ambulance, "
             "a spokesman said")
    cut.sentence = ("She drove him to a hospital after the shooting rather than wait for the "
                    "ambulance, a spokesman said.")
    loud = _c("19", None, [], "Tulsa",
              summary="THE BOY WAS SHOT IN THE FACE AT HIS HOME IN TULSA ON MONDAY")
    written = _c("19", None, [], "Tulsa", summary="A boy was shot by his sister")
    written.sentence = "Police said a boy was shot by his sister."
    reports = [ArticleReports(k, k, MONDAY, [e])
               for k, e in zip("abc", (cut, loud, written), strict=True)]
    (event,) = build_timeline(reports)
    assert event.summary == "A boy was shot by his sister"
    (event,) = build_timeline(reports[:2])
    assert event.summary == "Shooting rather than wait for the ambulance, a spokesman said"


def test_flat_row_of_an_undated_single_actor_event() -> None:
    (event,) = build_timeline([ArticleReports("a", "A", None, [_c("13", None, ["Trump"])])])
    row = flat_row(event)
    assert (row["date"], row["actor1"], row["actor2"], row["outlets"]) == (None, "Trump", None, 1)


def test_same_day_violence_merges_without_shared_words() -> None:
    a = ArticleReports("a", "A", MONDAY, [_c("18", "weekday:1", [], "Madison",
                                             summary="child injured in a shooting")])
    b = ArticleReports("b", "B", MONDAY, [_c("18", "weekday:1", ["Rio Vista"],
                                             summary="Shooting at 333 Rio Vista Dr")])
    c = ArticleReports("c", "C", MONDAY, [_c("01", "weekday:1", ["P"], summary="P said x"),
                                          _c("01", "weekday:1", ["Q"], summary="Q told y")])
    events = build_timeline([a, b, c])
    assert sorted(e.article_keys for e in events) == [["a", "b"], ["c"], ["c"]]


def test_same_day_and_toll_bridge_differently_named_places() -> None:
    a = ArticleReports("a", "A", MONDAY,
                       [_c("18", "weekday:0", [], "Oklahoma", figures={"killed": 4})])
    b = ArticleReports("b", "B", MONDAY,
                       [_c("19", "weekday:0", [], "Tulsa", figures={"killed": 4})])
    c = ArticleReports("c", "C", MONDAY, [_c("19", "weekday:0", [], "Homs", figures={"killed": 1})])
    events = build_timeline([a, b, c])
    assert sorted(e.article_keys for e in events) == [["a", "b"], ["c"]]


def test_a_county_or_a_state_holds_a_town_two_towns_stay_apart() -> None:
    a = ArticleReports("a", "A", MONDAY, [_c("18", "weekday:0", [], "Harris County, Texas",
                                             summary="A man was shot at a bar")])
    b = ArticleReports("b", "B", MONDAY, [_c("18", "weekday:0", [], "Pasadena",
                                             summary="A man was shot at a bar")])
    c = ArticleReports("c", "C", MONDAY, [_c("18", "weekday:0", [], "Omaha",
                                             summary="A man was shot at a bar")])
    events = build_timeline([a, b, c])
    assert sorted(e.article_keys for e in events) == [["a", "b"], ["c"]]


def test_a_short_report_inside_a_long_one_merges() -> None:
    a = ArticleReports("a", "A", MONDAY, [_c(
        "01", "weekday:0", ["Academy"],
        summary="Ellen DeGeneres will host the Oscars again, the Academy said")])
    b = ArticleReports("b", "B", MONDAY, [_c(
        "01", None, [], summary="Producers announced that Ellen DeGeneres would host the annual "
        "Oscars ceremony again after a long wait by fans and critics alike")])
    (event,) = build_timeline([a, b])
    assert event.article_keys == ["a", "b"]


def test_violent_reports_sharing_a_toll_merge_undated() -> None:
    a = ArticleReports("a", "A", MONDAY, [_c("18", "weekday:0", [], figures={"killed": 1},
                                             summary="A girl was shot to death in the north")])
    b = ArticleReports("b", "B", None, [_c("18", None, ["Stewart", "Luss"], figures={"killed": 1},
                                           summary="Police say Stewart shot and killed Luss")])
    (event,) = build_timeline([a, b])
    assert event.article_keys == ["a", "b"]


def test_second_pass_joins_what_later_evidence_links() -> None:
    a = ArticleReports("a", "A", MONDAY, [
        _c("18", "weekday:0", [], "Fairmont", summary="shooting inside an apartment"),
        _c("19", None, [], "Fairmont", figures={"killed": 4}, summary="four women found dead")])
    b = ArticleReports("b", "B", MONDAY, [_c("18", "weekday:0", [], "Oklahoma",
                                             figures={"killed": 4}, summary="four shot in Tulsa")])
    (event,) = build_timeline([a, b])
    assert sorted(event.article_keys) == ["a", "b"]
    assert event.place == "Fairmont"
