"""Mute rules: `[[mute]]` tables read from the configuration, and whether an article matches.

Contract: `parse_mutes(items)` validates the `[[mute]]` array into `MuteRule`s or
raises `MuteError` with one line naming the table (`mute[2].words: ...`; `feeds.config`
adds the file). A rule has any of `words` (words or phrases, matched case-insensitively
as whole words in the title or the text), `outlet` (an outlet's name, an alias the
project knows such as "AP", or its domain such as "reuters.com"; matched against the
article's outlet, both read as the outlet list names them, `feeds.extract.outlets`, and
against its URL's domain), `source` (a `[[sources]]` name, feed URL or folder path: the
source that first brought the article) and `actor` (an actor's name or one of its
aliases); an article matches a rule when it matches every key the rule has (any one of
its words). `Matcher(rules).mask(facts)` says which rules an article matches, as a bit
mask (rule i is bit i; 0: the article is shown); the actor key is resolved by the store,
which knows the actors (`ArticleFacts.actor_rules`). `rules_json` / `rules_from_json` are
the form the database keeps the rules in (`feeds.store.mutes`). Pure: no database, no
network; the outlet list is read only when a rule names an outlet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from feeds.model.text import escaped, sanitize, url_host

MAX_RULES = 62
"""A rule is one bit of an article's 64-bit `muted` mask."""
MAX_WORDS = 200
KEYS = ("words", "outlet", "source", "actor")


class MuteError(ValueError):
    """A `[[mute]]` table that cannot be used; `feeds.config` makes it a ConfigError."""


