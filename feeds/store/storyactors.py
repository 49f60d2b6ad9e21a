"""One actor per entity in a story: the actors of its articles, merged across articles.

Contract: `merge_actors(grouped)` takes a story's actors as its articles stored them,
keyed by (name, kind), each with `roles` (role -> count), `aliases` (an ordered dict),
`mentions`, `articles` and `outlets` (sets) and `times` (a list), and returns them
merged, in the same form:
- one kind per name: an entity one article calls a person and another an organisation
  ("Bayrou") takes the kind most of its articles give it (then most mentions; then
  person, organisation, country, place);
- a lone surname joins the one full name of a person in the story that ends with it
  ("Takaichi" in one article, "Sanae Takaichi" in another; "Sharaa" and "Ahmad
  al-Sharaa"), and becomes its alias; with two such full names, or none, it stays;
  a first name alone never joins.
No database, no clock; the entries merged away are folded into the entries kept (the
caller's dicts change).
"""

from __future__ import annotations

from typing import Any

from feeds.extract.names import core, surname

Entry = dict[str, Any]
Key = tuple[str, str]
_KIND_ORDER = ("person", "organization", "country", "place")


def merge_actors(grouped: dict[Key, Entry]) -> dict[Key, Entry]:
    """The story's actors with one kind per name and lone surnames joined (see above)."""
    return _join_surnames(_one_kind(grouped))


def _one_kind(grouped: dict[Key, Entry]) -> dict[Key, Entry]:
    by_name: dict[str, list[Key]] = {}
    for key in grouped:
        by_name.setdefault(key[0], []).append(key)
    out: dict[Key, Entry] = {}
    for name, keys in by_name.items():
        best = min(keys, key=lambda k: (-len(grouped[k]["articles"]), -grouped[k]["mentions"],
                                        _rank(k[1])))
        entry = grouped[best]
        for key in keys:
            if key != best:
                _absorb(entry, grouped[key], alias=None)
        out[(name, best[1])] = entry
    return out


def _rank(kind: str) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def _join_surnames(grouped: dict[Key, Entry]) -> dict[Key, Entry]:
    full: dict[str, list[Key]] = {}
    for key in grouped:
        name, kind = key
        last = surname(name)
        if kind == "person" and last:
            full.setdefault(last, []).append(key)
    out: dict[Key, Entry] = {}
    joins: list[tuple[Key, Key]] = []
    for key, entry in grouped.items():
        name, kind = key
        owners = full.get(core(name), []) if kind == "person" and " " not in name else []
        if len(owners) == 1:
            joins.append((key, owners[0]))
        else:
            out[key] = entry
    for lone, owner in joins:
        _absorb(out[owner], grouped[lone], alias=lone[0])
    return out


def _absorb(into: Entry, other: Entry, alias: str | None) -> None:
    """Add `other`'s roles, aliases, counts, articles, outlets and times to `into`."""
    for role, n in other["roles"].items():
        into["roles"][role] = into["roles"].get(role, 0) + n
    if alias:
        into["aliases"][alias] = None
    into["aliases"].update(other["aliases"])
    into["mentions"] += other["mentions"]
    into["articles"] |= other["articles"]
    into["outlets"] |= other["outlets"]
    into["times"].extend(other["times"])
