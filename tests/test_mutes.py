"""Mute rules: `[[mute]]` validation, the marks the store keeps, the lists, counts and
notifications without muted articles, a rules change recomputed, and the CLI. The store
tests run on SQLite and PostgreSQL (`db_url`); the fixture is `tests.fixtures_app` (story
1: a1 "Flood hits river towns" Reuters, a2 "Towns count flood damage" Reuters, a3 "River
flood: aid arrives" AP; stories 2-6: one hostile-titled article each; all from "wire")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feeds.config import ConfigError, WatchSettings, load_settings
from feeds.ingest.rebuild import apply_mutes
from feeds.read.mutes import ArticleFacts, Matcher, MuteRule
from feeds.store import Store
from tests.fixtures_app import HOSTILE, add_growth, build_store
from tui.cli import main
from tui.watches import WatchTracker

REUTERS = MuteRule(outlet="Reuters")


def shown(store: Store) -> list[tuple[int, int, int, int]]:
    """(id, articles, outlets, unread) of every listed story, by id."""
    return sorted((s.id, s.articles, s.outlets, s.unread) for s in store.list_stories())


ALL = [(1, 3, 2, 3), *((n, 1, 1, 1) for n in range(2, 7))]


@pytest.mark.parametrize(("text", "message"), [
    ("mute = 3\n", "mute: expected an array of tables ([[mute]])"),
    ("[[mute]]\n", 'mute[0]: expected a table with words, outlet, source or actor, such as '
                   'words = ["celebrity"]'),
    ('[[mute]]\nwords = ["a"]\n[[mute]]\ncolour = "red"\n',
     "mute[1].colour: unknown key (expected one of: actor, outlet, source, words)"),
    ("[[mute]]\nwords = []\n", 'mute[0].words: expected a list of words or phrases such as '
                               '["celebrity", "transfer window"], got []'),
    ('[[mute]]\nwords = ["a", 3]\n', 'mute[0].words: expected a list of words or phrases such '
                                     "as [\"celebrity\", \"transfer window\"], got ['a', 3]"),
    ('[[mute]]\noutlet = ""\n',
     'mute[0].outlet: expected a non-empty name without control characters, got ""'),
    ('[[mute]]\nwords = ["a"]\n[[mute]]\nactor = 5\n',
     "mute[1].actor: expected a non-empty name without control characters, got 5"),
    ('[[mute]]\nsource = "Wire\\u001b[2J"\n',
     'mute[0].source: expected a non-empty name without control characters, got "Wire\\x1b[2J"'),
])
def test_bad_mute_tables_are_one_line_naming_the_table(tmp_path: Path, text: str,
                                                       message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: {message}"


def test_mute_tables_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[mute]]\nwords = ["transfer  window", "celebrity"]\n'
                    '[[mute]]\noutlet = "AP"\nwords = "aid"\n[[mute]]\nactor = "Lopez"\n',
                    encoding="utf-8")
    mutes = load_settings(path).mutes
    assert mutes == [MuteRule(words=("transfer window", "celebrity")),
                     MuteRule(words=("aid",), outlet="AP"), MuteRule(actor="Lopez")]
    assert [m.label() for m in mutes] == ['words "transfer window", "celebrity"',
                                          'words "aid" · outlet AP', "actor Lopez"]


def test_words_are_whole_words_any_case_and_every_key_must_match() -> None:
    matcher = Matcher([MuteRule(words=("transfer window", "town")),
                       MuteRule(words=("aid",), outlet="Associated Press"),
                       MuteRule(outlet="reuters.com"), MuteRule(source="Wire")])

    def mask(title: str, outlet: str = "X", url: str | None = None,
             source: tuple[str, str] = ("Feed", "https://f/rss")) -> int:
        return matcher.mask(ArticleFacts(title, "", outlet, url, source))

    assert mask("The Transfer\nWindow opens") == 1
    assert mask("Towns and townships") == 0  # whole words only
    assert mask("Aid arrives", outlet="AP") == 2  # "AP" is the Associated Press
    assert mask("Aid arrives", outlet="BBC") == 0  # the outlet must match too
    assert mask("x", url="https://www.reuters.com/world/a") == 4
    assert mask("x", outlet="Reuters") == 4
    assert mask("x", source=("wire", "/srv/wire")) == 8


def test_muted_articles_leave_lists_and_counts(db_url: str) -> None:
    store = build_store(db_url)
    assert shown(store) == ALL
    assert apply_mutes(store, [REUTERS]) == 2
    assert shown(store) == [(1, 1, 1, 1), *ALL[1:]]
    detail = store.story_detail(1)
    assert detail is not None
    assert [a.title for a in detail.articles] == ["River flood: aid arrives"]
    assert [(o.name, o.articles) for o in detail.outlets] == [("AP", 1)]
    assert [a.name for a in detail.actors] == ["Red Cross"]
    assert detail.muted == 2 and detail.story.title == "River flood: aid arrives"
    assert store.mute_counts() == [(REUTERS, 2)]
    assert store.count_stories() == 6
    assert [s.id for s in store.list_stories(query="reuters")] == []  # only muted carry it
    assert apply_mutes(store, [REUTERS]) is None  # the same rules: nothing to do


def test_a_story_all_muted_leaves_every_list(db_url: str) -> None:
    store = build_store(db_url)
    store.set_followed(1, True)
    store.set_saved("story", 1, True)
    apply_mutes(store, [MuteRule(words=("flood",))])
    assert shown(store) == ALL[1:]
    assert store.count_stories() == 5
    assert store.find_story("1") is None and store.find_story("flood") is None
    assert store.followed_stories() == [] and store.saved_stories() == []
    assert store.story_detail(1).muted == 3  # type: ignore[union-attr]


def test_a_rules_change_is_recomputed_in_one_pass(db_url: str) -> None:
    store = build_store(db_url)
    counter = store.change_counter()
    assert apply_mutes(store, [MuteRule(words=("flood",)), MuteRule(actor="lopez")]) == 3
    assert shown(store) == ALL[1:]
    assert store.mute_counts() == [(MuteRule(words=("flood",)), 3),
                                   (MuteRule(actor="lopez"), 2)]
    assert store.change_counter() == counter + 1  # every dashboard rereads
    assert apply_mutes(store, [MuteRule(actor="Maria Lopez")]) == 3  # a3 shown again
    assert shown(store) == [(1, 1, 1, 1), *ALL[1:]]
    assert store.story_detail(1).story.title == "River flood: aid arrives"  # type: ignore[union-attr]
    assert apply_mutes(store, []) == 2
    assert shown(store) == ALL and store.mute_counts() == []
    assert store.story_detail(1).story.title == "Flood hits river towns"  # type: ignore[union-attr]
    store.mark_read([1])
    apply_mutes(store, [REUTERS])
    apply_mutes(store, [])
    assert shown(store)[0] == (1, 3, 2, 0)  # read stays read


def test_articles_are_muted_as_they_arrive_and_notify_nobody(db_url: str) -> None:
    store = build_store(db_url)
    apply_mutes(store, [MuteRule(words=("bridge", "more"))])
    tracker = WatchTracker([WatchSettings("AP news", "AP")])
    assert tracker.check(store) == []  # learns what exists
    add_growth(store)  # "More on x" joins story 2, "Bridge reopens" is story 7: both muted
    assert shown(store) == ALL
    assert tracker.check(store) == []
    assert store.mute_counts() == [(MuteRule(words=("bridge", "more")), 2)]
    apply_mutes(store, [])
    assert shown(store) == [*ALL[:1], (2, 2, 2, 2), *ALL[2:], (7, 1, 1, 1)]
    assert sorted((hit.story.id, hit.change) for hit in tracker.check(store)) == [
        (2, "new"), (7, "new")]  # story 2 is AP's only through the article muted before


def _config(tmp_path: Path, mutes: str) -> Path:
    path = tmp_path / f"config{len(mutes)}.toml"
    path.write_text('[[sources]]\nkind = "folder"\nname = "wire"\npath = "/srv/wire"\n'
                    f"{mutes}", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], config: Path, db: str, *argv: str) -> tuple[int, str]:
    status = main(["--config", str(config), "--db", db, *argv])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_the_command_line_respects_the_mutes(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    build_store(db).close()
    plain = _config(tmp_path, "")
    status, out = _run(capsys, plain, db, "stories", "--json")
    assert [(r["id"], r["articles"]) for r in map(json.loads, out.splitlines())] == [
        (1, 3), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]
    muting = _config(tmp_path, '[[mute]]\noutlet = "Reuters"\n[[mute]]\nwords = ["fix"]\n')
    status, out = _run(capsys, muting, db, "stories", "--json")
    assert [(r["id"], r["articles"], r["outlets"]) for r in map(json.loads, out.splitlines())] == [
        (1, 1, 1), (2, 1, 1), (3, 1, 1), (4, 1, 1), (6, 1, 1)]  # 5 is "[TODO] fix"
    status, out = _run(capsys, muting, db, "show", "1")
    assert status == 0
    assert out.splitlines()[1] == "story 1 · 1 articles · 1 outlets · developing · 2 muted"
    assert out.split("ARTICLES\n")[1].count("\n") == 1  # one article listed
    status, out = _run(capsys, muting, db, "show", "5")
    assert (status, out) == (2, "wirewatch: story 5: its 1 articles are all muted by [[mute]] "
                                "rules\n")
    status, out = _run(capsys, muting, db, "export", "1", "--format", "json", "-o", "-")
    snapshot = json.loads(out)
    assert (snapshot["articles"], [a["title"] for a in snapshot["article_list"]]) == (
        1, ["River flood: aid arrives"])
    status, out = _run(capsys, muting, db, "sources", "list")
    assert out.splitlines()[-3:] == ["MUTE RULE".ljust(60) + "  MUTED",
                                     "outlet Reuters".ljust(60) + "      2",
                                     'words "fix"'.ljust(60) + "      1"]
    status, out = _run(capsys, plain, db, "stories", "--json")
    assert len(out.splitlines()) == 6  # the rules gone, every article counts again


def test_sources_show_lists_the_latest_articles(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    build_store(db).close()
    config = _config(tmp_path, '[[mute]]\noutlet = "Reuters"\n')
    status, out = _run(capsys, config, db, "sources", "show", "wire", "--json")
    rows = [(r["title"], r["story"], r["muted"]) for r in map(json.loads, out.splitlines())]
    assert rows == [("River flood: aid arrives", 1, False), ("Towns count flood damage", 1, True),
                    ("Flood hits river towns", 1, True),
                    *((title, n + 2, False) for n, title in enumerate(HOSTILE))]
    status, out = _run(capsys, config, db, "sources", "show", "nope")
    assert (status, out) == (2, "wirewatch: no source is named 'nope' (sources: wire)\n")


def test_a_search_leaves_out_muted_articles_and_stories(db_url: str) -> None:
    store = build_store(db_url)
    found = [(g.story.id, sorted(m.title.text for m in g.matches))
             for g in store.search("flood")]
    assert found == [(1, ["Flood hits river towns", "River flood: aid arrives",
                          "Towns count flood damage"])]
    apply_mutes(store, [REUTERS])
    found = [(g.story.id, [m.title.text for m in g.matches]) for g in store.search("flood")]
    assert found == [(1, ["River flood: aid arrives"])]
    apply_mutes(store, [MuteRule(words=("flood",))])
    assert store.search("flood") == []
