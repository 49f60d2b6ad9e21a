"""feeds.extract.reconcile: the rules' candidates against the model's entities, rule by rule
(with entities given, so each rule is tested whatever the weights), then end to end."""

from __future__ import annotations

from feeds.extract import extract
from feeds.extract.actors import Candidate
from feeds.extract.reconcile import reconcile
from feeds.model import Article


def _cand(text: str, word: str, name: str, kind: str, last: bool = False,
          **flags: object) -> Candidate:
    at = text.rindex(word) if last else text.index(word)
    return Candidate(at, at + len(word), word, name, kind, **flags)  # type: ignore[arg-type]


def _ent(text: str, word: str, kind: str, last: bool = False) -> tuple[int, int, str]:
    at = text.rindex(word) if last else text.index(word)
    return at, at + len(word), kind


def _kept(text: str, found: list[Candidate], entities: list) -> list[tuple[str, str, str]]:
    return [(c.text, c.name, c.kind) for c in reconcile(text, found, entities)]


def test_the_model_types_a_span_both_read() -> None:
    text = "Zorblax rose after the deal."
    found = [_cand(text, "Zorblax", "Zorblax", "person", pending=True)]
    assert _kept(text, found, [_ent(text, "Zorblax", "ORG")]) == [
        ("Zorblax", "Zorblax", "organization")]


def test_a_known_person_body_or_country_keeps_its_kind() -> None:
    text = "ZEDILLO VISITS FLOOD ZONE."
    found = [_cand(text, "ZEDILLO", "Ernesto Zedillo", "person", known=True)]
    assert _kept(text, found, [_ent(text, "ZEDILLO", "ORG")]) == [
        ("ZEDILLO", "Ernesto Zedillo", "person")]


def test_a_known_town_is_a_team_only_where_the_article_speaks_of_sport() -> None:
    visit = "The minister visited Marseille on Sunday."
    town = [_cand(visit, "Marseille", "Marseille", "place", known=True)]
    assert _kept(visit, town, [_ent(visit, "Marseille", "ORG")])[0][2] == "place"
    match = "Marseille scored twice in the league match on Sunday."
    team = [_cand(match, "Marseille", "Marseille", "place", known=True)]
    assert _kept(match, team, [_ent(match, "Marseille", "ORG")])[0][2] == "organization"


def test_a_known_town_opening_a_bodys_name_is_that_body_only_where_the_model_says() -> None:
    text = "Summit Entertainment hired him. Summit said so."
    found = [_cand(text, "Summit", "Summit", "place", last=True, known=True)]
    entities = [_ent(text, "Summit Entertainment", "ORG"), _ent(text, "Summit", "ORG", last=True)]
    assert [k for _, _, k in _kept(text, found, entities)] == ["organization", "organization"]
    text = "Shares fell in London. The London Stock Exchange said so."
    found = [_cand(text, "London", "London", "place", known=True)]
    entities = [_ent(text, "London", "LOC"), _ent(text, "London Stock Exchange", "ORG")]
    assert _kept(text, found, entities) == [
        ("London", "London", "place"),
        ("London Stock Exchange", "London Stock Exchange", "organization")]


def test_a_longer_reading_of_the_model_replaces_a_known_word() -> None:
    text = "Gary Smith, a farmer, said the storm flattened his barn."
    found = [_cand(text, "Gary", "Gary", "place", known=True)]
    assert _kept(text, found, [_ent(text, "Gary Smith", "PER")]) == [
        ("Gary Smith", "Gary Smith", "person")]


def test_a_known_town_needs_the_model_but_a_country_does_not() -> None:
    text = "Reading the report, officials in France sighed."
    found = [_cand(text, "Reading", "Reading", "place", known=True),
             _cand(text, "France", "France", "country", known=True)]
    assert _kept(text, found, []) == [("France", "France", "country")]


def test_capitalised_words_the_model_does_not_tag_are_dropped() -> None:
    text = "Neighbors said Deputies arrived late."
    found = [_cand(text, "Neighbors", "Neighbors", "person", pending=True, initial=True),
             _cand(text, "Deputies", "Deputies", "organization")]
    assert _kept(text, found, []) == []


