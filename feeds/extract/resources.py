"""Access to the curated data files in `feeds/extract/data/`.

Contract: `load_json(name)` parses one data file once per process and returns
the cached object; callers must not mutate it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """The parsed content of data/<name> (cached)."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return json.loads(text)
