"""What the dashboard remembers between runs: the followed stories.

Contract: `load_followed(path)` returns the story ids saved at `path` (an empty
list when the file is missing or unreadable: losing the list is not worth an
error); `save_followed(path, ids)` writes them atomically. The default file
lives in the user state dir (`followed_path()`); the app keeps state only when
given a path, so tests never touch the user's files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs


def followed_path() -> Path:
    """The user's followed-stories file."""
    return Path(platformdirs.user_state_dir("wirewatch")) / "followed.json"


def load_followed(path: Path) -> list[int]:
    """The saved story ids, in follow order."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    ids = value.get("followed", []) if isinstance(value, dict) else []
    return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)][:500]


def save_followed(path: Path, ids: list[int]) -> None:
    """Write the ids (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"followed": list(ids)}), encoding="utf-8")
    os.replace(temporary, path)
