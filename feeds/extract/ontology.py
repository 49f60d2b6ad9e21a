"""The event ontology: ACE 2005's types and subtypes, extended for all news.

Contract: `TYPES` maps each type to its subtypes; an event's type is written
"Type.Subtype" ("Conflict.Attack", "Disaster.Earthquake"). `is_type(name)` says
whether a name is in the ontology. `default_type(cameo)` is the type an event of a
CAMEO root has when nothing more specific is known: the type of events stored before
types existed, and of trigger patterns that name none. `type_name(type)` is its
readable form ("Conflict.Attack" -> "attack").
"""

from __future__ import annotations

TYPES: dict[str, tuple[str, ...]] = {
    "Life": ("Be-Born", "Marry", "Divorce", "Injure", "Die", "Health"),
    "Movement": ("Transport",),
    "Transaction": ("Transfer-Ownership", "Transfer-Money"),
    "Business": ("Start-Org", "Merge-Org", "Declare-Bankruptcy", "End-Org", "Deal"),
    "Conflict": ("Attack", "Demonstrate"),
    "Contact": ("Meet", "Phone-Write"),
    "Personnel": ("Start-Position", "End-Position", "Nominate", "Elect"),
    "Justice": ("Arrest-Jail", "Release-Parole", "Trial-Hearing", "Charge-Indict", "Sue",
                "Convict", "Sentence", "Fine", "Execute", "Extradite", "Acquit", "Appeal",
                "Pardon", "Escape"),
    "Disaster": ("Earthquake", "Storm", "Flood", "Fire", "Eruption", "Other"),
    "Accident": ("Crash", "Fall", "Fire", "Explosion", "Failure", "Other"),
    "Crime": ("Theft",),
    "Politics": ("Vote", "Decision"),
    "Product": ("Release",),
    "Sports": ("Result", "Other"),
    "Statement": ("Statement",),
}

_BY_CAMEO = {
    "01": "Statement.Statement", "02": "Statement.Statement", "03": "Statement.Statement",
    "04": "Contact.Meet", "05": "Business.Deal", "06": "Business.Deal",
    "07": "Transaction.Transfer-Money", "08": "Politics.Decision", "09": "Statement.Statement",
    "10": "Statement.Statement", "11": "Statement.Statement", "12": "Statement.Statement",
    "13": "Statement.Statement", "14": "Conflict.Demonstrate", "15": "Movement.Transport",
    "16": "Politics.Decision", "17": "Justice.Arrest-Jail", "18": "Conflict.Attack",
    "19": "Conflict.Attack", "20": "Conflict.Attack",
}


def is_type(name: str) -> bool:
    """Whether `name` is "Type.Subtype" of the ontology."""
    top, _, sub = name.partition(".")
    return sub in TYPES.get(top, ())


def default_type(cameo: str) -> str:
    """The ontology type of an event known only by its CAMEO code."""
    return _BY_CAMEO.get(cameo[:2], "Statement.Statement")


def type_name(event_type: str) -> str:
    """A short readable name of a type: its subtype in lower case ("attack", "phone-write")."""
    return event_type.rpartition(".")[2].lower() or event_type
