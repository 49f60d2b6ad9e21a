"""The subcommands behind `wirewatch`: each takes parsed arguments, returns an exit status.

Contract: commands print results on stdout (plain text, or JSON with --json)
and problems on stderr; they raise `ConfigError`, `StorageError`,
`ExportError` or `CommandError` for `tui.cli` to turn into one line and a
status. Only `dashboard` imports Textual.
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import secrets
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from feeds.config import ConfigError, Settings, load_settings
from feeds.model.text import one_line
from feeds.read.serialize import story_detail, story_summary
from tui import textout

if TYPE_CHECKING:  # aiohttp and textual-serve are imported by `serve` only; the store,
    # the pipeline and the poller by the commands that use them (`extract` and `--help`
    # start without sqlalchemy)
    from aiohttp import web
    from textual_serve.server import Server as TextualServer

    from feeds.ingest.pipeline import Pipeline
    from feeds.ingest.poller import PollSummary
    from feeds.store import PollerLock, Store

Command = Callable[[argparse.Namespace], int]
Handler = Callable[["web.Request"], Awaitable["web.StreamResponse"]]
Middleware = Callable[["web.Request", Handler], Awaitable["web.StreamResponse"]]


class CommandError(Exception):
    """A command could not do what was asked; the message says why."""


class UsageError(CommandError):
    """The command line names something that does not exist or is not valid (exit 2)."""


def settings_of(args: argparse.Namespace) -> Settings:
    """The configuration the command line names, its `[keys]` checked too (the engine's
    config loader does not know the dashboard's bindings, which load Textual: only for a
    configuration that remaps keys)."""
    settings = load_settings(getattr(args, "config", None), getattr(args, "db", None))
    if settings.keys:
        from tui.keys import key_problem

        problem = key_problem(settings.keys)
        if problem:
            raise ConfigError(f"{settings.config_path or 'configuration'}: {problem}")
    return settings


def _open(args: argparse.Namespace) -> tuple[Settings, Store]:
    """The settings and the store, its mute marks made to follow the configuration's
    `[[mute]]` tables first (the dashboard does that in a worker)."""
    from feeds.ingest.rebuild import apply_mutes

    settings = settings_of(args)
    store = open_store(settings)
    apply_mutes(store, settings.mutes)
    return settings, store


def open_store(settings: Settings) -> Store:
    """The configured database, its stories read with the configuration's `[stories]`
    states; the folder of a SQLite file is made only for the default one (a mistyped
    --db is an error, not a new empty database)."""
    from feeds.store import Store, StoryStates

    return Store.open(settings.database_url, create_folder=settings.database_is_default,
                      states=StoryStates(settings.developing_seconds, settings.dormant_seconds))


def dashboard(args: argparse.Namespace) -> int:
    """Open the dashboard, polling while it runs. On a SQLite file the first page is read
    with the standard library and the store opens once it is on screen (`tui.startup`)."""
    from feeds.read.firstpage import read_first_page
    from tui.listing import PAGE

    settings = settings_of(args)
    first = read_first_page(settings.database_url, PAGE)
    locks: list[PollerLock | None] = []

    def opener() -> tuple[Store, bool]:
        store = open_store(settings)
        locks.append(_poller_lock(settings))
        return store, locks[-1] is not None

    from tui.app import WirewatchApp  # Textual only when the screen is wanted
    from tui.startup import DeferredStore

    if first is None:  # not a SQLite file, or not readable so: open first, as the commands do
        store, may_poll = opener()
        app = WirewatchApp(settings, store, poll=may_poll)
    else:
        deferred = DeferredStore(opener, first)
        app = WirewatchApp(settings, deferred)
    try:
        app.run()
    finally:
        for lock in locks:
            if lock is not None:
                lock.release()
    if first is not None and deferred.error is not None:
        raise deferred.error
    return 0


def _poller_lock(settings: Settings) -> PollerLock | None:
    """The one-poller lock, or None when a headless poller holds it (this dashboard then
    only reads and refreshes)."""
    from feeds.store import PollerBusy, PollerLock

    try:
        return PollerLock.acquire(settings.database_url)
    except PollerBusy:
        return None


def _writer_lock(settings: Settings) -> PollerLock:
    """The one-poller lock, or a CommandError naming who holds it."""
    from feeds.store import PollerBusy, PollerLock

    try:
        return PollerLock.acquire(settings.database_url)
    except PollerBusy as exc:
        raise CommandError(str(exc)) from None


def serve_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs per browser session: this dashboard, quoted."""
    import shlex

    argv = [sys.executable, "-m", "tui"]
    if getattr(args, "config", None):
        argv += ["--config", str(Path(args.config).resolve())]
    if getattr(args, "db", None):
        argv += ["--db", args.db if "://" in args.db else str(Path(args.db).resolve())]
    return shlex.join(argv)


