"""The layout of `feeds` (issue 25): packages by job, nothing loose at the root.

Contract: the root of `feeds/` holds no module but `__init__.py` and `config.py` (the
shared data is the package `feeds.model`); every package directly under it states in its
`__init__` docstring what it holds and what it may import. The imports themselves are
held to those contracts by `.importlinter` (`lint-imports`).
"""

from __future__ import annotations

import ast
from pathlib import Path

FEEDS = Path(__file__).resolve().parent.parent / "feeds"
JOBS = ["extract", "ingest", "model", "read", "sources", "store", "stories"]
"""The packages of the regrouping; a new one needs only its docstring."""


def test_nothing_is_left_at_the_root_but_the_config_and_the_packages() -> None:
    modules = sorted(p.name for p in FEEDS.glob("*.py"))
    assert modules == ["__init__.py", "config.py"]
    assert set(JOBS) <= set(packages())


def test_every_package_states_what_it_may_import() -> None:
    for name in packages():
        doc = ast.get_docstring(ast.parse((FEEDS / name / "__init__.py").read_text()))
        assert doc is not None and "never" in doc.lower() and ".importlinter" in doc, name


def packages() -> list[str]:
    """The packages directly under feeds/."""
    return sorted(p.name for p in FEEDS.iterdir() if (p / "__init__.py").exists())
