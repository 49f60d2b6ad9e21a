"""`wirewatch sources list|show|import|export|add`: the feed list and each source's health.

Contract: `register(sub, common, add)` adds the `sources` command and its four
actions to the CLI parser. `list` prints the configured sources with their
stored health (a table, or with --json one object a line: name, kind, folder, url,
path or command (as its kind in `feeds.sources.kinds` shows it), status — ok,
not_modified, error, truncated, rate_limited, gone, or new when never polled —
problem (true for any status but ok, not_modified and new; the table marks such
a status with "!"), last_error, consecutive_errors, last_attempt, last_success,
next_due, articles, http_status, moved_to, items_new, items_updated (of the last
pass), interval, and for a folder the bad `files`); the table is followed by each
`[[mute]]` rule with how many articles it mutes. `show NAME` lists the source's newest
articles (date, story, title; muted ones marked; --json: id, published, title, outlet,
url, story, story_title, muted). `add` follows a page's
feed link only as `feeds.sources.discover` allows, under the configuration's
`[network] allow_private_addresses`. `import`
and `add` append `[[sources]]` tables to the configuration file (--config,
else the one found, else ./config.toml), skipping URLs already there and
keeping names unique; the file is validated afterwards and restored if it no
longer loads. `export` writes the feed sources as OPML.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from feeds.config import ConfigError, SourceSettings, find_config, load_settings
from feeds.model.text import one_line
from feeds.read.views import SourceHealth
from feeds.sources import is_problem
from feeds.sources.kinds import KINDS
from tui.commands import CommandError, UsageError, open_store, settings_of
from tui.textout import age

AddParser = Callable[..., argparse.ArgumentParser]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             add: AddParser) -> None:
    """Add `sources` and its actions to the command line."""
    sources = add(sub, common, "sources", sources_list, "list, import, export or add sources")
    sources.add_argument("--json", action="store_true", help="one JSON object a line")
    actions = sources.add_subparsers(title="actions", metavar="ACTION")
    listing = add(actions, common, "list", sources_list, "each source with its health")
    listing.add_argument("--json", action="store_true", help="one JSON object a line")
    opml_in = add(actions, common, "import", sources_import, "add the feeds of an OPML file")
    opml_in.add_argument("file", metavar="FILE.opml")
    opml_in.add_argument("--interval", default="15m", help="polling interval (default 15m)")
    opml_out = add(actions, common, "export", sources_export, "write the feeds as OPML")
    opml_out.add_argument("-o", "--output", metavar="PATH", help="file to write (default stdout)")
    showing = add(actions, common, "show", sources_show,
                  "a source's latest articles, newest first, with their stories")
    showing.add_argument("name", metavar="NAME", help="the source's name in config.toml")
    showing.add_argument("--json", action="store_true", help="one JSON object a line")
    showing.add_argument("--limit", type=int, default=200, help="at most this many (default 200)")
    adding = add(actions, common, "add", sources_add,
                 "add a feed, found from a page's <link rel=alternate> if needed")
    adding.add_argument("url", metavar="URL")
    adding.add_argument("--name", help="source name (default: the feed's title)")
    adding.add_argument("--interval", default="15m", help="polling interval (default 15m)")


def sources_list(args: argparse.Namespace) -> int:
    """Print every configured source with its health."""
    from feeds.ingest.rebuild import (
        apply_mutes,  # sqlalchemy for the commands that read the database
    )

    settings = settings_of(args)
    store = open_store(settings)
    try:
        apply_mutes(store, settings.mutes)
        health = {h.name: h for h in store.sources_health()}
        mutes = store.mute_counts()
    finally:
        store.close()
    rows = [source_record(s, health.get(s.name)) for s in settings.sources]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    else:
        print(sources_table(rows))
        if mutes:
            print(f"\n{'MUTE RULE':<60} {'MUTED':>6}")
            for rule, count in mutes:
                print(f"{one_line(rule.label(), 60):<60} {count:>6}")
    return 0


def sources_show(args: argparse.Namespace) -> int:
    """A source's newest articles with their stories (muted ones marked)."""
    settings = settings_of(args)
    if args.name not in {s.name for s in settings.sources}:
        names = ", ".join(one_line(s.name, 60) for s in settings.sources) or "none configured"
        raise UsageError(f"no source is named {args.name!r} (sources: {names})")
    from feeds.ingest.rebuild import apply_mutes

    store = open_store(settings)
    try:
        apply_mutes(store, settings.mutes)
        items = store.source_articles(args.name, max(1, args.limit))
    finally:
        store.close()
    for item in items:
        view = item.article
        if args.json:
            print(json.dumps({"id": view.id, "published": _iso(view.published),
                              "title": view.title, "outlet": view.outlet, "url": view.url,
                              "story": item.story_id, "story_title": item.story_title,
                              "muted": item.muted}, ensure_ascii=False))
            continue
        when = view.published.date().isoformat() if view.published else "undated"
        story = f"story {item.story_id}" if item.story_id is not None else "no story"
        mark = " (muted)" if item.muted else ""
        print(f"{when:<10}  {story:<11} {one_line(view.title, 90)}{mark}")
    if not items and not args.json:
        print(f"No articles from {one_line(args.name, 60)} yet: `wirewatch poll --once` "
              "fetches it.")
    return 0


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat() if when else None


