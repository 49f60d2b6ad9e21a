"""feeds.stories.card: a story's headline event, chosen across its articles."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime

from feeds.extract import extract
from feeds.model import Article, EventCandidate, PartialDate, Participant, StoryCard
from feeds.model.eventcodec import dump_card, load_card
from feeds.stories.card import build_card
from feeds.stories.timeline import ArticleReports, timeline_clusters


def _report(key: str, text: str, published: date | None, outlet: str = "") -> ArticleReports:
    stamp = datetime(published.year, published.month, published.day, 9) if published else None
    article = Article(key=key, source_name="s", title="", text=text, content_hash=key,
                      published=stamp)
    return ArticleReports(key, outlet or key, published, extract(article).events)


def _card(reports: list[ArticleReports]) -> StoryCard | None:
    return build_card(reports, timeline_clusters(reports))


def _event(cameo: str, kind: str, n: int, when: PartialDate | None = None,
           **kw: object) -> EventCandidate:
    expr = f"ymd:{when.value.isoformat()}" if when else None
    return EventCandidate(cameo=cameo, type=kind, sentence="s", start=0, end=1,
                          summary=f"{kind} report {n}", date=when, date_expr=expr,
                          sentence_no=n, **kw)  # type: ignore[arg-type]


def test_no_events_no_card() -> None:
    assert _card([ArticleReports("a", "A", date(2024, 5, 6), [])]) is None


def test_the_lead_event_is_the_card_not_a_statement_or_the_background() -> None:
    text = ("A gunman killed two guards at a bank in Lyon on Saturday. "
            "The mayor condemned the attack on Sunday. "
            "In 2019, a similar robbery killed five people in the city.")
    card = _card([_report("a", text, date(2024, 3, 11), outlet="Daily A")])
    assert card is not None
    assert (card.type, card.cameo, card.date, card.date_precision) == (
        "Conflict.Attack", "19", "2024-03-09", "day")
    assert card.figures == {"killed": 2}
    assert card.summary.startswith("A gunman killed two guards")
    assert (card.articles, card.outlets) == (1, ["Daily A"])


def test_date_and_figures_agreed_across_articles() -> None:
    first = date(2024, 3, 11)  # a Monday
    reports = [
        _report("a", "Gunmen killed three soldiers near Homs on Saturday.", first),
        _report("b", "Three soldiers were killed near Homs on Saturday, officials said.", first),
        _report("c", "Gunmen killed two soldiers near Homs on Sunday.", first),
    ]
    card = _card(reports)
    assert card is not None
    assert card.date == "2024-03-09"
    assert card.figures == {"killed": 3}
    assert card.figure_reports == {"killed": {"3": 2}} or card.figure_reports["killed"]["3"] == 2


def test_a_date_after_the_last_article_is_no_event_date() -> None:
    events = [_event("19", "Conflict.Attack", 0, PartialDate(date(2024, 4, 1)))]
    card = build_card([ArticleReports("a", "A", date(2024, 3, 11), events)],
                      timeline_clusters([ArticleReports("a", "A", date(2024, 3, 11), events)]))
    assert card is not None and card.date is None


def test_an_earlier_incident_is_background() -> None:
    published = date(2024, 3, 11)
    events = [
        _event("19", "Conflict.Attack", 0, PartialDate(date(2019, 6, 1)), place="Lyon"),
        _event("19", "Conflict.Attack", 3, PartialDate(date(2024, 3, 10)), place="Nice"),
    ]
    reports = [ArticleReports("a", "A", published, events)]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and (card.date, card.place) == ("2024-03-10", "Nice")


def test_an_earlier_killing_that_the_storys_charges_are_about_is_the_card() -> None:
    published = date(2024, 3, 11)
    charged = _event("", "Justice.Charge-Indict", 0, None, place="Lyon",
                     participants=[("Bob Roe", "person", "suspect"),
                                   ("Ann Lee", "person", "victim")])
    killed = _event("18", "Conflict.Attack", 1, PartialDate(date(2024, 1, 2)), place="Lyon",
                    participants=[("Ann Lee", "person", "victim")], figures={"killed": 1})
    reports = [ArticleReports("a", "A", published, [charged, killed])]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and (card.type, card.date) == ("Conflict.Attack", "2024-01-02")
    other = _event("18", "Conflict.Attack", 1, PartialDate(date(2024, 1, 2)), place="Lyon",
                   participants=[("Cal Ruiz", "person", "victim")], figures={"killed": 1})
    reports = [ArticleReports("a", "A", published, [charged, other])]  # another killing
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and (card.type, card.date) == ("Justice.Charge-Indict", None)


def test_where_the_hurt_were_taken_is_no_vote_for_the_scene() -> None:
    reports = [ArticleReports(k, k, date(2024, 3, 11), [
        _event("18", "Conflict.Attack", 0, PartialDate(date(2024, 3, 10)),
               place="Marion County", figures={"wounded": 1}),
        _event("", "Movement.Transport", 3, None, place="Shreveport")]) for k in "ab"]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and card.place == "Marion County"


def test_a_person_of_the_card_is_named_in_full() -> None:
    published = date(2024, 3, 11)
    events = [_event("18", "Conflict.Attack", 0, PartialDate(date(2024, 3, 10)),
                     participants=[("Ann Lee", "person", "victim"), ("Det", "person", "suspect"),
                                   ("Tulsa Police", "organization", "agent")])]
    reports = [ArticleReports("a", "A", published, events)]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and [p.name for p in card.participants] == ["Ann Lee",
                                                                        "Tulsa Police"]


def test_suspects_of_the_story_join_a_violent_card() -> None:
    published = date(2024, 3, 11)
    events = [
        _event("18", "Conflict.Attack", 0, PartialDate(date(2024, 3, 10)),
               participants=[("Ann Lee", "person", "victim")], actors=["Ann Lee"]),
        _event("17", "Justice.Arrest-Jail", 2, None,
               participants=[("Bob Roe", "person", "suspect")], actors=["Bob Roe"]),
    ]
    reports = [ArticleReports("a", "A", published, events)]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None
    assert card.participants == [Participant("Ann Lee", "person", "victim"),
                                 Participant("Bob Roe", "person", "suspect")]


def test_card_json_round_trip() -> None:
    card = StoryCard(type="Disaster.Earthquake", cameo="", summary="A quake struck",
                     date="2024-01", date_precision="month", place="Izmir", country="Turkey",
                     figures={"killed": 4}, figure_reports={"killed": {"4": 1}},
                     participants=[Participant("Red Crescent", "organization", "agent")],
                     articles=1, outlets=["A"])
    assert load_card(dump_card(card)) == card
    assert dump_card(None) is None and load_card("not json") is None and load_card("[1]") is None


def test_an_undated_event_takes_the_date_of_its_lead_reports_then_a_time_of_day() -> None:
    published = date(2024, 3, 11)
    kin = _report("a", "A man was shot and killed on Elm Road. A shooting was reported "
                  "Sunday near the river.", published)
    card = _card([kin])
    assert card is not None and card.date == "2024-03-10"
    clock = _report("b", "A man was shot and killed at a gas station. Police said shots were "
                    "fired around 9 p.m. near the pumps.", published)
    card = _card([clock])
    assert card is not None and card.date == "2024-03-11"


def test_a_follow_up_yields_to_the_event_it_follows() -> None:
    shooting, later = PartialDate(date(2024, 3, 9)), PartialDate(date(2024, 5, 3))
    reports = [
        ArticleReports("a", "A", date(2024, 3, 10), [_event("19", "Conflict.Attack", 0, shooting,
                                                            place="Lyon")]),
        ArticleReports("b", "B", date(2024, 3, 10), [_event("19", "Conflict.Attack", 1, shooting,
                                                            place="Lyon")]),
        ArticleReports("c", "C", date(2024, 5, 4), [_event("19", "Conflict.Attack", 0, later,
                                                           place="Lyon")]),
        ArticleReports("d", "D", date(2024, 5, 4), [_event("19", "Conflict.Attack", 0, later,
                                                           place="Lyon")]),
    ]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and card.date == "2024-03-09"


def test_a_death_outranks_the_illness_before_it() -> None:
    published = date(2024, 3, 11)
    reports = [
        _report("a", "The painter Oriel Vance died peacefully on Sunday at the age of 90. "
                "Vance had suffered a heart attack in a Boston hospital, her agent said.",
                published),
        _report("b", "Oriel Vance suffered a heart attack in a Boston hospital on Friday. "
                "Vance died at the age of 90 on Sunday.", published),
    ]
    card = _card(reports)
    assert card is not None and (card.type, card.date) == ("Life.Die", "2024-03-10")
    sunday = PartialDate(date(2024, 3, 10))
    one = [_event("", "Life.Health", 0, sunday, actors=["Oriel Vance"]),
           _event("", "Life.Health", 1, sunday, actors=["Oriel Vance"]),
           _event("", "Life.Die", 2, sunday, actors=["Oriel Vance"])]
    reports = [ArticleReports("a", "A", published, one)]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and card.type == "Life.Die"


def test_a_charge_yields_to_the_shooting_it_follows() -> None:
    published = date(2024, 3, 12)
    filler = "The school is closed this week. Counsellors are on hand for pupils. "
    reports = [
        _report("a", "A 17-year-old was charged with manslaughter on Monday in the death of "
                "a classmate. " + filler + "The classmate was shot and killed at a home in "
                "Salina on Saturday, police said.", published),
        _report("b", "A 17-year-old was charged with manslaughter on Monday. " + filler +
                "Police said a boy was fatally shot in Salina on Saturday.", published),
    ]
    card = _card(reports)
    assert card is not None
    assert (card.type, card.date, card.place, card.figures) == (
        "Conflict.Attack", "2024-03-09", "Salina", {"killed": 1})
    assert (card.region, card.country) == ("Kansas", "United States")  # not Larnaca's alias
    alone = _card([_report("c", "A 17-year-old was charged with manslaughter on Monday.",
                           published)])
    assert alone is not None and alone.type == "Justice.Charge-Indict"


def test_a_tie_of_places_goes_to_the_first_named_whatever_the_hash_seed() -> None:
    code = ("from datetime import date\n"
            "from feeds.model import EventCandidate, PartialDate\n"
            "from feeds.stories.card import build_card\n"
            "from feeds.stories.timeline import ArticleReports, timeline_clusters\n"
            "def ev(n, kind, cameo, place, words):\n"
            "    return EventCandidate(cameo=cameo, type=kind, sentence='s', start=0, end=1,\n"
            "        summary=words, date=PartialDate(date(2024, 3, 9)), sentence_no=n,\n"
            "        place=place)\n"
            "events = [ev(0, 'Conflict.Attack', '19', None, 'gunman shot guards'),\n"
            "          ev(1, 'Contact.Meet', '04', 'Tampa', 'mayor met pastors'),\n"
            "          ev(2, 'Justice.Arrest-Jail', '', 'Ocala', 'police arrested suspect')]\n"
            "r = [ArticleReports('a', 'A', date(2024, 3, 10), events)]\n"
            "print(build_card(r, timeline_clusters(r)).place)\n")
    places = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}
                             ).stdout.strip() for seed in range(8)}
    assert places == {"Tampa"}  # the main event's own place unknown: the first other one


def test_a_death_outranks_an_illness_reported_apart() -> None:
    published = date(2024, 3, 11)
    health = [_event("", "Life.Health", 0, None, actors=["Oriel Vance"]),
              _event("", "Life.Health", 1, None, actors=["Oriel Vance"])]
    death = [_event("20", "Life.Die", 1, None, actors=["Oriel Vance"])]
    reports = [ArticleReports("a", "A", published, health), ArticleReports("b", "B", published,
                                                                           death)]
    card = _card(reports)
    assert card is not None and card.type == "Life.Die"
    alone = _card([ArticleReports("a", "A", published, health)])
    assert alone is not None and alone.type == "Life.Health"


def test_a_death_of_the_same_day_names_the_attacks_victim() -> None:
    published = date(2024, 3, 11)
    sunday, earlier = PartialDate(date(2024, 3, 10)), PartialDate(date(2023, 5, 1))
    attack = [_event("19", "Conflict.Attack", 0, sunday)]
    deaths = [_event("", "Life.Die", 2, sunday,
                     participants=[("Ellis Garner", "person", "victim")]),
              _event("", "Life.Die", 3, earlier,
                     participants=[("Ruth Kline", "person", "victim")])]
    reports = [ArticleReports("a", "A", published, attack + deaths)]
    card = _card(reports)
    assert card is not None and card.type == "Conflict.Attack"
    assert [(p.name, p.role) for p in card.participants] == [("Ellis Garner", "victim")]


def test_a_county_holds_the_town_of_the_event_another_town_does_not() -> None:
    day = PartialDate(date(2024, 3, 9), "day")
    published = date(2024, 3, 11)

    def card_beside(place: str) -> StoryCard | None:
        main = _event("18", "Conflict.Attack", 0, day, place="Pine Hollow")
        kin = _event("18", "Conflict.Attack", 0, None, place=place, figures={"killed": 2})
        return _card([ArticleReports("a", "A", published, [main]),
                      ArticleReports("b", "B", published, [kin])])

    card = card_beside("Harris County, Texas")
    assert card is not None and (card.place, card.figures) == ("Pine Hollow", {"killed": 2})
    card = card_beside("Omaha")
    assert card is not None and card.figures == {}


def test_a_neighbourhood_votes_for_its_city() -> None:
    day = PartialDate(date(2024, 3, 9), "day")
    published = date(2024, 3, 10)
    reports = [ArticleReports(k, k.upper(), published, [_event(
        "18", "Conflict.Attack", 0, day, place=place, figures={"killed": 1})])
        for k, place in (("a", "Portage Park"), ("b", "Chicago"), ("c", "Naperville"))]
    card = _card(reports)
    assert card is not None and (card.place, card.region) == ("Chicago", "Illinois")


def test_the_wounded_who_died_later_count_as_dead_only() -> None:
    day = PartialDate(date(2024, 3, 9), "day")

    def card(hurt_on: date, dead_on: date, both: bool = False) -> StoryCard | None:
        hurt = _event("18", "Conflict.Attack", 0, day, place="Elm Grove", figures={"wounded": 1})
        dead = _event("18", "Conflict.Attack", 0, day, place="Elm Grove",
                      figures={"killed": 1, "wounded": 1} if both else {"killed": 1})
        return _card([ArticleReports("a", "A", hurt_on, [hurt]),
                      ArticleReports("b", "B", dead_on, [dead])])

    first, second = date(2024, 3, 9), date(2024, 3, 11)
    later = card(first, second)  # "boy critically injured", then "boy dies"
    assert later is not None and (later.figures, later.figure_reports) == (
        {"killed": 1}, {"killed": {"1": 1}})
    earlier = card(second, first)  # a death first, then someone wounded: two people
    assert earlier is not None and earlier.figures == {"killed": 1, "injured": 1}
    both = card(first, second, both=True)  # an article counts both: two people
    assert both is not None and both.figures == {"killed": 1, "injured": 1}


def test_an_article_votes_once_for_a_place() -> None:
    day = PartialDate(date(2024, 3, 9), "day")
    published = date(2024, 3, 10)
    attack = _event("18", "Conflict.Attack", 0, day, place="Vista", figures={"killed": 1})
    arrest = _event("17", "Justice.Arrest-Jail", 3, None, place="Vista")
    card = _card([ArticleReports("a", "A", published, [attack, arrest]),
                  *(ArticleReports(k, k.upper(), published, [_event(
                      "17", "Justice.Arrest-Jail", 1, None, place="Perris")]) for k in "bc")])
    # Vista: a's attack (1.0), not a's arrest again; Perris: b's and c's arrests (0.9 each)
    assert card is not None and (card.type, card.place) == ("Conflict.Attack", "Perris")


def test_one_wounded_beside_one_dead_is_the_same_victim_unless_a_report_counts_both() -> None:
    day = PartialDate(date(2024, 3, 9), "day")
    published = date(2024, 3, 10)

    def card(*figures: dict[str, int]) -> StoryCard | None:
        events = [_event("18", "Conflict.Attack", n, day, place="Elm Grove", figures=f)
                  for n, f in enumerate(figures)]
        return _card([ArticleReports("a", "A", published, events)])

    one = card({"wounded": 1}, {"killed": 1})  # "the boy was wounded", "he died"
    assert one is not None and one.figures == {"killed": 1}
    two = card({"killed": 1, "wounded": 1})  # "a girl was killed and her father wounded"
    assert two is not None and two.figures == {"killed": 1, "injured": 1}
    more = card({"wounded": 2}, {"killed": 1})
    assert more is not None and more.figures == {"killed": 1, "injured": 2}


def test_the_shot_are_wounded_when_no_one_died() -> None:
    published = date(2024, 3, 12)
    card = _card([_report("a", "A 9-year-old girl was accidentally shot at a gun range in "
                               "Dunmore on Monday.", published)])
    assert card is not None and card.figures == {"injured": 1}
    assert card.figure_reports == {"injured": {"1": 1}}
    died = _card([
        _report("a", "A 9-year-old girl was accidentally shot at a gun range in Dunmore on "
                     "Monday.", published),
        _report("b", "A 9-year-old girl was shot and killed at a gun range in Dunmore on "
                     "Monday.", published)])
    assert died is not None and died.figures == {"killed": 1}


def test_the_shot_an_article_counts_beyond_its_dead_are_wounded() -> None:
    published = date(2024, 3, 12)
    text = ("Four people were shot in Dunmore on Monday night, police said. One of them, a "
            "20-year-old man, died at the hospital.")
    card = _card([_report("a", text, published)])
    assert card is not None and card.figures == {"killed": 1, "injured": 3}
    # as many dead as shot: no one wounded
    card = _card([_report("a", text.replace("One of them, a 20-year-old man,",
                                            "All four"), published)])
    assert card is not None and card.figures == {"killed": 4}


def test_a_death_of_the_wounds_days_later_counts_for_the_shooting() -> None:
    reports = [
        _report("a", "Ned Arlo, 20, was accidentally shot by a friend in Dunmore on Monday. "
                     "He remained in critical condition on Tuesday.", date(2024, 3, 12)),
        _report("b", "The man wounded in a shooting in Dunmore on Monday died from his "
                     "injuries on Thursday. Ned Arlo, 20, was accidentally shot by a friend "
                     "on Monday.", date(2024, 3, 15)),
    ]
    card = _card(reports)
    assert card is not None and (card.date, card.figures) == ("2024-03-11", {"killed": 1})


def test_an_undated_death_in_a_feature_weeks_later_is_no_count_of_the_event() -> None:
    reports = [
        _report("a", "A 10-year-old girl was shot in her bedroom in Dunmore on Monday.",
                date(2024, 3, 12)),
        _report("b", "A 10-year-old girl was shot in her bedroom in Dunmore on March 11. "
                     "Her home is a few yards from where Abe Kerr was killed by a neighbour.",
                date(2024, 4, 20)),
    ]
    card = _card(reports)
    assert card is not None and (card.date, card.figures) == ("2024-03-11", {"injured": 1})
    assert card.figure_reports == {"injured": {"1": 2}}


def test_an_undated_accident_takes_the_day_of_the_shooting_it_was() -> None:
    reports = [_report("a", "Ray Oakes, 31, died in a hunting accident near Dunmore. Oakes "
                            "was shot in the head on Sunday while he hunted with his son.",
                       date(2024, 3, 12))]
    card = _card(reports)
    assert card is not None and (card.type, card.date) == ("Accident.Other", "2024-03-10")


def test_a_count_of_the_next_day_is_the_same_happenings() -> None:
    sunday, monday = PartialDate(date(2024, 3, 10)), PartialDate(date(2024, 3, 11))
    events = [_event("18", "Conflict.Attack", 0, sunday, place="Dunmore"),
              _event("18", "Conflict.Attack", 1, monday, place="Dunmore",
                     figures={"wounded": 4})]
    reports = [ArticleReports("a", "A", date(2024, 3, 11), events)]
    card = build_card(reports, timeline_clusters(reports))
    assert card is not None and (card.date, card.figures) == ("2024-03-10", {"injured": 4})
