"""Event rules the card relies on: which trigger types a clause, who the victims and
suspects are, and which capitalised words are no event's place."""

from __future__ import annotations

from datetime import datetime

from feeds.extract import extract
from feeds.extract.events import _given_names
from feeds.model import Article, EventCandidate, Mention

TUESDAY = datetime(2024, 10, 8, 9)


def _events(text: str, title: str = "") -> list[EventCandidate]:
    article = Article(key="k", source_name="s", title=title, text=text, content_hash="h",
                      published=TUESDAY)
    return extract(article).events


def test_a_toll_belongs_to_the_event_it_counts() -> None:
    (event,) = _events("Nine people were killed when a landslide buried a village on Monday.")
    assert event.type.startswith("Disaster.") and event.figures == {"killed": 9}


def test_a_killing_by_someone_is_an_attack_a_death_alone_is_not() -> None:
    (attack,) = _events("A gunman killed two guards at a depot on Monday.")
    assert (attack.type, attack.figures) == ("Conflict.Attack", {"killed": 2})
    (death,) = _events("Ruth Ovington, a retired judge, died on Monday.")
    assert death.type == "Life.Die"


def test_a_person_who_died_is_the_victim() -> None:
    events = _events("Police said Ellis Garner, 10, died on Monday after a shooting at a home.")
    people = {p for e in events for p in e.participants if p[1] == "person"}
    assert ("Ellis Garner", "person", "victim") in people


def test_identified_victims_and_suspects_join_the_violent_event() -> None:
    text = ("A man was shot and killed outside a store on Monday. "
            "Police identified the victim as Dorian Pike. "
            "The suspect was identified as Malcolm Reyes.")
    violent = next(e for e in _events(text) if e.type == "Conflict.Attack")
    assert ("Dorian Pike", "person", "victim") in violent.participants
    assert ("Malcolm Reyes", "person", "suspect") in violent.participants


def test_a_dateline_gives_the_scene_of_placeless_events() -> None:
    (event,) = _events("BRAMBLETON, Va. — A teenager was shot and wounded on Monday.")
    assert event.place == "Brambleton, Virginia"


def test_a_given_name_read_as_a_town_is_no_place() -> None:
    events = _events("Police said Tyler Brandt shot and killed a neighbour on Monday.")
    assert all(e.place != "Tyler" for e in events)


def test_a_one_word_place_must_be_a_proper_noun_of_the_text() -> None:
    (event,) = _events("Close Man shot dead in Tulsa on Monday.")
    assert event.place == "Tulsa"  # "Man" (a town of Ivory Coast) only opens a caption


def test_a_death_at_a_hospital_is_a_death() -> None:
    (event,) = _events("The retired actor Lionel Marsh died at a Boston hospital on Monday "
                       "after suffering a heart attack.")
    assert event.type == "Life.Die"


def test_a_hometown_is_no_event_place() -> None:
    (event,) = _events("Police said a Tulsa teenager was shot in the leg on Monday.")
    assert event.place is None
    (event,) = _events("Ann Lowe, of Tulsa, was shot and killed in Omaha on Monday.")
    assert event.place == "Omaha"


def test_another_states_shooting_keeps_its_state_and_its_toll() -> None:
    text = ("OMAHA, Neb. (AP) — A gunman killed one person and wounded two others at a bar on "
            "Friday, police said. The gunman in the Oregon shooting wounded nine others.")
    here, there = _events(text)
    assert (here.place, there.place) == ("Omaha, Nebraska", "Oregon")
    assert here.figures == {"killed": 1, "wounded": 2}
    # the scene's own state, or a scene without one, is no other place
    (event,) = _events("OMAHA, Neb. (AP) — A man was shot in Nebraska on Friday, police said.")
    assert event.place == "Omaha, Nebraska"


def test_a_street_named_after_a_town_is_no_event_place() -> None:
    (event,) = _events("A man was shot in the 4100 block of Tulsa in Omaha on Monday.")
    assert event.place == "Omaha"
    (event,) = _events("A woman was shot on Tulsa Avenue on Monday, police said.")
    assert event.place is None


