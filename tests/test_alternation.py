"""Alternations regrouped by first character match exactly as the plain alternation:
the same spans, and the same alternative chosen (the trigger and date finders rely on it)."""

from __future__ import annotations

import random
import re

import pytest

from feeds.extract.alternation import by_first_character
from feeds.extract.resources import load_json
from feeds.extract.triggers import _capturing, _lexicon, pattern_at
from tests.seed_articles import seed_000, seed_001

ALPHABET = "abcAB0 -."


def _atom(rng: random.Random, depth: int) -> str:
    r = rng.random()
    if r < 0.45:
        return rng.choice("abcAB0") + rng.choice(["", "", "", "?"])
    if r < 0.55:
        return rng.choice([r"\.", r"\-", r"\d", " "])
    if r < 0.65:
        return rng.choice(["[ab]", "[A-B]", "[0-1a]", "[a-c]"]) + rng.choice(["", "?"])
    if r < 0.85 and depth < 3:
        inner = "|".join(_sequence(rng, depth + 1) for _ in range(rng.randint(1, 3)))
        return f"(?:{inner})" + rng.choice(["", "?", "", "*", "{1,2}"])
    if r < 0.92:
        return rng.choice(["(?<!a)", "(?<=b)", "(?<!a-)", "(?<= )"])
    return rng.choice([r"\b", "(?!a)", "(?=b)", r"\w", "."])


def _sequence(rng: random.Random, depth: int = 0) -> str:
    return "".join(_atom(rng, depth) for _ in range(rng.randint(1, 4)))


def test_regrouped_alternations_match_as_the_plain_one() -> None:
    rng = random.Random(42)
    regrouped = 0
    for _ in range(1500):
        patterns = [_sequence(rng) for _ in range(rng.randint(1, 5))]
        try:
            flat = re.compile("|".join(patterns))
        except re.error:
            continue
        source = by_first_character(patterns, tag="p")
        if source is None:
            continue
        regrouped += 1
        tagged = re.compile(source)
        named = re.compile("|".join(f"(?P<p{n}>{p})" for n, p in enumerate(patterns)))
        for _ in range(20):
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
            want = [(m.span(), named.match(text, m.start()).lastgroup)  # type: ignore[union-attr]
                    for m in flat.finditer(text)]
            got = [(m.span(), "p" + (m.lastgroup or "")[1:].partition("_")[0])
                   for m in tagged.finditer(text)]
            assert got == want, (patterns, text)
    assert regrouped > 500  # most random sets are regrouped, not left flat


def test_patterns_that_cannot_be_regrouped_are_left_to_the_caller() -> None:
    assert by_first_character(["(a)b", "c"]) is None  # a capturing group would be renumbered
    assert by_first_character([r"\w+", "c"]) is None  # no first character to group by
    assert by_first_character(["(?i)ab"]) is None  # an inline flag
    assert by_first_character(["ab", "ac", "b"]) == "a(?:b|c)|b(?:)"


def test_the_trigger_scanner_finds_what_the_plain_alternation_finds() -> None:
    patterns = [t["pattern"] for t in load_json("events.json")["triggers"]]
    plain = re.compile(r"\b(?=\w)(?:"
                       + "|".join(f"(?P<t{n}>{p})" for n, p in enumerate(patterns)) + ")")
    lex = _lexicon()
    texts = [article.text.lower() for article in (seed_000(), seed_001())] + [
        "police arrested two men after gunmen attacked a convoy; the minister met with envoys "
        "and later condemned the strikes, while rebels threatened to kill hostages."]
    for text in texts:
        want = [(m.span(), int(m.lastgroup[1:])) for m in plain.finditer(text)]  # type: ignore[index]
        got = [(m.span(), pattern_at(lex, text, m.start(), len(text)))
               for m in lex.scanner.finditer(text)]
        assert got == want and len(want) >= 5


@pytest.mark.parametrize(("pattern", "groups"), [
    ("shot(?: dead)?", False),
    ("(?<=police )arrested", False),
    ("(killed)", True),
    ("(?P<n>killed)", True),
    (r"\(killed\)", False),
    ("[(]killed[)]", False),
    ("[]()]x", False),
    ("[^]()]x", False),
    (r"[\]()]x", False),
    ("(?:a|b)(c)", True),
    ("(?i)ab", False),
])
def test_a_capturing_group_is_read_from_the_text(pattern: str, groups: bool) -> None:
    assert _capturing(pattern) is groups
    assert bool(re.compile(pattern).groups) is groups


def test_the_group_reading_agrees_with_the_compiler_on_every_trigger_pattern() -> None:
    patterns = [t["pattern"] for t in load_json("events.json")["triggers"]]
    assert [_capturing(p) for p in patterns] == [bool(re.compile(p).groups) for p in patterns]
