"""Online, deterministic story clustering: each article joins a story or starts one.

Contract: `StoryEngine.assign(doc)` puts one article into the best existing story
or into a new story with the next id. A story's score is a calibrated sum (one
configuration, `EngineSettings`, tuned on both dev sets at once):
- the cosine of the article's words to the story's word centroid (title and lead
  weighted above the rest) plus `name_weight` times the cosine of its capitalised
  names (people, places, organisations: `feeds.stories.features`);
- for the best `linked` candidates, a share `link_weight` of that moved to the
  closest of the story's recent member articles;
- minus `event_penalty` when every headline event of the story of the article's
  family conflicts with the article's (`feeds.stories.evidence`: another town, or days
  further apart than `event_days`), `apart_penalty` instead when they are two events
  beyond doubt (no participant in common, and dated more than `far_days` apart, or
  `town_days` apart in one town, or with ages in their headlines and leads and none in
  common); two young stories in either state never merge; plus `scene_bonus` when an
  event of the story agrees with the article's, both of a family of happenings
  (`feeds.stories.evidence.SCENES`: not talk or votes), in one town on days no more than
  `scene_days` apart (or, one of them dating no day, the article came within
  `scene_days` of the story's newest article), and `age_bonus` when agreeing events give
  one age of their people; or, short of an agreement, `follow_bonus` when an event of the
  article follows up one of the story's (an incident and its arrests or charges, one
  town, one person or age);
- minus a penalty when the article's main names are missing from the story or the
  story's from the article, larger when both are (two events, one vocabulary);
- minus a penalty growing with the days between the article and the story's dated
  articles, plus a bonus within `near_days`; an undated article gets neither, only
  a penalty when the latest year it mentions is after the story's last date, and it
  joins a story with dated articles only from `undated_join` (else stories of undated
  articles, or a new one): the same event of another year reads alike.
IDF mixes the stream's document frequencies with a background table of general
English (`feeds.stories.background`), so the first articles are weighed sensibly; a
name that many stories carry (a beat's cast) weighs less (`name_spread`).

Candidate stories come from an inverted index over each story's strongest words
and names, and over the scenes of its headline events that give ages (family, town,
day, age: one scene told in other words is met however few words the two share),
restricted to stories active within `window_days` of the article; only
the best few by shared-term weight are scored, and stories quiet for longer than
`retention_days` behind the newest article are forgotten, so the cost per article
stays flat as the stream grows. An article no story takes goes to the story of its
case if one is remembered (`feeds.stories.cases`: one family, town and day, a
participant in common; `cases` of them), however old: a plea or a trial years on.
After an article joins a young story, that story is merged with a young candidate it
now matches: the newer id goes into the older, `final_story(id)` follows merges, and
`take_merges()` hands them to the writer once. A story of one article that the article
scored at `merge_threshold`, and whose own article now scores the story the article
joined at that too, is merged with it the same way: an article that came before the
others of its event (pollers see articles late and out of order) ends with them, as it
would have had it come after. While a story has no more than `split_size` articles it
keeps them, and when their headline events show two events (`feeds.stories.split`) the
articles of the second leave for a new story (the older id stays with the first
event's articles); `take_splits()` hands those moves (article key -> old, new story)
to the writer once. The same stream in the same order always gives the same ids.
`restore(doc, story_id, event)` replays a stored assignment without deciding, with the
article's stored headline event (`event`, else the one in `doc.terms`) added to the
story's events as `assign` adds it, so a restarted engine (or another process's, caught
up from the database) continues the same stories with the same event evidence.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from operator import itemgetter

from feeds.model import ClusterTerms, HeadlineEvent
from feeds.stories.background import prior_df_table
from feeds.stories.cases import CaseMemory
from feeds.stories.evidence import (
    CONFLICT,
    events_evidence,
    follow_up,
    same_age,
    same_scene,
    scene_keys,
    two_events,
    undated_scene,
)
from feeds.stories.features import cluster_terms
from feeds.stories.settings import EngineSettings
from feeds.stories.split import second_event
from feeds.stories.vectors import Vector, accumulate, dot, missing


@dataclass(frozen=True, slots=True)
class ClusterDoc:
    """What the clusterer needs of an article."""

    key: str
    title: str
    text: str
    published: datetime | None = None
    terms: ClusterTerms | None = None
    """`cluster_terms(title, text)` when already computed (by a worker)."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went."""

    story: int
    new: bool
    similarity: float = 0.0