def test_titled_people_take_the_models_reading_and_their_qualifier() -> None:
    text = "Sixers Coach Jim O'Brien met U.S. Secretary of State Marco Rubio."
    found = [_cand(text, "Jim O", "Jim O", "person", titled=True, role="Coach"),
             _cand(text, "Marco Rubio", "Marco Rubio", "person", titled=True,
                   role="U.S. Secretary of State")]
    entities = [_ent(text, "Jim O'Brien", "PER"), _ent(text, "U.S.", "LOC"),
                _ent(text, "Marco Rubio", "PER")]
    assert _kept(text, found, entities) == [("Jim O'Brien", "Jim O'Brien", "person"),
                                            ("Marco Rubio", "Marco Rubio", "person")]


def test_forms_and_coalitions_of_the_rules_stay() -> None:
    text = "Syrian troops joined the anti-ISIS coalition."
    found = [_cand(text, "Syrian", "Syria", "country", form="demonym", known=True),
             _cand(text, "anti-ISIS coalition", "anti-Daesh coalition", "organization")]
    assert _kept(text, found, [_ent(text, "Syrian", "MISC")]) == [
        ("Syrian", "Syria", "country"), ("anti-ISIS coalition", "anti-Daesh coalition",
                                         "organization")]


def test_model_entities_alone_become_candidates_under_known_names() -> None:
    text = "Talks in Washington with Maria Gonzalez and the U.S. went on; Euro 2024 opens."
    entities = [_ent(text, "Maria Gonzalez", "PER"), _ent(text, "U.S.", "LOC"),
                _ent(text, "Euro 2024", "MISC")]
    assert _kept(text, [], entities) == [("Maria Gonzalez", "Maria Gonzalez", "person"),
                                         ("U.S.", "United States", "country")]


def test_a_street_is_a_place_whatever_the_model_says() -> None:
    text = "Shots were heard on Kenneth Drive and Oak Street."
    entities = [_ent(text, "Kenneth Drive", "PER"), _ent(text, "Oak Street", "ORG")]
    assert _kept(text, [], entities) == [("Kenneth Drive", "Kenneth Drive", "place"),
                                         ("Oak Street", "Oak Street", "place")]
    text = "Police identified the victim as Dorian Pike."  # a person's name after "as"
    assert _kept(text, [], [_ent(text, "Dorian Pike", "PER")]) == [
        ("Dorian Pike", "Dorian Pike", "person")]


def _actors(text: str) -> dict[str, str]:
    x = extract(Article(key="k", source_name="s", title="", text=text, content_hash="h"))
    return {a.name: a.kind for a in x.actors}


def test_end_to_end_no_garbage_and_one_actor_per_body() -> None:
    assert _actors("Neighbors said they heard three shots on Kenneth Drive just after "
                   "midnight.") == {"Kenneth Drive": "place"}
    x = extract(Article(key="k", source_name="s", title="", content_hash="h",
                        text="Summit Entertainment hired the director. Summit said the film "
                             "opens in May."))
    assert [(a.name, a.mentions, a.aliases) for a in x.actors] == [
        ("Summit Entertainment", 2, ["Summit"])]


def test_a_pending_surname_of_a_full_name_stays_without_the_model() -> None:
    text = "Donald Trump spoke. Tommy Pigott said so as Trump vowed revenge."
    found = [_cand(text, "Donald Trump", "Donald Trump", "person", known=True),
             _cand(text, "Trump", "Trump", "person", last=True, pending=True)]
    entities = [_ent(text, "Donald Trump", "PER"), _ent(text, "Tommy Pigott", "PER")]
    assert [c[0] for c in _kept(text, found, entities)] == ["Donald Trump", "Tommy Pigott",
                                                           "Trump"]
    text = "Trump vowed revenge."  # no full name: the model decides alone
    assert _kept(text, [_cand(text, "Trump", "Trump", "person", pending=True)], []) == []


