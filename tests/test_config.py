"""Settings: lookup order, defaults, overrides, and one-line errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.config import ConfigError, load_settings
from tui.cli import main


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_watches_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    settings = load_settings(root / "config.toml")
    assert [(s.kind, s.name, s.path, s.interval) for s in settings.sources] == [
        ("folder", "Seeds", root / "seeds", 60)]
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("wirewatch.db")


def test_relative_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[[sources]]\nkind="folder"\nname="A"\npath="articles"\n')
    assert load_settings(path).sources[0].path == tmp_path / "articles"


def test_database_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, '[storage]\nurl = "sqlite:////from/file.db"\n')
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    assert load_settings(path).database_url == "sqlite:////from/file.db"
    monkeypatch.setenv("WIREWATCH_DB", "sqlite:////from/env.db")
    assert load_settings(path).database_url == "sqlite:////from/env.db"
    assert load_settings(path, db=str(tmp_path / "x.db")).database_url == f"sqlite:///{tmp_path}/x.db"


def test_lookup_prefers_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, '[[sources]]\nkind="feed"\nname="F"\nurl="https://example.org/rss"\n')
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.config_path == tmp_path / "config.toml"
    assert settings.sources[0].url == "https://example.org/rss"
    assert settings.sources[0].interval == 900


@pytest.mark.parametrize(("text", "message"), [
    ('[[sources]]\nkind="rss"\nname="A"\nurl="http://x"\n',
     "sources[0].kind: expected \"folder\", \"feed\" or \"command\", got 'rss'"),
    ('[[sources]]\nkind="feed"\nname="A"\nurl="ftp://x"\n',
     "sources[0].url: expected an http(s):// or file:// URL, got 'ftp://x'"),
    ('[[sources]]\nkind="folder"\nname="A"\npath="p"\ninterval="soon"\n',
     "sources[0].interval: expected seconds (>= 10) or a duration such as \"15m\", got 'soon'"),
    ('[[sources]]\nkind="folder"\nname="A"\npath="p"\ncolour="red"\n',
     "sources[0].colour: unknown key (expected one of: command, folder, fulltext, interval, kind, "
     "name, path, timeout, url)"),
    ('[[sources]]\nkind="folder"\nname="A"\npath="p"\nfolder="W\\u001b[2J"\n',
     'sources[0].folder: expected a name without control characters, got "W\\x1b[2J"'),
    ('[[sources]]\nkind="folder"\nname="A"\npath="p"\nfolder=3\n',
     'sources[0].folder: expected a name without control characters, got "3"'),
    ('[[sources]]\nkind="folder"\nname="Red\\u001b[31m"\npath="p"\n',
     'sources[0].name: expected a name without control characters, got "Red\\x1b[31m"'),
    ('[storage]\nurl = 5\n', "storage.url: expected a non-empty string"),
    ('[[sources]]\nkind="folder"\nname="A"\npath="p"\n[[sources]]\nkind="folder"\nname="A"\npath="q"\n',
     "sources[1].name: 'A' is used twice; expected a unique name per source"),
])
def test_bad_values_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: {message}"


def test_cli_reports_bad_config_in_one_line_with_status_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "[[sources]\nkind=\n")
    assert main(["stories", "--config", str(path), "--db", str(tmp_path / "d.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wirewatch: {path}: not valid TOML:")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_missing_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--config", str(tmp_path / "none.toml")]) == 2
    assert capsys.readouterr().err == (
        f"wirewatch: {tmp_path / 'none.toml'}: no such configuration file (check --config)\n")


def test_story_states_are_configurable(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from feeds.store.queries import StoryStates

    settings = load_settings(write(tmp_path,
                                   '[stories]\ndeveloping = "2h"\ndormant_after = "1d"\n'))
    states = StoryStates(settings.developing_seconds, settings.dormant_seconds)
    now = datetime(2025, 6, 1, 12, tzinfo=UTC)
    assert [states.state(now - timedelta(hours=h), now) for h in (1, 3, 30)] == [
        "developing", "active", "dormant"]
    assert StoryStates().state(now - timedelta(hours=30), now) == "active"
    with pytest.raises(ConfigError, match=r"stories\.dormant_after: expected seconds"):
        load_settings(write(tmp_path, '[stories]\ndormant_after = "soon"\n'))


def test_adaptive_polling_is_a_setting(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "[poll]\nadaptive = true\n")).adaptive is True
    assert load_settings(write(tmp_path, "")).adaptive is False
    with pytest.raises(ConfigError, match=r"poll\.adaptive: expected true or false, got 'yes'"):
        load_settings(write(tmp_path, '[poll]\nadaptive = "yes"\n'))