def test_a_town_written_only_in_a_street_name_is_the_streets_later_too() -> None:
    text = ("A boy was shot in the 4700 block of West Tulsa Street on Monday, police said. "
            "Officers spoke to a classmate who met him at the Tulsa address.")
    assert [e.place for e in _events(text)] == [None, None]
    # written as a town too ("in Tulsa"), it stays one
    text = text.replace("Street on", "Street in Tulsa on")
    assert _events(text)[0].place == "Tulsa"


def test_a_death_from_wounds_is_dated_by_the_attack() -> None:
    (event,) = _events("A boy died on Monday of a gunshot wound suffered on Saturday.")
    assert event.type == "Conflict.Attack"
    assert event.date is not None and event.date.iso() == "2024-10-05"
    (event,) = _events("A gunman killed two guards at a depot on Monday.")
    assert event.date is not None and event.date.iso() == "2024-10-07"
    (event,) = _events("Nine people died on Sunday when a landslide struck a village.")
    assert event.date is not None and event.date.iso() == "2024-10-06"


def test_the_headlines_day_dates_an_undated_lead() -> None:
    text = "A teenager was shot and killed at an apartment, police said."
    (event,) = _events(text, title="Teen shot dead early Sunday - KXYZ News")
    assert event.date is not None and event.date.iso() == "2024-10-06"
    (event,) = _events("A teenager was shot and killed on Monday.", title="Teen shot dead Sunday")
    assert event.date is not None and event.date.iso() == "2024-10-07"  # the text's own
    (event,) = _events(text, title="Teen shot dead in 2024")
    assert event.date is None  # a year is not the event's day


def test_the_headlines_toll_counts_for_a_lead_without_one() -> None:
    text = "A teenager was shot at an apartment on Monday, police said."
    (event,) = _events(text, title="Teen, 16, Killed In Apartment Shooting - KXYZ News")
    assert event.figures == {"killed": 1}
    (event,) = _events("Two teenagers were shot dead on Monday.", title="Teen Killed")
    assert event.figures == {"killed": 2}  # the text's own toll


def test_a_datelines_date_is_when_the_story_was_filed() -> None:
    (event,) = _events("OMAHA, Neb., Oct. 6 (AP) -- A clerk was shot dead at a store, police said.")
    assert (event.date, event.place) == (None, "Omaha, Nebraska")
    (event,) = _events("OMAHA, Oct. 6 -- A clerk was shot dead at a store on Saturday.")
    assert event.date is not None and event.date.iso() == "2024-10-05"
    (event,) = _events("A clerk was shot dead at a store in Omaha on Oct. 6, police said.")
    assert event.date is not None and event.date.iso() == "2024-10-06"


def test_a_site_name_in_the_title_names_no_place() -> None:
    text = "A boy was shot and killed on Monday, police said. He went to school in Tulsa."
    (event, *_) = _events(text, title="Boy shot dead - KXYZ News | Tulsa")
    assert event.place is None
    (event, *_) = _events(text, title="Boy shot dead in Tulsa - KXYZ News")
    assert event.place == "Tulsa"


def test_talk_about_a_new_happening_reports_the_happening() -> None:
    events = _events("Police are investigating a shooting that wounded a clerk on Monday.")
    assert events[0].type == "Conflict.Attack"
    (event,) = _events("Police opened an investigation into the crash on Monday.")
    assert event.type != "Accident.Crash"  # "the crash" was reported before


def test_a_continuation_gives_its_toll_to_a_disaster() -> None:
    (quake,) = _events("A strong earthquake struck the coast on Monday, killing 12 people.")
    assert (quake.type, quake.figures) == ("Disaster.Earthquake", {"killed": 12})


def test_a_surname_alone_is_no_place() -> None:
    text = "Sidney Davis, 44, was charged. The boy was shot at Davis' home."
    mentions = [Mention(0, 12, "Sidney Davis", "Sidney Davis", "person"),
                Mention(50, 55, "Davis", "Davis", "place")]  # also a town of California
    assert {"Sidney", "Davis"} <= _given_names(text, mentions)


