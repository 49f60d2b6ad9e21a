"""Words for people, shared by the rules that count them.

Contract: `PERSON_NOUNS` are singular nouns for one person ("victim", "brother",
"toddler"); `PEOPLE_NOUNS` plural nouns for people ("people", "civilians", "troops").
Lower case; no other word list of the package is built from them.
"""

from __future__ import annotations

PERSON_NOUNS = frozenset("""
man woman boy girl child baby infant toddler newborn teen teenager youth kid person
individual victim suspect gunman attacker assailant shooter bomber assassin killer driver
passenger pedestrian cyclist motorist rider pilot officer policeman policewoman cop constable
deputy sheriff trooper sergeant lieutenant captain colonel commander soldier serviceman
servicewoman marine sailor airman guard bodyguard journalist reporter photographer cameraman
worker employee contractor student pupil teacher professor doctor nurse medic paramedic
firefighter resident civilian villager farmer fisherman shepherd mother father parent son
daughter wife husband brother sister grandmother grandfather grandson granddaughter uncle aunt
cousin nephew niece relative stepfather stepmother stepson stepdaughter fiance fiancee
boyfriend girlfriend partner friend neighbor neighbour roommate owner shopkeeper customer
client patient inmate prisoner detainee hostage captive migrant refugee tourist visitor
pilgrim worshipper protester protestor demonstrator activist militant fighter insurgent rebel
jihadist leader chief official mayor governor senator lawmaker politician minister candidate
judge lawyer priest imam pastor rabbi monk nun bishop athlete player coach singer actor
actress rapper musician businessman businesswoman executive banker veteran retiree pensioner
hiker climber swimmer diver miner labourer laborer bystander passerby witness informant spy
agent diplomat ambassador envoy aide spokesman spokeswoman colleague classmate mom dad
grandma grandpa sibling survivor occupant tenant homeowner landlord cashier clerk waiter
waitress chef cook janitor courier trucker
""".split())
"""Singular nouns for one person: "the victim was killed" is one."""
PEOPLE_NOUNS = frozenset("""
people persons civilians children kids women men boys girls babies infants teenagers teens
adults students pupils soldiers troops servicemen marines sailors officers policemen police
migrants refugees residents villagers fishermen workers miners climbers hikers tourists
passengers crew crewmembers fighters militants insurgents rebels protesters protestors
demonstrators journalists patients inmates prisoners detainees hostages victims suspects
members relatives individuals others more doctors nurses staff employees guards farmers
settlers pilgrims worshippers shoppers pedestrians drivers motorists firefighters rescuers
volunteers officials personnel peacekeepers seekers youths teachers
""".split())
"""Plural nouns for people: after a year-like number they make it a count ("2013 people")."""
