"""A long alternation of regex patterns, regrouped by first character so it is found faster.

Contract: `by_first_character(patterns)` returns the source of one alternation that
matches exactly what "|".join(patterns) matches, at the same places, choosing the
same alternative (leftmost first); None when some alternative cannot be regrouped,
so the caller keeps the plain alternation; for patterns compiled without IGNORECASE
(under it, two first characters of different case could both match at one place).
Each alternative is unfolded into (first character, rest) pairs in the order the engine
tries them: a leading literal, escape, "\\d" or character class ("[Ii]n" -> "I", "n"
and "i", "n"), an optional one ("0?[1-9]"), a leading group, optional or not
("(?:tele)?phone" -> "telephone", "phone"), distributed over the rest, and a leading
lookbehind ("(?<!life-)threat"), moved after the first character and reaching back over
it. The rests are then grouped under their first character, in their own order
("a(?:ttack|mbush)|k(?:ill)"); a `tag` marks each with the pattern it came from.
Patterns with capturing groups are not regrouped (a distributed group is copied, so its
number would change).
`split_alternatives(pattern)` and `alternative_heads(alternative)` are the two steps,
for a caller that groups alternatives its own way (`feeds.extract.triggers`).

Why: Python's regex engine tries the alternatives of an alternation one by one at
every place a match may start; one that starts with a literal character is ruled out
by a single comparison, one that starts with a group, a class or an assertion is
entered. Two alternatives that start with different characters never both match at
one place, so the grouping keeps the leftmost-first choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count

Heads = list[tuple[str, str]]
"""(first character, the rest of the pattern after it), in the order they are tried."""

_DIGITS = "0123456789"
_SPECIAL = set(".^$*+?{}[]|()\\")


def by_first_character(patterns: list[str], tag: str = "") -> str | None:
    """One alternation equivalent to "|".join(patterns), grouped by first character. With a
    `tag`, every alternative of patterns[n] ends in an empty group named f"{tag}{n}_{k}"
    (k numbers them), so a match's `lastgroup` tells which pattern it is of."""
    if any(re.compile(p).groups for p in patterns):
        return None
    groups: dict[str, list[str]] = {}
    numbers = count()
    for n, pattern in enumerate(patterns):
        for alternative in split_alternatives(pattern):
            heads = alternative_heads(alternative)
            if heads is None:
                return None
            for first, rest in heads:
                label = f"(?P<{tag}{n}_{next(numbers)}>)" if tag else ""
                groups.setdefault(first, []).append(rest + label)
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rests)})" for c, rests in groups.items())


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` ("a|(?:b|c)d" -> ["a", "(?:b|c)d"])."""
    out, start = [], 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character outside escapes and
    character classes (those are skipped whole)."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        depth += (c == "(") - (c == ")")
        yield i, c, depth
        i += 1


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class that opens at pattern[i] ("[")."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":  # a "]" first is a literal
        j += 1
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str) -> int:
    """The index after the group that opens at pattern[0] ("(")."""
    return next(i + 1 for i, c, depth in _structure(pattern) if c == ")" and depth == 0)


def alternative_heads(alternative: str) -> Heads | None:
    """`alternative` unfolded by first character; None if it starts with anything else."""
    if alternative.startswith("(?:"):
        return _distributed(alternative)
    if alternative.startswith(("(?<!", "(?<=")):
        return _behind(alternative)
    chars, size = _first_chars(alternative)
    if chars is None:
        return None
    rest = alternative[size:]
    quantifier, lazy = rest[:1], rest[1:2] in ("?", "+")
    if quantifier == "?" and not lazy:  # greedy: with the character first, then without
        tail = alternative_heads(rest[1:])
        return None if tail is None else [(c, rest[1:]) for c in chars] + tail
    if quantifier in ("*", "+", "{", "?"):
        return None
    return [(c, rest) for c in chars]


def _first_chars(alternative: str) -> tuple[str | None, int]:
    """The characters the first item of `alternative` matches (a literal, an escaped
    literal, "\\d" or a plain class) and its length in the pattern; (None, 0) otherwise."""
    c = alternative[:1]
    if not c:
        return None, 0
    if c == "\\":
        escaped = alternative[1:2]
        if escaped == "d":
            return _DIGITS, 2
        return (escaped, 2) if escaped and not escaped.isalnum() else (None, 0)
    if c == "[":
        end = _class_end(alternative, 0)
        return _class_chars(alternative[1 : end - 1]), end
    return (None, 0) if c in _SPECIAL else (c, 1)


def _class_chars(body: str) -> str | None:
    """The members of a class body of plain characters and ranges ("0-3", "Ii")."""
    if not body or body[0] == "^" or "\\" in body or "[" in body:
        return None
    out, i = [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.extend(chr(k) for k in range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            out.append(body[i])
            i += 1
    return "".join(dict.fromkeys(out))


def _behind(alternative: str) -> Heads | None:
    """"(?<!X)cR" as "c(?<!(?:X)c)R": the same test, made one character later."""
    end = _group_end(alternative)
    rest = alternative_heads(alternative[end:])
    if rest is None:
        return None
    kind, body = alternative[:4], alternative[4 : end - 1]
    return [(c, f"{kind}(?:{body}){re.escape(c)}){r}") for c, r in rest]


def _distributed(alternative: str) -> Heads | None:
    """"(?:A|B)R" as "AR", "BR"; "(?:A)?R" as "AR", "R" (greedy: with A first). Each choice
    gets its own copy of R, so that its next character is a literal again (a shared
    "(?:an|une)R" would be entered at every word that opens with its first character)."""
    end = _group_end(alternative)
    choices = split_alternatives(alternative[3 : end - 1])
    rest = alternative[end:]
    if rest[:1] == "?" and rest[1:2] not in ("?", "+"):
        choices.append("")
        rest = rest[1:]
    elif rest[:1] in ("*", "+", "{", "?"):
        return None
    out: Heads = []
    for choice in choices:
        heads = alternative_heads(choice + rest)
        if heads is None:
            return None
        out.extend(heads)
    return out
