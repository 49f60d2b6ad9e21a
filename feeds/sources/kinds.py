"""Source kinds: what a `[[sources]]` table of each `kind` holds, and how it is polled.

Contract: `KINDS` maps each kind's name ("folder", "feed", "command") to a `SourceKind`,
the one place a kind is described. A kind declares the settings keys it reads besides
the common ones (`COMMON_KEYS`: kind, name, interval, folder), validates them into a
`SourceSettings` (raising `ConfigError` with a one-line message naming the file and the
key), says which address its fetches share a politeness turn on (a feed's URL; None:
no host to spare), fetches a `SourcePass` (`await kind.fetch(source, context)`, never
raising for bad input), and says what `wirewatch sources list` shows of it. A new kind
is a class here (or imported here) and an entry in `KINDS`; `feeds.config`,
`feeds.ingest.poller` and `tui.cmd_sources` only look kinds up. The fetching code is imported
when a kind first fetches, so reading the configuration stays cheap.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from feeds.config import ConfigError, SourceSettings
from feeds.sources import SourcePass

if TYPE_CHECKING:
    import httpx

    from feeds.sources.pool import ParseFunc
    from feeds.store.queries import SourceState

COMMON_KEYS = frozenset({"kind", "name", "interval", "folder"})
"""Keys every `[[sources]]` table may have (validated by `feeds.config`)."""
DEFAULT_COMMAND_TIMEOUT = 30
MAX_COMMAND_TIMEOUT = 3600


@dataclass(frozen=True, slots=True)
class Common:
    """The common settings of one `[[sources]]` table, already validated."""

    name: str
    interval: int
    folder: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where a table is, for messages and relative paths."""

    where: str
    """The configuration file (or "defaults")."""
    prefix: str
    """"sources[3]." : the key's path in the file."""
    base: Path
    """The folder relative paths are relative to (the configuration file's)."""

    def error(self, key: str, message: str) -> ConfigError:
        """The one-line error for `key` of this table."""
        return ConfigError(f"{self.where}: {self.prefix}{key}: {message}")


@dataclass(slots=True)
class FetchContext:
    """What the poller hands a kind's fetch for one source."""

    client: httpx.AsyncClient
    """The poll's one shared HTTP client."""
    state: SourceState
    """The source's stored state (validators, permanent redirect)."""
    max_bytes: int
    deadline: float
    """Seconds for a whole HTTP request."""
    parse_timeout: float
    read_ahead: Callable[[], Awaitable[ParseFunc]]
    """The parser that parses and prepares in one worker task, skipping what is stored."""
    allow_private: bool = False


class SourceKind(Protocol):
    """One kind of source."""

    name: str
    keys: frozenset[str]
    """Settings keys it reads besides `COMMON_KEYS`."""
    tolerated: frozenset[str]
    """Other kinds' keys it accepts and ignores (as it always did)."""
    label: str
    """Its name in the KIND column of `sources list` (six characters at most)."""

    def settings(self, item: dict[str, Any], common: Common, at: Place) -> SourceSettings:
        """The table validated into settings; `ConfigError` naming the bad key."""
        ...

    def address(self, source: SourceSettings, state: SourceState) -> str | None:
        """The URL whose host its fetch takes a turn on, or None (no host to spare)."""
        ...

    async def fetch(self, source: SourceSettings, context: FetchContext) -> SourcePass:
        """One pass over the source."""
        ...

    def listing(self, source: SourceSettings) -> dict[str, object]:
        """Its settings as `sources list --json` shows them after name, kind and folder."""
        ...

    def health_listing(self, last_error: str | None) -> dict[str, object]:
        """Fields `sources list --json` derives from its last pass, shown last."""
        ...


def fetch_url(source: SourceSettings, state: SourceState) -> str:
    """The URL to poll: the permanent redirect's target when the configured URL is unchanged."""
    if state.location == source.location and state.moved_to:
        return state.moved_to
    return source.url or ""


class FolderKind:
    """A folder of article files (`feeds.sources.folder`)."""

    name = "folder"
    keys = frozenset({"path"})
    tolerated = frozenset({"url", "fulltext"})
    label = "folder"

    def settings(self, item: dict[str, Any], common: Common, at: Place) -> SourceSettings:
        raw_path = item.get("path")
        if not isinstance(raw_path, str) or not raw_path:
            raise at.error("path", "expected the folder's path as a string")
        folder = Path(raw_path).expanduser()
        folder = folder if folder.is_absolute() else (at.base / folder)
        return SourceSettings("folder", common.name, common.interval, path=folder.resolve(),
                              folder=common.folder)

    def address(self, source: SourceSettings, state: SourceState) -> str | None:
        return None

    async def fetch(self, source: SourceSettings, context: FetchContext) -> SourcePass:
        import asyncio

        from feeds.sources.folder import scan_folder

        assert source.path is not None
        return await asyncio.to_thread(scan_folder, source.name, source.path, context.max_bytes)

    def listing(self, source: SourceSettings) -> dict[str, object]:
        return {"path": source.location}

    def health_listing(self, last_error: str | None) -> dict[str, object]:
        return {"files": [line for line in str(last_error or "").split("\n") if line]}


