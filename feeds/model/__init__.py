"""Plain data passed between the pipeline's pure steps.

Contract: these dataclasses carry no behaviour beyond trivial helpers and know
nothing of the database or the screen. Sources produce `RawDocument`s,
`feeds.ingest.normalize` turns them into `Article`s, `feeds.extract` produces an
`Extraction` per article, and `feeds.stories` assigns articles to stories.
All strings in an `Article` are already sanitised (no control characters).
Those that cross between processes pickle as their class called on their field
values (`pickled_by_fields`).

Package: what every package of `feeds` shares, below all of them: these dataclasses,
`feeds.model.text` (the hygiene every string here went through: control sequences out,
HTML to text, names escaped) and `feeds.model.eventcodec` (events, headline events and
cards as the JSON the store keeps). Imports no other package of `feeds` (`eventcodec`
reads old event types from `feeds.extract.ontology`, lazily) and never the store, the
poll, the network or the read side: checked by `.importlinter`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Literal, TypeVar

DateOrigin = Literal["header", "front-matter", "metadata-line", "feed", "file-time", "none"]
ActorKind = Literal["person", "organization", "country", "place"]
MentionForm = Literal["name", "acronym", "demonym", "metonym"]
Precision = Literal["day", "month", "year"]
T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Have a slots dataclass pickle as a call of the class on its field values: one
    call rebuilds it, where the default sets slot by slot through Python code. The
    storing process unpickles every worker's results (10 of these objects an article):
    13.7 instead of 21.7 us an article to unpickle, 17.6 instead of 30.4 to pickle."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    get = attrgetter(*names)

    def __reduce__(self: T) -> tuple[type[T], tuple[Any, ...]]:
        return cls, get(self) if len(names) > 1 else (get(self),)

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 - mypy rejects a method assignment
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a source knows about one document before normalisation."""

    source_name: str
    locator: str
    """Where it came from: a file path or a feed entry's link / feed URL."""
    body: str
    media_type: Literal["text/plain", "text/markdown", "text/html"] = "text/plain"
    url: str | None = None
    guid: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_origin: DateOrigin = "none"
    outlet: str | None = None
    author: str | None = None
    file_mtime: datetime | None = None


@pickled_by_fields
@dataclass(slots=True)
class Article:
    """One clean article, ready for extraction and clustering."""

    key: str
    """Stable identity: guid, else canonical url, else content hash."""
    source_name: str
    title: str
    text: str
    """Clean text: one paragraph a line, subheadings removed (see `subheadings`)."""
    content_hash: str
    url: str | None = None
    guid: str | None = None
    published: datetime | None = None
    date_origin: DateOrigin = "none"
    date_uncertain: bool = False
    outlet: str = ""
    via: str | None = None
    author: str | None = None
    locator: str = ""
    subheadings: list[str] = field(default_factory=list)
    simhash: int | None = None
    """Fingerprint of the text's words for near-duplicate detection (`feeds.ingest.dedup.simhash`);
    None for a text too short to judge."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to a precision: day, month or year."""

    value: date
    precision: Precision = "day"

    def iso(self) -> str:
        """The date cut to its precision: 2025-12-14, 2024-12 or 2014."""
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """One span of the article text that names an actor."""

    start: int
    end: int
    text: str
    actor: str
    kind: ActorKind
    form: MentionForm = "name"


@pickled_by_fields
@dataclass(slots=True)
class Actor:
    """An actor of one article, under its canonical name."""

    name: str
    kind: ActorKind
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Attribution:
    """The article cites a body or an outlet ("according to X", "X said")."""

    cited: str
    kind: ActorKind | Literal["outlet"]
    text: str
    start: int
    end: int


@pickled_by_fields
@dataclass(slots=True)
class EventCandidate:
    """Something the article reports as happening, from one sentence or clause."""

    cameo: str
    """CAMEO code as a string: "04", "19", "193"; "" where CAMEO has none (an earthquake)."""
    type: str
    """Its type in the ontology (`feeds.extract.ontology`): "Conflict.Attack", ..."""
    sentence: str
    start: int
    end: int
    summary: str
    date_expr: str | None = None
    """The date as written, normalised so it can be resolved again later against
    another anchor (see `feeds.extract.dates`); None when the text gives none."""
    date: PartialDate | None = None
    """`date_expr` resolved against the article's own publication date, if any."""
    actors: list[str] = field(default_factory=list)
    """Canonical actor names; the first is the acting actor where known."""
    target: str | None = None
    place: str | None = None
    figures: dict[str, int] = field(default_factory=dict)
    attributed_to: str | None = None
    """Set when the event is reported speech of this cited body."""
    sentence_no: int = 0
    """Its sentence's place among the article's sentences (0: the first, the lead)."""
    participants: list[tuple[str, str, str]] = field(default_factory=list)
    """(name, kind, role) of the people and bodies it involves, role such as "victim",
    "suspect", "agent", "target" (see `feeds.extract.participants`)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class HeadlineEvent:
    """One article's own headline event, as the story engine compares it
    (`feeds.stories.evidence.headline_event`)."""

    family: str
    """Its merge family (`feeds.stories.timeline.family`): "violence", "Disaster", "17"."""
    day: int | None = None
    """The ordinal of its day when the article dates it to the day."""
    place: str | None = None
    participants: frozenset[str] = frozenset()
    """Surnames (or whole names) of the people and bodies it involves."""
    ages: frozenset[int] = frozenset()
    """The ages the article's headline gives its people (`feeds.extract.ages`)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ClusterTerms:
    """What the story engine weighs of an article (`feeds.stories.features.cluster_terms`)."""

    words: dict[str, float]
    names: dict[str, float]
    latest_year: int | None = None
    event: HeadlineEvent | None = None
    """Its headline event, when extracted (`feeds.stories.evidence.with_event`)."""


@pickled_by_fields
@dataclass(slots=True)
class Extraction:
    """Everything `feeds.extract` finds in one article."""

    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    terms: ClusterTerms | None = None
    """The story engine's terms, computed with the extraction (in a worker, when the
    poller prepares it) so the storing process does not pay for them."""
    events_json: str | None = None
    """`events` as the store keeps them (`feeds.model.eventcodec.dump_events`), when a worker
    encoded them ahead; `events` is then empty."""


@pickled_by_fields
@dataclass(slots=True)
class StoryEvent:
    """One happening of a story, merged from the reports of its articles."""

    cameo: str
    type: str
    summary: str
    date: PartialDate | None
    actors: list[str]
    place: str | None
    article_keys: list[str]
    outlets: list[str]
    figures: dict[str, list[int]] = field(default_factory=dict)
    """Each figure with every distinct value reported (["killed"] -> [3] or [2, 3])."""


@dataclass(slots=True)
class Participant:
    """Someone a story's main event involves, and how."""

    name: str
    kind: str
    role: str


@dataclass(slots=True)
class StoryCard:
    """A story's headline event: what happened, when, where, to whom, how many.

    `date` is ISO cut to `date_precision`; `figures` holds, per kind (killed, injured,
    arrested, missing, displaced), the best-supported count, and `figure_reports` every
    count reported with the number of articles giving it ({"killed": {"3": 2, "2": 1}}).
    `articles` counts the articles reporting it, `outlets` names their outlets."""

    type: str | None
    cameo: str
    summary: str
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    region: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    figures: dict[str, int] = field(default_factory=dict)
    figure_reports: dict[str, dict[str, int]] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    articles: int = 0
    outlets: list[str] = field(default_factory=list)