@dataclass(frozen=True, slots=True)
class MuteRule:
    """One `[[mute]]` table: every key it has must match (any one of its words)."""

    words: tuple[str, ...] = ()
    outlet: str | None = None
    source: str | None = None
    actor: str | None = None

    def label(self) -> str:
        """The rule as people read it: 'words "a", "b" · outlet Reuters'."""
        parts = []
        if self.words:
            parts.append("words " + ", ".join(json.dumps(w, ensure_ascii=False)
                                              for w in self.words))
        parts += [f"{key} {value}" for key, value in (("outlet", self.outlet),
                                                      ("source", self.source),
                                                      ("actor", self.actor)) if value]
        return " · ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """The keys the rule has, as in config.toml."""
        return {key: list(value) if key == "words" else value
                for key in KEYS if (value := getattr(self, key))}


def parse_mutes(items: Any) -> list[MuteRule]:
    """The `[[mute]]` tables as rules; MuteError naming the table otherwise."""
    if not isinstance(items, list):
        raise MuteError("mute: expected an array of tables ([[mute]])")
    if len(items) > MAX_RULES:
        raise MuteError(f"mute: expected at most {MAX_RULES} [[mute]] tables, got {len(items)}")
    return [_rule(item, index) for index, item in enumerate(items)]


def _rule(item: Any, index: int) -> MuteRule:
    prefix = f"mute[{index}]"
    if not isinstance(item, dict) or not item:
        raise MuteError(f"{prefix}: expected a table with words, outlet, source or actor, "
                        'such as words = ["celebrity"]')
    for key in item:
        if key not in KEYS:
            raise MuteError(f"{prefix}.{key}: unknown key (expected one of: "
                            f"{', '.join(sorted(KEYS))})")
    words = item.get("words", [])
    words = [words] if isinstance(words, str) else words
    if (not isinstance(words, list) or len(words) > MAX_WORDS
            or any(not _name(w) for w in words) or ("words" in item and not words)):
        raise MuteError(f"{prefix}.words: expected a list of words or phrases such as "
                        f'["celebrity", "transfer window"], got {_shown(item.get("words"))}')
    values = {}
    for key in ("outlet", "source", "actor"):
        value = item.get(key)
        if value is not None and not _name(value):
            raise MuteError(f"{prefix}.{key}: expected a non-empty name without control "
                            f"characters, got {_shown(value)}")
        values[key] = " ".join(value.split()) if value is not None else None
    return MuteRule(tuple(dict.fromkeys(" ".join(w.split()) for w in words)), **values)


def _name(value: Any) -> bool:
    return (isinstance(value, str) and bool(value.strip()) and len(value) <= 300
            and sanitize(value) == value and "\n" not in value and "\t" not in value)


def _shown(value: Any) -> str:
    return f'"{escaped(value)}"' if isinstance(value, str) else repr(value)


def rules_json(rules: Iterable[MuteRule]) -> list[str]:
    """Each rule as the JSON text the database keeps (in rule order)."""
    return [json.dumps(rule.as_dict(), ensure_ascii=False, sort_keys=True) for rule in rules]


def rules_from_json(texts: Iterable[str]) -> list[MuteRule]:
    """The rules kept by `rules_json`."""
    rules = []
    for text in texts:
        data = json.loads(text)
        rules.append(MuteRule(tuple(data.get("words", ())), data.get("outlet"),
                              data.get("source"), data.get("actor")))
    return rules


@dataclass(slots=True)
class ArticleFacts:
    """What a rule looks at in one article."""

    title: str
    text: str
    outlet: str
    url: str | None
    source: tuple[str, str]
    """The name and location (feed URL or folder path) of the source that first brought it."""
    actor_rules: int = 0
    """The rules whose `actor` the article names (bit mask, resolved by the store)."""


@dataclass(slots=True)
class _Compiled:
    words: re.Pattern[str] | None
    outlets: frozenset[str]
    domain: str | None
    sources: frozenset[str]


@dataclass(slots=True)
class Matcher:
    """The rules compiled once; `mask` for each article."""

    rules: list[MuteRule]
    _compiled: list[_Compiled] = field(init=False)

    def __post_init__(self) -> None:
        self._compiled = [_compile(rule) for rule in self.rules]

    @property
    def reads_text(self) -> bool:
        """Whether some rule looks at titles and texts (else they need not be read)."""
        return any(rule.words for rule in self.rules)

    def mask(self, facts: ArticleFacts) -> int:
        """Bit i set when the article matches rule i."""
        found = 0
        haystack: str | None = None
        for index, (rule, compiled) in enumerate(zip(self.rules, self._compiled, strict=True)):
            if rule.actor and not facts.actor_rules >> index & 1:
                continue
            if rule.outlet and not _outlet_matches(compiled, facts):
                continue
            if rule.source and not compiled.sources & {_folded(s) for s in facts.source}:
                continue
            if compiled.words is not None:
                haystack = haystack if haystack is not None else f"{facts.title}\n{facts.text}"
                if compiled.words.search(haystack) is None:
                    continue
            found |= 1 << index
        return found


def _compile(rule: MuteRule) -> _Compiled:
    words = None
    if rule.words:
        forms = sorted((r"\s+".join(map(re.escape, w.split())) for w in rule.words),
                       key=len, reverse=True)
        words = re.compile(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)", re.IGNORECASE)
    outlets: set[str] = set()
    domain = None
    if rule.outlet:
        from feeds.extract.outlets import named, outlet_by_domain

        outlets.add(_folded(rule.outlet))
        if " " not in rule.outlet and "." in rule.outlet:
            domain = url_host(rule.outlet)
            canonical = outlet_by_domain(rule.outlet)
        else:
            canonical = named(rule.outlet)
        if canonical:
            outlets.add(_folded(canonical))
    sources = frozenset({_folded(rule.source)} if rule.source else set())
    return _Compiled(words, frozenset(outlets), domain, sources)


def _outlet_matches(compiled: _Compiled, facts: ArticleFacts) -> bool:
    from feeds.extract.outlets import named

    if _folded(facts.outlet) in compiled.outlets:
        return True
    canonical = named(facts.outlet) if facts.outlet else None
    if canonical and _folded(canonical) in compiled.outlets:
        return True
    if compiled.domain and facts.url:
        host = url_host(facts.url)
        return host == compiled.domain or host.endswith("." + compiled.domain)
    return False


def _folded(value: str) -> str:
    return " ".join(value.split()).casefold().rstrip("/")


