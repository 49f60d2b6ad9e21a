"""The machine-wide cache of compiled regular expressions: a cached pattern matches as
`re.compile`'s, a later process skips the compiling, and a bad or unwritable cache only
costs the compiling."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from feeds.extract import regexcache
from feeds.extract.regexcache import cache_path, compiled

SOURCE = r"(?P<who>[A-Z]\w+) (?:was|were) (shot|killed)(?: on (?P<day>\w+day))?"
TEXTS = ["Smith was shot on Sunday and Jones were killed", "nothing here", "Ann was killed"]


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own, and no entries loaded yet."""
    monkeypatch.setenv("WIREWATCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(regexcache, "_state", {})
    yield tmp_path / "cache"


def matches(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str | None],
                                                     tuple[str | None, ...]]]:
    return [(m.span(), m.groupdict(), m.groups()) for text in TEXTS for m in pattern.finditer(text)]


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: nothing loaded."""
    monkeypatch.setattr(regexcache, "_state", {})


def no_compiler(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("compiled, not read from the cache")
    monkeypatch.setattr(re._parser, "parse", fail)  # type: ignore[attr-defined]


def test_a_pattern_matches_as_re_compiles_it_and_a_later_process_reads_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    want = matches(re.compile(SOURCE))
    first = compiled(SOURCE)
    assert matches(first) == want and first.groupindex == {"who": 1, "day": 3}
    assert cache_path().is_file()
    forget(monkeypatch)
    no_compiler(monkeypatch)
    second = compiled(SOURCE)
    assert matches(second) == want and second.pattern == SOURCE and second.groups == 3


def test_flags_are_part_of_the_key() -> None:
    assert compiled("abc").match("ABC") is None
    insensitive = compiled("abc", re.IGNORECASE)
    assert insensitive.match("ABC") and insensitive.flags & re.IGNORECASE
    verbose = compiled("a b  # a comment", re.VERBOSE)
    assert verbose.fullmatch("ab") and compiled("a b  # a comment").fullmatch("ab") is None


def test_a_corrupt_file_is_ignored_and_rewritten(monkeypatch: pytest.MonkeyPatch) -> None:
    path = cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal data")
    assert matches(compiled(SOURCE)) == matches(re.compile(SOURCE))
    forget(monkeypatch)
    no_compiler(monkeypatch)
    assert matches(compiled(SOURCE)) == matches(re.compile(SOURCE))


def test_an_entry_the_engine_rejects_is_compiled_again(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled(SOURCE)
    entries = regexcache._state["entries"]
    ((key, (flags, code, groups, names)),) = entries.items()
    entries[key] = (flags, [999_999, *code], groups, names)  # an opcode no engine has
    assert matches(compiled(SOURCE)) == matches(re.compile(SOURCE))


def test_an_unwritable_folder_only_costs_the_compiling(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WIREWATCH_CACHE_DIR", str(blocker / "cache"))
    assert matches(compiled(SOURCE)) == matches(re.compile(SOURCE))
    assert not (blocker / "cache").exists()


def test_past_its_size_the_file_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled("first")
    monkeypatch.setattr(regexcache, "MAX_BYTES", 10)
    compiled("second")
    forget(monkeypatch)
    assert len(regexcache._entries()) == 1
    no_compiler(monkeypatch)
    assert compiled("second").match("second")


def test_the_file_is_of_this_python_and_engine() -> None:
    import sys

    name = cache_path().name
    assert name.startswith(f"regex-{sys.implementation.name}-{sys.version_info[0]}-")
    assert name.endswith(".marshal")


def test_the_trigger_scanner_and_the_date_finders_are_cached(cache_dir: Path) -> None:
    """A fresh process that loads them leaves their code in the cache for the next."""
    import marshal
    import os
    import subprocess
    import sys

    code = "from feeds.extract import dates, triggers; triggers._lexicon(); dates._tables()"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent,
                   env={**os.environ, "WIREWATCH_CACHE_DIR": str(cache_dir)})
    entries = marshal.loads(cache_path().read_bytes())
    sizes = sorted(len(code) for _, code, _, _ in entries.values())
    assert len(entries) == 3 and sizes[-1] > 100_000  # the scanner; the dates' two