def test_a_given_name_is_a_place_only_where_a_place_is_written() -> None:
    (event,) = _events("His brother Tyler was shot and wounded on Monday.")
    assert event.place is None
    (event,) = _events("A clerk was shot and wounded in Tyler on Monday.")
    assert event.place == "Tyler"
    (event,) = _events("A double homicide in Cleveland Monday left two people dead.")
    assert (event.type, event.place, event.figures) == ("Conflict.Attack", "Cleveland",
                                                         {"killed": 2})


def test_the_police_of_a_city_name_the_scene() -> None:
    text = ("A 12-year-old boy was shot and wounded on Monday, Fresno police said. "
            "A Fresno Police Department spokesman said the boy is stable.")
    assert [e.place for e in _events(text) if e.type == "Conflict.Attack"] == ["Fresno"]


def test_a_shared_neighbourhood_is_the_area_of_the_city_whose_police_speak() -> None:
    # "Hyde Park" is a part of Chicago, of Boston and of other cities: the police say which
    title = "Teenager shot in Hyde Park"
    text = ("A 15-year-old boy was shot and killed in Hyde Park on Sunday, Boston police said. "
            "Officers found him on a porch.")
    assert {e.place for e in _events(text, title) if e.type == "Conflict.Attack"} == {"Boston"}
    alone = "A 15-year-old boy was shot and killed in Hyde Park on Sunday, officers said."
    assert {e.place for e in _events(alone, title) if e.type == "Conflict.Attack"} == {
        "Hyde Park"}


def test_the_day_police_responded_dates_an_undated_happening() -> None:
    text = ("A teenager died after being shot at a home. A man was arrested. Deputies "
            "responded around 5 p.m. Oct. 6 to a home on Ryan Road.")
    dates = [(e.type, e.date.iso() if e.date else None) for e in _events(text)]
    assert dates[0] == ("Conflict.Attack", "2024-10-06")
    dated = ("A teenager was shot at a home on Sunday. He died at a hospital. Deputies "
             "responded around 5 p.m. Oct. 1 to a home on Ryan Road.")  # a happening has its day
    assert [e.date.iso() if e.date else None for e in _events(dated)] == ["2024-10-06", None]


def test_a_shot_at_oneself_and_bodies_found_are_events() -> None:
    (event,) = _events("A boy shot himself in the hand with his father's gun Monday night.")
    assert (event.type, event.date.iso()) == ("Conflict.Attack", "2024-10-07")
    (event,) = _events("Their bodies were found Saturday by a neighbour.")
    assert (event.type, event.date.iso()) == ("Life.Die", "2024-10-05")
    assert _events("Homicide detectives said the man was known to them.") == []


def test_a_town_named_as_one_places_happenings_not_calls() -> None:
    text = ("A farmer was shot and wounded on Monday. The city of Traer is in shock. "
            "The governor spoke by phone with the farmer's family on Tuesday.")
    places = {e.type: e.place for e in _events(text)}
    assert places["Conflict.Attack"] == "Traer"
    assert places["Contact.Phone-Write"] is None


def test_found_shot_to_death_found_dead_and_a_gunshot_wound_are_events() -> None:
    (event,) = _events("A woman and her son were found shot to death in their home Sunday.")
    assert (event.type, event.date.iso()) == ("Conflict.Attack", "2024-10-06")
    (event,) = _events("Deputies went to the farm and found two brothers dead on Monday.")
    assert (event.type, event.date.iso()) == ("Life.Die", "2024-10-07")
    assert _events("Critics found the plan dead on arrival.") == []
    (event,) = _events("Mara Quill suffered a gunshot wound on Sunday night.")
    assert (event.type, event.date.iso()) == ("Conflict.Attack", "2024-10-06")


def test_it_happened_dates_the_happening_just_reported() -> None:
    (event,) = _events("A boy was shot in the leg, police said. "
                       "It happened near a park around 9 p.m. Sunday.")
    assert (event.type, event.date.iso()) == ("Conflict.Attack", "2024-10-06")
    (event,) = _events("A boy was shot in the leg on Friday. It happened near a park Sunday.")
    assert event.date.iso() == "2024-10-04"  # a date of its own stays
    (event,) = _events("A man was shot dead earlier this week, police say. It happened "
                       "about 11 p.m. Oct. 6 at a home in Buckner.")  # a week: the day is
    assert (event.date.iso(), event.place) == ("2024-10-06", "Buckner")  # more precise


