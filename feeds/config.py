"""Typed settings read from `config.toml`, validated, with the path rules in one place.

Contract: `load_settings(explicit_path, db_override)` returns `Settings` or raises
`ConfigError`, whose message is one line naming the file, the key and what is
expected. Lookup order: an explicit `--config`, `./config.toml`, then the user
config dir. No file at all gives the defaults with no sources. `[[mute]]` tables are
read by `feeds.read.mutes`. The database URL
comes from `--db`, else `WIREWATCH_DB`, else `[storage] url`, else a SQLite file
in the user data dir. A relative folder `path` is relative to the config file.
The token `wirewatch serve` asks for comes from `WIREWATCH_SERVE_TOKEN`, else
`[serve] token`, else none (`serve` makes one per run).
"""

from __future__ import annotations

import os
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from feeds.model.text import escaped, sanitize
from feeds.read.mutes import MuteError, MuteRule, parse_mutes

APP_NAME = "wirewatch"
ENV_DB = "WIREWATCH_DB"
ENV_SERVE_TOKEN = "WIREWATCH_SERVE_TOKEN"
_TOKEN = re.compile(r"^[A-Za-z0-9._~-]{16,200}$")
DEFAULT_INTERVAL = 900
MIN_INTERVAL = 10
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class ConfigError(Exception):
    """A configuration problem, already phrased for the user in one line."""


@dataclass(frozen=True, slots=True)
class SourceSettings:
    """One `[[sources]]` table (its kind's keys: `feeds.sources.kinds`)."""

    kind: str
    """A name in `feeds.sources.kinds.KINDS`: "folder", "feed" or "command"."""
    name: str
    interval: int
    path: Path | None = None
    url: str | None = None
    fulltext: bool = False
    """Fetch each article's page when the feed carries only a summary."""
    folder: str = ""
    """A group of sources ("News / Tech", from an OPML folder): shown together."""
    command: tuple[str, ...] = ()
    """A command source's program and arguments (run without a shell)."""
    timeout: int = 30
    """Seconds a command source's program may run."""

    @property
    def location(self) -> str:
        """The folder path, feed URL or command (shell-quoted, never run so), as text."""
        if self.command:
            return shlex.join(self.command)[:2000]
        return str(self.path) if self.path is not None else str(self.url)


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """One `[[watches]]` table: a saved filter that notifies when a story appears or grows."""

    name: str
    query: str
    """Words matched against story titles, actor names and aliases, and outlet names."""
    notify: tuple[str, ...] = ("toast",)
    """Any of "toast" and "bell"."""
    command: tuple[str, ...] = ()
    """A program and its arguments, run (never through a shell) with the story JSON on stdin."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the application reads from its configuration."""

    config_path: Path | None
    database_url: str
    sources: list[SourceSettings] = field(default_factory=list)
    database_is_default: bool = False
    """No --db, WIREWATCH_DB or [storage] url: the default file, whose folder is made."""
    max_file_bytes: int = 5_000_000
    keys: dict[str, str] = field(default_factory=dict)
    watches: list[WatchSettings] = field(default_factory=list)
    adaptive: bool = False
    """Poll busy feeds more often and quiet ones less (within bounds): `[poll] adaptive`."""
    developing_seconds: int = 6 * 3600
    """A story with an article this recent is "developing"."""
    dormant_seconds: int = 3 * 86400
    """A story quiet this long is "dormant" (else "active")."""
    allow_private_addresses: bool = False
    """`[network] allow_private_addresses`: let full-text pages, redirects from public hosts
    and feed links found on public pages reach private, loopback and link-local addresses
    (`feeds.sources.netpolicy`). Feeds configured on such addresses are polled regardless."""
    mutes: list[MuteRule] = field(default_factory=list)
    """`[[mute]]` tables: articles they match stay stored but leave the story lists, counts
    and notifications (`feeds.read.mutes`, `feeds.store.mutes`)."""
    serve_token: str | None = None
    """The secret `wirewatch serve` asks of browsers: `WIREWATCH_SERVE_TOKEN`, else
    `[serve] token`; None: a new random one each run."""


