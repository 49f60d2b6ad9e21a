"""The read side: what the store gives back, and the forms it is shown and printed in.

Contract: `views` holds the plain frozen objects `feeds.store` returns to the screen,
the command line and the exports (a new dashboard panel's data starts here, in
`StoryDetail`); `serialize` their JSON shapes (the documented `--json` contracts) and
the card in words; `export` the story snapshots, a `render_*` per format in `FORMATS`
(a new export format goes here); `firstpage` the dashboard's first page read straight
from a SQLite file with the standard library before SQLAlchemy has loaded (the one read
outside `feeds.store`); `mutes` the `[[mute]]` rules and which articles they hide (pure;
the store keeps the marks, `feeds.config` reads the tables).

Imports: `feeds.model`, outlet names from `feeds.extract.outlets`, and `feeds.store` for
type hints only (`export_story` is handed the opened `Store`); never the poll
(`feeds.ingest`) or the network (`feeds.sources`): checked by `.importlinter`. Every
string here came from untrusted feeds: show it as plain text, escaped for the medium.
Importing the package loads nothing: import the module you use (the dashboard's first
screen loads `views` and `firstpage`, never `export`).
"""
