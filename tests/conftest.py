"""Shared fixtures: the repository paths and a temporary database URL."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite database file in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'wirewatch.db'}"


@pytest.fixture
def seed_config(tmp_path: Path) -> Path:
    """A config file that watches a copy-free reference to the shipped seeds folder."""
    path = tmp_path / "config.toml"
    path.write_text(f'[[sources]]\nkind = "folder"\nname = "Seeds"\npath = "{SEEDS}"\n'
                    'interval = 60\n', encoding="utf-8")
    return path