def user_config_path() -> Path:
    """Where the per-user configuration file lives."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_database_url() -> str:
    """A SQLite file in the user data dir."""
    data_dir = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data_dir / 'wirewatch.db'}"


def find_config(explicit: str | Path | None) -> Path | None:
    """The configuration file to read: explicit, ./config.toml, user config dir."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{path}: no such configuration file (check --config)")
        return path
    for candidate in (Path.cwd() / "config.toml", user_config_path()):
        if candidate.is_file():
            return candidate
    return None


def database_url_from(value: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (made absolute)."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def load_settings(explicit: str | Path | None = None, db: str | None = None) -> Settings:
    """Find, read and validate the configuration; apply the database overrides."""
    path = find_config(explicit)
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
    return _settings_from(raw, path, db)


def _settings_from(raw: dict[str, Any], path: Path | None, db: str | None) -> Settings:
    where = str(path) if path is not None else "defaults"
    _reject_unknown(raw, {"storage", "sources", "limits", "keys", "watches", "stories", "poll",
                          "network", "serve", "mute"},
                    where, "")
    poll = _table(raw, "poll", where)
    _reject_unknown(poll, {"adaptive"}, where, "poll.")
    if not isinstance(poll.get("adaptive", False), bool):
        raise ConfigError(
            f"{where}: poll.adaptive: expected true or false, got {poll['adaptive']!r}")
    stories = _table(raw, "stories", where)
    _reject_unknown(stories, {"developing", "dormant_after"}, where, "stories.")
    storage = _table(raw, "storage", where)
    _reject_unknown(storage, {"url"}, where, "storage.")
    limits = _table(raw, "limits", where)
    _reject_unknown(limits, {"max_file_bytes"}, where, "limits.")
    network = _table(raw, "network", where)
    _reject_unknown(network, {"allow_private_addresses"}, where, "network.")
    url = db or os.environ.get(ENV_DB) or _opt_str(storage, "url", where, "storage.")
    base = path.parent if path is not None else Path.cwd()
    sources_raw = raw.get("sources", [])
    if not isinstance(sources_raw, list):
        raise ConfigError(f"{where}: sources: expected an array of tables ([[sources]])")
    sources = [_source(item, i, base, where) for i, item in enumerate(sources_raw)]
    _check_unique_names(sources, where)
    keys = _table(raw, "keys", where)
    for key, value in keys.items():
        if not isinstance(value, str):
            raise ConfigError(f"{where}: keys.{key}: expected a string such as \"j,down\"")
    return Settings(
        config_path=path,
        database_url=database_url_from(url) if url else default_database_url(),
        sources=sources,
        database_is_default=not url,
        max_file_bytes=_positive_int(limits.get("max_file_bytes", 5_000_000), where,
                                     "limits.max_file_bytes"),
        keys=dict(keys),
        watches=_watches(raw.get("watches", []), where),
        mutes=_mutes(raw.get("mute", []), where),
        adaptive=poll.get("adaptive", False),
        developing_seconds=_duration(stories.get("developing", "6h"), where, "stories.developing"),
        dormant_seconds=_duration(stories.get("dormant_after", "3d"), where,
                                  "stories.dormant_after"),
        allow_private_addresses=_flag(network, "allow_private_addresses", where, "network."),
        serve_token=_serve_token(_table(raw, "serve", where), where),
    )


def _serve_token(serve: dict[str, Any], where: str) -> str | None:
    """`WIREWATCH_SERVE_TOKEN`, else `[serve] token`: 16-200 URL-safe characters."""
    _reject_unknown(serve, {"token"}, where, "serve.")
    if os.environ.get(ENV_SERVE_TOKEN):
        token, name = os.environ[ENV_SERVE_TOKEN], ENV_SERVE_TOKEN
    else:
        token, name = _opt_str(serve, "token", where, "serve."), f"{where}: serve.token"
    if token is not None and not _TOKEN.match(token):
        raise ConfigError(f"{name}: expected 16 to 200 letters, digits or . _ ~ -")
    return token


def _source(item: Any, index: int, base: Path, where: str) -> SourceSettings:
    from feeds.sources.kinds import KINDS, Common, Place, all_keys, check_keys, kind_choices

    prefix = f"sources[{index}]."
    if not isinstance(item, dict):
        raise ConfigError(
            f"{where}: sources[{index}]: expected a table with kind, name, path or url")
    _reject_unknown(item, all_keys(), where, prefix)
    kind = KINDS.get(item.get("kind")) if isinstance(item.get("kind"), str) else None
    if kind is None:
        raise ConfigError(f"{where}: {prefix}kind: expected {kind_choices()}, "
                          f"got {item.get('kind')!r}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: {prefix}name: expected a non-empty string")
    if "\n" in name or "\t" in name or sanitize(name) != name:  # a control character
        raise ConfigError(f"{where}: {prefix}name: expected a name without control characters,"
                          f" got \"{escaped(name)}\"")
    interval = _duration(item.get("interval", DEFAULT_INTERVAL), where, prefix + "interval")
    group = item.get("folder", "")
    if not isinstance(group, str) or sanitize(group) != group or "\n" in group:
        raise ConfigError(f"{where}: {prefix}folder: expected a name without control "
                          f"characters, got \"{escaped(str(group))}\"")
    place = Place(where, prefix, base)
    check_keys(kind, item, place)
    return kind.settings(item, Common(name.strip(), interval, group.strip()), place)


def _watches(items: Any, where: str) -> list[WatchSettings]:
    if not isinstance(items, list):
        raise ConfigError(f"{where}: watches: expected an array of tables ([[watches]])")
    watches: list[WatchSettings] = []
    for index, item in enumerate(items):
        prefix = f"watches[{index}]."
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: watches[{index}]: expected a table with name and query")
        _reject_unknown(item, {"name", "query", "notify", "command"}, where, prefix)
        name, query = item.get("name"), item.get("query")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: {prefix}name: expected a non-empty string")
        if not isinstance(query, str) or not query.split():
            raise ConfigError(f"{where}: {prefix}query: expected words to match, such as "
                              "\"flood Reuters\"")
        notify = item.get("notify", ["toast"])
        notify = [notify] if isinstance(notify, str) else notify
        if not isinstance(notify, list) or any(n not in ("toast", "bell") for n in notify):
            raise ConfigError(f"{where}: {prefix}notify: expected \"toast\", \"bell\" or a "
                              f"list of them, got {item.get('notify')!r}")
        command = item.get("command", [])
        if not isinstance(command, list) or any(not isinstance(c, str) or not c for c in command):
            raise ConfigError(f"{where}: {prefix}command: expected a list of strings such as "
                              "[\"notify-send\", \"Wirewatch\"] (run without a shell)")
        if name.strip() in {w.name for w in watches}:
            raise ConfigError(f"{where}: {prefix}name: {name.strip()!r} is used twice; "
                              "expected a unique name per watch")
        watches.append(WatchSettings(name.strip(), " ".join(query.split()), tuple(notify),
                                     tuple(command)))
    return watches


def _mutes(items: Any, where: str) -> list[MuteRule]:
    try:
        return parse_mutes(items)
    except MuteError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _duration(value: Any, where: str, key: str) -> int:
    """Seconds from an integer or a string such as "90s", "15m", "2h"."""
    seconds: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = int(match.group(1)) * _UNITS[match.group(2)]
    if seconds is None or seconds < MIN_INTERVAL:
        raise ConfigError(
            f"{where}: {key}: expected seconds (>= {MIN_INTERVAL}) or a duration such as "
            f"\"15m\", got {value!r}"
        )
    return seconds


def _flag(table: dict[str, Any], key: str, where: str, prefix: str) -> bool:
    """A true/false setting (false when absent)."""
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {prefix}{key}: expected true or false, got {value!r}")
    return value


def _positive_int(value: Any, where: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{where}: {key}: expected a positive integer, got {value!r}")
    return value


def _table(raw: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key}: expected a table ([{key}])")
    return value


def _opt_str(table: dict[str, Any], key: str, where: str, prefix: str) -> str | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, str) or not value):
        raise ConfigError(f"{where}: {prefix}{key}: expected a non-empty string")
    return value


def _reject_unknown(table: dict[str, Any], known: set[str], where: str, prefix: str) -> None:
    for key in table:
        if key not in known:
            expected = ", ".join(sorted(known))
            raise ConfigError(f"{where}: {prefix}{key}: unknown key (expected one of: {expected})")


def _check_unique_names(sources: list[SourceSettings], where: str) -> None:
    seen: set[str] = set()
    for index, source in enumerate(sources):
        if source.name in seen:
            raise ConfigError(f"{where}: sources[{index}].name: {source.name!r} is used twice; "
                              "expected a unique name per source")
        seen.add(source.name)
