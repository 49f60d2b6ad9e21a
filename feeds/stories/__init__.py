"""Story assignment: the streaming clusterer the live app and `wirewatch cluster` share.

Contract: what is understood across articles, pure and picklable. `engine` (the
`StoryEngine`: online clustering, merges, replay) with `features` and `background`;
`timeline` (event candidates of many articles -> a story's events), `card` (a story's
headline event), `titles` (its title), and `storybuild` (the pure part of a refresh:
title, event rows and card of each story, run in worker processes). Imports
`feeds.model` and `feeds.extract`; never the store, the poll, the network or the read
side (`feeds.store`, `feeds.ingest`, `feeds.sources`, `feeds.read`): checked by
`.importlinter`.
"""

from feeds.stories.engine import Assignment, ClusterDoc, StoryEngine

__all__ = ["Assignment", "ClusterDoc", "StoryEngine"]
