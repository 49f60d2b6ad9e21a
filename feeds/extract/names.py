"""Parts of people's names, for the steps that join a lone surname to its full name.

Contract: `core(word)` is a name's word without an Arabic article ("al-Sharaa" ->
"Sharaa"); `surname(name)` is the core of the last word of a name of two words or more
("Ahmad al-Sharaa" -> "Sharaa"), else None: a lone word is no full name. Pure.
"""

from __future__ import annotations

PARTICLES = ("al-", "Al-", "el-", "El-")


def core(word: str) -> str:
    """The word without an "al-" or "el-" article."""
    return word.partition("-")[2] if word.startswith(PARTICLES) else word


def surname(name: str) -> str | None:
    """The core of a full name's last word, or None for a name of one word."""
    words = name.split()
    return core(words[-1]) if len(words) >= 2 else None