def test_a_count_of_several_incidents_is_no_toll() -> None:
    assert _events("Two pupils have died in separate gun-related incidents this year.") == []
    assert _events("Police said 12 people have been killed so far this year.") == []
    (event,) = _events("In the past 24 hours, 12 people were killed in shelling.")
    assert event.figures == {"killed": 12}


def test_talks_or_a_pick_to_direct_coach_or_host_are_a_hiring_not_a_meeting() -> None:
    for text in ("Negotiations to helm the sequel have begun with the director Mara Quill.",
                 "Mara Quill has been tapped by Lantern Pictures to direct the sequel.",
                 "Joe Bell is set to take over as head coach of the Rangers next season."):
        types = [e.type for e in _events(text)]
        assert types[:1] == ["Personnel.Start-Position"], text
    (meeting,) = _events("Union leaders held talks with the government on Monday.")
    assert meeting.type == "Contact.Meet"


def test_found_also_or_all_shot_is_a_shooting_a_film_shot_is_not() -> None:
    for text in ("Four people were found shot in the head in a townhouse on Monday.",
                 "Two others were also shot on Monday.", "They were all shot on Monday."):
        assert [e.type for e in _events(text)] == ["Conflict.Attack"], text
    assert _events("The film was shot in Ohio last year.") == []


def test_a_trigger_word_inside_a_name_is_the_names() -> None:
    assert [e.type for e in _events(
        "The Summit County Medical Examiner's Office conducted autopsies on Monday.")] == []
    assert [e.type for e in _events("Leaders met at a summit in Geneva on Monday.")] == [
        "Contact.Meet"]
    assert [e.type for e in _events("Summit talks began in Geneva on Monday.")] == [
        "Contact.Meet"]  # the sentence's first word is no name's for its capital


def test_a_death_in_hospital_is_a_death_not_a_hospital_stay() -> None:
    (event,) = _events("The girl was rushed to a hospital where she passed away.")
    assert (event.type, event.figures) == ("Life.Die", {"killed": 1})
    (stay,) = _events("The girl was rushed to a hospital in critical condition.")
    assert stay.type == "Life.Health"


def test_a_participle_qualifying_a_thing_is_no_cause() -> None:
    (event,) = _events("Ada Quill, 19, was killed with a stolen gun on Monday.")
    assert (event.type, event.figures) == ("Conflict.Attack", {"killed": 1})
    (theft,) = _events("Two pistols were stolen from a pawn shop on Monday.")
    assert theft.type == "Crime.Theft"


def test_an_arrest_after_a_killing_reports_both() -> None:
    events = _events("Police have made an arrest after a woman and her son were found "
                     "shot to death in their home on Monday.")
    assert [(e.type, e.figures) for e in events] == [
        ("Justice.Arrest-Jail", {}), ("Conflict.Attack", {"killed": 2})]
    assert events[1].date is not None and events[1].date.iso() == "2024-10-07"


def test_an_undated_lead_happening_takes_the_day_of_a_free_lead_sentence() -> None:
    (shooting,) = [e for e in _events(
        "The sheriff is calling a deadly shooting in Dunmore an accident. The boy was in "
        "a shed at about 3:30 Sunday afternoon when the rifle went off.") if e.cameo == "18"]
    assert shooting.date is not None and shooting.date.iso() == "2024-10-06"


def test_the_day_of_a_lead_sentence_with_its_own_event_is_not_borrowed() -> None:
    events = _events("A recent attack on a convoy was meant to derail the talks. The "
                     "ministers agreed on it during a phone call on Sunday.")
    attack = next(e for e in events if e.type == "Conflict.Attack")
    assert attack.date is None


def test_said_after_a_comma_names_the_speaker_of_the_clause_before() -> None:
    statement, shooting = _events("Cal Ruiz was shot on Monday in the 400 block of Elm "
                                  "Street in Dunmore, said Dr. Ann Lee, the county coroner.")
    assert (statement.type, statement.participants) == (
        "Statement.Statement", [("Ann Lee", "person", "official")])
    assert (shooting.type, shooting.place, shooting.figures, shooting.attributed_to) == (
        "Conflict.Attack", "Dunmore", {"shot": 1}, "Ann Lee")


