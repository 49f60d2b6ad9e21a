"""The one configuration of the story engine (`feeds.stories.engine.StoryEngine`).

Contract: `EngineSettings` holds every weight, threshold, bound and size the engine
reads, with the values tuned on the dev sets at once (ecbplus-dev, gvc-dev; gva-silver
as a check); each field's docstring says what it does where that is not its name.
Frozen; `dataclasses.replace` makes a variant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """The one configuration of the engine (tuned on both dev sets at once)."""

    threshold: float = 0.5
    name_weight: float = 1.0
    name_stories: int = 3
    name_spread: float = 5.0
    """A name of an article that more than `name_stories` stories are indexed under
    weighs less: divided by one plus the stories beyond those over `name_spread`. The
    cast of a beat (a president, the leaders of a parliament) or a big city is named by
    many stories and tells little which one an article is of; a victim, a defendant or
    a storm is named by one or a few (its first reports may start more than one story)."""
    time_weight: float = 0.03
    time_scale_days: float = 10.0
    near_bonus: float = 0.35
    """Added when the article is dated within `near_days` of the story's dated articles."""
    near_days: float = 3.0
    merge_threshold: float = 0.65
    young_size: int = 8
    doc_words: int = 80
    doc_names: int = 25
    story_words: int = 150
    story_names: int = 50
    index_words: int = 8
    index_names: int = 6
    max_postings: int = 5_000
    candidates: int = 4
    window_days: float = 400.0
    """Stories quiet for longer than this before the article (or starting this long after
    it) are no candidates: a trial and its sentence come a year and more after the crime."""
    retention_days: float = 400.0
    prior_docs: float = 2_000.0
    prune_every: int = 1_000
    link_weight: float = 0.5
    """Share of the score from the best single member article (the rest: the centroid)."""
    members: int = 6
    linked: int = 2
    mismatch_weight: float = 0.05
    """Penalty when the article's main names are missing from the story, or the reverse."""
    main_names: int = 3
    conflict_weight: float = 0.1
    """Extra penalty when both sides miss the other's main names (two different events)."""
    year_bound: bool = True
    """An undated article is no older than the latest year it mentions (less the slack)."""
    year_slack_days: float = 0.0
    year_weight: float = 0.1
    undated_join: float = 1.1
    """The score an undated article needs to join a story with dated articles (it joins
    stories of undated articles at `threshold`): without a date, its words alone must
    tell the event from an earlier or later one of the same kind."""
    event_bonus: float = 0.0
    """Added when the article's headline event agrees with one of the story's
    (`feeds.stories.evidence.agreement`: one family, one place or participant, near days)."""
    event_penalty: float = 0.15
    """Taken when every headline event of the story of the article's family conflicts with
    it (another place, or days further apart than `event_days`)."""
    event_days: float = 7.0
    scene_bonus: float = 0.3
    """Added besides `event_bonus` when the agreeing events are also of one town on days no
    more than `scene_days` apart (`feeds.stories.evidence.same_scene`)."""
    scene_days: float = 1.0
    age_bonus: float = 0.2
    """Added besides `event_bonus` when the events agree and two of them give one age of
    their people (`feeds.stories.evidence.same_age`): the 7-year-old's killing, months on."""
    far_days: float = 120.0
    follow_bonus: float = 0.35
    """Added, where the events of one family say nothing more (or conflict), when an
    event of the article follows up one of the story's (`feeds.stories.evidence.follow_up`:
    a shooting and its arrests or charges, in one town, with one person or one age)."""
    follow_days: float = 60.0
    """The most days a follow-up's arrests or charges may be dated after the happening."""
    town_days: float = 14.0
    """Events of one family in one town dated more than this apart, with no participant
    in common, are two events beyond doubt too (one city's shootings of two weeks)."""
    apart_penalty: float = 0.5
    """Taken instead of `event_penalty` when the events are two beyond doubt
    (`feeds.stories.evidence.two_events`: no participant in common, and dated more than
    `far_days` apart, or their headlines and leads give ages and none in common); two
    young stories in that state never merge either."""
    scene_weight: float = 1.0
    """Candidate weight of a story with an event of the article's family of happenings in
    its event's town, on its day or within `scene_days`, giving one of its ages
    (`feeds.stories.evidence.scene_keys`): one scene told in other words is scored
    however few words the two share."""
    cases: int = 200_000
    """Cases remembered (`feeds.stories.cases`): an article no story takes goes to the
    story of its case (family, town, day, a participant) however old."""
    story_events: int = 12
    split_size: int = 16
    """A story of up to this many articles splits when they report two events
    (`feeds.stories.split`); it keeps its articles until then."""