@dataclass(slots=True)
class _Story:
    id: int
    words: Vector = field(default_factory=dict)
    names: Vector = field(default_factory=dict)
    words_norm: float = 1.0
    names_norm: float = 1.0
    first: float | None = None
    last: float | None = None
    size: int = 0
    keys: set[str] = field(default_factory=set)
    recent: list[_Doc] = field(default_factory=list)
    main: list[tuple[str, float]] = field(default_factory=list)
    events: list[HeadlineEvent] = field(default_factory=list)
    """The distinct headline events of its articles (the first `story_events`)."""
    members: list[_Doc] = field(default_factory=list)
    """Its articles while it has no more than `split_size`, in the order they joined."""


@dataclass(slots=True)
class _Doc:
    words: Vector
    names: Vector
    day: float | None
    main: list[tuple[str, float]] = field(default_factory=list)
    after: float | None = None
    """For an undated article: the first day of the latest year it mentions."""
    joint: Vector = field(default_factory=dict)
    """Words and names in one vector (names keyed with a leading tab, scaled by the
    square root of the name weight), so one dot product scores article to article."""
    event: HeadlineEvent | None = None
    key: str = ""


class StoryEngine:
    """The online clusterer; holds its document frequencies, stories and index in memory."""

    def __init__(self, threshold: float | None = None, next_id: int = 1,
                 settings: EngineSettings | None = None) -> None:
        settings = settings or EngineSettings()
        if threshold is not None:
            settings = dataclasses.replace(settings, threshold=threshold)
        self.settings = settings
        self.next_id = next_id
        self.documents = 0
        self.df: dict[str, float] = {}
        """Per word: articles seen with it, plus its background prior, plus a half."""
        self.stories: dict[int, _Story] = {}
        self.index: dict[str, set[int]] = {}
        self.merged: dict[int, int] = {}
        self._pending_merges: dict[int, int] = {}
        self._pending_splits: dict[str, tuple[int, int]] = {}
        self._prior = prior_df_table()
        self.cases = CaseMemory(settings.cases)
        self._newest: float | None = None

    def assign(self, doc: ClusterDoc) -> Assignment:
        """Put `doc` into the best story, or a new one."""
        item = self._learn(doc)
        scored = self._score_candidates(item)
        if scored and scored[0][0] >= self.settings.threshold:
            score, story = scored[0]
            self._add(story, item)
            parted = self._split_young(story)
            if parted is not None:  # the article's side of the split (a new object either way)
                story = parted if item in parted.members else self.stories[story.id]
            story = self._gather_lone(story, scored[1:])
            self._merge_young(story, scored[1:])
            return Assignment(story.id, False, score)
        case = self.cases.find(item.event) if item.event is not None else None
        if case is not None:  # its story left the window or the memory: it goes on
            case = self.final_story(case)
            story = self.stories.setdefault(case, _Story(case))
            self._add(story, item)
            return Assignment(case, False, scored[0][0] if scored else 0.0)
        story = _Story(self.next_id)
        self.next_id += 1
        self.stories[story.id] = story
        self._add(story, item)
        return Assignment(story.id, True, scored[0][0] if scored else 0.0)

    def final_story(self, story_id: int) -> int:
        """The id a story ended up under, following merges."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def take_merges(self) -> dict[int, int]:
        """Merges since the last call, old id -> final id (for the store's batch)."""
        merges = {old: self.final_story(old) for old in self._pending_merges}
        self._pending_merges.clear()
        return merges

    def take_splits(self) -> dict[str, tuple[int, int]]:
        """Articles split off into new stories since the last call: key -> (the story
        they left, the new story), for the store's batch (which applies them before the
        merges, as they happened: `take_merges` moves a new story merged since)."""
        splits = dict(self._pending_splits)
        self._pending_splits.clear()
        return splits

    def restore(self, doc: ClusterDoc, story_id: int,
                event: HeadlineEvent | None = None) -> None:
        """Replay a stored assignment of `doc` to `story_id`; `event`: the article's
        stored headline event (when `doc.terms` does not carry one)."""
        story_id = self.final_story(story_id)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _Story(story_id)
        item = self._learn(doc)
        if event is not None:
            item.event = event
        self._add(story, item)
        self.next_id = max(self.next_id, story_id + 1)

    # learning and weighing

    def _learn(self, doc: ClusterDoc) -> _Doc:
        terms = doc.terms or cluster_terms(doc.title, doc.text)
        words, names = terms.words, terms.names
        self.documents += 1
        df, prior, n0 = self.df, self._prior, self.settings.prior_docs
        for term in words:
            seen = df.get(term)
            df[term] = (n0 * prior.get(term, 0.0) + 0.5 if seen is None else seen) + 1.0
        s = self.settings
        day = doc.published.timestamp() / 86_400.0 if doc.published is not None else None
        if day is not None and (self._newest is None or day > self._newest):
            self._newest = day
        if self.documents % s.prune_every == 0:
            self._prune()
        names = self._weigh(names, s.doc_names, spread=True)
        main = list(islice(names.items(), s.main_names))
        after = None
        if day is None and s.year_bound and (year := terms.latest_year):
            after = (datetime(year, 1, 1, tzinfo=UTC).timestamp() / 86_400.0
                     - s.year_slack_days)
        words = self._weigh(words, s.doc_words)
        scale = math.sqrt(s.name_weight)
        joint = {**words, **{"\t" + t: w * scale for t, w in names.items()}}
        return _Doc(words, names, day, main, after, joint, terms.event, doc.key)

    def _weigh(self, tf: Vector, keep: int, spread: bool = False) -> Vector:
        """TF-IDF weights of the `keep` strongest terms, unit length; with `spread`, less
        for a term more than `name_stories` stories are indexed under (`name_spread`), the
        length taken before that discount (names all of a beat's cast weigh little)."""
        n = self.documents + self.settings.prior_docs
        df, log = self.df, math.log
        weighed = [(t, w * log(n / df[t])) for t, w in tf.items()]
        if spread and self.settings.name_spread:
            cut = [(t, w, w / self._spread(t)) for t, w in weighed]
        else:
            cut = [(t, w, w) for t, w in weighed]
        cut = sorted(cut, key=_DISCOUNTED, reverse=True)[:keep]
        norm = math.sqrt(sum([w * w for _, w, _ in cut])) or 1.0
        return {t: c / norm for t, _, c in cut}

    def _spread(self, name: str) -> float:
        """What a name's weight is divided by: one plus the stories indexed under it beyond
        `name_stories`, over `name_spread`."""
        s = self.settings
        return 1.0 + max(0, len(self.index.get(name, ())) - s.name_stories) / s.name_spread

    # candidates and scores

    def _score_candidates(self, item: _Doc) -> list[tuple[float, _Story]]:
        s = self.settings
        shared: dict[int, float] = {}
        for vector, limit in ((item.words, s.index_words), (item.names, s.index_names)):
            for term, weight in islice(vector.items(), limit):
                postings = self.index.get(term)
                if postings is None or len(postings) > s.max_postings:
                    continue
                for story_id in postings:
                    shared[story_id] = shared.get(story_id, 0.0) + weight
        if s.scene_weight and item.event is not None:
            for key in scene_keys(item.event, s.scene_days):
                for story_id in self.index.get(key, ()):
                    shared[story_id] = shared.get(story_id, 0.0) + s.scene_weight
        ranked = sorted(shared.items(), key=_WEIGHT, reverse=True)
        scored, centroids = [], {}
        for story_id, _ in ranked:
            story = self.stories[story_id]
            if item.day is not None and story.last is not None and (
                    story.last < item.day - s.window_days
                    or story.first is not None and story.first > item.day + s.window_days):
                continue
            centroids[story_id] = centroid = self._centroid(item, story)
            scored.append((self._score(item, story, centroid), story))
            if len(scored) >= s.candidates:
                break
        if item.day is None:  # no date to vouch for it: a dated story needs a strong match
            scored = [(score, story) for score, story in scored
                      if story.first is None or score >= s.undated_join]
        scored.sort(key=_FIRST_THEN_ID)
        if s.link_weight:
            linked = [(score + self._link(item, story, centroids[story.id]), story)
                      for score, story in scored[:s.linked]]
            scored[:s.linked] = sorted(linked, key=_FIRST_THEN_ID)
        return scored

    def _link(self, item: _Doc, story: _Story, centroid: float) -> float:
        """The share `link_weight` of the score moved from the `centroid` score to the
        closest recent member article (scored for the best few candidates only)."""
        if not story.recent:
            return 0.0
        joint = item.joint
        best = max([dot(joint, m.joint) for m in story.recent])
        return self.settings.link_weight * (best - centroid)

    def _centroid(self, item: _Doc, story: _Story) -> float:
        words = dot(item.words, story.words) / story.words_norm
        names = dot(item.names, story.names) / story.names_norm
        return words + self.settings.name_weight * names

    def _score(self, item: _Doc, story: _Story, centroid: float) -> float:
        """The story's score for the article, from its `centroid` score."""
        s = self.settings
        score = centroid
        if s.mismatch_weight:
            one, other = missing(item.main, story.names), missing(story.main, item.names)
            score -= s.mismatch_weight * (one + other) + s.conflict_weight * min(one, other)
        if item.event is not None and story.events:
            near = (item.day is not None and story.last is not None
                    and abs(item.day - story.last) <= s.scene_days)
            score += self._event_evidence([item.event], story.events, near)
        if item.after is not None and story.last is not None:
            return score - s.year_weight * math.log1p(
                max(0.0, item.after - story.last) / s.time_scale_days)
        return score - s.time_weight * self._time_penalty(item.day, item.day, story)

    def _event_evidence(self, ours: list[HeadlineEvent], theirs: list[HeadlineEvent],
                        near: bool = False) -> float:
        """The bonus for agreeing headline events, more for one scene (one town, next
        days; `near`: the article came within `scene_days` of the story's newest, which
        dates an event without a day) and for one age, or the penalty for conflicting
        ones, more for two events beyond doubt."""
        s = self.settings
        if two_events(ours, theirs, s.far_days, s.town_days):
            return -s.apart_penalty
        verdict = events_evidence(ours, theirs, s.event_days)
        if verdict <= 0 and s.follow_bonus and follow_up(ours, theirs, s.follow_days):
            return s.follow_bonus
        if verdict < 0:
            return -s.event_penalty
        if verdict == 0:
            return 0.0
        scene = same_scene(ours, theirs, s.scene_days) or near and undated_scene(ours, theirs)
        return (s.event_bonus + (s.scene_bonus if scene else 0.0)
                + (s.age_bonus if same_age(ours, theirs) else 0.0))

    def _time_penalty(self, first: float | None, last: float | None, story: _Story) -> float:
        if first is None or last is None or story.first is None or story.last is None:
            return 0.0
        s = self.settings
        gap = max(0.0, story.first - last, first - story.last)
        near = s.near_bonus / s.time_weight if gap <= s.near_days and s.time_weight else 0.0
        return math.log1p(gap / s.time_scale_days) - near

    # stories

    def _add(self, story: _Story, item: _Doc) -> None:
        s = self.settings
        story.words_norm = accumulate(story.words, item.words, s.story_words)
        story.names_norm = accumulate(story.names, item.names, s.story_names)
        story.size += 1
        story.main = heapq.nlargest(s.main_names, story.names.items(), key=_WEIGHT)
        story.recent.append(item)
        if story.size <= s.split_size:
            story.members.append(item)
        else:
            story.members.clear()
        if (item.event is not None and len(story.events) < s.story_events
                and item.event not in story.events):
            story.events.append(item.event)
        if len(story.recent) > s.members:
            del story.recent[0]
        if item.day is not None:
            story.first = item.day if story.first is None else min(story.first, item.day)
            story.last = item.day if story.last is None else max(story.last, item.day)
        if item.event is not None:
            self.cases.add(item.event, story.id)
        keys = [*islice(item.words, s.index_words), *islice(item.names, s.index_names)]
        if s.scene_weight and item.event is not None:
            keys += scene_keys(item.event, 0)
        for term in keys:
            if term not in story.keys:
                story.keys.add(term)
                self.index.setdefault(term, set()).add(story.id)

    def _split_young(self, story: _Story) -> _Story | None:
        """Split off the articles of a second event (`feeds.stories.split`): the story
        keeps its id and its first articles, the others form a new story (returned)."""
        s = self.settings
        if story.size > s.split_size or len(story.members) != story.size:
            return None
        members = story.members
        parted = set(second_event([m.event for m in members], s.event_days))
        if not parted:
            return None
        self._forget(story)
        kept = self.stories[story.id] = _Story(story.id)
        other = self.stories[self.next_id] = _Story(self.next_id)
        self.next_id += 1
        for n, member in enumerate(members):
            self._add(other if n in parted else kept, member)
            if n in parted:
                self._pending_splits[member.key] = (story.id, other.id)
        return other

    def _gather_lone(self, story: _Story, others: list[tuple[float, _Story]]) -> _Story:
        """Merge into `story` (which the article just joined) each candidate story of one
        article that the article also scored at `merge_threshold` and whose article would
        now join `story` at that score (`_joins`): an article that came before the others
        of its event, and so started a story of its own, ends with them, as it would have
        had it come after them. Returns the story the two became (the older id's)."""
        s = self.settings
        for score, other in others:
            if (score < s.merge_threshold or other.size != 1 or len(other.members) != 1
                    or other.id not in self.stories or other is story):
                continue
            if self._joins(other.members[0], story):
                older, newer = (story, other) if story.id < other.id else (other, story)
                self._absorb(older, newer)
                story = older
        return story

    def _joins(self, item: _Doc, story: _Story) -> bool:
        """Whether `item` scores `story` (as `assign` scores, the link included) at
        `merge_threshold`, or at `undated_join` when it is undated and the story dated."""
        s = self.settings
        centroid = self._centroid(item, story)
        score = self._score(item, story, centroid) + self._link(item, story, centroid)
        need = s.undated_join if item.day is None and story.first is not None else 0.0
        return score >= max(s.merge_threshold, need)

    def _merge_young(self, story: _Story, others: list[tuple[float, _Story]]) -> None:
        s = self.settings
        if story.size > s.young_size:
            return
        best: _Story | None = None
        best_score = s.merge_threshold
        for _, other in others:
            if other.size > s.young_size or other.id not in self.stories or other is story:
                continue
            if (story.events and other.events and s.event_penalty
                    and (events_evidence(story.events, other.events, s.event_days) == CONFLICT
                         or two_events(story.events, other.events, s.far_days, s.town_days))):
                continue  # another place, day, season or victim: two events, however alike
            score = self._story_similarity(story, other)
            if score >= best_score:
                best, best_score = other, score
        if best is not None:
            older, newer = (story, best) if story.id < best.id else (best, story)
            self._absorb(older, newer)

    def _story_similarity(self, a: _Story, b: _Story) -> float:
        words = dot(a.words, b.words) / (a.words_norm * b.words_norm)
        names = dot(a.names, b.names) / (a.names_norm * b.names_norm)
        s = self.settings
        one, other = missing(a.main, b.names), missing(b.main, a.names)
        evidence = self._event_evidence(a.events, b.events) if a.events and b.events else 0.0
        return (words + s.name_weight * names + evidence
                - s.mismatch_weight * (one + other) - s.conflict_weight * min(one, other)
                - s.time_weight * self._time_penalty(a.first, a.last, b))

    def _absorb(self, older: _Story, newer: _Story) -> None:
        s = self.settings
        older.words_norm = accumulate(older.words, newer.words, s.story_words)
        older.names_norm = accumulate(older.names, newer.names, s.story_names)
        older.size += newer.size
        if older.size <= s.split_size and len(older.members) + len(newer.members) == older.size:
            older.members += newer.members
        else:
            older.members.clear()
        older.recent = (older.recent + newer.recent)[-s.members:]
        older.events += [e for e in newer.events if e not in older.events]
        del older.events[s.story_events:]
        for bound in (newer.first, newer.last):
            if bound is not None:
                older.first = bound if older.first is None else min(older.first, bound)
                older.last = bound if older.last is None else max(older.last, bound)
        self._forget(newer)
        for term in newer.keys - older.keys:
            older.keys.add(term)
            self.index.setdefault(term, set()).add(older.id)
        self.merged[newer.id] = older.id
        self._pending_merges[newer.id] = older.id

    def _forget(self, story: _Story) -> None:
        for term in story.keys:
            postings = self.index.get(term)
            if postings is not None:
                postings.discard(story.id)
                if not postings:
                    del self.index[term]
        del self.stories[story.id]

    def _prune(self) -> None:
        if self._newest is None:
            return
        horizon = self._newest - self.settings.retention_days
        for story in [st for st in self.stories.values()
                      if st.last is not None and st.last < horizon]:
            self._forget(story)


_WEIGHT = itemgetter(1)
_DISCOUNTED = itemgetter(2)


def _FIRST_THEN_ID(pair: tuple[float, _Story]) -> tuple[float, int]:  # noqa: N802
    return (-pair[0], pair[1].id)