def source_record(source: SourceSettings, health: SourceHealth | None) -> dict[str, object]:
    """One source as a JSON-ready dict (health from the store, if it was ever polled)."""
    polled = health is not None and health.location == source.location
    kind = KINDS[source.kind]
    record: dict[str, object] = {"name": source.name, "kind": source.kind,
                                 "folder": source.folder, **kind.listing(source)}
    status = health.status if polled and health else "new"
    record.update({
        "status": status,
        "problem": is_problem(status),
        "last_error": health.last_error if polled and health else None,
        "consecutive_errors": health.consecutive_errors if polled and health else 0,
        "last_attempt": _iso(health.last_attempt) if polled and health else None,
        "last_success": _iso(health.last_success) if polled and health else None,
        "next_due": _iso(health.next_due) if polled and health else None,
        "articles": health.articles if health else 0,
        "http_status": health.http_status if polled and health else None,
        "moved_to": health.moved_to if polled and health else None,
        "items_new": health.items_new if polled and health else 0,
        "items_updated": health.items_updated if polled and health else 0,
        "interval": source.interval,
    })
    record.update(kind.health_listing(str(record["last_error"] or "") or None))
    return record


def sources_table(rows: list[dict[str, object]]) -> str:
    """The sources as aligned columns, worst news last on each line."""
    if not rows:
        return "No sources configured: `wirewatch sources add URL` or edit config.toml."
    now = datetime.now(UTC)
    lines = [f"{'NAME':<24} {'KIND':<6} {'STATUS':<14} {'ART':>5} {'ERR':>3} {'OK':>5} "
             f"{'NEXT':>6}  LAST ERROR"]
    for row in rows:
        success = row["last_success"]
        ok = age(datetime.fromisoformat(str(success)), now) if success else "-"
        due = "-"
        if row["next_due"]:
            left = (datetime.fromisoformat(str(row["next_due"])) - now).total_seconds()
            due = "now" if left <= 0 else "in " + age(now - (datetime.fromisoformat(
                str(row["next_due"])) - now), now)
        error = one_line(str(row["last_error"] or "").split("\n")[0], 80)
        status = f"! {row['status']}" if row["problem"] else str(row["status"])
        kind = KINDS[str(row["kind"])].label
        lines.append(f"{one_line(str(row['name']), 24):<24} {kind:<6} {status:<14} "
                     f"{row['articles']:>5} {row['consecutive_errors']:>3} {ok:>5} {due:>6}  "
                     f"{error}")
    return "\n".join(lines)


def sources_export(args: argparse.Namespace) -> int:
    """OPML of the configured feeds, on stdout or in a file."""
    from feeds.sources.opml import write_opml  # loads the feed parser: for these commands only

    settings = settings_of(args)
    data = write_opml([(s.name, s.url or "", s.folder) for s in settings.sources
                       if s.kind == "feed"])
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def sources_import(args: argparse.Namespace) -> int:
    """Append the feeds of an OPML file to the configuration."""
    from feeds.sources.opml import read_opml

    try:
        opml = read_opml(Path(args.file).read_bytes())
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise CommandError(f"{args.file}: {exc}") from None
    added, configured = append_feeds(_target(args), [(f.title, f.url, f.folder)
                                                     for f in opml.feeds], args.interval)
    skipped = f"; {len(opml.skipped)} skipped:" if opml.skipped else ""
    print(f"added {added} feeds; {configured} already configured{skipped}")
    for line in opml.skipped[:SHOWN_SKIPS]:
        print(f"  {line}")
    if len(opml.skipped) > SHOWN_SKIPS:
        print(f"  and {len(opml.skipped) - SHOWN_SKIPS} more")
    return 0


def sources_add(args: argparse.Namespace) -> int:
    """Find the feed at or linked from URL and append it to the configuration."""
    from feeds.sources.discover import DiscoveryError, discover  # httpx: for this command

    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{args.url}: not a web address; give the http:// or https:// URL "
                         "of a site or of its feed")
    target = _target(args)
    allow_private = target.is_file() and load_settings(target).allow_private_addresses
    try:
        found = discover(args.url, allow_private=allow_private)
    except DiscoveryError as exc:
        raise CommandError(str(exc)) from None
    added, _ = append_feeds(target, [(args.name or found.title, found.url, "")], args.interval)
    print(f"added {found.url}" if added else f"already configured: {found.url}")
    return 0


def _target(args: argparse.Namespace) -> Path:
    explicit = getattr(args, "config", None)
    if explicit is not None:
        return Path(explicit)
    return find_config(None) or Path.cwd() / "config.toml"


SHOWN_SKIPS = 20
"""Outlines an OPML import lists as skipped; the rest are counted."""


def append_feeds(path: Path, feeds: list[tuple[str, str, str]],
                 interval: str) -> tuple[int, int]:
    """Append [[sources]] for (title, url, folder) feeds not yet in `path`; returns (added,
    already configured)."""
    original = path.read_text(encoding="utf-8") if path.is_file() else ""
    current = load_settings(path).sources if original else []
    urls = {s.url for s in current}
    names = {s.name for s in current}
    blocks: list[str] = []
    skipped = 0
    for title, url, folder in feeds:
        if url in urls:
            skipped += 1
            continue
        name = base = one_line(title, 120) or url
        counter = 2
        while name in names:
            name, counter = f"{base} ({counter})", counter + 1
        names.add(name)
        urls.add(url)
        group = f"folder = {json.dumps(folder, ensure_ascii=False)}\n" if folder else ""
        blocks.append('\n[[sources]]\nkind = "feed"\n'
                      f"name = {json.dumps(name, ensure_ascii=False)}\n"
                      f"url = {json.dumps(url)}\ninterval = {json.dumps(interval)}\n{group}")
    if not blocks:
        return 0, skipped
    text = original + ("" if not original or original.endswith("\n") else "\n") + "".join(blocks)
    path.write_text(text, encoding="utf-8")
    try:
        load_settings(path)
    except ConfigError:
        if original:
            path.write_text(original, encoding="utf-8")
        else:
            path.unlink()
        raise
    return len(blocks), skipped
