"""The engine: everything that is not the screen. Never imports textual.

Its packages, in the order a poll's work flows (each `__init__` states what it holds and
what it may import; `.importlinter` checks it): `sources` fetches (network, watched
folders, commands) -> `ingest` runs a poll (normalise, dedup, extract in worker
processes, assign, write; also `recluster` and the offline commands) -> `extract`
understands one article, `stories` many (assignment, timeline, card, title) -> `store`
keeps it (the only SQL) -> `read` gives it back (the objects the store returns, mute
rules, JSON shapes, exports, the dashboard's first page). At the root only what all of
them share: `config` (settings) and `model` (plain data, its text hygiene, its stored
JSON). A new module belongs in one of the packages, not here.
"""