class FeedKind:
    """An RSS, Atom or JSON Feed document on the web or in a file:// URL
    (`feeds.sources.feed`, then `feeds.sources.fulltext` when `fulltext`)."""

    name = "feed"
    keys = frozenset({"url", "fulltext"})
    tolerated = frozenset({"path"})
    label = "feed"

    def settings(self, item: dict[str, Any], common: Common, at: Place) -> SourceSettings:
        url = item.get("url")
        if not isinstance(url, str) or not re.match(r"^(https?|file)://\S+$", url):
            raise at.error("url", f"expected an http(s):// or file:// URL, got {url!r}")
        fulltext = item.get("fulltext", False)
        if not isinstance(fulltext, bool):
            raise at.error("fulltext", f"expected true or false, got {fulltext!r}")
        return SourceSettings("feed", common.name, common.interval, url=url, fulltext=fulltext,
                              folder=common.folder)

    def address(self, source: SourceSettings, state: SourceState) -> str | None:
        return fetch_url(source, state)

    async def fetch(self, source: SourceSettings, context: FetchContext) -> SourcePass:
        from feeds.sources.feed import fetch_feed
        from feeds.sources.fulltext import complete

        state, client = context.state, context.client
        same = state.location == source.location
        result = await fetch_feed(client, source.name, fetch_url(source, state),
                                  etag=state.etag if same else None,
                                  last_modified=state.last_modified if same else None,
                                  max_bytes=context.max_bytes, deadline=context.deadline,
                                  parse_timeout=context.parse_timeout,
                                  choose_parser=None if source.fulltext else context.read_ahead,
                                  allow_private=context.allow_private)
        if source.fulltext and result.documents:
            result = await complete(client, result, context.max_bytes, context.deadline,
                                    allow_private=context.allow_private)
        return result

    def listing(self, source: SourceSettings) -> dict[str, object]:
        return {"url": source.location}

    def health_listing(self, last_error: str | None) -> dict[str, object]:
        return {}


class CommandKind:
    """A program whose standard output is a feed (`feeds.sources.command`): newsboat's
    `exec:` sources. Run as an argument list, never through a shell."""

    name = "command"
    keys = frozenset({"command", "timeout"})
    tolerated: frozenset[str] = frozenset()
    label = "cmd"

    def settings(self, item: dict[str, Any], common: Common, at: Place) -> SourceSettings:
        command = item.get("command")
        if isinstance(command, str):
            raise at.error("command", "expected a list of strings, not a string (it is run "
                           "without a shell): write it as a list such as "
                           "[\"my-feed\", \"--latest\"]")
        if (not isinstance(command, list) or not command
                or any(not isinstance(part, str) or not part or "\x00" in part
                       for part in command)):
            raise at.error("command", "expected a list of non-empty strings such as "
                           f"[\"my-feed\", \"--latest\"], got {command!r}"[:300])
        timeout = item.get("timeout", DEFAULT_COMMAND_TIMEOUT)
        if (isinstance(timeout, bool) or not isinstance(timeout, int)
                or not 1 <= timeout <= MAX_COMMAND_TIMEOUT):
            raise at.error("timeout", f"expected seconds from 1 to {MAX_COMMAND_TIMEOUT}, "
                           f"got {timeout!r}")
        program = Path(command[0]).expanduser()
        if "/" in command[0] and not program.is_absolute():  # ./feed.py: beside the config
            command = [str((at.base / program).resolve()), *command[1:]]
        return SourceSettings("command", common.name, common.interval, command=tuple(command),
                              timeout=timeout, folder=common.folder)

    def address(self, source: SourceSettings, state: SourceState) -> str | None:
        return None

    async def fetch(self, source: SourceSettings, context: FetchContext) -> SourcePass:
        from feeds.sources.command import fetch_command

        return await fetch_command(source.name, source.command, timeout=source.timeout,
                                   max_bytes=context.max_bytes,
                                   parse_timeout=context.parse_timeout,
                                   choose_parser=context.read_ahead)

    def listing(self, source: SourceSettings) -> dict[str, object]:
        return {"command": list(source.command)}

    def health_listing(self, last_error: str | None) -> dict[str, object]:
        return {}


KINDS: dict[str, SourceKind] = {kind.name: kind for kind in (FolderKind(), FeedKind(),
                                                             CommandKind())}
"""Every source kind, by the name a `[[sources]]` table gives as its `kind`."""


def all_keys() -> set[str]:
    """Every key a `[[sources]]` table of some kind may hold."""
    return set(COMMON_KEYS).union(*(kind.keys for kind in KINDS.values()))


def kind_choices() -> str:
    """The kinds, quoted, as a message lists them: "folder", "feed" or "command"."""
    quoted = [f"\"{name}\"" for name in KINDS]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def check_keys(kind: SourceKind, item: dict[str, Any], at: Place) -> None:
    """Refuse another kind's key in a table of `kind` (one it reads or tolerates aside)."""
    own = COMMON_KEYS | kind.keys | kind.tolerated
    for key in item:
        if key not in own:
            expected = ", ".join(sorted(COMMON_KEYS | kind.keys))
            raise at.error(key, f"not a setting of a {kind.name} source (expected one of: "
                           f"{expected})")