def serve(args: argparse.Namespace) -> int:
    """The dashboard in a browser on 127.0.0.1, one app process per browser tab, for those
    who hold the token in the URL it prints."""
    settings = settings_of(args)  # a bad configuration fails here, not in every browser tab
    open_store(settings).close()
    if not 0 < args.port < 65536:
        raise CommandError(f"--port: expected 1-65535, got {args.port}")
    token = settings.serve_token or secrets.token_urlsafe(24)
    server = guarded_server(serve_command(args), args.port, token)
    print(f"wirewatch: serving the dashboard on http://127.0.0.1:{args.port}/?token={token} "
          "(open this URL; Ctrl+C stops)", file=sys.stderr, flush=True)
    server.serve()
    return 0


def guarded_server(command: str, port: int, token: str) -> TextualServer:
    """textual-serve's server on 127.0.0.1:`port`, behind `serve_guard`."""
    from textual_serve.server import Server

    class GuardedServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(serve_guard(port, token))
            return app

        async def on_startup(self, app: web.Application) -> None:
            """Quiet: `serve` prints the URL to open, token included."""

    return GuardedServer(command, host="127.0.0.1", port=port, title="Wirewatch")


def serve_guard(port: int, token: str) -> Middleware:
    """An aiohttp middleware that answers 403 to a request whose Host is not this server
    (127.0.0.1 or localhost on `port`: no DNS rebinding), whose Origin, when sent, is
    not this server's (no cross-site WebSocket), or that carries neither `?token=TOKEN`
    nor the cookie set by the page opened with it (HttpOnly, SameSite=Strict, named
    after the port). A page opened on localhost is sent to 127.0.0.1, where
    textual-serve points its assets and WebSocket."""
    from aiohttp import web

    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    origins = {f"http://{host}" for host in hosts}
    cookie = f"wirewatch_serve_{port}"

    def refuse(why: str) -> web.Response:
        return web.Response(status=403, text=f"wirewatch serve: {why}\n")

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.headers.get("Host") not in hosts:
            return refuse("refused: the Host header names another server")
        origin = request.headers.get("Origin")
        if origin is not None and origin not in origins:
            return refuse("refused: a request from another site (Origin)")
        given = request.query.get("token")
        if not _same(given if given is not None else request.cookies.get(cookie), token):
            return refuse("open the URL with the token that `wirewatch serve` printed")
        if request.host != f"127.0.0.1:{port}":
            raise web.HTTPFound(f"http://127.0.0.1:{port}{request.path_qs}")
        response = await handler(request)
        if given is not None and not response.prepared:
            response.set_cookie(cookie, token, path="/", httponly=True, samesite="Strict")
        return response

    return guard


def _same(given: str | None, token: str) -> bool:
    """`given` is the token (compared in constant time)."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def poll(args: argparse.Namespace) -> int:
    """`poll --once`: one headless pass; `poll`: run until stopped."""
    settings, store = _open(args)
    with _writer_lock(settings):
        return _poll(args, settings, store)


def _poll(args: argparse.Namespace, settings: Settings, store: Store) -> int:
    from feeds.ingest.pipeline import Pipeline

    pipeline = Pipeline(store)
    if not settings.sources:
        print("wirewatch: no sources configured; add [[sources]] to your config.toml",
              file=sys.stderr)
    if args.once:
        summary = _poll_with_progress(settings, pipeline)
        print(_poll_summary(summary))
        if summary.passes and len(summary.failed) == len(summary.passes):
            print("wirewatch: every source failed (see above)", file=sys.stderr)
            return 1
        return 0
    return _poll_forever(settings, pipeline)


def _poll_summary(summary: PollSummary) -> str:
    """The poll's summary, its first line ending with the worker failures when any."""
    text = textout.poll_summary(summary)
    if not summary.worker_failures:
        return text
    first, newline, rest = text.partition("\n")
    plural = "" if summary.worker_failures == 1 else "s"
    return (f"{first}; {summary.worker_failures} worker failure{plural} (redone here)"
            f"{newline}{rest}")