def test_words_for_people_and_titles_are_no_actors_whatever_the_model_says() -> None:
    text = "Officers said Deputies and the Chair met Neighbors of Maria Gonzalez."
    found = [_cand(text, "Officers", "Officer", "place", known=True)]
    entities = [_ent(text, w, "PER") for w in ("Officers", "Deputies", "Chair", "Neighbors",
                                                "Maria Gonzalez")]
    assert _kept(text, found, entities) == [("Maria Gonzalez", "Maria Gonzalez", "person")]


def test_a_time_is_no_actor_whatever_the_model_says() -> None:
    text = "He died this past Sunday around Noon in Elm Grove, Tom Reyes said."
    entities = [_ent(text, "Sunday", "LOC"), _ent(text, "Noon", "LOC"),
                _ent(text, "Elm Grove", "LOC"), _ent(text, "Tom Reyes", "PER")]
    assert _kept(text, [], entities) == [("Elm Grove", "Elm Grove", "place"),
                                         ("Tom Reyes", "Tom Reyes", "person")]


def test_a_fuzzy_spelling_joins_a_known_name_only_where_the_model_agrees() -> None:
    text = "The Daeshf gunman fled; Bloombergg said so."
    found = [_cand(text, "Daeshf", "Daesh", "organization", known=True, fuzzy=True),
             _cand(text, "Bloombergg", "Bloomberg", "organization", known=True, fuzzy=True)]
    entities = [_ent(text, "Daeshf", "ORG"), _ent(text, "Bloombergg", "PER")]
    assert _kept(text, found, entities) == [("Daeshf", "Daesh", "organization"),
                                            ("Bloombergg", "Bloombergg", "person")]
    assert _kept(text, found[:1], []) == []  # no entity there: no evidence either
    text = "Daesh struck. The Daeshf gunman fled."  # the article spells it right too
    found = [_cand(text, "Daesh", "Daesh", "organization", known=True),
             _cand(text, "Daeshf", "Daesh", "organization", known=True, fuzzy=True)]
    assert _kept(text, found, [_ent(text, "Daeshf", "PER")]) == [
        ("Daesh", "Daesh", "organization"), ("Daeshf", "Daesh", "organization")]


def test_counties_abbreviated_streets_and_towns_before_a_home_stay_places() -> None:
    text = "Shots on College Ave. in Harris County hit a Vista boy at his Glen Flora home."
    found = [_cand(text, "Vista", "Vista", "place", known=True),
             _cand(text, "Glen Flora", "Glen Flora", "place", known=True)]
    entities = [_ent(text, w, "PER") for w in ("College Ave", "Harris County", "Vista",
                                                "Glen Flora")]
    assert [k for _, _, k in _kept(text, found, entities)] == ["place"] * 4
    text = "Vista said no. Notts County won the cup."  # a person's name; a club
    found = [_cand(text, "Vista", "Vista", "place", known=True)]
    entities = [_ent(text, "Vista", "PER"), _ent(text, "Notts County", "ORG")]
    assert [k for _, _, k in _kept(text, found, entities)] == ["person", "organization"]


def test_a_model_entity_is_cut_at_a_spaced_dash() -> None:
    text = "Photo: Peter Hvizdak — Register. Police said so."
    entities = [_ent(text, "Peter Hvizdak — Register", "PER")]
    assert _kept(text, [], entities) == [("Peter Hvizdak", "Peter Hvizdak", "person")]


def test_abbreviated_streets_house_numbers_datelines_and_state_abbreviations() -> None:
    text = "VISTA - Shots at 333 College Drive and on Vance St hit a man from Gary, Ind. today."
    found = [_cand(text, "VISTA", "Vista", "place", known=True)]
    entities = [_ent(text, w, "PER") for w in ("VISTA", "College Drive", "Vance St", "Ind")]
    assert _kept(text, found, entities) == [
        ("VISTA", "Vista", "place"), ("College Drive", "College Drive", "place"),
        ("Vance St", "Vance St", "place"), ("Ind", "Indiana", "place")]


