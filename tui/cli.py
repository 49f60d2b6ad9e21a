"""The `wirewatch` command line: parses arguments and dispatches to commands.

Contract: `main(argv)` returns the process exit status: 0 on success, 2 for a
usage or configuration error (a story or URL that the command line names wrongly
included), 1 for a storage or export error. Every problem
is reported as one line on stderr starting with "wirewatch:", never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from feeds.config import ConfigError
from tui import cmd_sources, commands

EXPORT_FORMATS = ("md", "json", "html", "csv")
"""`feeds.read.export.FORMATS` (a test holds them equal): the exporters load with `export` only."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help="configuration file (default: ./config.toml, then the user "
                             "config dir)")
    common.add_argument("--db", metavar="URL_OR_PATH", default=argparse.SUPPRESS,
                        help="database: a SQLite path or SQLAlchemy URL (overrides WIREWATCH_DB "
                             "and [storage] url)")
    parser = argparse.ArgumentParser(
        prog="wirewatch", parents=[common],
        description="A terminal newsroom: polls feeds and folders, groups articles into stories.")
    parser.set_defaults(func=commands.dashboard)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add(sub, common, "dash", commands.dashboard, "open the dashboard (the default)")
    poll = _add(sub, common, "poll", commands.poll, "poll the sources headless")
    poll.add_argument("--once", action="store_true", help="one pass over all sources, then exit")
    stories = _add(sub, common, "stories", commands.stories, "list stories as a table")
    stories.add_argument("--json", action="store_true", help="one JSON object a line")
    stories.add_argument("--sort", choices=("heat", "latest", "size"), default="heat")
    stories.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    stories.add_argument("--filter", metavar="WORDS", help="words of titles, actors or outlets")
    stories.add_argument("--unread", action="store_true", help="only stories with unread articles")
    search = _add(sub, common, "search", commands.search,
                  "full-text search of article titles and texts, results grouped by story")
    search.add_argument("words", metavar="WORDS", nargs="+",
                        help="words every matching article holds (stemmed: flood finds floods)")
    search.add_argument("--json", action="store_true", help="one JSON object a story")
    search.add_argument("--limit", type=int, default=20, help="at most this many stories "
                        "(default 20, at most 100)")
    saved = _add(sub, common, "saved", commands.saved,
                 "list the stories and articles saved for later (b in the dashboard)")
    saved.add_argument("--json", action="store_true", help="one JSON object a line")
    read = _add(sub, common, "read", commands.read,
                "mark a story's articles read (or every story's with --all)")
    read.add_argument("story", metavar="STORY", nargs="?", help="story id or words of its title")
    read.add_argument("--all", action="store_true", help="every story")
    read.add_argument("--unread", action="store_true", help="mark unread instead")
    show = _add(sub, common, "show", commands.show,
                "print one story's card, events, actors and sources")
    show.add_argument("story", metavar="STORY", help="story id or words of its title")
    show.add_argument("--json", action="store_true", help="print JSON")
    export = _add(sub, common, "export", commands.export, "write a story snapshot")
    export.add_argument("story", metavar="STORY", help="story id or words of its title")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="md",
                        help="md for people, json (docs/story-snapshot.schema.json), a "
                             "self-contained html page, or csv of the events (default md)")
    export.add_argument("-o", "--output", metavar="PATH",
                        help="file to write, - for stdout (default wirewatch-story-ID.FORMAT)")
    serve = _add(sub, common, "serve", commands.serve,
                 "run the dashboard in a browser on 127.0.0.1 (textual-serve), for whoever "
                 "opens the URL it prints (its token: new each run, or WIREWATCH_SERVE_TOKEN "
                 "or [serve] token)")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    cluster = _add(sub, common, "cluster", commands.cluster,
                   "cluster a JSONL file of articles offline (prints id and story per line)")
    cluster.add_argument("file", metavar="FILE.jsonl")
    extract = _add(sub, common, "extract", commands.extract,
                   "print the actors, places, attributions and events of an article file")
    extract.add_argument("file", metavar="FILE")
    extract.add_argument("--jsonl", action="store_true",
                         help="FILE holds one JSON object a line (id, text, date, title)")
    _add(sub, common, "recluster", commands.recluster,
         "rebuild every story from the stored articles (after an engine upgrade)")
    cmd_sources.register(sub, common, _add)
    return parser


def _add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, name: str,
         func: commands.Command, help_text: str) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
    parser.set_defaults(func=func)
    return parser


def _storage_error(exc: Exception) -> bool:
    """Whether `exc` is the store's one-line error (its module, and sqlalchemy behind it,
    load only for the commands that open a store)."""
    store = sys.modules.get("feeds.store")
    return store is not None and isinstance(exc, store.StorageError)


def _export_error(exc: Exception) -> bool:
    """Whether `exc` is an exporter's error (`feeds.read.export` loads with `export` only)."""
    export = sys.modules.get("feeds.read.export")
    return export is not None and isinstance(exc, export.ExportError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, commands.UsageError) as exc:
        print(f"wirewatch: {exc}", file=sys.stderr)
        return 2
    except commands.CommandError as exc:
        print(f"wirewatch: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("wirewatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last: the clauses above see theirs first
        if _storage_error(exc) or _export_error(exc):
            print(f"wirewatch: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