def _poll_with_progress(settings: Settings, pipeline: Pipeline) -> PollSummary:
    from feeds.ingest.poller import poll_once

    if not settings.sources:
        return poll_once(settings, pipeline)
    if not sys.stderr.isatty():  # a log line per stored source: what is acknowledged is kept
        return poll_once(settings, pipeline, progress=lambda done, total, name: print(
            f"stored {done}/{total}: {one_line(name, 200)}", file=sys.stderr, flush=True))
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("polling", total=len(settings.sources))
        return poll_once(settings, pipeline,
                         progress=lambda done, total, name: bar.update(task, completed=done,
                                                                       total=total))


def _poll_forever(settings: Settings, pipeline: Pipeline) -> int:
    from feeds.ingest.poller import poll_continuously

    log = _daemon_log()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    log.info("polling %d sources into %s; Ctrl+C or SIGTERM stops", len(settings.sources),
             pipeline.store.engine.url.render_as_string(hide_password=True))
    poll_continuously(settings, pipeline, stop,
                      lambda summary: log.info("%s", _poll_summary(summary)))
    log.info("stopped after finishing the current batch")
    return 0


def _daemon_log() -> logging.Logger:
    """A logger writing to stderr and to poll.log in the user state dir."""
    from logging.handlers import RotatingFileHandler  # pickle, socket: for `poll` only

    log = logging.getLogger("wirewatch.poll")
    if log.handlers:
        return log
    log.setLevel(logging.INFO)
    form = logging.Formatter("%(asctime)s %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    state = Path(platformdirs.user_state_dir("wirewatch"))
    try:
        state.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(state / "poll.log", maxBytes=5_000_000, backupCount=3))
    except OSError as exc:
        print(f"wirewatch: cannot write {state / 'poll.log'}: {exc.strerror}", file=sys.stderr)
    for handler in handlers:
        handler.setFormatter(form)
        log.addHandler(handler)
    return log


def recluster(args: argparse.Namespace) -> int:
    """Rebuild all stories with a progress bar; the poller lock keeps pollers out meanwhile."""
    from feeds.ingest.recluster import recluster as run_recluster

    settings, store = _open(args)
    with _writer_lock(settings), store.assignment_lock():
        if sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("clustering")
                summary = run_recluster(store, lambda stage, done, total: bar.update(
                    task, description=stage, completed=done, total=total))
        else:
            summary = run_recluster(store)
    print(f"reclustered {summary.articles} articles: {summary.stories_before} stories before, "
          f"{summary.stories_after} now")
    return 0


def stories(args: argparse.Namespace) -> int:
    """List stories."""
    _, store = _open(args)
    rows = store.list_stories(query=args.filter, sort=args.sort, limit=max(1, args.limit),
                              unread=args.unread)
    if args.json:
        for row in rows:
            print(json.dumps({**story_summary(row), "unread": row.unread}, ensure_ascii=False))
    elif not rows and args.filter and store.count_stories():
        print(f"No story matches {args.filter!r}: `wirewatch stories` lists them all.")
    elif not rows and args.unread and store.count_stories():
        print("Every story is read.")
    elif not rows and any(count for _, count in store.mute_counts()):
        print("No story to show: [[mute]] rules hide every article "
              "(`wirewatch sources list` counts what each rule mutes).")
    else:
        print(textout.stories_table(rows))
    return 0


