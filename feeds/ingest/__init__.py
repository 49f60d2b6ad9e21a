"""Ingest: a poll, and the other runs that take articles in and through the steps to the store.

Contract: the poll's orchestration and the steps only it runs. `poller` (which sources
are due, the fetch thread, passes grouped into transactions, refresh pacing, next due;
`poll_once`, `poll_continuously`), `pipeline` (a group of passes: normalise, dedup,
extract what no worker did, assign to stories, write, in one transaction), `prepare`
(normalise and extract in the worker processes; `extract_article`, the one extraction),
`worker_init` (what the forkserver preloads), `collector` (how those processes run the
garbage collector), `normalize` (RawDocument -> Article) and `dedup` (an article's key,
content hash, fingerprint and near duplicates); and the runs that are not a poll:
`recluster` (every stored article extracted and clustered again) and `offline`
(`wirewatch cluster` and `extract`, no database). A change to how a poll runs goes here;
fetching a new kind of source goes in `feeds.sources`.

Imports: it is the top of the engine and may import every other package of `feeds`;
only `tui` imports it. Never textual, rich or tui. No other package of `feeds` imports
it, but `feeds.store` may use its two pure helpers, `dedup` (the fingerprint columns it
keeps, the `NearIndex` it fills) and `collector` (`paused` around a write): checked by
`.importlinter`. Importing the package loads nothing: import the module you use.
"""