def test_a_capitalised_charge_is_no_person() -> None:
    text = "He faces First Degree Murder and Reckless Conduct counts; Tampering With Evidence."
    entities = [_ent(text, w, "PER") for w in ("First Degree Murder", "Reckless Conduct",
                                                "Tampering With Evidence")]
    assert _kept(text, [], entities) == []
    text = "Police in the Northwest said so. The North won."  # a compass point: no one
    assert _kept(text, [], [_ent(text, "Northwest", "PER"), _ent(text, "North", "ORG")]) == [
        ("North", "North", "organization")]
    text = "The Robbery Homicide Division said so."  # a body's name may hold one
    assert _kept(text, [], [_ent(text, "Robbery Homicide Division", "ORG")]) == [
        ("Robbery Homicide Division", "Robbery Homicide Division", "organization")]


def test_a_pending_state_abbreviation_and_a_name_in_capitals() -> None:
    text = "A man from Gary, Ind. was hurt. AKRON MAN HURT"
    found = [_cand(text, "Ind", "Ind", "person", pending=True)]
    entities = [_ent(text, "Ind", "PER"), _ent(text, "AKRON", "LOC")]
    assert _kept(text, found, entities) == [("Ind", "Indiana", "place"),
                                            ("AKRON", "Akron", "place")]
    text = "The N.Y. man was hurt."  # the model's person, with its dots
    assert _kept(text, [], [_ent(text, "N.Y.", "PER")]) == [("N.Y.", "New York", "place")]
    text = "Photo: Peter Hvizdak  —  Register"  # spaces around the dash, however many
    assert _kept(text, [], [(7, len(text), "PER")]) == [("Peter Hvizdak", "Peter Hvizdak",
                                                         "person")]


def test_a_pending_surname_with_its_article_dropped_stays() -> None:
    text = "Ahmad al-Sharaa spoke. Later Sharaa said so."
    found = [_cand(text, "Ahmad al-Sharaa", "Ahmad al-Sharaa", "person", known=True),
             _cand(text, "Sharaa", "Sharaa", "person", last=True, pending=True)]
    assert [c[0] for c in _kept(text, found, [])] == ["Ahmad al-Sharaa", "Sharaa"]


def test_a_name_cut_at_a_letter_and_an_apostrophe_is_no_entity() -> None:
    text = "Deputies went to a home in the Lake O' the Hills area."
    entities = [_ent(text, "Lake O", "LOC"), _ent(text, "Hills", "LOC")]
    assert _kept(text, [], entities) == []
    named = "Dan O'Brien lives by Lake Erie."
    assert _kept(named, [], [_ent(named, "Dan O'Brien", "PER"), _ent(named, "Lake Erie", "LOC")]
                 ) == [("Dan O'Brien", "Dan O'Brien", "person"),
                       ("Lake Erie", "Lake Erie", "place")]


def test_an_entity_run_on_into_a_persons_full_name_is_the_person() -> None:
    text = "Girl Killed in Northeast Denver Ann Kowalski was shot. Ann Kowalski, 16, died."
    entities = [_ent(text, "Northeast Denver Ann Kowalski", "LOC"),
                _ent(text, "Ann Kowalski", "PER", last=True)]
    assert _kept(text, [], entities) == [("Ann Kowalski", "Ann Kowalski", "person")] * 2


def test_a_web_pages_furniture_or_an_exclamation_is_no_actor() -> None:
    text = "A boy shot himself 1 / 4 Back to Gallery. Video: the scene. \"Oh, please!\""
    entities = [_ent(text, "Gallery", "LOC"), _ent(text, "Video", "ORG"),
                _ent(text, "Oh", "PER")]
    assert _kept(text, [], entities) == []


def test_a_street_after_a_compass_point_is_no_person() -> None:
    text = "The car stopped on North Foster Drive. Foster Drive said nothing."
    entities = [_ent(text, "Foster Drive", "PER"), _ent(text, "Foster Drive", "PER", last=True)]
    assert [(t, k) for t, _, k in _kept(text, [], entities)] == [
        ("Foster Drive", "place"), ("Foster Drive", "person")]