def saved(args: argparse.Namespace) -> int:
    """The stories and articles saved for later, last saved first."""
    _, store = _open(args)
    stories, articles = store.saved_stories(), store.saved_articles()
    if args.json:
        for story in stories:
            print(json.dumps({"kind": "story", **story_summary(story)}, ensure_ascii=False))
        for view, story_id in articles:
            print(json.dumps({"kind": "article", "id": view.id, "title": view.title,
                              "outlet": view.outlet, "url": view.url, "story": story_id},
                             ensure_ascii=False))
        return 0
    if not stories and not articles:
        print("Nothing saved: press b on a story or an article in the dashboard.")
        return 0
    print(textout.saved_text(stories, articles))
    return 0


def search(args: argparse.Namespace) -> int:
    """`search WORDS`: the stories whose articles hold every word, best first, each with
    its matching articles and the matched words; `--json`: one object a story."""
    from feeds.read.serialize import search_group
    from feeds.store import SearchError

    query = " ".join(args.words)
    _, store = _open(args)
    try:
        groups = store.search(query, limit=args.limit)
    except SearchError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        for group in groups:
            print(json.dumps(search_group(group), ensure_ascii=False))
    elif not groups:
        print(f"No article matches {one_line(query, 200)!r}.")
    else:
        print(textout.search_text(groups))
    return 0


def read(args: argparse.Namespace) -> int:
    """`read STORY` / `read --all`: mark read (or, with --unread, unread); kept in the
    database for every dashboard of it."""
    if bool(args.story) == bool(args.all):
        raise UsageError("give one STORY or --all")
    _, store = _open(args)
    ids = None if args.all else [_story_id(store, args.story)]
    count = store.mark_read(ids, read=not args.unread)
    state = "unread" if args.unread else "read"
    print(f"marked {count} {'story' if count == 1 else 'stories'} {state}")
    return 0


def _story_id(store: Store, ref: str) -> int:
    story_id = store.find_story(ref)
    hidden = store.story_detail(int(ref)) if story_id is None and ref.strip().isdigit() else None
    if hidden is not None:
        raise UsageError(f"story {hidden.story.id}: its {hidden.muted} articles are all muted "
                         "by [[mute]] rules")
    if story_id is None:
        raise UsageError(f"no story matches {ref!r}; `wirewatch stories` lists them")
    return story_id


def show(args: argparse.Namespace) -> int:
    """Print one story."""
    _, store = _open(args)
    detail = store.story_detail(_story_id(store, args.story))
    if detail is None:
        raise CommandError(f"story {args.story} vanished while reading")
    if args.json:
        print(json.dumps(story_detail(detail), ensure_ascii=False, indent=2))
    else:
        print(textout.story_text(detail))
    return 0


def export(args: argparse.Namespace) -> int:
    """Write a story snapshot and say where."""
    from feeds.read.export import export_story, render

    _, store = _open(args)
    story_id = _story_id(store, args.story)
    if args.output == "-":
        detail = store.story_detail(story_id)
        if detail is None:
            raise CommandError(f"story {args.story} vanished while reading")
        sys.stdout.write(render(detail, args.format))
        return 0
    target = Path(args.output) if args.output else None
    written = export_story(store, story_id, args.format, target)
    print(f"wrote {written}")
    return 0


def cluster(args: argparse.Namespace) -> int:
    """Offline clustering of a JSONL file of articles."""
    from feeds.ingest import offline

    for line in offline.cluster_lines(_open_input(args.file)):
        print(line)
    return 0


def extract(args: argparse.Namespace) -> int:
    """Extraction of one article file, or of a JSONL file."""
    from feeds.ingest import offline

    path = Path(args.file)
    if args.jsonl:
        for line in offline.extract_lines(_open_input(args.file)):
            print(line)
        return 0
    try:
        print(offline.extract_file(path))
    except (OSError, ValueError) as exc:
        raise CommandError(str(exc)) from None
    return 0


def _open_input(name: str):  # type: ignore[no-untyped-def]
    if name == "-":
        return sys.stdin
    try:
        return open(name, encoding="utf-8")  # noqa: SIM115 - closed at exit
    except OSError as exc:
        raise CommandError(f"cannot read {name}: {exc.strerror or exc}") from None