def test_a_date_or_a_word_of_a_longer_name_is_no_place() -> None:
    events = _events("A teen was shot at 3:15 p.m. Sunday at High Noon Gun Range. A girl "
                     "home for Thanksgiving was shot in Dunmore.")
    assert [(e.place, e.figures) for e in events] == [(None, {"shot": 1}),
                                                      ("Dunmore", {"shot": 1})]


def test_a_persons_town_after_of_is_a_hometown_not_the_scene() -> None:
    (event,) = _events("A boy, Cal Ruiz of Indianapolis, was shot on Monday.")
    assert event.place is None
    (event,) = _events("A boy, Cal Ruiz of Indianapolis, was shot in Dunmore on Monday.")
    assert event.place == "Dunmore"


def test_a_town_of_the_clause_wins_over_a_town_of_the_headline() -> None:
    events = _events("Deputies were called to a shooting on Elm Road in Tulsa on Monday.",
                     title="Boy dies after shooting in Norman")
    assert [e.place for e in events] == ["Tulsa"]
    (event,) = _events("Deputies were called to a shooting on Elm Road on Monday.",
                       title="Boy dies after shooting in Norman")
    assert event.place == "Norman"


def test_an_agencys_town_is_who_acts_not_where() -> None:
    (event,) = _events("The teen was shot by a Santa Cruz deputy near Watsonville on Monday.")
    assert event.place == "Watsonville"
    (event,) = _events("A boy was shot and killed on Monday in the west Houston suburb of Katy.")
    assert event.place == "Katy"


def test_the_day_of_a_ruling_in_the_lead_dates_no_happening() -> None:
    (shooting,) = [e for e in _events(
        "A woman says her son died in an accidental shooting. The county coroner ruled the "
        "boy's death a homicide on Sunday.") if e.cameo == "18"]
    assert shooting.date is None


def test_the_day_of_a_funeral_is_not_the_shootings() -> None:
    (event,) = _events("Funeral services were held on Monday for a teen who police say was "
                       "accidentally shot and killed by a friend.")
    assert (event.type, event.date, event.figures) == ("Conflict.Attack", None, {"killed": 1})


def test_an_arrest_after_someone_was_found_dead_reports_the_death_with_its_date() -> None:
    events = _events("Cal Ruiz was arrested after 19-year-old Ann Lee was found dead on "
                     "Sunday in a home on Elm Street.")
    assert [(e.type, e.figures) for e in events] == [
        ("Justice.Arrest-Jail", {"arrested": 1}), ("Life.Die", {"killed": 1})]
    assert events[1].date is not None and events[1].date.iso() == "2024-10-06"
    (arrest,) = _events("Cal Ruiz was arrested after a long chase on Sunday.")
    assert arrest.type == "Justice.Arrest-Jail"


def test_shooting_ones_family_or_kin_is_an_attack() -> None:
    for text in ("A father shot his family on Monday.",
                 "He shot his nephew and his grandmother on Monday."):
        (event,) = _events(text)
        assert event.type == "Conflict.Attack", text
    assert _events("The director shot a film in Dunmore on Monday.") == []


def test_the_people_a_headline_says_were_shot_are_the_leads() -> None:
    (event,) = _events("Deputies are investigating an accidental shooting in Dunmore on "
                       "Monday.", title="16-Year-Old Accidentally Shot")
    assert event.figures == {"shot": 1}


def test_a_holder_of_an_office_is_no_suspect() -> None:
    sentenced, charged = _events("Judge Ann Lee sentenced Bob Roe to 20 years on Monday. "
                                 "Mr. Cal Ruiz charged Dan Poe with theft.")
    assert sentenced.participants == [("Ann Lee", "person", "official"),
                                      ("Bob Roe", "person", "suspect")]
    assert charged.participants == [("Cal Ruiz", "person", "suspect"),  # a courtesy title
                                    ("Dan Poe", "person", "suspect")]
