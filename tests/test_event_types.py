"""Event types of the ontology: every subtype from a sentence of its own through `extract`,
the readings an ambiguous word must not get, and the trigger data against the ontology."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from feeds.extract import extract
from feeds.extract.alternation import by_first_character
from feeds.extract.ontology import TYPES, is_type
from feeds.extract.resources import load_json
from feeds.extract.triggers import _lexicon, find_triggers, pattern_at
from feeds.model import Article, EventCandidate

MONDAY = datetime(2025, 12, 15)


def _events(text: str) -> list[EventCandidate]:
    return extract(Article(key="k", source_name="s", title="", text=text, content_hash="h",
                           published=MONDAY)).events


def _types(text: str) -> list[str]:
    return [e.type for e in _events(text)]


def _triggered(text: str) -> list[tuple[str, str]]:
    """(matched text, type) of every trigger of `text`."""
    return [(text[t.start:t.end], t.type) for t in find_triggers(text, 0, len(text), [])]


# (sentence, type of its first event, its CAMEO code: "" where CAMEO has none)
SUBTYPES = [
    ("The duchess gave birth to a baby girl on Saturday.", "Life.Be-Born", ""),
    ("The singer and the footballer got married in a small ceremony on Saturday.",
     "Life.Marry", ""),
    ("The actor filed for divorce from his wife of ten years on Friday.", "Life.Divorce", ""),
    ("Three workers were injured when the scaffolding gave way.", "Life.Injure", "19"),
    ("Two climbers were killed on the mountain on Saturday.", "Life.Die", "19"),
    ("The former prime minister died peacefully at his home on Sunday.", "Life.Die", ""),
    ("The pop star checked into a rehab clinic on Monday.", "Life.Health", ""),
    ("The senator was diagnosed with cancer last year.", "Life.Health", ""),
    ("Thousands of residents were evacuated from the coastal town on Tuesday.",
     "Movement.Transport", ""),
    ("Troops were deployed to the northern border on Monday.", "Movement.Transport", "15"),
    ("The billionaire bought a majority stake in the football club.",
     "Transaction.Transfer-Ownership", ""),
    ("The insurer paid $2 million to the families of the passengers.",
     "Transaction.Transfer-Money", ""),
    ("Two former bankers founded a new software company in Berlin.", "Business.Start-Org", ""),
    ("The two regional banks completed their merger on Friday.", "Business.Merge-Org", ""),
    ("The fashion retailer filed for bankruptcy on Monday.", "Business.Declare-Bankruptcy", ""),
    ("The chain closed all of its stores after eighty years of trading.", "Business.End-Org", ""),
    ("The carmaker signed a five-year supply contract with a battery maker.",
     "Business.Deal", "05"),
    ("A Japanese fund invested $500 million in the startup last week.", "Business.Deal", ""),
    ("A gunman opened fire in a shopping centre on Saturday.", "Conflict.Attack", "18"),
    ("A teenager was stabbed outside a nightclub on Friday night.", "Conflict.Attack", "18"),
    ("An air strike hit a convoy near the border.", "Conflict.Attack", "19"),
    ("Someone set fire to the mosque overnight.", "Conflict.Attack", "18"),
    ("Pirates hijacked a tanker off the coast on Sunday.", "Conflict.Attack", "18"),
    ("Thousands of teachers went on strike over pay on Tuesday.", "Conflict.Demonstrate", "14"),
    ("Protesters rallied outside the parliament building.", "Conflict.Demonstrate", "14"),
    ("The two leaders held talks in Geneva on Monday.", "Contact.Meet", "04"),
    ("The president had a phone call with his French counterpart.", "Contact.Phone-Write", "04"),
    ("The mayor wrote a letter to the prime minister asking for more money.",
     "Contact.Phone-Write", ""),
    ("Maria Lopez was appointed chief executive of the bank on Thursday.",
     "Personnel.Start-Position", ""),
    ("The chief executive resigned on Friday after the scandal.", "Personnel.End-Position", "08"),
    ("The coach was fired on Monday.", "Personnel.End-Position", ""),
    ("The president nominated a federal judge to the Supreme Court.", "Personnel.Nominate", ""),
    ("She was elected mayor of the city in a runoff on Sunday.", "Personnel.Elect", ""),
    ("Police arrested two men at the airport on Sunday.", "Justice.Arrest-Jail", "17"),
    ("The former minister was released on bail on Wednesday.", "Justice.Release-Parole", ""),
    ("The rebels released 20 hostages on Friday.", "Justice.Release-Parole", "08"),
    ("The trial of the former governor began in Chicago on Monday.",
     "Justice.Trial-Hearing", ""),
    ("The driver was charged with dangerous driving on Tuesday.", "Justice.Charge-Indict", ""),
    ("The singer sued her former manager over unpaid royalties.", "Justice.Sue", ""),
    ("A jury found the former banker guilty of fraud on Friday.", "Justice.Convict", ""),
    ("The man was sentenced to 12 years in prison on Thursday.", "Justice.Sentence", ""),
    ("The regulator fined the bank $10 million for misleading customers.", "Justice.Fine", ""),
    ("The convicted killer was executed by lethal injection on Thursday.", "Justice.Execute", ""),
    ("The businessman was extradited to the United States on Friday.", "Justice.Extradite", ""),
    ("The officer was acquitted of all charges on Monday.", "Justice.Acquit", ""),
    ("Her lawyers appealed the verdict on Tuesday.", "Justice.Appeal", ""),
    ("The governor pardoned the former soldier on Christmas Eve.", "Justice.Pardon", ""),
    ("Two inmates escaped from a maximum-security prison overnight.", "Justice.Escape", ""),
    ("A 6.1-magnitude earthquake struck the coast on Monday.", "Disaster.Earthquake", ""),
    ("The hurricane made landfall on Wednesday.", "Disaster.Storm", ""),
    ("Flash floods swept through the valley on Sunday.", "Disaster.Flood", ""),
    ("A wildfire forced thousands from their homes in California.", "Disaster.Fire", ""),
    ("The volcano erupted on Sunday, sending ash into the sky.", "Disaster.Eruption", ""),
    ("A landslide buried several houses in the village on Tuesday.", "Disaster.Other", ""),
    ("A bus crashed into a ravine on Sunday.", "Accident.Crash", ""),
    ("Two trains collided near the station on Friday.", "Accident.Crash", ""),
    ("A window cleaner fell from the roof of a hotel on Monday.", "Accident.Fall", ""),
    ("A house fire killed three children on Saturday.", "Accident.Fire", ""),
    ("A gas explosion destroyed an apartment block on Tuesday.", "Accident.Explosion", ""),
    ("A power outage left thousands of homes without electricity on Friday.",
     "Accident.Failure", ""),
    ("The old bridge collapsed during the morning rush hour.", "Accident.Failure", ""),
    ("Two boys drowned in the lake on Sunday.", "Accident.Other", ""),
    ("Thieves stole paintings worth millions from the museum overnight.", "Crime.Theft", ""),
    ("Hackers broke into the network of the hospital last month.", "Crime.Theft", ""),
    ("Voters went to the polls on Sunday in a referendum on independence.", "Politics.Vote", ""),
    ("Parliament passed a law banning smoking in bars on Thursday.", "Politics.Decision", ""),
    ("The central bank raised interest rates on Thursday.", "Politics.Decision", ""),
    ("The governor repealed the state's mask mandate on Friday.", "Politics.Decision", ""),
    ("The new cabinet overturned the fishing rules of its predecessor.", "Politics.Decision",
     ""),
    ("The ministry issued new safety regulations for drones.", "Politics.Decision", ""),
    ("The two armies agreed a ceasefire on Sunday.", "Politics.Decision", "08"),
    ("The company launched a new phone on Tuesday.", "Product.Release", ""),
    ("The carmaker recalled 40,000 vehicles over faulty brakes.", "Product.Release", ""),
    ("The home side beat their rivals 3-1 on Saturday.", "Sports.Result", ""),
    ("She won the gold medal in the 200 metres.", "Sports.Result", ""),
    ("The striker signed for a Spanish club on Friday.", "Sports.Other", ""),
    ("The midfielder was ruled out for six weeks with a hamstring injury.", "Sports.Other", ""),
    ("The minister condemned the decision.", "Statement.Statement", "11"),
]


@pytest.mark.parametrize(("sentence", "event_type", "cameo"), SUBTYPES)
def test_each_subtype_from_a_sentence(sentence: str, event_type: str, cameo: str) -> None:
    events = _events(sentence)
    assert events, sentence
    assert (events[0].type, events[0].cameo) == (event_type, cameo)


def test_every_subtype_has_a_sentence() -> None:
    covered = {t for _, t, _ in SUBTYPES}
    assert covered == {f"{top}.{sub}" for top, subs in TYPES.items() for sub in subs}


# precision traps: a sentence, the type its first event must have (None: no event at all),
# and the types no event of it may have
TRAPS = [
    # 'fired' as a dismissal or as gunfire
    ("The coach was fired on Monday.", "Personnel.End-Position", {"Conflict.Attack"}),
    ("The club fired its manager after six straight defeats.", "Personnel.End-Position",
     {"Conflict.Attack"}),
    ("The gunman fired at police officers from a window.", "Conflict.Attack",
     {"Personnel.End-Position"}),
    ("Shots were fired outside the school on Friday.", "Conflict.Attack",
     {"Personnel.End-Position"}),
    ("A man who was fired from his job shot three former colleagues.", "Conflict.Attack",
     {"Personnel.End-Position"}),
    # 'launch': a product, a missile, an investigation
    ("The company launched a new phone on Tuesday.", "Product.Release", {"Conflict.Attack"}),
    ("The army launched missiles at the city overnight.", "Conflict.Attack", {"Product.Release"}),
    ("Police launched an investigation into the crash.", "Statement.Statement",
     {"Product.Release", "Accident.Crash"}),
    # 'strike'
    ("An air strike destroyed a bridge on Monday.", "Conflict.Attack", {"Conflict.Demonstrate"}),
    ("Nurses staged a 24-hour strike over pay.", "Conflict.Demonstrate", {"Conflict.Attack"}),
    ("A lightning strike hit the church tower on Sunday.", "Disaster.Other",
     {"Conflict.Attack", "Conflict.Demonstrate"}),
    # 'fire'
    ("Firefighters battled a wildfire near the town on Sunday.", "Disaster.Fire",
     {"Accident.Fire", "Conflict.Attack"}),
    ("A fire broke out in a warehouse on Tuesday.", "Accident.Fire", {"Conflict.Attack"}),
    ("Vandals set a parked car on fire on Saturday.", "Conflict.Attack", {"Accident.Fire"}),
    ("The minister came under fire for his remarks.", None, set()),
    # 'shot' and 'shooting'
    ("The film was shot in Morocco over three months.", None, set()),
    ("He shot a 68 in the final round.", None, set()),
    ("The man was shot in the leg on Friday.", "Conflict.Attack", set()),
    ("Shooting a documentary in the desert took two years.", None, set()),
    # 'charged'
    ("The committee charged with leading the reform met on Monday.", None,
     {"Justice.Charge-Indict"}),
    ("It was a highly charged debate.", None, set()),
    ("The suspect was charged with murder on Sunday.", "Justice.Charge-Indict",
     {"Conflict.Attack"}),
    # crashes that are no accidents, and those that are
    ("The stock market crash wiped out their savings.", None, set()),
    ("The holders crashed out of the cup on Saturday.", "Sports.Result", {"Accident.Crash"}),
    ("Shares crashed 10% in early trading.", None, set()),
    # a medical attack, a legal battle, a medical arrest
    ("The actor suffered a heart attack on Sunday.", "Life.Health", {"Conflict.Attack"}),
    ("She battled cancer for years.", "Life.Health", {"Conflict.Attack"}),
    ("He went into cardiac arrest on the pitch.", "Life.Health", {"Justice.Arrest-Jail"}),
    # a court that overturns a conviction hears an appeal; a car reversed is no decision
    ("The appeals court overturned his conviction on Monday.", "Justice.Appeal",
     {"Politics.Decision"}),
    ("The driver reversed the truck into a wall.", None, set()),
    # a call the police answer is no appeal
    ("Officers responded to a 911 call for an injured man on Sunday.", None,
     {"Statement.Statement"}),
    # records of an arrest report none
    ("Arrest records show the fire started at 9 p.m. Monday.", "Accident.Fire",
     {"Justice.Arrest-Jail"}),
    ("The legal battle over the will dragged on.", None, set()),
    # elections, appeals and awards are no sporting results
    ("The opposition won the election on Sunday.", "Personnel.Elect", {"Sports.Result"}),
    ("The company won its appeal against the fine.", "Justice.Appeal", {"Sports.Result"}),
    ("The film was nominated for an Oscar.", None, set()),
    ("He won a landslide victory in the vote.", "Personnel.Elect",
     {"Sports.Result", "Disaster.Other"}),
    # states and descriptions report nothing
    ("The married couple ran a bakery.", None, set()),
    ("A newly appointed minister visited the flooded towns.", "Contact.Meet",
     {"Personnel.Start-Position"}),
    ("The plan was executed.", None, set()),
    ("Prices fell from a record high.", None, set()),
    ("He faced a storm of criticism.", None, set()),
    ("The popularity of the show exploded.", None, set()),
    # a consequence gives way to the violence that caused it
    ("He was taken to hospital after being shot in the chest.", "Conflict.Attack",
     {"Life.Health"}),
    ("Two people were killed in an ambush on Sunday.", "Conflict.Attack", set()),
    # the accused is a defendant
    ("The accused was sentenced to life in prison.", "Justice.Sentence",
     {"Statement.Statement"}),
    # an explosion: an attack where a bomb goes with it, else an accident
    ("A bomb blast killed nine people at a market.", "Conflict.Attack", {"Accident.Explosion"}),
    ("An explosion at a chemical plant injured four workers.", "Accident.Explosion",
     {"Conflict.Attack"}),
    ("An explosion tore through the market, and militants claimed responsibility.",
     "Conflict.Attack", {"Accident.Explosion"}),
]


@pytest.mark.parametrize(("sentence", "first", "never"), TRAPS)
def test_precision_traps(sentence: str, first: str | None, never: set[str]) -> None:
    types = _types(sentence)
    assert (types[0] if types else None) == first, (sentence, _triggered(sentence))
    assert not never & set(types), (sentence, types)


def test_an_earthquake_toll_is_no_attack() -> None:
    events = _events("A 6.1-magnitude earthquake struck the coast on Monday, killing 12 people.")
    assert (events[0].type, events[0].cameo) == ("Disaster.Earthquake", "")
    assert "Conflict.Attack" not in {e.type for e in events}
    assert all(e.type in ("Disaster.Earthquake", "Life.Die") for e in events)
    (quake,) = _events("Ten people were killed when a 6.1-magnitude earthquake struck the coast.")
    assert (quake.type, quake.figures) == ("Disaster.Earthquake", {"killed": 10})


def test_a_noun_after_the_refers_back_but_a_verb_does_not() -> None:
    # "the earthquake" is a back-reference (no event without a date); "the man was shot" is not
    assert _types("Rescuers searched the rubble after the earthquake.") == []
    assert _types("The man was shot near his home.") == ["Conflict.Attack"]
    assert _types("The team won the cup.") == ["Sports.Result"]


def test_every_trigger_type_is_in_the_ontology() -> None:
    data = load_json("events.json")
    for trigger in data["triggers"]:
        assert is_type(trigger["type"]), trigger["type"]
        assert trigger["cameo"] == "" or trigger["cameo"] in data["roots"], trigger["cameo"]
        assert re.compile(trigger["pattern"]).groups == 0
    made = {t["type"] for t in data["triggers"]}
    exceptions: dict[str, str] = {}  # subtype -> why no pattern gives it (none today)
    missing = {f"{top}.{sub}" for top, subs in TYPES.items() for sub in subs} - made
    assert missing == set(exceptions), missing


def test_casualty_words_are_life_types_of_cameo_19() -> None:
    data = load_json("events.json")
    casualty = {t["type"]: t["cameo"] for t in data["triggers"] if t.get("casualty")}
    assert casualty == {"Life.Die": "19", "Life.Injure": "19"}


def test_the_patterns_can_be_regrouped() -> None:
    """Every alternative opens with a letter, digit, group or lookbehind, so the finder is the
    fast merged one (a single pattern that cannot be unfolded would make it flat and slow)."""
    patterns = [t["pattern"] for t in load_json("events.json")["triggers"]]
    assert by_first_character(patterns, tag="t") is not None
    assert _lexicon().units  # the merged scanner, not the fallback


def test_the_scanner_and_namers_choose_as_the_plain_alternation() -> None:
    """The merged scanner finds what the plain alternation of the patterns finds, and the
    namers tell the pattern the plain alternation chose."""
    patterns = [t["pattern"] for t in load_json("events.json")["triggers"]]
    alternation = "|".join(f"(?P<t{n}>{p})" for n, p in enumerate(patterns))
    plain = re.compile(r"\b(?=\w)(?:" + alternation + ")")
    lex = _lexicon()
    text = " ".join(s for s, _, _ in SUBTYPES) + " " + " ".join(s for s, _, _ in TRAPS)
    text = text.lower()
    want = [(m.span(), int(m.lastgroup[1:])) for m in plain.finditer(text)]  # type: ignore[index]
    got = [(m.span(), pattern_at(lex, text, m.start(), len(text)))
           for m in lex.scanner.finditer(text)]
    assert got == want and len(want) > 100
